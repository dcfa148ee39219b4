"""Builds the application, the view-model and the window (nothing else lives here)."""
from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication

from .none_refcount_guard import guard_none_refcount


def make_application(argv=None) -> QApplication:
    guard_none_refcount()   # PySide6 6.12.0 on Python < 3.12 would abort within seconds
    # Before the QApplication exists: GL views created later must share shaders
    # with earlier ones, or pyqtgraph's shader cache renders them black.
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication.instance() or QApplication(list(argv or sys.argv))
    app.setApplicationName("Gradient Lab")
    app.setOrganizationName("Gradient Lab")
    return app


def build_window(preset_name: str | None = None):
    """The view-model and the main window on the default (or a named) preset."""
    from .main_window import MainWindow
    from .presets import default_preset, find_preset
    from .view_model import ExplorerModel

    model = ExplorerModel()
    window = MainWindow(model)
    model.load_preset(find_preset(preset_name) if preset_name else default_preset())
    return model, window


def run(argv=None) -> int:
    app = make_application(argv)
    _model, window = build_window()
    window.resize(1400, 860)
    window.show()
    return app.exec()
