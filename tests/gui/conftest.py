"""GUI tests run in a real window (xcb on Xvfb: real OpenGL through Mesa)."""
import gc
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt

from gui.widgets.none_refcount_guard import guard_none_refcount

guard_none_refcount()   # before any Qt call can drop a reference to None (PySide6 6.12.0)
# Must precede the QApplication that pytest-qt creates (see HEADLESS.md, pitfall 2).
QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)

SCREENSHOTS = Path(__file__).resolve().parent.parent / "screenshots"


@pytest.fixture(scope="session", autouse=True)
def gui_thread_gc(qapp):
    """Cycles of Qt objects are freed in the GUI thread only, as in the app."""
    from gui.app.application import collect_garbage_in_gui_thread
    collect_garbage_in_gui_thread()
    yield
    _end_before_exit(qapp)


def _end_before_exit(app):
    """What the app's close does, for whatever the tests left: stop the lab threads,
    close and delete the windows, then collect, all while the QApplication lives. Left
    to the interpreter's exit, Qt objects went in a random order and the process
    sometimes ended in a segmentation fault after every test had passed (exit code 139)."""
    from PySide6.QtCore import QEvent
    from gui.compute.lab_jobs import LabJobs
    for widget in app.topLevelWidgets():
        for jobs in widget.findChildren(LabJobs):
            jobs.shutdown(1.0)
        widget.close()
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()
    gc.collect()


@pytest.fixture
def shown(qtbot):
    """shown(widget, width, height): the widget on screen at that size, closed after the test."""
    def show(widget, width, height):
        qtbot.addWidget(widget)
        widget.resize(width, height)
        widget.show()
        qtbot.waitExposed(widget)
        return widget
    return show


@pytest.fixture
def screenshot():
    """screenshot(widget, name): save widget.grab() to tests/screenshots/name.png."""
    SCREENSHOTS.mkdir(exist_ok=True)

    def save(widget, name):
        path = SCREENSHOTS / f"{name}.png"
        assert widget.grab().save(str(path))
        return path
    return save


@pytest.fixture
def model(qtbot):
    from gui.plots.landscape_model import LandscapeModel
    m = LandscapeModel()
    yield m
    m.shutdown()


@pytest.fixture
def settings(tmp_path):
    """QSettings in a temporary folder: tests never read or write the user's own."""
    from PySide6.QtCore import QSettings
    return QSettings(str(tmp_path / "settings" / "gradient-lab.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(shown, settings):
    """The whole explorer on its default example, shown and analysed."""
    from gui.app.application import build_window
    model, win = build_window(settings=settings)
    shown(win, 1400, 860)
    # a minute, not the default 10 s: on a machine shared by several test runs the
    # first analysis (a helper process starting) took longer, and tests failed at setup
    assert model.wait_for_analysis(60000)
    yield win
    model.shutdown()
    gc.collect()          # earlier tests' windows go now, in this (the GUI) thread
