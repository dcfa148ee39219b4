"""f's and f′'s left axes on the 1-D view: each name stands clear of its numbers, however
wide they are (a fixed 64 px put "f(x)" across "5e+148" for exp(exp(exp(x)))), and the
two axes keep one width so f's minimum stays right above f′'s zero."""
from __future__ import annotations

import pytest

from tests.gui.plots.curve_setup import shown_curve
from tests.gui.plots.test_curve_second_axis_title import clusters, ink_columns


def _name_and_numbers(canvas, plot):
    """The ink column runs of `plot`'s left axis on `canvas` over the plot's height."""
    axis = plot.getAxis("left")
    box = plot.vb.sceneBoundingRect().toRect()
    left = canvas.mapFromScene(axis.sceneBoundingRect().topLeft()).x()
    return clusters(ink_columns(canvas, max(left, 0), box.left() - 2, box.top(), box.bottom()))


@pytest.mark.parametrize("text", ["exp(exp(exp(x)))", "x^4 - 4x^3 + 4x^2"])
def test_each_left_axis_name_stands_clear_of_its_numbers(shown, model, qtbot, text):
    curve = shown_curve(shown, model, qtbot, text)
    qtbot.wait(100)
    for canvas, plot in ((curve.canvas, curve.plot_f), (curve.canvas_d, curve.plot_d)):
        runs = _name_and_numbers(canvas, plot)
        assert len(runs) >= 2, runs                  # the name, then the numbers
        gap = runs[1][0] - runs[0][1]
        assert gap >= 2, (plot.getAxis("left").labelText, runs)
    # f's and f′'s plots start at one x: the x-axes line up
    f_left = curve.canvas.mapTo(curve, curve.canvas.mapFromScene(
        curve.plot_f.vb.sceneBoundingRect().topLeft()))
    d_left = curve.canvas_d.mapTo(curve, curve.canvas_d.mapFromScene(
        curve.plot_d.vb.sceneBoundingRect().topLeft()))
    assert abs(f_left.x() - d_left.x()) <= 1
    assert curve.plot_f.getAxis("left").width() >= 64  # never narrower than it was
