"""SteadyLabel: text that changes every frame repaints the label, not the window's layout."""
import numpy as np
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QVBoxLayout, QWidget

from gui.widgets.steady_label import SteadyLabel


class _LayoutRequests(QObject):
    def __init__(self, widget):
        super().__init__()
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.LayoutRequest:
            self.count += 1
        return False


def _panel(shown, label, width=220):
    panel = QWidget()
    column = QVBoxLayout(panel)
    column.addWidget(label)
    column.addStretch(1)          # the label as tall as it asks, no taller
    shown(panel, width, 120)
    return panel


def test_same_room_text_asks_no_layout(shown, qtbot):
    label = SteadyLabel("step 10 / 80")
    panel = _panel(shown, label)
    requests = _LayoutRequests(panel)
    qtbot.wait(20)
    requests.count = 0
    for k in range(11, 30):
        label.setText(f"step {k} / 80")
        qtbot.wait(1)
    assert requests.count == 0 and label.text() == "step 29 / 80"
    label.setText("step 10000 / 80000")           # wider: one new layout
    qtbot.wait(5)
    assert requests.count == 1
    label.setText("step 1 / 8")                   # narrower: the width it had stays
    qtbot.wait(5)
    assert requests.count == 1 and panel.isVisible()


def test_wrapped_text_asks_a_layout_when_its_lines_change(shown, qtbot):
    label = SteadyLabel("gd: running (step 3)", word_wrap=True)
    panel = _panel(shown, label, width=160)
    requests = _LayoutRequests(panel)
    qtbot.wait(20)
    requests.count, one_line = 0, label.height()
    for k in range(4, 10):
        label.setText(f"gd: running (step {k})")
        qtbot.wait(1)
    assert requests.count == 0
    label.setText("gradient descent: converged at step 57, |∇f| below the tolerance")
    qtbot.waitUntil(lambda: label.height() > 1.5 * one_line, timeout=1000)
    assert requests.count >= 1 and panel.isVisible()


def test_paints_its_text_in_the_style_sheets_colour(shown, qtbot):
    label = SteadyLabel("step 12 / 80")
    label.setStyleSheet("color: #ff0000; font-size: 20pt;")
    panel = _panel(shown, label)
    qtbot.wait(20)
    image = label.grab().toImage()
    image = image.convertToFormat(image.Format.Format_RGB32)
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), -1, 4)
    b, g, r = (rows[..., k].astype(int) for k in range(3))
    assert np.sum((r > 200) & (g < 80) & (b < 80)) > 30     # red text drawn
    assert label.font().pointSizeF() == 20 and panel.isVisible()
