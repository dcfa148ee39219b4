"""Keyboard control of a lecture: the keys act on the tab that is showing."""
import pytest
from PySide6.QtCore import Qt


# One window for the module, put back by File ▸ New before each test (fixture `window`):
# frame, playing, tab, view focus and the editor's text are session state. own_window:
# the shortcut sheet stays open.
pytestmark = [pytest.mark.shared_window, pytest.mark.xdist_group("keyboard_shared")]


def _key(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier):
    """A key pressed with the window active and the focus on its tab bar (not in a field)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    window.tabs.tabBar().setFocus()
    qtbot.keyClick(window.tabs.tabBar(), key, modifier)


def test_space_right_left_and_r_drive_the_explorer(window, qtbot):
    m = window.model
    _key(qtbot, window, Qt.Key.Key_Right)
    _key(qtbot, window, Qt.Key.Key_Right)
    assert m.frame == 2
    _key(qtbot, window, Qt.Key.Key_Left)
    assert m.frame == 1
    _key(qtbot, window, Qt.Key.Key_Space)
    assert m.playing
    qtbot.waitUntil(lambda: m.frame >= 3, timeout=3000)
    _key(qtbot, window, Qt.Key.Key_Space)
    assert not m.playing
    _key(qtbot, window, Qt.Key.Key_R)
    assert m.frame == 0


def test_keys_act_on_the_tab_that_is_showing(window, qtbot):
    _key(qtbot, window, Qt.Key.Key_2)
    assert window.current_tab == "neuron"
    stage = window.neuron.model.stage
    _key(qtbot, window, Qt.Key.Key_Right)
    assert window.model.frame == 0                       # the explorer did not move
    assert window.neuron.model.stage == stage + 1
    _key(qtbot, window, Qt.Key.Key_Left)
    assert window.neuron.model.stage == stage
    _key(qtbot, window, Qt.Key.Key_Space)
    assert window.neuron.model.playing and not window.model.playing
    _key(qtbot, window, Qt.Key.Key_Space)

    _key(qtbot, window, Qt.Key.Key_3)
    assert window.current_tab == "network"
    step = window.network.model.get_state()["step"]
    _key(qtbot, window, Qt.Key.Key_Right)
    assert window.network.model.get_state()["step"] > step
    _key(qtbot, window, Qt.Key.Key_R)
    assert window.network.model.get_state()["step"] == 0
    _key(qtbot, window, Qt.Key.Key_1)
    assert window.current_tab == "explorer"


def test_key_4_cycles_the_explorer_views(window, qtbot):
    _key(qtbot, window, Qt.Key.Key_4)
    assert window.focus_mode == "contour" and window.surface_view.isHidden()
    _key(qtbot, window, Qt.Key.Key_4)
    assert window.focus_mode == "surface" and window.contour_view.isHidden()
    _key(qtbot, window, Qt.Key.Key_4)
    assert window.focus_mode == "both"
    assert window.contour_view.isVisible() and window.surface_view.isVisible()


def test_typing_in_the_editor_is_not_taken_by_the_single_keys(window, qtbot):
    _key(qtbot, window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    line = window.editor.line_edit
    assert line.hasFocus() and line.selectedText() == line.text()
    qtbot.keyClicks(line, "x^2 + 4 - r*1 ")       # 4, r, space, 1, - and + are text here
    assert line.text() == "x^2 + 4 - r*1 "
    assert window.current_tab == "explorer" and window.focus_mode == "both"
    assert window.model.frame == 0 and not window.model.playing


def test_plus_and_minus_zoom_the_window_about_its_centre(window, qtbot):
    (x0, x1), (y0, y1) = window.model.window
    _key(qtbot, window, Qt.Key.Key_Plus)
    (a0, a1), (b0, b1) = window.model.window
    assert (a1 - a0) == pytest.approx((x1 - x0) / 1.25)
    assert (a0 + a1) / 2 == pytest.approx((x0 + x1) / 2)
    _key(qtbot, window, Qt.Key.Key_Minus)
    assert window.model.window[0] == pytest.approx((x0, x1))


@pytest.mark.own_window
def test_shortcut_sheet_lists_every_window_key(window, qtbot):
    """Every lecture key the window binds is on the F1 sheet (and F1 opens it)."""
    from PySide6.QtGui import QKeySequence

    from gui.app.about import ShortcutSheet, shortcut_rows

    sheet = " ".join(k for k, _ in shortcut_rows(window.commands.actions))
    human = {"Right": "→", "Left": "←", "-": "−"}
    for name in ("play", "step", "back", "reset", "view1", "view2", "view3", "view4",
                 "editor", "zoom_in", "zoom_out", "present", "dark", "larger", "smaller",
                 "normal", "shortcuts", "show_top", "show_side", "show_below", "examples"):
        key = window.commands.actions[name].shortcut().toString(
            QKeySequence.SequenceFormat.PortableText)
        for plain, shown in human.items():
            key = key.replace(plain, shown)
        assert key in sheet, (name, key)
    _key(qtbot, window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: any(w.isVisible() for w in window.findChildren(ShortcutSheet)))


def test_a_focused_slider_moves_on_its_arrow_keys(window, qtbot):
    """The secant's h slider clicked, then →: h moves and the descent stays (→ stepped
    the descent; only End reached the slider)."""
    from PySide6.QtWidgets import QApplication
    window.model.set_text("x^3 - 3x")
    assert window.model.wait_for_analysis(60000)
    qtbot.waitUntil(lambda: window.curve_view is not None
                    and window.curve_view.panel.h_slider.isVisible(), timeout=5000)
    slider = window.curve_view.panel.h_slider
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    slider.setFocus()
    qtbot.waitUntil(slider.hasFocus, timeout=2000)
    frame, value = window.model.frame, slider.value()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right)
    assert slider.value() == value + slider.singleStep() and window.model.frame == frame
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Left)
    assert slider.value() == value and window.model.frame == frame


def test_the_h_slider_crosses_its_decades_in_six_keys(window, qtbot):
    """↓ / ↑ on the focused h slider take h a factor of 10 down / up, ← → a tenth of a
    decade (all were a 100th: 1 to 10⁻⁶ was 600 presses; PgDn/PgUp are the clicker's)."""
    from PySide6.QtWidgets import QApplication
    window.model.set_text("x^3 - 3x")
    assert window.model.wait_for_analysis(60000)
    qtbot.waitUntil(lambda: window.curve_view is not None
                    and window.curve_view.panel.h_slider.isVisible(), timeout=5000)
    panel = window.curve_view.panel
    panel.set_h(1.0)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    panel.h_slider.setFocus()
    qtbot.waitUntil(panel.h_slider.hasFocus, timeout=2000)
    shown = []
    for key in [Qt.Key.Key_Down] * 6 + [Qt.Key.Key_Up, Qt.Key.Key_Left]:
        qtbot.keyClick(QApplication.focusWidget(), key)
        shown.append(panel.h_label.text())
    assert shown == ["h = 0.1", "h = 0.01", "h = 0.001", "h = 0.0001", "h = 1e−5",
                     "h = 1e−6", "h = 1e−5", "h = 1.26e−5"]


def test_x_types_the_tangent_points_x_and_shift_arrows_step_on(window, qtbot):
    """The seed's Exercise 1 by keyboard alone: X, −2, Enter puts the point at x = −2 on
    x³ (f′ = 12); the keyboard is then on f's plot, so Shift+→ steps on from there.
    In the formula field X is a letter (x^3 + x), not the key."""
    from gui.plots.resolution import next_round
    from tests.gui.key_presses import press
    window.model.set_text("x^3")
    assert window.model.wait_for_analysis(60000)
    curve = window.curve_view
    qtbot.waitUntil(lambda: curve.isVisible() and curve.x is not None, timeout=5000)
    _key(qtbot, window, Qt.Key.Key_X)
    field = curve.typed_point.entry.field
    qtbot.waitUntil(field.hasFocus, timeout=2000)
    qtbot.keyClicks(field, "-2")                  # over the selected x: replaces it
    press(qtbot, window, Qt.Key.Key_Return)
    assert curve.x == -2.0 and curve.panel.values["df"] == 12.0
    assert curve.canvas.hasFocus()
    lo, hi = curve.x_range()
    press(qtbot, window, Qt.Key.Key_Right)        # the window's →: the descent, as ever
    assert window.model.frame == 1 and curve.x == -2.0
    qtbot.keyClick(curve.canvas, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert curve.x == next_round(-2.0, hi - lo, 1)

    _key(qtbot, window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    line = window.editor.line_edit
    line.end(False)
    qtbot.keyClicks(line, " + x")
    assert line.text() == "x^3 + x" and not curve.typed_point.entry.isVisible()
