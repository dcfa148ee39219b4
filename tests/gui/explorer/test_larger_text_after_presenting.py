"""F11, Ctrl++, F11 on a 1280×720 projector: the text size chosen while presenting (1.75)
stays in the normal window, and there the map keeps a usable size and every control can
be reached. Before, the lower panel (loss curve, iterates) kept 292 px, the views got
their least (287 px), the map's plot was 205×120 px, and the page scrolled Playback's
rows below the window's edge. Now the lower panel gives way once the side panel's Runs
and the caption have (page_fit); Ctrl+3 brings it back, and it stays, until presentation
mode changes: a Ctrl+3 pressed before F11 kept the lower panel after it (the map's plot
204×116 px, Play 16 px below the window's edge)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from gui.widgets.scroll_page import page_overflow
from tests.gui.app.layout_checks import outside_window, window_rect
from tests.gui.app.projector import SCREEN, projector_window, settle_at
from tests.gui.app.test_presenting_normal_size import CTRL, _keys

pytestmark = pytest.mark.xdist_group("larger_text_after_presenting")

MAP_SHARE = 0.4         # the map's plot: at least this share of the window's height


@pytest.fixture(scope="module")
def window(qapp, tmp_path_factory):
    yield from projector_window(tmp_path_factory)


def _left_presenting_at_larger_text(window, qtbot) -> None:
    settle_at(window, qtbot, 1.5, presenting=True)
    window.commands.step_scale(1)                     # Ctrl++ while presenting
    settle_at(window, qtbot, window.commands.scale)   # F11: leaving keeps that size
    assert not window.commands.presenting and window.commands.scale == 1.75


def test_the_map_stays_usable_and_every_control_reachable(window, qtbot):
    _left_presenting_at_larger_text(window, qtbot)
    _assert_map_usable_and_controls_reachable(window)


def _assert_map_usable_and_controls_reachable(window) -> None:
    explorer = window.explorer
    box = explorer.contour_view.plot.vb
    assert box.height() >= MAP_SHARE * SCREEN[1], (box.width(), box.height())
    assert box.width() >= MAP_SHARE * SCREEN[1], (box.width(), box.height())
    assert explorer.math_view.isVisible() and explorer.editor.isVisible()
    _assert_controls_reachable(window)


def _assert_controls_reachable(window) -> None:
    """Nothing sticks out of the window, and Playback's rows are inside it with the
    page scrolled to its end (where it scrolls)."""
    explorer = window.explorer
    assert outside_window(window) == []
    bar = explorer.scroll_area.verticalScrollBar()
    assert bar.maximum() == page_overflow(explorer)[1]
    bar.setValue(bar.maximum())                       # the page scrolled down, if it must
    playback = window.descent_panel.playback
    for widget in (playback.play_button, playback.step_button, playback.step_back_button,
                   playback.frame_label, playback.status_labels["gd"]):
        rect = window_rect(widget, window)
        assert widget.isVisible() and rect.top() >= 0 and rect.bottom() < SCREEN[1], \
            (widget, rect.getRect())
    bar.setValue(0)


def test_ctrl_3_brings_back_the_lower_panel_and_it_stays(window, qtbot):
    _left_presenting_at_larger_text(window, qtbot)
    explorer, show_below = window.explorer, window.commands.actions["show_below"]
    assert explorer.below.isHidden() and not show_below.isChecked()
    show_below.trigger()
    settle_at(window, qtbot, 1.75)
    # asked for, it stays: the page scrolls (the formulas name f and never fold in a
    # window, the Runs and the caption gave way already, the side panel holds Playback)
    assert explorer.below.isVisible() and show_below.isChecked()
    bar = explorer.scroll_area.verticalScrollBar()
    assert bar.maximum() > 0
    _assert_controls_reachable(window)
    bar.setValue(bar.maximum())                       # the lower panel whole, scrolled to
    assert window_rect(explorer.below, window).bottom() < SCREEN[1]
    bar.setValue(0)
    show_below.trigger()
    settle_at(window, qtbot, 1.75)
    assert explorer.below.isHidden() and not show_below.isChecked()
    settle_at(window, qtbot, 1.0)                     # room again: it is not forced back
    assert explorer.below.isHidden()
    show_below.trigger()
    settle_at(window, qtbot, 1.0)
    assert explorer.below.isVisible()


@pytest.mark.parametrize("leave", [Qt.Key.Key_F11, Qt.Key.Key_Escape], ids=["F11", "Esc"])
def test_a_ctrl_3_from_before_presenting_does_not_keep_the_lower_panel(window, qtbot, leave):
    """The walk's keys on the window: the lower panel folded and shown again (Ctrl+3
    twice) at text size 1, then F11, Ctrl++, F11 (or Esc). Presentation folded the
    lower panel its own way; leaving at 1.75 gives the page fit its say again."""
    settle_at(window, qtbot, 1.0)
    explorer, no = window.explorer, Qt.KeyboardModifier.NoModifier
    _keys(qtbot, window, (Qt.Key.Key_3, CTRL))
    if explorer.below.isHidden():
        _keys(qtbot, window, (Qt.Key.Key_3, CTRL))
    assert explorer.below.isVisible() and explorer.page_fit.below_kept    # the lecturer's
    _keys(qtbot, window, (Qt.Key.Key_F11, no), (Qt.Key.Key_Equal, CTRL), (leave, no))
    assert not window.commands.presenting and window.commands.scale == 1.75
    assert (window.width(), window.height()) == SCREEN
    play = window.descent_panel.playback.play_button       # as the page opens: no scrolling
    assert window_rect(play, window).bottom() < SCREEN[1], window_rect(play, window).getRect()
    _assert_map_usable_and_controls_reachable(window)
    assert explorer.below.isHidden()                        # (it gave way: Ctrl+3 shows it)
    assert not window.commands.actions["show_below"].isChecked()
