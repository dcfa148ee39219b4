"""A plot's legend stands where its curves are not (gui/plots/legend_corner.py): the
Network tab's W¹/W² legend sat over the gradient norms of XOR between steps 1200 and
1700 (lecturer's rehearsal, 2-4-1, sigmoid, η = 1)."""
import numpy as np
import pyqtgraph as pg
import pytest


def points_under_legend(plot) -> list[tuple[int, float, float]]:
    """(curve, x, y) of every drawn point of `plot`'s curves, and of the midpoints of
    their segments, that lies inside the legend's rectangle (scene coordinates)."""
    legend, view = plot.legend, plot.getPlotItem().vb
    box = legend.sceneBoundingRect()
    under = []
    for l, curve in enumerate(plot.curves):
        xs, ys = curve.getData()                 # as drawn (log10 on the log axis)
        xs = np.concatenate([xs, (xs[1:] + xs[:-1]) / 2])
        ys = np.concatenate([ys, (ys[1:] + ys[:-1]) / 2])
        for x, y in zip(xs, ys):
            if box.contains(view.mapViewToScene(pg.Point(float(x), float(y)))):
                under.append((l, float(x), float(y)))
    return under


@pytest.mark.parametrize("activation", ["sigmoid", "tanh"])
def test_the_gradient_norms_legend_covers_no_curve_while_training(shown, qtbot, activation):
    from gui.network.tab import NetworkTab
    tab = shown(NetworkTab(), 1276, 620)          # the tab's room in a 1280×720 window
    model, plot = tab.model, tab.grad_plot
    try:
        model.set_activation(activation)
        assert (list(model.network.sizes), model.lr) == ([2, 4, 1], 1.0)
        found = {}
        for _ in range(20):                        # to step 2000, checked every 100 steps
            model.train(100)
            found[model.get_state()["step"]] = len(points_under_legend(plot))
        assert all(n == 0 for n in found.values()), found
    finally:
        model.shutdown()
