"""A four-run race on a 1280×720 screen, not presenting, at a larger text size (Ctrl++
once and twice): nothing needs a page scroll bar. Before, one Ctrl++ pushed the loss
plot and the iterate table almost wholly below the screen (the page scrolled 95 px: the
side panel kept its Runs whole over four status lines), twice hid them and "step k / N"
(179 px). Now the side panel's Runs scroll inside it first, then the caption folds
(never the formulas outside presentation mode), then the lower panel (the map's plot
was 115 px tall at 1.3: Ctrl+3 brings the loss plot and table back, whole, the page
scrolling), and they come back at the smaller size."""
from __future__ import annotations

import pytest

from gui.widgets.scroll_page import page_overflow
from tests.gui.app.layout_checks import window_rect
from tests.gui.app.projector import SCREEN, projector_window, settle_at

pytestmark = pytest.mark.xdist_group("race_larger_text_fit")

RACE = ("momentum", "nesterov", "adam")
LEAST_PLOT_PX = 120
# what the page may scroll, px per text size: the loss plot's legend rows and least
# height over four runs at 1.3 (nothing else gives way there yet)
PAGE_SCROLL_PX = {1.15: 0, 1.3: 48}          # the loss plot and the table stay readable, not slivers


@pytest.fixture(scope="module")
def window(qapp, tmp_path_factory):
    yield from projector_window(tmp_path_factory)


def _whole_on_screen(widget, window) -> bool:
    rect = window_rect(widget, window)
    return widget.isVisible() and rect.top() >= 0 and rect.bottom() < SCREEN[1]


@pytest.mark.parametrize("scale", [1.15, 1.3])
def test_larger_text_keeps_the_race_on_screen(window, qtbot, scale):
    for method in RACE:
        window.descent_panel.set_method_checked(method, True)
    settle_at(window, qtbot, 1.0)
    settle_at(window, qtbot, scale)
    explorer = window.explorer
    assert window.commands.scale == scale
    # the formulas never fold outside presentation mode (test_scenes_panel_formulas):
    # at 1.3 the Runs and the caption gave way and the page scrolls the 41 px left
    assert explorer.math_view.isVisible() and explorer.editor.isVisible()
    folded = "below" in explorer.page_fit.given
    if folded:          # the lower panel gave way: the page fits, the map has the room
        assert page_overflow(explorer)[1] == 0
        assert explorer.contour_view.plot.vb.height() >= 0.4 * SCREEN[1]
        window.commands.actions["show_below"].trigger()         # Ctrl+3
        settle_at(window, qtbot, scale)
    assert page_overflow(explorer)[1] <= PAGE_SCROLL_PX[scale]
    bar = explorer.scroll_area.verticalScrollBar()
    bar.setValue(bar.maximum())                 # scrolled down, as the lecturer would
    assert _whole_on_screen(explorer.editor.line_edit, window)
    for plot in (explorer.loss_plot, explorer.iterate_table):
        assert _whole_on_screen(plot, window), (plot, window_rect(plot, window))
        assert plot.height() >= LEAST_PLOT_PX, (plot, plot.height())
    playback = window.descent_panel.playback
    assert _whole_on_screen(playback.frame_label, window)
    assert playback.frame_label.text().startswith("step 0 /")
    for key in ("gd", *RACE):
        assert _whole_on_screen(playback.status_labels[key], window), key
    assert _whole_on_screen(explorer.contour_view, window)

    settle_at(window, qtbot, 1.0)               # back: the caption shows again
    assert explorer.math_view.isVisible() and explorer.caption.isVisible()
    if folded:
        explorer.page_fit.keep_below(False)     # (as the next size's fit would find it)
    assert page_overflow(explorer) == (0, 0)
    bar.setValue(0)
