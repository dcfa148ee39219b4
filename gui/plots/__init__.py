"""Reusable plots. Importing any of them first makes every axis show plain numbers."""
from gui.plots import axis_numbers as _axis_numbers  # noqa: F401 - no SI-prefix rescaling
