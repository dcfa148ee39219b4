"""Builds the application, the view-model and the window (nothing else lives here)."""
from __future__ import annotations

import signal
import socket
import sys

from PySide6.QtCore import QCoreApplication, QSocketNotifier, Qt, QTimer
from PySide6.QtWidgets import QApplication

from gui.widgets.none_refcount_guard import guard_none_refcount


_collector = None

# How long a thread may hold the GIL while another waits for it (Python's default: 5 ms).
# The GUI thread takes the GIL back after every call into Qt (PySide releases it there),
# so while a worker thread ran Python (∇f compiled by sympy, a learning-rate sweep) each
# of a paint's many calls could wait up to the whole interval: the sweep's first paint
# took 98 ms for 17.5 ms of the GUI thread's CPU. The workers lose little: they are
# made to wait only while the GUI thread has work.
GIL_SWITCH_S = 0.001


def collect_garbage_in_gui_thread() -> None:
    """Run Python's cycle collector on a GUI-thread timer only (pyqtgraph's recipe).

    Otherwise it runs in whichever thread happens to allocate, e.g. the analysis
    worker; freeing Qt objects there deadlocks (~QObject in the worker waits for the
    GIL, held by the GUI thread that waits for Qt's lock) — seen in the test suite.
    """
    global _collector
    if _collector is None:
        from pyqtgraph.util.garbage_collector import GarbageCollector
        _collector = GarbageCollector(interval=1.0)


def make_application(argv=None) -> QApplication:
    sys.setswitchinterval(GIL_SWITCH_S)
    guard_none_refcount()   # PySide6 6.12.0 on Python < 3.12 would abort within seconds
    # Before the QApplication exists: GL views created later must share shaders
    # with earlier ones, or pyqtgraph's shader cache renders them black.
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication.instance() or QApplication(list(argv or sys.argv))
    app.setApplicationName("Gradient Lab")
    app.setOrganizationName("Gradient Lab")
    from gui.app.about import app_icon
    app.setWindowIcon(app_icon())
    from gui.widgets.theme import use_start_look
    use_start_look(app)          # a fresh start looks as the light theme applied does
    collect_garbage_in_gui_thread()
    quit_on_signals(app)
    return app


def quit_on_signals(app) -> None:
    """Ctrl+C in the terminal (SIGINT) and SIGTERM close the windows as File ▸ Quit
    does (the last session is saved, helper processes stop) and end the event loop.

    Python runs a signal handler only when the interpreter gets control, which Qt's
    event loop in C++ does not give it: the signal's byte on a socket (Python's wake-up
    fd) wakes the loop, whose notifier runs Python. (A timer a few times a second did
    that before: the quit came up to 0.2 s late, and an idle app woke 5 times a second.)
    """
    def on_signal(_signum, _frame):
        QTimer.singleShot(0, _close_and_quit)

    def _close_and_quit():
        app.closeAllWindows()
        app.quit()

    def drain(*_):
        try:
            while wake_read.recv(64):
                pass
        except BlockingIOError:
            pass

    if not hasattr(app, "_signal_wake"):       # once per application
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, on_signal)
        wake_read, wake_write = socket.socketpair()
        for end in (wake_read, wake_write):
            end.setblocking(False)
        signal.set_wakeup_fd(wake_write.fileno(), warn_on_full_buffer=False)
        notifier = QSocketNotifier(wake_read.fileno(), QSocketNotifier.Type.Read, app)
        notifier.activated.connect(drain)
        app._signal_wake = (wake_read, wake_write, notifier)


