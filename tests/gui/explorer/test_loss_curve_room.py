"""The loss curve's least height on a 1280×720 projector: under the views its legend's own
row (three runs: Rosenbrock's banana) and 100 px of curves took 18 px of the map's and
3-D view's 45 % (306 px). Under the views it keeps CURVES_LEAST_PX of curves; beside
"Inside a step" (where the row grows for the step) LOSS_CURVES_PX, kept on the lab's
other tabs (the tab bar must not move under the pointer); other runs give the views
their share again."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from gui.app.presets import find_preset
from gui.explorer.inspector_room import LOSS_CURVES_PX
from gui.plots.loss_plot import CURVES_LEAST_PX
from tests.gui.explorer.test_formula_panel_layout import (SCREEN, VIEWS_SHARE, lab,  # noqa: F401
                                                          settle)
from tests.gui.explorer.test_large_text_panels import pixels

pytestmark = pytest.mark.xdist_group("loss_curve_room")


def curves_height(window) -> float:
    return window.explorer.loss_plot.plot.getPlotItem().vb.height()


def views_heights(window) -> tuple[int, int]:
    return window.explorer.contour_view.height(), window.explorer.surface_view.height()


def coloured_pixels(window) -> int:
    """The runs' curves as the screen shows them: saturated pixels inside the loss plot."""
    plot = window.explorer.loss_plot.plot
    seen = pixels(plot.grab()).astype(int)
    return int((seen.max(-1) - seen.min(-1) > 80).sum())


def test_the_loss_curve_and_the_views_share_the_height(lab, qtbot):  # noqa: F811
    settle(qtbot, lab, preset=find_preset("Rosenbrock's banana"))
    ex = lab.explorer
    assert len(lab.model.paths) == 3 and ex.loss_plot._legend_below   # its own legend row
    assert (lab.width(), lab.height()) == SCREEN
    assert min(views_heights(lab)) >= VIEWS_SHARE * SCREEN[1], views_heights(lab)
    assert curves_height(lab) >= CURVES_LEAST_PX - 1, curves_height(lab)
    before = ex.middle.sizes()

    inspector = ex.lab_panel.inspector
    ex.lab_panel.tabs.setCurrentWidget(inspector)
    qtbot.waitUntil(lambda: curves_height(lab) >= LOSS_CURVES_PX - 1, timeout=5000)
    assert ex.loss_plot.least_height() > ex.loss_plot.minimumSizeHint().height() - 1
    lab.model.set_frame(3)        # the curves drawn, to be seen in their plot
    qtbot.wait(100)
    assert coloured_pixels(lab) > 50

    # another tab keeps the room (the tab bar stays under the pointer); other runs give
    # the views their share back
    given = ex.middle.sizes()
    ex.lab_panel.tabs.setCurrentIndex(0)
    for _ in range(4):
        QApplication.processEvents()
        qtbot.wait(20)
    assert ex.middle.sizes() == given
    lab.model.set_settings(methods=("gd", "adam"))
    for _ in range(4):
        QApplication.processEvents()
        qtbot.wait(20)
    assert ex.middle.sizes() == before
    assert min(views_heights(lab)) >= VIEWS_SHARE * SCREEN[1], views_heights(lab)
    assert CURVES_LEAST_PX - 1 <= curves_height(lab) < LOSS_CURVES_PX - 1


def test_seven_runs_leave_the_loss_curves_their_height(lab, qtbot):  # noqa: F811
    """Seven runs' full names took three legend rows (46 px) in the loss curve's 303 px
    and left the curves 80 px: the short names take two rows (32 px), and the curves
    get the row saved (94 px)."""
    from engine.optimizers import METHODS
    settle(qtbot, lab, preset=find_preset("Rosenbrock's banana"))
    lab.model.set_settings(methods=tuple(METHODS))
    qtbot.waitUntil(lambda: len(lab.model.paths) == len(METHODS), timeout=60000)
    for _ in range(4):
        QApplication.processEvents()
        qtbot.wait(20)
    legend = lab.explorer.loss_plot.legend
    assert lab.explorer.loss_plot.width() <= 310
    # two rows of short names, and the row they save is the curves' (not the map's)
    row = legend.fontMetrics().lineSpacing()
    assert legend.height() <= 2 * row + 6, legend.height()
    assert curves_height(lab) >= CURVES_LEAST_PX + row - 1, (curves_height(lab), row)
    assert "GD" in legend.text() and "Gradient descent" not in legend.text()
    assert "Gradient descent" in legend.toolTip()      # the full names, on hovering it
    # the views keep what they had under the three rows of full names (298 px each)
    assert min(views_heights(lab)) >= 298, views_heights(lab)
