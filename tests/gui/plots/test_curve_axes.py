"""f′ and f″ each on their own scale (left and right axes) with one zero line: a large
f″ no longer flattens f′."""
import numpy as np
import pyqtgraph as pg
import pytest

from gui.plots.curve_scaling import constant_of, second_range, zero_aligned
from gui.plots.curve_view import CurveView
from gui.widgets.palette import CURVE_COLOURS


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


def _show(qtbot, model, curve, text, window=None):
    model.set_text(text)
    assert model.wait_for_analysis(60000)
    if window is not None:
        model.set_window((window,))
    qtbot.waitUntil(lambda: curve.xs.size > 0 and model.text == text and model.expression.dimension == 1)
    qtbot.wait(80)


def _green_rows(curve, least=1):
    """The rows (scene y, in the canvas's pixels) of f″'s dashed green inside its plot,
    with at least `least` of every other column green (a critical point's green dot
    covers ~6 of them)."""
    image = curve.canvas_d.grab().toImage()
    rect = curve.plot_d.vb.sceneBoundingRect().toRect()
    green = pg.mkColor(CURVE_COLOURS["d2f"])
    rows = [y for y in range(rect.top() + 1, rect.bottom() - 1)
            if sum(_near(image.pixelColor(x, y), green)
                   for x in range(rect.left() + 2, rect.right() - 2, 2)) >= least]
    return rows, rect


def _near(colour, target, tol=40):
    return (abs(colour.red() - target.red()) + abs(colour.green() - target.green())
            + abs(colour.blue() - target.blue())) <= tol


def test_a_small_f2_fills_its_plot_and_shows_its_sign_change(qtbot, model, curve, screenshot):
    # x³: f′ = 3x² hardly goes below 0, so an aligned zero put f″ = 6x (±12) on an axis
    # to ~170 — a flat line near the bottom, its sign change at the inflection hidden
    _show(qtbot, model, curve, "x^3", (-1.7, 2.0))
    path = screenshot(curve, "curve_f2_x_cubed")
    rows, rect = _green_rows(curve)
    assert rows, path
    assert max(rows) - min(rows) >= 0.5 * rect.height(), (rows[0], rows[-1], rect)
    # its zero (where the dashed line crosses its own dotted zero line) mid-plot:
    # f″ is drawn both above and below it
    zero_y = curve.vb_d2.mapViewToScene(pg.Point(0, 0)).y()
    assert rect.top() + 0.15 * rect.height() < zero_y < rect.bottom() - 0.15 * rect.height()
    assert min(rows) < zero_y - 10 and max(rows) > zero_y + 10
    # its zero marked: by its own dotted line, or (f′ and f″ of a size here: one scale,
    # gui.plots.curve_scaling.shared_range) by f′'s zero line, then its zero too
    second = curve.second_axis
    assert second.zero_line.isVisible() or (second.shared and second.aligned)
    lo2, hi2 = curve.vb_d2.viewRange()[1]
    assert hi2 < 30                           # not ~170


def test_a_constant_f2_sits_inside_the_frame_at_a_tick(qtbot, model, curve, screenshot):
    _show(qtbot, model, curve, "(w-3)^2", (1.2, 5.0))
    path = screenshot(curve, "curve_f2_constant")
    rows, rect = _green_rows(curve, least=40)      # a dashed line across the plot
    y_two = curve.vb_d2.mapViewToScene(pg.Point(0, 2.0)).y()
    assert rows and all(abs(y - y_two) <= 3 for y in rows), (rows, y_two, path)
    assert y_two > rect.top() + 0.08 * rect.height()         # not on the top edge
    ticks = [value for value, _text in curve.plot_d.getAxis("right")._tickLevels[0]]
    assert 2.0 in ticks
    # f′ = 2w − 6 crosses 0 inside the window: zeros aligned, costing f″ little
    assert curve.second_axis.aligned
    y_left = curve.plot_d.vb.mapViewToScene(pg.Point(0, 0)).y()
    assert curve.vb_d2.mapViewToScene(pg.Point(0, 0)).y() == pytest.approx(y_left, abs=1.0)


def test_second_range_aligns_zeros_only_where_cheap():
    xs = np.linspace(-1.7, 2.0, 1200)
    (lo, hi), aligned = second_range((-1.0, 13.0), 6 * xs)        # x³: f′ = 3x² ≥ 0
    assert not aligned and lo < -10.2 and hi > 12 and hi - lo < 1.5 * (12 + 10.2)
    (lo, hi), aligned = second_range((-4.4, 4.4), np.full(50, 2.0))
    assert aligned and lo < 0 < 2 < hi and 2 <= hi - 0.1 * (hi - lo)
    (lo, hi), aligned = second_range((-0.5, 0.5), np.zeros(10))   # a line: f″ = 0
    assert (lo, hi) == (-1.0, 1.0)
    assert second_range((-1, 1), np.full(3, np.nan)) == ((-1.0, 1.0), False)
    assert constant_of([2.0, 2.0, np.nan]) == 2.0 and constant_of([1.0, 2.0]) is None
