"""The Qt side of Gradient Lab. pyqtgraph is imported here, before any view, so that it
skips creating every Qt class it never uses (gui/widgets/qt_mirrors.py), and after
PySide6's check of each imported module is made cheap (gui/widgets/pyside_feature_check.py:
pyqtgraph, PyOpenGL and sympy are ~850 modules)."""
from gui.widgets.pyside_feature_check import speed_up_pyside_feature_check
from gui.widgets.qt_mirrors import import_pyqtgraph

speed_up_pyside_feature_check()
import_pyqtgraph()
