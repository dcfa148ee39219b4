"""Seven runs on a 1280×720 projector (x² + 2y² from (3, 2), every method: the
walkthrough's 10_all7.png): the loss plot's legend took two rows under its title and left
the curves 351×80 px (y 592–673). Its names one a line beside the plot give the curves
the height (223×98): the legend in a column right of the plot, every name whole on the
screen, none of its ink on the plot."""
from __future__ import annotations

import numpy as np
import pytest

from engine.optimizer_settings import METHODS
from gui.plots.loss_legend import COLUMN
from tests.gui.app.projector import projector_window, settle_at
from tests.gui.app.test_look_round_trip import pixels
from tests.gui.plots.test_map_repaint_after_layout import _settle

pytestmark = pytest.mark.xdist_group("loss_legend_column")


@pytest.fixture(scope="module")
def window(qapp, tmp_path_factory):
    yield from projector_window(tmp_path_factory, "explorer")


def test_seven_runs_leave_the_loss_curves_their_height(window, qtbot, screenshot):
    settle_at(window, qtbot, 1.0)
    model = window.model
    model.set_text("x^2 + 2y^2")
    model.set_start((3.0, 2.0))
    model.set_settings(lr=0.1, methods=METHODS)
    qtbot.waitUntil(lambda: len(model.paths) == len(METHODS), timeout=60000)
    model.set_frame(20)
    _settle(qtbot)
    loss = window.explorer.loss_plot
    screenshot(window, "loss_legend_seven_runs_1280x720")
    vb = loss.plot.getPlotItem().vb
    assert vb.height() >= 95, vb.height()           # two rows above it: 80
    assert vb.width() >= 200, vb.width()
    legend = loss.legend
    assert legend.where == COLUMN
    # beside the plot, whole in the window, one name a line
    frame = loss.plot.geometry()
    assert legend.geometry().left() >= frame.right()
    assert legend.height() >= legend.heightForWidth(legend.width())
    assert loss.rect().contains(legend.geometry())
    names = [model.lab.label(key) for key in model.paths]
    assert all(name in legend.text() for name in names)
    # every line's ink on the screen: seven swatch rows in the legend's picture
    seen = pixels(legend)
    inked = (np.abs(seen.astype(int) - seen[0, 0].astype(int)).max(-1) > 60).any(axis=1)
    lines = np.count_nonzero(np.diff(np.concatenate([[0], inked.astype(int)])) == 1)
    assert lines == len(METHODS), lines
