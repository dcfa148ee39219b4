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


# What a window imports the first time one is built (build_window and the tabs import
# them lazily, for the app's first paint): imported once before the freeze below.
WINDOW_MODULES = ("sympy", "ziamath", "pyqtgraph.opengl", "gui.app.main_window",
                  "gui.app.first_paint", "gui.plots.landscape_model", "gui.neuron.tab",
                  "gui.network.tab", "gui.compute.symbolic_process")


@pytest.fixture(scope="session", autouse=True)
def gui_thread_gc(qapp):
    """Cycles of Qt objects are freed in the GUI thread only, as in the app.

    Then what lives for the whole run (the modules a window imports, the collected tests)
    is frozen out of the cycle collector (gc.freeze), before any window exists: every
    full collection after it (each window test's, pyqtgraph's timer's) walks only what
    the tests made since, ~20 ms instead of ~110 ms with ~170,000 objects
    (tests/gui/app/test_presentation.py, one process). Nothing frozen is a window or a
    test's object; an import-time object that became garbage later would only stay in
    memory, which no assertion reads."""
    import importlib
    from gui.app.application import collect_garbage_in_gui_thread
    from gui.widgets.theme import use_start_look
    collect_garbage_in_gui_thread()
    use_start_look(qapp)        # as make_application does: windows look as in the app
    for name in WINDOW_MODULES:
        importlib.import_module(name)
    gc.collect()
    gc.freeze()
    yield
    _end_before_exit(qapp)


def _start_look(app):
    """The process's look as a fresh start has it: light, text size 1. The look is
    process-wide (application palette and font) and a window takes it as it finds it when
    built: a window built after a test that ended on larger text started so, and a shared
    window's fresh-start check then failed (seen under two workers)."""
    from PySide6.QtWidgets import QWidget
    from gui.widgets import theme
    if theme.current() != theme.LIGHT:
        theme.apply_theme(app, QWidget(), "light", 1.0)


@pytest.fixture(scope="module", autouse=True)
def start_look_per_module(qapp):
    """Every module starts in the start look, whatever the module before it left: the look
    is the process's, and one worker runs many modules in a row. The layout matrix ended
    on text size 2 (leaving presentation goes back to the last cell's size); the theme
    matrix's next window was built with an 18 pt font, which its plot texts then kept as
    their light@1 size (its fresh start's "k = 0" twice as large: 2.8 % of its pixels
    differed from a toggled light)."""
    _start_look(qapp)


def _end_before_exit(app):
    """What the app's close does, for whatever the tests left: stop the lab threads,
    close and delete the windows, then collect, all while the QApplication lives. Left
    to the interpreter's exit, Qt objects went in a random order and the process
    sometimes ended in a segmentation fault after every test had passed (exit code 139)."""
    from PySide6.QtCore import QEvent
    from shiboken6 import isValid
    from gui.compute.lab_jobs import LabJobs
    for widget in app.topLevelWidgets():
        if not isValid(widget):      # deleted with one closed before it (a 3-D view's GL window)
            continue
        if getattr(widget, "plotItem", True) is None:   # a pyqtgraph PlotWidget closed by
            continue                 # its test: closed again it raises (plotItem is None)
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
    from tests.gui.png_file import save_png
    SCREENSHOTS.mkdir(exist_ok=True)

    def save(widget, name):
        path = SCREENSHOTS / f"{name}.png"
        assert save_png(widget.grab(), path)        # (tests/gui/png_file.py: why not Qt's)
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
def window(request):
    """The whole explorer on its default example, shown and analysed: built for the test
    (`fresh_window`), or in a module marked `shared_window` the module's one window put
    back to a fresh start by File ▸ New and checked to be one (`reused_window`), unless
    the test is marked `own_window`. Building a window costs ~1.5–2.5 s a test."""
    if (request.node.get_closest_marker("shared_window")
            and not request.node.get_closest_marker("own_window")):
        return request.getfixturevalue("reused_window")
    return request.getfixturevalue("fresh_window")


@pytest.fixture
def fresh_window(shown, settings):
    """The whole explorer on its default example, shown and analysed, built for this test
    alone (`window`; under this name also where a module's `window` is a shared one)."""
    from PySide6.QtWidgets import QApplication
    from gui.app.application import build_window
    _start_look(QApplication.instance())
    model, win = build_window(settings=settings)
    shown(win, 1400, 860)
    # a minute, not the default 10 s: on a machine shared by several test runs the
    # first analysis (a helper process starting) took longer, and tests failed at setup
    assert model.wait_for_analysis(60000)
    yield win
    model.shutdown()
    gc.collect()          # earlier tests' windows go now, in this (the GUI) thread


