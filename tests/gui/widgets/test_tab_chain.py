"""Tab in reading order (gui/widgets/tab_chain.py) in a window of plain widgets: the
stops go by rows and panels whatever order the widgets were made in, and a field that
types Tab itself (the lecture scene's notes) keeps it."""
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QApplication, QGridLayout, QHBoxLayout, QLineEdit,
                               QPlainTextEdit, QPushButton, QWidget)

from gui.widgets.tab_chain import ReadingOrderTabs, tab_stops


class _Window(ReadingOrderTabs, QWidget):
    pass


def _window(shown):
    """Two panels side by side; the right one's buttons made before the left one's, the
    bottom row before the top row."""
    window, left, right = _Window(), QWidget(), QWidget()
    row = QHBoxLayout(window)
    row.addWidget(left)
    row.addWidget(right)
    made = {name: QPushButton(name) for name in ("R2", "R1", "L3", "L2", "L1")}
    made["notes"] = QPlainTextEdit()
    right_grid, left_grid = QGridLayout(right), QGridLayout(left)
    right_grid.addWidget(made["R1"], 0, 0)
    right_grid.addWidget(made["R2"], 1, 0)
    left_grid.addWidget(made["L1"], 0, 0)
    left_grid.addWidget(made["L2"], 0, 1)
    left_grid.addWidget(made["L3"], 1, 0)
    left_grid.addWidget(made["notes"], 1, 1)
    shown(window, 400, 200)
    return window, made


def test_tab_goes_by_rows_and_panels(qapp, shown, qtbot):
    window, made = _window(shown)
    expected = [made[n] for n in ("L1", "L2", "L3", "notes", "R1", "R2")]
    assert tab_stops(window) == expected
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    made["L1"].setFocus(Qt.FocusReason.TabFocusReason)
    reached = []
    for _ in range(3):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
    assert reached == expected[1:4]
    # the notes type Tab; Shift+Tab from R1 comes back to them
    qtbot.keyClick(made["notes"], Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is made["notes"] and "\t" in made["notes"].toPlainText()
    made["R1"].setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(made["R1"], Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is made["notes"]
    made["R2"].setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(made["R2"], Qt.Key.Key_Tab)                 # round to the first
    assert QApplication.focusWidget() is made["L1"]
    made["R2"].setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(made["R2"], Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is made["R2"]           # Ctrl+Tab is not ours
