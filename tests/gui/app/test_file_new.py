"""File ▸ New gives what a fresh start shows: every view's state (the 1-D curve's
tangent point and secant too), and a new undo history with nothing to undo, not even
for a moment while what New started arrives."""
import numpy as np
from numpy.testing import assert_allclose
from PySide6.QtCore import Qt

from tests.gui.conftest import _differences, without_framing

ONE_D = "x^3 - 3x"


def _analysed(window, qtbot):
    assert window.model.wait_for_analysis(60000)
    history = window.lecture_commands.undo_history
    qtbot.waitUntil(lambda: not history._timer.isActive(), timeout=5000)


def _type(window, qtbot, text):
    editor = window.editor.line_edit
    editor.setFocus()
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.model.text == text, timeout=5000)
    _analysed(window, qtbot)


def _tangent_drawn(window):
    """(xs, ys) of the tangent line the curve view draws, and where its handle is."""
    view = window.curve_view
    xs, ys = view.tangent_item.getData()
    return np.concatenate([xs, ys, [view.handle.pos().x(), view.handle.pos().y()]])


def test_new_puts_every_view_back_as_a_fresh_start(window, qtbot, shown, settings):
    """A tangent moved to 0.77 and a wide secant on a 1-D f, a log-scale loss plot and the
    3-D tangent plane, then File ▸ New: the session state (views included) is a freshly
    built window's, and the same 1-D f typed into both draws the same tangent."""
    from gui.app.application import build_window
    _analysed(window, qtbot)
    _type(window, qtbot, ONE_D)
    curve = window.curve_view
    curve.set_point(0.77)
    curve.panel.set_h(0.9)
    _type(window, qtbot, "x^2 + 3y^2")
    window.explorer.loss_plot.log_check.setChecked(True)
    window.surface_view.plane_toggle.setChecked(True)
    window.commands.new_session()
    _analysed(window, qtbot)

    model, fresh = build_window(settings=settings)
    shown(fresh, window.width(), window.height())
    assert model.wait_for_analysis(60000)
    assert fresh.curve_view is not None              # built, as the used window's is
    try:
        after_new = without_framing(window.session.state())
        expected = without_framing(fresh.session.state())
        views_after_new, views_expected = after_new["explorer"]["views"], expected["explorer"]["views"]
        assert views_after_new == views_expected, _differences(views_after_new, views_expected)
        assert after_new == expected, _differences(after_new, expected)
        for win in (window, fresh):
            _type(win, qtbot, ONE_D)
        assert window.curve_view.x == fresh.curve_view.x != 0.77
        assert window.curve_view.panel.h == fresh.curve_view.panel.h != 0.9
        assert_allclose(_tangent_drawn(window), _tangent_drawn(fresh))
    finally:
        model.shutdown()


def test_undo_stays_unavailable_after_new_while_its_answers_arrive(window, qtbot):
    """New starts a new history. Its own analysis (and the typeset formulas) arrive
    after it; none of that is an edit: Undo is never enabled, and Ctrl+Z changes
    nothing. (The history's baseline is taken after a debounce; while it waited, the
    Undo action was enabled: at high load that lasted until after the answers.)"""
    _analysed(window, qtbot)
    _type(window, qtbot, "x^2 + 3y^2")
    undo = window.lecture_commands.actions["undo"]
    assert undo.isEnabled()
    history = window.lecture_commands.undo_history
    offered = []
    history.availabilityChanged.connect(lambda can_undo, _redo: offered.append(can_undo))
    window.commands.new_session()
    assert not undo.isEnabled()                       # at once, before any answer
    fresh_text = window.model.text
    # the answers of New's analysis come now, later than the debounce at high load
    assert window.model.wait_for_analysis(60000)
    assert not undo.isEnabled()
    qtbot.waitUntil(lambda: not history._timer.isActive(), timeout=5000)
    qtbot.wait(100)
    assert not undo.isEnabled() and not history.can_undo
    assert offered and not any(offered)
    assert not history.undo()
    assert window.model.text == fresh_text


