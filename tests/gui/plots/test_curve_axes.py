"""f′ and f″ each on their own scale (left and right axes) with one zero line: a large
f″ no longer flattens f′."""
import numpy as np
import pyqtgraph as pg
import pytest

from gui.plots.curve_scaling import zero_aligned
from gui.plots.curve_view import CurveView


@pytest.fixture
def curve(shown, model):
    return shown(CurveView(model), 1000, 640)


def test_f_prime_fills_its_panel_when_f_second_is_ten_times_larger(qtbot, model, curve, screenshot):
    model.set_text("sin(10x)/10")              # f′ = cos(10x) in [−1, 1], f″ = −10 sin(10x)
    assert model.wait_for_analysis(60000)
    qtbot.waitUntil(lambda: curve.xs.size > 0 and model.expression.dimension == 1)
    qtbot.wait(50)
    lo, hi = curve.plot_d.vb.viewRange()[1]
    assert 2.0 <= hi - lo <= 3.0               # f′'s own range, not f″'s ±10
    lo2, hi2 = curve.vb_d2.viewRange()[1]
    assert hi2 - lo2 >= 20.0                   # f″ whole on the right axis
    _, d2 = curve.curves["d2f"].getData()
    assert np.nanmax(d2) <= hi2 and np.nanmin(d2) >= lo2
    # one zero line: 0 of the left axis and 0 of the right axis at the same height
    y_left = curve.plot_d.vb.mapViewToScene(pg.Point(0, 0)).y()
    y_right = curve.vb_d2.mapViewToScene(pg.Point(0, 0)).y()
    assert y_left == pytest.approx(y_right, abs=1.0)
    r2, r1 = curve.vb_d2.sceneBoundingRect(), curve.plot_d.vb.sceneBoundingRect()
    assert r2.getRect() == pytest.approx(r1.getRect(), abs=1.0)   # over f′'s panel exactly
    # drawn in the panel: f″'s dashed green is there, over most of the panel's height
    screenshot(curve, "curve_two_axes")


def test_zero_aligned():
    assert zero_aligned((-1, 2), (-30, 10)) == (-30, 60)
    assert zero_aligned((0, 2), (0, 8)) == (0, 8)
    assert zero_aligned((-1, 1), (-5, 20)) == (-20, 20)
