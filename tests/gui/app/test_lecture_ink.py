"""Drawing on the screen: the pen draws on the window's picture, E clears it, the
laser follows the mouse, and the strokes belong to their scene."""
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor

from gui.app.export import render_widget
from tests.gui.app.lecture_helpers import SLOW_MS

PEN = QColor(220, 30, 40)

# One window for the module (File ▸ New before each test, checked equal to a fresh start,
# the ink tool, strokes, laser trail and the keep-drawings choice included:
# tests/gui/conftest.py `_shell`). So each test puts its tool down again at its end, as
# a lecturer does with the same key.
pytestmark = [pytest.mark.shared_window, pytest.mark.xdist_group("lecture_ink_shared")]


def _key(qtbot, window, key):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    window.tabs.tabBar().setFocus()
    qtbot.keyClick(window.tabs.tabBar(), key)


def _red_pixels(image, y, x0, x1):
    return sum(1 for x in range(x0, x1)
               if (c := image.pixelColor(x, y)).red() > 180 and c.green() < 90 and c.blue() < 90)


def _draw_line(qtbot, ink, y, x0, x1):
    qtbot.mousePress(ink, Qt.MouseButton.LeftButton, pos=QPoint(x0, y))
    for x in range(x0, x1 + 1, 20):
        qtbot.mouseMove(ink, QPoint(x, y))
    qtbot.mouseRelease(ink, Qt.MouseButton.LeftButton, pos=QPoint(x1, y))


def test_the_pen_draws_on_the_picture_and_e_clears_it(window, qtbot, screenshot):
    ink = window.lecture_commands.ink
    _key(qtbot, window, Qt.Key.Key_P)
    assert ink.tool == "pen" and not ink.testAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    # across the contour map (a place with no red of its own)
    top = ink.mapTo(window, QPoint(0, 0))
    y = window.contour_view.mapTo(ink, window.contour_view.rect().center()).y()
    _draw_line(qtbot, ink, y, 120, 420)
    assert len(ink.strokes()) == 1 and len(ink.strokes()[0]["points"]) > 10
    image = window.grab().toImage()
    assert _red_pixels(image, top.y() + y, top.x() + 130, top.x() + 410) > 200
    screenshot(window, "lecture_ink")
    # included in an exported picture of the window (at the slides' scale too)
    exported = render_widget(window, 2.0)
    assert _red_pixels(exported, 2 * (top.y() + y), 2 * (top.x() + 130), 2 * (top.x() + 410)) > 400

    # a picture of the contour map alone gets the ink that lies over it
    view = window.contour_view
    alone = ink.paint_over(render_widget(view, 2.0), view)
    y_view = 2 * view.mapFromGlobal(ink.mapToGlobal(QPoint(0, y))).y()
    assert _red_pixels(alone, y_view, 0, alone.width()) > 200
    assert _red_pixels(render_widget(view, 2.0), y_view, 0, alone.width()) < 5

    _key(qtbot, window, Qt.Key.Key_E)
    assert ink.strokes() == []
    image = window.grab().toImage()
    assert _red_pixels(image, top.y() + y, top.x() + 130, top.x() + 410) < 5
    _key(qtbot, window, Qt.Key.Key_P)                     # P again: the pen is put down
    assert ink.tool is None and ink.testAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)


def test_the_highlighter_is_translucent_and_c_clears(window, qtbot):
    ink = window.lecture_commands.ink
    _key(qtbot, window, Qt.Key.Key_H)
    assert ink.tool == "highlighter"
    # read against what lies under the stroke, not a fixed colour: the map under it
    # moves with the layout (MapSplit gave it more width: dark blue there, not light)
    top = ink.mapTo(window, QPoint(0, 0))
    at = (top.x() + 250, top.y() + 300)
    under = window.grab().toImage().pixelColor(*at)
    assert under.red() < 200 and under.green() < 200 and under.blue() > 30, under  # room to tint
    _draw_line(qtbot, ink, 300, 100, 400)
    tinted = window.grab().toImage().pixelColor(*at)
    # yellow laid over it at part strength: red and green pulled up toward the
    # marker's, blue down, and the picture still showing through (not opaque yellow)
    for channel, marker in (("red", 255), ("green", 220)):
        was, now = getattr(under, channel)(), getattr(tinted, channel)()
        assert 0.25 < (now - was) / (marker - was) < 0.65, (channel, under, tinted)
    assert 0.35 < tinted.blue() / under.blue() < 0.75, (under, tinted)
    _key(qtbot, window, Qt.Key.Key_C)
    assert ink.strokes() == []
    _key(qtbot, window, Qt.Key.Key_H)                     # H again: put down
    assert ink.tool is None and ink.testAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)


def test_the_laser_follows_the_mouse_and_fades(window, qtbot):
    ink = window.lecture_commands.ink
    _key(qtbot, window, Qt.Key.Key_L)
    assert ink.tool == "laser"
    qtbot.mouseMove(ink, QPoint(300, 300))
    qtbot.mouseMove(ink, QPoint(320, 300))
    image = window.grab().toImage()
    top = ink.mapTo(window, QPoint(0, 0))
    dot = image.pixelColor(top.x() + 320, top.y() + 300)
    assert dot.red() > 200 and dot.green() < 80
    assert ink.strokes() == []                          # the laser leaves no ink
    qtbot.waitUntil(lambda: not ink._trail, timeout=3000)
    _key(qtbot, window, Qt.Key.Key_L)                     # L again: put down
    assert ink.tool is None


def test_strokes_belong_to_their_scene_kept_or_dropped(window, qtbot):
    lc = window.lecture_commands
    lec, ink = lc.lecture, lc.ink
    lec.add_current("One")
    lec.add_current("Two")
    lec.go_to(0)
    ink.set_tool("pen")
    _draw_line(qtbot, ink, 200, 100, 300)
    lec.go_to(1)
    assert ink.strokes() == []                          # scene two has its own (none)
    lec.go_to(0)
    assert len(ink.strokes()) == 1                      # kept with scene one
    lc.actions["keep_ink"].setChecked(False)
    lec.go_to(1)
    lec.go_to(0)
    assert ink.strokes() == []                          # dropped on leaving
    assert window.model.wait_for_analysis(SLOW_MS)
    lc.actions["keep_ink"].setChecked(True)             # the choice and the pen put back
    ink.set_tool("pen")
    assert ink.tool is None and lec.keep_ink


def test_a_case_that_failed_half_way_leaves_the_next_a_fresh_start(window, qtbot):
    """What reused_window's tear-down does after a failed case: the module's later cases
    then start fresh instead of erroring at set-up on the tool left in hand."""
    from tests.gui.conftest import _shell, put_back_what_a_failed_case_held
    lc = window.lecture_commands
    _key(qtbot, window, Qt.Key.Key_H)
    _draw_line(qtbot, lc.ink, 300, 100, 400)
    lc.actions["keep_ink"].setChecked(False)
    assert _shell(window) != window.fresh_shell                 # what a failure leaves
    put_back_what_a_failed_case_held(window)
    assert _shell(window) == window.fresh_shell
