"""File ▸ New gives what a fresh start shows: every view's state (the 1-D curve's
tangent point and secant too), and a new undo history with nothing to undo, not even
for a moment while what New started arrives."""
import numpy as np
from numpy.testing import assert_allclose
from PySide6.QtCore import Qt

from tests.gui.conftest import CAMERA_DISTANCE, _differences, _without

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
        after_new = _without(window.session.state(), CAMERA_DISTANCE)
        expected = _without(fresh.session.state(), CAMERA_DISTANCE)
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
