"""Presenting (F11, text size 1.5) on a 1280×720 projector, the side panel shows all
seven Methods' rows without scrolling, so a lecturer picking Newton sees it, and the
Playback buttons stay whole and readable. Before, the four buttons took two rows and
the Methods list showed five (Gradient descent and Newton ticked: the rows of Adam and
Newton below the panel's fold at y 487 of a view ending at 464) or six rows (Newton's
cut) of its seven."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QRect

from engine.optimizers import METHODS
from tests.gui.app.layout_checks import clipped_texts, window_rect
from tests.gui.app.lecture_helpers import SLOW_MS
from tests.gui.app.projector import projector_window, settle_at

pytestmark = pytest.mark.xdist_group("methods_presenting")     # one projector window


@pytest.fixture(scope="module")
def window(qapp, tmp_path_factory):
    yield from projector_window(tmp_path_factory)


def _row_rect(method_list, row: int, window) -> QRect:
    rect = method_list.visualItemRect(method_list.item(row))
    return QRect(method_list.viewport().mapTo(window, rect.topLeft()), rect.size())


@pytest.mark.parametrize("ticked", [("gd",), ("gd", "newton")], ids="+".join)
def test_every_method_shows_while_presenting(window, qtbot, screenshot, ticked):
    window.model.set_settings(methods=ticked)
    assert window.model.wait_for_analysis(SLOW_MS)
    settle_at(window, qtbot, 1.5, presenting=True)
    panel = window.descent_panel
    area, method_list = panel.settings_area, panel.method_list
    assert area.verticalScrollBar().value() == 0            # as the lecturer finds it
    shown = window_rect(area.viewport(), window).intersected(
        window_rect(method_list.viewport(), window))
    assert window.rect().contains(shown)
    assert method_list.count() == len(METHODS) == 7
    for row, method in enumerate(METHODS):
        rect = _row_rect(method_list, row, window)
        assert shown.contains(rect), (method, rect.getRect(), shown.getRect())
    screenshot(window, "methods_presenting_" + "_".join(ticked))


def test_playback_buttons_whole_and_readable(window, qtbot):
    settle_at(window, qtbot, 1.5, presenting=True)
    playback = window.descent_panel.playback
    buttons = (playback.reset_button, playback.play_button, playback.step_back_button,
               playback.step_button)
    group = window_rect(window.descent_panel.playback_group, window)
    rects = [window_rect(button, window) for button in buttons]
    for button, rect in zip(buttons, rects):
        assert button.isVisible() and group.contains(rect), (button.text(), rect.getRect())
        # the whole label (icon and text) fits: the button is no smaller than it needs
        need = button.minimumSizeHint()
        assert rect.width() >= need.width() and rect.height() >= need.height(), \
            (button.text(), rect.getRect(), need)
        assert button.fontMetrics().horizontalAdvance(button.text()) < rect.width()
    assert not any(a.intersects(b) for i, a in enumerate(rects) for b in rects[i + 1:])
    assert [b for b in clipped_texts(window) if "Step" in b or "Play" in b
            or "Reset" in b] == []
    assert window.descent_panel.playback_group.title() == ""      # (its buttons say it)
    settle_at(window, qtbot, 1.0)                   # leaving: the box named again,
    # unless the window's page gave its title way for room (page_fit.GIVE_WAY's first)
    given = window.explorer.page_fit.given
    assert window.descent_panel.playback_group.title() == (
        "" if "playback title" in given else "Playback"), given
