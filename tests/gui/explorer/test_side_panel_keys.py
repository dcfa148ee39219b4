"""No focus trap in the Explorer's side panel: Enter or Escape in any number field gives
Space, → and R back to the window, and no key typed into a field blanks its value.

A lecturer typed 0.6 into the learning rate, pressed Enter, Escape, then Space: the box
went empty (Space replaced the selected "0.6") and Play did not start; Tab brought 0.6
back. Only the Neuron and Network tabs' fields handed the keys back."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox

from tests.gui.key_presses import press as _press, type_into as _type_into

pytestmark = [pytest.mark.shared_window, pytest.mark.xdist_group("side_panel_keys_shared")]


def _every_number_field(window):
    """Every spin box of the side panel, with the forms built that only show on demand
    (every method's settings, ticked; a selected run's own settings and own η) and the
    boxes enabled only when used (the noise's seed, the clipping norm)."""
    panel = window.explorer.descent_panel
    panel.noise_box.setValue(0.5)
    panel.clip_check.setChecked(True)
    for method in ("momentum", "adam", "rmsprop", "adagrad"):
        panel.set_method_checked(method, True)
    window.model.lab.select(window.model.settings.runs[1].key)    # momentum: its own form
    panel.runs_panel.own_lr_check.setChecked(True)
    fields = [box for box in panel.findChildren(QAbstractSpinBox) if box.isVisibleTo(panel) and box.isEnabled()]
    assert len(fields) == 21     # rate, 4 forms, the run's form and η, 4 more, start
    return fields


def _click_and_type(window, qtbot, box, text):
    """Into `box` as the user gets there: scrolled into sight, clicked, its text typed over."""
    window.explorer.descent_panel.settings_area.ensureWidgetVisible(box)
    _type_into(qtbot, window, box, text)


def test_space_after_enter_and_escape_in_the_learning_rate_plays(window, qtbot):
    m = window.model
    box = window.explorer.descent_panel.lr_control.box
    _type_into(qtbot, window, box, "0.6")
    _press(qtbot, window, Qt.Key.Key_Return)
    assert m.settings.lr == 0.6 and not box.hasFocus()
    _press(qtbot, window, Qt.Key.Key_Escape)
    _press(qtbot, window, Qt.Key.Key_Space)
    assert m.playing and box.text() == "0.6"
    _press(qtbot, window, Qt.Key.Key_Space)
    assert not m.playing
    _press(qtbot, window, Qt.Key.Key_R)
    _press(qtbot, window, Qt.Key.Key_Right)                 # a step, not the caret
    assert m.frame == 1 and box.text() == "0.6" and m.settings.lr == 0.6


def test_escape_in_the_learning_rate_puts_it_back_and_steps(window, qtbot):
    m = window.model
    box = window.explorer.descent_panel.lr_control.box
    lr, shown = m.settings.lr, box.text()
    _type_into(qtbot, window, box, "0.3")
    _press(qtbot, window, Qt.Key.Key_Escape)
    assert box.text() == shown and not box.hasFocus()
    _press(qtbot, window, Qt.Key.Key_Right)
    assert m.frame == 1 and m.settings.lr == lr and box.text() == shown


def test_enter_in_every_number_field_gives_the_keys_back(window, qtbot):
    held = [box for box in _every_number_field(window)
            if (_click_and_type(window, qtbot, box, box.text())
                or _press(qtbot, window, Qt.Key.Key_Return) or box.hasFocus())]
    assert [box.toolTip()[:40] for box in held] == []
    _press(qtbot, window, Qt.Key.Key_R)
    _press(qtbot, window, Qt.Key.Key_Right)
    assert window.model.frame == 1


def test_space_in_a_field_never_blanks_it(window, qtbot):
    for box in _every_number_field(window):
        shown = box.text()
        _click_and_type(window, qtbot, box, "")        # clicked in, its text selected
        _press(qtbot, window, Qt.Key.Key_Space)
        assert box.text() == shown, box.toolTip()[:40]


def test_escape_in_the_learning_rate_while_presenting_stays_presenting(window, qtbot):
    """Presenting, Esc in the box left presentation mode (the window's Esc) and the typed
    0.2 stayed in the box, applied at the next click elsewhere."""
    m = window.model
    box = window.explorer.descent_panel.lr_control.box
    lr, shown = m.settings.lr, box.text()
    window.commands.set_presentation(True)
    try:
        _type_into(qtbot, window, box, "0.2")
        # from the screen, as xdotool's: through the window first, then the focus
        qtbot.keyClick(window.windowHandle(), Qt.Key.Key_Escape)
        assert window.commands.presenting
        assert box.text() == shown and not box.hasFocus() and m.settings.lr == lr
    finally:
        window.commands.set_presentation(False)