def build_window(preset_name: str | None = None, restore_last: bool = False,
                 settings=None, paint_first: bool = False):
    """The view-model and the main window on the default (or a named) preset.

    With `restore_last` the last session (saved when the window closed) is reopened,
    if the user has not turned that off; `settings` (a QSettings) defaults to the
    user's own, tests pass one in a temporary folder.

    With `paint_first` the preset (or the last session) is loaded only once the window
    has painted for the first time (gui.app.first_paint): loading parses the formula,
    which imports sympy (~0.5 s), and the lecturer should see the window before that.
    Until then the window shows what will load, its plots empty. The window must be
    shown for the load to happen.
    """
    from gui.app.main_window import MainWindow
    from gui.app.presets import default_preset, find_preset
    from gui.compute import symbolic_process
    from gui.plots.landscape_model import LandscapeModel

    # a plain start starts the symbolic helpers' fork server after the first paint
    with symbolic_process.prepare_later() as start_helpers:
        model = LandscapeModel()
    if not paint_first:
        start_helpers()
    # a plain start builds the 3-D view after the first paint, too (gui.explorer.tab)
    window = MainWindow(model, settings, defer_surface=paint_first)
    # an edit's formulas and critical points are asked of the helper processes once the
    # numeric views have painted: before, they shared the second core with X and GL
    from gui.compute.analysis_worker import AnalysisWorker
    from gui.widgets.paint_pass import AfterNextPaint
    model.findChild(AnalysisWorker).children_later = model.ask_helpers_later
    model.helpers_later = AfterNextPaint(window)
    # a typed f's map is painted first, the other views in the pass after (map_first)
    model.views_later = AfterNextPaint(window)
    preset = find_preset(preset_name) if preset_name else default_preset()

    def load():
        # one analysis: of the last session when it is restored (the preset first, so
        # that a session that fails rolls back to it), else of the preset
        with model.requests_held():
            model.load_preset(preset)
            window.session._set_clean(None)
            window.session._keep_last = False
            problem = window.session.restore_last() if restore_last else None
        if problem:
            window.statusBar().showMessage(problem, 15000)

    if not paint_first:
        load()
        return model, window
    from gui.app.first_paint import (ReadAhead, first_look, read_ahead, run_after_first_paint,
                                     show_first_look)
    look = first_look(window.session, preset, restore_last)
    show_first_look(window, look)
    # closed before the load (Ctrl+C at once): the empty model must not be saved over
    # the last session
    window.session._keep_last = True

    # the first formulas read without sympy (first_paint.ReadAhead), or, for a formula
    # engine.numeric_expression does not read, the thread parsing them with sympy
    ahead = []

    def load_after_paint():
        # blanked and loaded in one turn of the event loop, so no paint sees the gap; the
        # model's own text then reaches the editor as always (its history, Escape)
        window.editor.line_edit.setText("")
        # the formulas as parsed ahead: the load of the preset, and of the last session,
        # takes its text's instead of parsing and compiling it again
        model.parsed_ahead = ahead[0].all_parsed() if ahead and ahead[0] is not None else None
        # the first analysed surface painted before its descent paths are computed
        gl_view = window.surface_view.gl
        if gl_view is not None:
            from gui.plots.paths_after_paint import PathsAfterPaint
            model.paths_later = PathsAfterPaint(gl_view.canvas)
            # formulas read without sympy: it is imported (their exact Expression parsed)
            # after the view has painted them
            if ahead and isinstance(ahead[0], ReadAhead):
                model.findChild(AnalysisWorker).exact_later = PathsAfterPaint(gl_view.canvas)
        try:
            load()
        finally:
            model.parsed_ahead = None
    # After the first paint, in this order: the fork server (two more Pythons importing
    # sympy: started with the build, it slowed the build ~0.5 s on a busy 2-core
    # machine), the formulas read without sympy (a few ms; else the warm-up thread,
    # which started before the show took the GIL from the show and paint, ~0.1 s), then
    # the 3-D view, then the load. Read without sympy, the first analysed picture does
    # not wait for sympy's import (~0.3 s of CPU, which shares the GIL with the build):
    # the worker imports it after the 3-D view painted that picture.
    run_after_first_paint(window, start_helpers)
    run_after_first_paint(window, lambda: ahead.append(read_ahead(look["text"], preset["expr"])))
    run_after_first_paint(window, window.explorer.build_surface_view)
    run_after_first_paint(window, load_after_paint)
    return model, window
