"""No focus trap on the Network tab: Enter in a field applies it and Escape puts it
back, and either gives Space, → and R back to the window (they typed into the box)."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.gui.neuron.test_keyboard import _press

pytestmark = [pytest.mark.shared_window, pytest.mark.xdist_group("network_keys_shared")]


def _focus(qtbot, window, field):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    edit = field if hasattr(field, "selectAll") and not hasattr(field, "lineEdit") \
        else field.lineEdit()
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(field.hasFocus, timeout=2000)
    edit.selectAll()
    return edit


def test_enter_in_the_learning_rate_applies_it_and_gives_the_keys_back(window, qtbot):
    window.show_tab("network")
    tab = window.network
    qtbot.waitUntil(tab.isVisible, timeout=2000)
    qtbot.keyClicks(_focus(qtbot, window, tab.lr), "0.25")
    _press(qtbot, window, Qt.Key.Key_Return)
    assert tab.model.get_state()["lr"] == 0.25 and not tab.lr.hasFocus()
    _press(qtbot, window, Qt.Key.Key_Right)              # one training step
    assert tab.model.get_state()["step"] == 1
    assert tab.lr.text() == "0.250"


def test_escape_in_the_layer_sizes_puts_them_back_and_gives_the_keys_back(window, qtbot):
    window.show_tab("network")
    tab = window.network
    qtbot.waitUntil(tab.isVisible, timeout=2000)
    shown, sizes = tab.sizes_edit.text(), tab.model.sizes
    qtbot.keyClicks(_focus(qtbot, window, tab.sizes_edit), "2-9")
    _press(qtbot, window, Qt.Key.Key_Escape)
    assert tab.sizes_edit.text() == shown and not tab.sizes_edit.hasFocus()
    assert tab.model.sizes == sizes
    _press(qtbot, window, Qt.Key.Key_Space)               # plays
    assert tab.model.playing
    _press(qtbot, window, Qt.Key.Key_Space)
    assert not tab.model.playing and tab.sizes_edit.text() == shown


def test_a_refused_layer_list_keeps_the_keyboard_and_says_what_is_missing(window, qtbot):
    """'2-4-' and Enter: the message names the missing size after the last '-' (it said
    the last layer must have 1 unit), and the field keeps the keyboard, so the keys typed
    to correct it go into it (they switched tabs and zoomed)."""
    window.show_tab("network")
    tab = window.network
    qtbot.waitUntil(tab.isVisible, timeout=2000)
    qtbot.keyClicks(_focus(qtbot, window, tab.sizes_edit), "2-4-")
    _press(qtbot, window, Qt.Key.Key_Return)
    assert "missing after the last '-'" in tab.sizes_error.text()
    assert tab.sizes_edit.hasFocus()
    for key in (Qt.Key.Key_1, Qt.Key.Key_Minus):          # "view 1" and "zoom out" keys
        _press(qtbot, window, key)
    _press(qtbot, window, Qt.Key.Key_Backspace)
    _press(qtbot, window, Qt.Key.Key_Backspace)
    qtbot.keyClicks(QApplication.focusWidget(), "8-8-1")
    assert window.current_tab == "network" and tab.sizes_edit.text() == "2-4-8-8-1"
    _press(qtbot, window, Qt.Key.Key_Return)
    assert tab.model.sizes == (2, 4, 8, 8, 1) and tab.sizes_error.text() == ""
    assert not tab.sizes_edit.hasFocus()
