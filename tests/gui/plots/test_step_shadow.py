"""1-D descent: a step was drawn as a straight segment between two points of the curve,
which is what the secant of the limit definition looks like in the same plot. The
iterates are now dots on the curve and each step an arrow along the bottom of the plot
(its shadow on the x-axis): nothing is drawn between two iterates on the curve
(gui/plots/step_shadow.py)."""
import numpy as np
import pyqtgraph as pg

from tests.gui.plots.test_curve_view import curve, load  # noqa: F401 - the fixture

PRESET = "From the notes: L(w) = (w − 3)²"      # start 0; η = 0.9 overshoots: 0 → 5.4 → 1.08


def _three_steps(qtbot, model, curve):
    load(qtbot, model, curve, PRESET)
    model.set_settings(lr=0.9)
    for _ in range(3):
        model.step()
    qtbot.waitUntil(lambda: len(curve.path_items["gd"].getData()[0]) == 4)
    return model.paths["gd"].points[:4, 0], model.paths["gd"].values[:4]


def _pixels_near(curve, point, half=4):
    """The canvas's pixels within `half` px of `point` (x, f) on f's plot, as an array."""
    scene = curve.plot_f.vb.mapViewToScene(pg.Point(*point))
    view = curve.canvas.mapFromScene(scene)
    image = curve.canvas.grab().toImage()
    ratio = image.devicePixelRatio()
    x, y = round(view.x() * ratio), round(view.y() * ratio)
    return np.array([[image.pixel(i, j) for i in range(x - half, x + half + 1)]
                     for j in range(y - half, y + half + 1)])


def test_no_segment_joins_two_iterates_on_the_curve(qtbot, model, curve):
    xs, ys = _three_steps(qtbot, model, curve)
    # halfway along the long first step's chord, far above the curve (f(2.7) = 0.09)
    middle = ((xs[0] + xs[1]) / 2, (ys[0] + ys[1]) / 2)
    assert middle[1] - model.expression(middle[0]) > 5
    with_run = _pixels_near(curve, middle)
    model.set_settings(methods=())                 # the run gone: what is left there
    qtbot.waitUntil(lambda: not curve.path_items["gd"].isVisible())
    without_run = _pixels_near(curve, middle)
    assert np.array_equal(with_run, without_run)


def test_each_step_is_an_arrow_along_the_bottom_from_x_k_to_the_next(qtbot, model, curve):
    xs, ys = _three_steps(qtbot, model, curve)
    shadow = curve.descent.shadows["gd"]
    shaft_x, shaft_y = shadow.shafts.getData()
    np.testing.assert_allclose(shaft_x.reshape(-1, 2), np.column_stack([xs[:-1], xs[1:]]))
    shaft_y = shaft_y.reshape(-1, 2)
    np.testing.assert_array_equal(shaft_y[:, 0], shaft_y[:, 1])         # horizontal
    bottom, top = curve.plot_f.vb.viewRange()[1]
    assert np.all((shaft_y > bottom) & (shaft_y < bottom + 0.15 * (top - bottom)))
    assert shaft_y[0, 0] != shaft_y[1, 0]        # the way back on its own row
    heads = shadow.heads.data
    np.testing.assert_allclose(heads["x"], xs[1:])
    assert list(heads["symbol"]) == ["t2" if b > a else "t3" for a, b in zip(xs, xs[1:])]
    drop_x, drop_y = shadow.drops.getData()      # each iterate down to its arrow
    np.testing.assert_allclose(drop_x.reshape(-1, 2)[:, 0], xs)
    np.testing.assert_allclose(drop_y.reshape(-1, 2)[:, 0], ys)


def test_many_small_steps_are_thinned_not_a_blob(qtbot, model, curve):
    """x⁴ − 4x³ + 4x² from 0.9 with η = 0.02, step 80 (the sample lecture): ~80 heads of
    11 px within ~300 px were one solid blob under the curve."""
    from gui.plots.step_shadow import HEAD_PX, LANES_PX
    load(qtbot, model, curve, "Example 1 of the notes: x⁴ − 4x³ + 4x²")
    model.set_start((0.9,))
    model.set_settings(lr=0.02)
    for _ in range(80):
        model.step()
    xs = model.paths["gd"].points[:81, 0]
    shadow = curve.descent.shadows["gd"]
    qtbot.waitUntil(lambda: len(shadow.shafts.getData()[0]) == 2 * 80)
    vb = curve.plot_f.vb
    px_per_x = 1 / vb.viewPixelSize()[0]
    heads = shadow.heads.data
    assert 2 <= len(heads) < 40
    assert heads["x"][-1] == xs[-1]                          # the newest step always drawn
    lanes = sorted(set(heads["y"]))
    assert len(lanes) == len(LANES_PX)
    for lane in lanes:                                       # no two heads overlap in a lane
        tips = np.sort(heads["x"][heads["y"] == lane]) * px_per_x
        assert np.diff(tips).min() >= HEAD_PX - 1e-6
    drop_x = shadow.drops.getData()[0].reshape(-1, 2)[:, 0]
    assert drop_x[0] == xs[0] and drop_x[-1] == xs[-1] and len(drop_x) < 40
    np.testing.assert_allclose(shadow.shafts.getData()[0].reshape(-1, 2)[:, 0], xs[:-1])
