"""The Qt side of Gradient Lab. pyqtgraph is imported here, before any view, so that it
skips creating every Qt class it never uses (gui/widgets/qt_mirrors.py)."""
from gui.widgets.qt_mirrors import import_pyqtgraph

import_pyqtgraph()