# File ▸ New gives a fresh start's state but for the 3-D camera's distance and centre:
# the framing (gui/plots/surface_camera.py) fits them to the canvas at that moment, which
# differs between build time, a shown window and one whose other tabs were built (the
# centre by ~4e-5 since the framing centres the picture). They are the layout's, not
# something a case could leave behind (each case still compares the whole state, camera
# included, before and after its own refusal).
CAMERA_FRAMING = (("explorer", "views", "surface", "distance"),
                  ("explorer", "views", "surface", "center"))


def without_framing(state):
    """`state` without the 3-D camera's framing (CAMERA_FRAMING)."""
    for keys in CAMERA_FRAMING:
        state = _without(state, keys)
    return state


def _without(state, keys):
    """A copy of the nested dict `state` without the item at the path `keys`."""
    head, *rest = keys
    if not isinstance(state, dict) or head not in state:
        return state
    return {k: (_without(v, rest) if k == head and rest else v)
            for k, v in state.items() if not (k == head and not rest)}


def _differences(a, b, path=()):
    """The paths at which two nested dicts differ (for a readable assertion message)."""
    if isinstance(a, dict) and isinstance(b, dict):
        return [d for k in a.keys() | b.keys()
                for d in _differences(a.get(k), b.get(k), path + (k,))]
    return [] if a == b else [(path, a, b)]


def _build_the_curve_view(win):
    """The explorer builds its curve view the first time anything asks for it (a test
    reading window.curve_view too), and from then on its tangent and secant are part of
    the session state. A shared window builds it before its fresh state is taken, so a
    case that merely looked at it does not read as a change."""
    assert win.curve_view is not None


def _shell(win) -> dict:
    """What of the window a test may change beside the session and File ▸ New keeps:
    theme, text size, presentation, picture settings, window size, largest size and
    state; the splitters (which File ▸ New puts back: checked here as what a test can
    leave behind that no session holds); the undo history (File ▸ New starts a new one: nothing to undo or redo, even before its
    baseline is taken: tests/gui/app/test_file_new.py); and the ink: File ▸ New wipes the
    strokes but keeps the tool in hand (the overlay then takes the mouse from the views),
    the laser's fading trail and the "keep drawings on each scene" choice."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QSplitter
    from gui.widgets import theme
    c, applied = win.commands, theme.current()
    lc = win.lecture_commands
    history, ink = lc.undo_history, lc.ink
    return {"theme": c.theme, "scale": c.scale, "presenting": c.presenting,
            "ink": (ink.tool, ink.strokes(), len(ink._trail),
                    ink.testAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents),
                    lc.actions["keep_ink"].isChecked(), lc.lecture.keep_ink),
            "applied theme": (applied.name, applied.scale),
            "picture scale": c.picture_scale, "caption": c.exports.caption,
            "size": (win.width(), win.height()), "states": int(win.windowState().value),
            # an emulated screen (window.screen_limit) caps the window at its size
            "maximum size": win.maximumSize().toTuple(),
            "undo": (history.can_undo, history.can_redo),
            # folded panels (Ctrl+1/2/3, presenting) are no session's either
            "panels folded": [(name, panel) for name, page in win._built_tabs().items()
                              for panel, shown in page.panels_visible().items() if not shown],
            # File ▸ New puts the splitters back where the fresh window had them
            # (tests/gui/app/test_file_new.py): the Explorer's (built with the window)
            # by their sizes, a later built tab's against its first sizes on screen (if
            # first shown at this length: one first shown in a presentation's full-screen
            # window is put back in proportion, which cannot be compared exactly)
            # (the 1-D curve's splitter places itself whenever it is shown, unless the
            # user dragged its handle: that choice is what a case could leave behind)
            "explorer splitters": [getattr(s, "user_split", None) if hasattr(s, "reset_split")
                                   else s.sizes()
                                   for s in win.explorer.findChildren(QSplitter)],
            "splitters moved": [(name, i) for name, page in win._built_tabs().items()
                                if name != "explorer"
                                for i, s in enumerate(page.findChildren(QSplitter))
                                if _moved_since_first_shown(s)]}


def _moved_since_first_shown(splitter) -> bool:
    """Whether `splitter` is not at its first sizes on screen (gui/widgets/splitter_memory),
    when it has them and has the same length now."""
    from gui.widgets.splitter_memory import FIRST_SIZES
    first, now = splitter.property(FIRST_SIZES) or [], splitter.sizes()
    return bool(first) and sum(first) == sum(now) and first != now


def _build_shared_window(folder):
    """(model, window) built as `window` builds it (its own QSettings in `folder`, shown at
    1400×860, first analysis done), its curve view built (see _build_the_curve_view)."""
    from PySide6.QtCore import QSettings
    from PySide6.QtTest import QTest
    from gui.app.application import build_window
    from PySide6.QtWidgets import QApplication
    settings = QSettings(str(folder / "gradient-lab.ini"), QSettings.Format.IniFormat)
    _start_look(QApplication.instance())
    model, win = build_window(settings=settings)
    win.resize(1400, 860)
    win.show()
    assert QTest.qWaitForWindowExposed(win)
    assert model.wait_for_analysis(60000)
    _build_the_curve_view(win)
    return model, win


def _close_shared_window(app, model, win):
    model.shutdown()
    win.close()
    win.deleteLater()
    app.processEvents()
    gc.collect()


@pytest.fixture(scope="module")
def module_window(qapp, tmp_path_factory):
    """(window, fresh state): one main window for a module's tests that each need a fresh
    start only in what File ▸ New puts back (refused opens; modules marked shared_window),
    built as `window` builds it (own QSettings in a temporary folder, shown, first
    analysis done). Building a window costs ~2–3 s of set-up and ~0.4 s to close;
    a parametrized test of a dozen cases paid that a dozen times. Use it through
    `reused_window`, which puts it back to a fresh start before each test."""
    model, win = _build_shared_window(tmp_path_factory.mktemp("module-settings"))
    built = win.session.state()
    win.commands.new_session()
    assert model.wait_for_analysis(60000)
    fresh = win.session.state()
    assert without_framing(built) == without_framing(fresh)
    win.fresh_shell = _shell(win)
    yield win, without_framing(fresh)
    _close_shared_window(qapp, model, win)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Marks a test whose body failed (item.body_failed), for reused_window's tear-down."""
    report = (yield).get_result()
    if report.when == "call":
        item.body_failed = report.failed


