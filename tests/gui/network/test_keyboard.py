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