def _drag_handle(qtbot, splitter, index, by):
    """Drag the splitter's handle `index` by `by` px with the mouse, as a user does."""
    from PySide6.QtCore import QPoint
    from PySide6.QtTest import QTest
    handle = splitter.handle(index)
    start = handle.rect().center()
    horizontal = splitter.orientation() == Qt.Orientation.Horizontal
    end = start + (QPoint(by, 0) if horizontal else QPoint(0, by))
    QTest.mousePress(handle, Qt.MouseButton.LeftButton, pos=start)
    QTest.mouseMove(handle, end)
    QTest.mouseRelease(handle, Qt.MouseButton.LeftButton, pos=end)


def _views_geometry(tab, views):
    """{name: (x, y, width, height)} of each view in `views`, in the tab's coordinates."""
    return {name: (*view.mapTo(tab, view.rect().topLeft()).toTuple(), *view.size().toTuple())
            for name, view in views.items()}


def test_new_puts_dragged_splitters_back_where_a_fresh_window_has_them(window, qtbot):
    """Every handle of the Explorer's, the Neuron's and the Network's splitters dragged,
    then File ▸ New: each view has the place and size it had in the fresh window (a
    user's start over; before, the dragged handles stayed where they were)."""
    from PySide6.QtWidgets import QSplitter
    _analysed(window, qtbot)
    ex = window.explorer
    tabs = {"explorer": {"contour": ex.contour_view, "surface": ex.surface_view,
                         "loss": ex.loss_plot, "lab": ex.lab_panel,
                         "descent": ex.descent_panel}}
    fresh = {"explorer": _views_geometry(ex, tabs["explorer"])}
    for name in ("neuron", "network"):
        window.show_tab(name)
        page = getattr(window, name)
        qtbot.waitExposed(page)
        qtbot.wait(50)         # the splitters' first sizes are read a turn after the show
        # the views the splitters hold: each splitter's parts
        tabs[name] = {f"{i}.{j}": splitter.widget(j)
                      for i, splitter in enumerate(page.findChildren(QSplitter))
                      for j in range(splitter.count()) if splitter.widget(j).isVisible()}
        fresh[name] = _views_geometry(page, tabs[name])
    for name, views in tabs.items():
        window.show_tab(name)
        page = window.explorer if name == "explorer" else getattr(window, name)
        splitters = [s for s in page.findChildren(QSplitter) if s.isVisible()]
        assert len(splitters) >= 2
        for splitter in splitters:
            for index in range(1, splitter.count()):
                _drag_handle(qtbot, splitter, index, -40)
        qtbot.wait(50)
        moved = _views_geometry(page, views)
        assert moved != fresh[name], name               # the drags moved views
    window.show_tab("explorer")
    window.commands.new_session()
    _analysed(window, qtbot)
    for name, views in tabs.items():
        window.show_tab(name)
        page = window.explorer if name == "explorer" else getattr(window, name)
        qtbot.wait(50)
        assert _views_geometry(page, views) == fresh[name], name


def test_new_at_larger_text_then_normal_text_lays_out_as_a_fresh_window(window, qtbot):
    """Handles dragged, Ctrl++, File ▸ New, Ctrl+−: every Explorer view (the side panel
    too) where the fresh window has it at text size 1 (before, the larger text's sizes
    put back were scaled: the side panel stayed 18 px wider until a second New)."""
    from PySide6.QtWidgets import QSplitter
    _analysed(window, qtbot)
    ex = window.explorer
    views = {"contour": ex.contour_view, "surface": ex.surface_view, "loss": ex.loss_plot,
             "lab": ex.lab_panel, "descent": ex.descent_panel}
    fresh = _views_geometry(ex, views)
    for splitter in ex.findChildren(QSplitter):
        if splitter.isVisible():
            for index in range(1, splitter.count()):
                _drag_handle(qtbot, splitter, index, -40)
    qtbot.wait(50)
    assert _views_geometry(ex, views)["descent"] != fresh["descent"]    # the drags moved it
    commands = window.commands
    commands.actions["larger"].trigger()
    qtbot.wait(50)
    commands.new_session()
    _analysed(window, qtbot)
    commands.actions["smaller"].trigger()
    assert commands.scale == 1.0
    qtbot.waitUntil(lambda: _views_geometry(ex, views) == fresh, timeout=3000)
    qtbot.wait(100)                         # and it stays there
    assert _views_geometry(ex, views) == fresh
