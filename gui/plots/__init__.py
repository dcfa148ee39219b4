"""Reusable plots. Importing any of them first makes every axis show plain numbers."""
from gui import load_qt

load_qt()      # pyqtgraph with its mirrors, also where main.py put Qt off (gui/__init__.py)

from gui.plots import axis_numbers as _axis_numbers  # noqa: E402,F401 - no SI-prefix rescaling
