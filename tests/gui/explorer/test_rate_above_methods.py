"""The learning rate, the lecturer's most-used control, shows in the side panel without
scrolling at 1280×720 however many methods are ticked. (Walkthrough: under Methods and
Runs it lay below the panel's fold from three methods on, at y 323 of a 290-px view with
three and at 371 of 228 px with six: the lecturer had to scroll to reach it.) It stays
first in the keys' focus order, and the formulas on top keep their place."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from engine.optimizers import METHODS
from tests.gui.app.layout_checks import window_rect
from tests.gui.app.lecture_helpers import SLOW_MS
from tests.gui.app.projector import projector_window, settle_at

pytestmark = pytest.mark.xdist_group("rate_above_methods")     # one projector window


@pytest.fixture(scope="module")
def lab(qapp, tmp_path_factory):
    yield from projector_window(tmp_path_factory)


CELLS = [(1.0, n) for n in (1, 3, 6, 7)] + [(1.3, 6), (1.3, 7)]


@pytest.mark.parametrize("scale,ticked", CELLS, ids=[f"{s:g}-{n}methods" for s, n in CELLS])
def test_the_rate_shows_without_scrolling(lab, qtbot, screenshot, scale, ticked):
    settle_at(lab, qtbot, scale)
    lab.model.set_settings(methods=tuple(METHODS[:ticked]))
    assert lab.model.wait_for_analysis(SLOW_MS)
    settle_at(lab, qtbot, scale)
    panel = lab.descent_panel
    area = panel.settings_area
    assert area.verticalScrollBar().value() == 0          # at rest, as the lecturer finds it
    shown = window_rect(area.viewport(), lab)
    for widget in (panel.lr_control.slider, panel.lr_control.box):
        assert widget.isVisible()
        assert shown.contains(window_rect(widget, lab)), \
            (ticked, window_rect(widget, lab).getRect(), shown.getRect())
    assert lab.rect().contains(shown)
    if scale == 1.0:       # the rate's place cost the formulas nothing
        assert lab.math_view.isVisible() and not lab.explorer.formulas_folded
    screenshot(lab, f"rate_above_methods_{scale:g}_{ticked}")


def test_tab_reaches_the_rate_before_the_methods(lab, qtbot):
    settle_at(lab, qtbot, 1.0)
    panel = lab.descent_panel
    start = panel.settings_area.widget()
    chain, widget = [], start.nextInFocusChain()
    while widget is not start:                    # the window's chain, from the settings
        chain.append(widget)
        widget = widget.nextInFocusChain()
    order = [chain.index(w) for w in (panel.lr_control.slider, panel.lr_control.box,
                                      panel.method_list, panel.runs_panel.run_list)]
    assert order == sorted(order), order