def put_back_what_a_failed_case_held(win) -> None:
    """What a shared window's case puts back itself at its end, as a lecturer does (the
    ink tool down, the laser's trail gone, the keep-drawings choice as it was), put back
    for it when it failed half-way: otherwise every later case of the module errors at
    set-up on the leftover instead of running (CI: a failed highlighter case left
    'highlighter' in hand and the next two cases errored)."""
    lc = win.lecture_commands
    if lc.ink.tool is not None:
        lc.ink.set_tool(lc.ink.tool)         # the same tool again puts it down
    lc.ink.clear()
    lc.actions["keep_ink"].setChecked(win.fresh_shell["ink"][4])


@pytest.fixture
def reused_window(module_window, qtbot, request):
    """The module's window put back to a fresh start by the app's own means (File ▸ New,
    a fresh start's tab and focus) and checked to be one (shown again if an earlier case
    hid it): its session state equals the module's first File ▸ New's, no file, not
    modified. A case that left something behind fails here, not in a later case."""
    from PySide6.QtTest import QTest
    win, fresh = module_window
    if not win.isVisible():
        win.show()
        assert QTest.qWaitForWindowExposed(win)
    # File ▸ New keeps the tab and the focus (the lecturer's view, not the session's
    # content): put those back as the View menu does
    win.show_tab(fresh["view"]["tab"])
    win.set_focus_mode(fresh["view"]["focus"])
    win.commands.new_session()
    assert win.model.wait_for_analysis(60000)
    state = without_framing(win.session.state())
    assert state == fresh, _differences(state, fresh)
    assert win.session.path is None and not win.isWindowModified()
    shell = _shell(win)         # a case changed what File ▸ New keeps
    assert shell == win.fresh_shell, _differences(shell, win.fresh_shell)
    yield win
    # a case that passed yet left something behind still fails at the next set-up
    if getattr(request.node, "body_failed", False):
        put_back_what_a_failed_case_held(win)
    # hidden until the next case: the module's other tests see only their own window
    # (keyboard focus, screen grabs), as before
    win.hide()


@pytest.fixture(scope="module")
def module_fresh_window(qapp, tmp_path_factory):
    """(window, its state): one main window built as `window` builds it and never reset, for
    a module's tests that only look at a fresh start (`untouched_window`)."""
    model, win = _build_shared_window(tmp_path_factory.mktemp("fresh-settings"))
    win.fresh_shell = _shell(win)
    yield win, win.session.state()
    _close_shared_window(qapp, model, win)


@pytest.fixture
def untouched_window(module_fresh_window, qtbot):
    """The module's fresh window, for a test that only reads it: what `window` gives, built
    once. After the test its session state, file and tab must still be a fresh start's:
    a test that changed something fails here (then give it `window` or `reused_window`)."""
    from PySide6.QtTest import QTest
    win, fresh = module_fresh_window
    if not win.isVisible():
        win.show()
        assert QTest.qWaitForWindowExposed(win)
    yield win
    # hidden between tests, as reused_window's: other tests see only their own window
    win.hide()
    state = win.session.state()
    assert state == fresh, _differences(state, fresh)
    assert win.session.path is None and not win.isWindowModified()
    shell = _shell(win)
    assert shell == win.fresh_shell, _differences(shell, win.fresh_shell)
