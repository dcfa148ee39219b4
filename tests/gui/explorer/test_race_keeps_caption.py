"""Presenting the "delivery route" example on a 1280×720 projector, ticking Momentum
keeps the caption's row (its note "No longer applies — you changed the descent
settings." whole), the page does not scroll and the map's x axis stays on screen; the
two runs' long "no minimum: f → −∞ along (1, −1)" lines scroll inside the
side panel's Playback instead. Before, the statuses made the Playback box taller, the
window folded the caption for room (every control moved up 24 px), the page still
scrolled ~15 px, the map's "x" was cut at the bottom edge, and unticking Momentum did
not bring the caption back."""
from __future__ import annotations

import pytest

from gui.widgets.scroll_page import page_overflow
from tests.gui.app.layout_checks import clipped_texts, outside_window, window_rect
from tests.gui.app.projector import SCREEN, projector_window
from tests.gui.explorer.test_race_presenting_fit import _present, _settle

pytestmark = pytest.mark.xdist_group("race_keeps_caption")


@pytest.fixture(scope="module")
def window(qapp, tmp_path_factory):
    yield from projector_window(tmp_path_factory)


@pytest.fixture
def delivery(window, qtbot):
    from gui.app.presets import find_preset
    window.commands._load_preset(find_preset("From the notes: delivery route"))
    assert window.model.wait_for_analysis(60000)
    _present(window, qtbot, True)
    yield window
    window.descent_panel.set_method_checked("momentum", False)
    window.commands._load_preset(find_preset("Seed 2"))
    assert window.model.wait_for_analysis(60000)
    _present(window, qtbot, False)


def _check_page(window):
    explorer = window.explorer
    assert page_overflow(explorer) == (0, 0)
    assert not explorer.scroll_area.verticalScrollBar().isVisible()
    # the map whole, its x-axis title too, inside the window
    plot = window.contour_view
    assert window_rect(plot, window).bottom() < SCREEN[1], window_rect(plot, window)
    assert outside_window(window) == []


def test_ticking_momentum_keeps_the_caption_and_scrolls_nothing(delivery, qtbot):
    window = delivery
    explorer, caption = window.explorer, window.explorer.caption
    assert caption.isVisible() and caption.applies
    _check_page(window)
    caption_at = window_rect(caption, window).getRect()
    views_at = window_rect(explorer.views, window).getRect()
    settings_at = window_rect(window.descent_panel.settings_area, window).getRect()

    window.descent_panel.set_method_checked("momentum", True)
    _settle(window, qtbot)
    assert caption.isVisible() and not caption.applies
    assert caption.text().endswith("<i>No longer applies — you changed the descent "
                                   "settings.</i> </span>")
    assert caption.heightForWidth(caption.width()) <= caption.height()
    assert window_rect(caption, window).getRect() == caption_at
    assert window_rect(explorer.views, window).getRect() == views_at   # nothing moved up
    _check_page(window)
    assert clipped_texts(window) == []
    # both runs' lines are there, in the side panel (scrolled to within it)
    statuses = window.descent_panel.playback.status_labels
    assert "no minimum: f → −∞ along" in statuses["momentum"].text()
    assert statuses["momentum"].isVisible()

    window.descent_panel.set_method_checked("momentum", False)       # the room returns
    _settle(window, qtbot)
    assert caption.isVisible() and caption.applies
    assert window_rect(caption, window).getRect() == caption_at
    _check_page(window)
    # the side panel's Methods, scrolled under the rate for the room, shown as before
    assert window_rect(window.descent_panel.settings_area, window).getRect() == settings_at
    assert explorer.page_fit.given == []
