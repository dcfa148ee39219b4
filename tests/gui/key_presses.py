"""Keys as a user presses them in a real window: to whatever has the keyboard."""
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


def press(qtbot, window, key):
    """A key as the user presses it: to whatever has the keyboard."""
    qtbot.keyClick(QApplication.focusWidget() or window, key)


def type_into(qtbot, window, box, text):
    """Click into the spin box `box` of the active window, select its text, type `text`."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    qtbot.mouseClick(box.lineEdit(), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(box.hasFocus, timeout=2000)
    box.lineEdit().selectAll()
    qtbot.keyClicks(box.lineEdit(), text)
