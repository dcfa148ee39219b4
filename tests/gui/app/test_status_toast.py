"""The status line floats (gui/app/status_toast.py): a message — an export written, a
file opened, a notice — shows in the empty strip right of the tabs (over the bottom-left
corner it hid the map's x-axis numbers in presentation mode) and takes no room from the
views (QMainWindow's own status bar, made on the first message, took ~22 px
from every view and framed the map again); it goes when its time is up, a menu entry's
status tip shows while the pointer is on it, and the dark theme shows it dark."""
import numpy as np
import pytest
from PySide6.QtCore import QEvent
from PySide6.QtGui import QStatusTipEvent
from PySide6.QtWidgets import QApplication, QStatusBar

from gui.widgets.theme import luminance

# one window for the module (File ▸ New before each test); the group keeps the tests on
# one worker, which builds it once (without it both workers built one: issue 15)
pytestmark = [pytest.mark.shared_window, pytest.mark.xdist_group("status_toast_shared")]


def _pixels(widget) -> np.ndarray:
    image = widget.grab().toImage().convertToFormat(widget.grab().toImage().Format.Format_RGB32)
    return np.frombuffer(image.constBits(), np.uint8).reshape(
        image.height(), image.bytesPerLine())[:, :image.width() * 4].copy()


def test_a_message_floats_over_the_window_and_leaves_the_views_their_room(window, qtbot):
    qtbot.waitUntil(lambda: not window.statusBar().isVisible(), timeout=15000)
    map_size = window.contour_view.canvas.viewport().size()
    view_range = window.contour_view.plot.vb.viewRange()
    table = window.iterate_table.view.viewport().size()
    plain = _pixels(window)
    text = "Wrote /tmp/a/folder/with/a/long/name/picture-of-the-views.png"
    window.statusBar().showMessage(text, 2000)     # (the checks below take well under 2 s)
    QApplication.processEvents()
    toast = window.statusBar()
    assert toast.currentMessage() == text and toast.isVisible()
    assert window.findChildren(QStatusBar) == []         # no bar: nothing was laid out again
    assert window.contour_view.canvas.viewport().size() == map_size
    assert window.iterate_table.view.viewport().size() == table
    assert window.contour_view.plot.vb.viewRange() == view_range
    # on screen, whole, on one line, in the tabs' row right of the last tab
    box = toast.geometry()
    bar = window.tabs.tabBar()
    row = bar.geometry().translated(bar.parentWidget().mapTo(window, bar.pos()) - bar.pos())
    last_tab = bar.mapTo(window, bar.tabRect(bar.count() - 1).topRight()).x()
    assert window.rect().contains(box) and box.left() > last_tab
    assert window.width() - box.right() < 20
    assert abs(box.center().y() - row.center().y()) <= 2
    assert box.width() >= toast.fontMetrics().horizontalAdvance(text)
    assert box.height() < 2 * toast.fontMetrics().height() + 12
    shown = _pixels(window)
    changed = np.argwhere(np.any(shown.reshape(shown.shape[0], -1, 4) != plain.reshape(
        plain.shape[0], -1, 4), axis=2))
    assert changed.size                                       # only its own pixels changed
    assert box.top() - 1 <= changed[:, 0].min() and changed[:, 0].max() <= box.bottom() + 1
    assert box.left() - 1 <= changed[:, 1].min() and changed[:, 1].max() <= box.right() + 1
    # its time up, it goes and the window is as before
    qtbot.waitUntil(lambda: not toast.isVisible(), timeout=10000)
    assert toast.currentMessage() == ""
    assert np.array_equal(_pixels(window), plain)


def test_a_message_too_long_for_the_tabs_row_is_shortened_in_its_middle(window, qtbot):
    """Not moved over the plots (bottom-left it covered the map's x-axis and the runs'
    status for its whole time): shortened where a reader needs it least."""
    text = "Wrote " + "/a/very/long/folder" * 12 + "/picture-of-the-views.png"
    window.statusBar().showMessage(text, 5000)
    QApplication.processEvents()
    toast = window.statusBar()
    try:
        assert toast.currentMessage() == text                     # the whole message kept
        box, bar = toast.geometry(), window.tabs.tabBar()
        last_tab = bar.mapTo(window, bar.tabRect(bar.count() - 1).topRight()).x()
        assert window.rect().contains(box) and box.left() > last_tab
        assert box.height() < 2 * toast.fontMetrics().height()    # one line
        shown = toast.text()
        assert shown.startswith("Wrote /a/very") and shown.endswith("picture-of-the-views.png")
        assert "…" in shown and len(shown) < len(text)
        assert toast.fontMetrics().horizontalAdvance(shown) <= box.width()
    finally:
        toast.clearMessage()


def test_a_status_tip_shows_while_the_pointer_is_on_its_entry(window):
    QApplication.sendEvent(window, QStatusTipEvent("Open a saved session"))
    assert window.statusBar().currentMessage() == "Open a saved session"
    assert window.statusBar().isVisible()
    QApplication.sendEvent(window, QStatusTipEvent(""))      # the pointer left the entry
    assert not window.statusBar().isVisible()


def test_the_dark_theme_shows_the_message_dark_and_readable(window, qtbot):
    window.commands.set_theme("dark")
    try:
        window.statusBar().showMessage("Saved lecture.json", 5000)
        QApplication.processEvents()
        image = window.statusBar().grab().toImage()
        middle = image.pixelColor(image.width() - 4, image.height() // 2)
        assert luminance(middle) < 0.2          # a dark box, no white flash
        text_ink = max((image.pixelColor(x, y) for x in range(image.width())
                        for y in range(image.height())), key=luminance)
        assert luminance(text_ink) > 0.6        # light letters on it
    finally:
        window.statusBar().clearMessage()
        window.commands.set_theme("light")
