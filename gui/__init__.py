"""The Qt side of Gradient Lab. pyqtgraph is imported here, before any view, so that it
skips creating every Qt class it never uses (gui/widgets/qt_mirrors.py), and after
PySide6's check of each imported module is made cheap (gui/widgets/pyside_feature_check.py:
pyqtgraph, PyOpenGL and sympy are ~850 modules).

A process that shows nothing — the symbolic helpers' fork server and its children
(gui.compute.symbolic_process), which import only gui.compute's pure-Python jobs — is
started with NO_QT_ENV set and imports neither: ~0.4 s of CPU (numpy, PySide6,
pyqtgraph) at normal priority, before the server lowers its own, while the app's
window is being set up on the other core."""
import os

NO_QT_ENV = "GRADIENT_LAB_NO_QT"


def load_qt() -> None:
    """PySide6's cheap module check, then pyqtgraph with its lazy mirrors; idempotent.
    Run when gui is imported, unless NO_QT_ENV is set: main.py sets it for that import,
    so that --help and a refused command line answer with no Qt at all (~0.5 s of CPU
    less), and calls this once the command line is accepted (gui/app/cli.py); gui.plots
    calls it too before its first pyqtgraph import."""
    from gui.widgets.pyside_feature_check import speed_up_pyside_feature_check
    from gui.widgets.qt_mirrors import import_pyqtgraph

    speed_up_pyside_feature_check()
    import_pyqtgraph()


if not os.environ.get(NO_QT_ENV):
    load_qt()
