"""The 1-D view: curves equal the engine's f, f′, f″; tangent, secant and critical points."""
import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPointF, Qt

from gui.plots.curve_scaling import for_display, robust_range
from gui.plots.curve_view import CurveView
from gui.app.presets import find_preset
from gui.widgets.palette import CURVE_COLOURS

SEED = "x^4 - 4x^3 + 4x^2"


@pytest.fixture
def curve(shown, model):
    return shown(CurveView(model), 1000, 640)


def load(qtbot, model, view, preset):
    model.load_preset(find_preset(preset))
    assert model.wait_for_analysis()
    qtbot.waitUntil(lambda: view.xs.size > 0 and model.expression.dimension == 1)
    qtbot.wait(20)


def test_curves_equal_engine_values(qtbot, model, curve):
    load(qtbot, model, curve, SEED)
    f = model.expression
    xs, ys = curve.curves["f"].getData()
    assert xs[0] == pytest.approx(-1) and xs[-1] == pytest.approx(3)
    np.testing.assert_allclose(ys, f(xs), rtol=1e-12)
    np.testing.assert_allclose(curve.curves["df"].getData()[1], f.gradient(xs)[0], rtol=1e-12)
    np.testing.assert_allclose(curve.curves["d2f"].getData()[1], f.hessian(xs)[0, 0],
                               rtol=1e-12)
    lo, hi = curve.plot_f.vb.viewRange()[1]
    assert lo < 0 and 9 < hi < 11                    # f's range [0, 9] with a margin


def test_tangent_slope_is_derivative_at_dragged_point(qtbot, model, curve):
    load(qtbot, model, curve, SEED)
    f = model.expression
    curve.handle.setPos(2.5, 123.0)                  # as a drag does: y snaps onto f
    x = curve.x
    assert x == pytest.approx(2.5)
    assert curve.handle.pos().y() == pytest.approx(f(x))
    (x0, x1), (y0, y1) = curve.tangent_item.getData()
    assert (y1 - y0) / (x1 - x0) == pytest.approx(f.gradient(x)[0], rel=1e-9)
    assert y0 + (x - x0) * (y1 - y0) / (x1 - x0) == pytest.approx(f(x))   # touches at x
    values = curve.panel.values
    assert values["f"] == f(x) and values["df"] == f.gradient(x)[0]
    assert values["trend"] == "increasing"
    assert "increasing" in curve.panel.point_readout.text()
    curve.set_point(0.5 * (1 + np.sqrt(1 / 3)) + 0.3)    # f′ < 0 between 1 and 2
    assert curve.panel.values["trend"] == "decreasing"
    np.testing.assert_allclose(curve.slope_marker.getData()[1], [f.gradient(curve.x)[0]])


def test_dragging_near_a_critical_point_snaps_to_stationary(qtbot, model, curve):
    load(qtbot, model, curve, SEED)
    px = curve.plot_f.vb.viewPixelSize()[0]
    curve.handle.setPos(1.0 + 3 * px, 0.0)
    assert curve.x == pytest.approx(1.0, abs=1e-9)
    assert curve.panel.values["trend"] == "stationary"


def test_secant_quotient_tends_to_derivative(qtbot, model, curve):
    load(qtbot, model, curve, SEED)
    f = model.expression
    curve.set_point(1.5)     # |f″(1.5)| = 1: the quotient's error is about h/2
    curve.panel.set_h(1e-6)
    h = curve.panel.h
    assert h == 1e-6
    quotient = (f(1.5 + h) - f(1.5)) / h
    values = curve.panel.values
    assert values["quotient"] == quotient
    assert abs(values["quotient"] - f.gradient(1.5)[0]) < 1e-5
    assert values["difference"] == pytest.approx(quotient - f.gradient(1.5)[0])
    (x0, x1), (y0, y1) = curve.secant_item.getData()
    assert (y1 - y0) / (x1 - x0) == pytest.approx(quotient, rel=1e-9)
    curve.panel.h_slider.setValue(0)                   # the slider's left end is h = 1
    assert curve.panel.h == 1.0
    np.testing.assert_allclose(curve.secant_points.getData()[0], [1.5, 2.5])
    assert curve.panel.values["quotient"] == pytest.approx(f(2.5) - f(1.5))


def test_critical_points_marked_and_labelled(qtbot, model, curve):
    load(qtbot, model, curve, SEED)
    xs, ys = curve.critical_item.getData()
    np.testing.assert_allclose(xs, [0, 1, 2], atol=1e-9)
    np.testing.assert_allclose(ys, [0, 1, 0], atol=1e-9)
    labels = [t.toPlainText() for t in curve.critical_labels if t.isVisible()]
    assert labels == ["minimum", "maximum", "minimum"]
    np.testing.assert_allclose(curve.critical_d_item.getData()[1], [0, 0, 0])


def test_descent_path_on_curve_and_click_sets_start(qtbot, model, curve):
    load(qtbot, model, curve, SEED)
    f = model.expression
    model.set_frame(5)
    path = model.paths["gd"]
    xs, ys = curve.path_items["gd"].getData()
    np.testing.assert_array_equal(xs, path.points[:6, 0])
    np.testing.assert_array_equal(ys, path.values[:6])
    np.testing.assert_array_equal(curve.current_items["gd"].getData()[0], path.points[5:6, 0])
    # a click on empty plot area moves the start there
    vb = curve.plot_f.vb
    scene = vb.mapViewToScene(QPointF(-0.5, 5.0))
    view_pos = curve.canvas.mapFromScene(scene)
    qtbot.mouseClick(curve.canvas.viewport(), Qt.MouseButton.LeftButton, pos=view_pos)
    qtbot.waitUntil(lambda: abs(model.start[0] + 0.5) < 0.02)
    assert curve.start_item.getData()[1][0] == pytest.approx(f(model.start[0]))


def test_pan_pushes_window_and_resamples(qtbot, model, curve):
    load(qtbot, model, curve, SEED)
    curve.plot_f.vb.translateBy(x=1.0)                 # as a drag does
    curve.plot_f.vb.sigRangeChangedManually.emit([True, False])
    qtbot.waitUntil(lambda: model.window[0][0] == pytest.approx(0.0, abs=1e-9), timeout=3000)
    assert model.window[0][1] == pytest.approx(4.0)
    assert curve.xs[0] == pytest.approx(0.0)
    np.testing.assert_allclose(curve.curves["f"].getData()[1], model.expression(curve.xs))


def test_variable_name_on_axis_and_two_d_ignored(qtbot, model, curve):
    load(qtbot, model, curve, "(w-3)^2")
    # the x-axis's name, at its right end in the legend's row (gui.plots.curve_legend)
    assert curve.legend_row.name.text == "w"
    before = curve.curves["f"].getData()[1].copy()
    load_2d = find_preset("x^2 + 2y^2")
    model.load_preset(load_2d)
    assert model.wait_for_analysis()
    np.testing.assert_array_equal(curve.curves["f"].getData()[1], before)


@pytest.mark.parametrize("text", ["log(x)", "1/x", "exp(1000x)", "sqrt(x)", "abs(x)",
                                  "relu(x)", "sin(1/x)", "5", "0*x", "tan(x)", "x^100"])
def test_awkward_functions_draw_without_error(qtbot, model, curve, text):
    model.set_text(text)
    assert model.wait_for_analysis()
    qtbot.waitUntil(lambda: model.expression is not None and curve.xs.size > 0)
    f = model.expression
    lo, hi = curve.plot_f.vb.viewRange()[1]
    assert np.isfinite(lo) and np.isfinite(hi) and hi > lo
    if np.isfinite(f(curve.xs)).any():                     # the point sits where f exists
        assert np.isfinite(f(curve.x))
    curve.panel.set_h(1e-6)
    curve.set_point(curve.x)


def test_poles_break_the_line():
    xs = np.linspace(-1, 1, 200)                     # no sample at 0
    ys = for_display(1 / xs, (-10.0, 10.0))
    i = np.searchsorted(xs, 0)
    assert np.isnan(ys[i]) and np.isfinite(ys[i - 1]) and np.isfinite(ys[i + 1])
    np.testing.assert_array_equal(np.delete(ys, i), np.delete(1 / xs, i))


def test_robust_range_clips_asymptotes():
    xs = np.linspace(-1, 1, 1001)
    with np.errstate(divide="ignore"):
        lo, hi = robust_range([1 / xs])
    assert -200 < lo < 0 < hi < 200
    assert robust_range([np.full(5, 3.0)]) == (2.0, 4.0)
    assert robust_range([np.full(5, np.nan)]) == (-1.0, 1.0)


@pytest.mark.parametrize("preset, name", [(SEED, "curve_view_seed"),
                                          ("e^(-x)", "curve_view_exp")])
def test_screenshots(qtbot, model, curve, screenshot, preset, name):
    load(qtbot, model, curve, preset)
    curve.set_point(2.5 if preset == SEED else 0.5)
    curve.panel.set_h(0.3)
    model.set_frame(model.last_frame)
    qtbot.wait(50)
    screenshot(curve, name)


@pytest.mark.parametrize("size", [(1000, 640), (900, 380), (640, 300)])
def test_critical_labels_stay_inside_a_short_plot(qtbot, model, curve, size):
    curve.resize(*size)
    load(qtbot, model, curve, SEED)
    qtbot.wait(100)
    box = curve.plot_f.getViewBox().sceneBoundingRect()
    shown = [t for t in curve.critical_labels if t.isVisible()]
    assert [t.toPlainText() for t in shown] == ["minimum", "maximum", "minimum"]
    for label in shown:
        rect = label.sceneBoundingRect()
        assert box.contains(rect), (label.toPlainText(), rect, box)


def test_typed_function_shows_its_tangent_point_inside_the_framed_view(qtbot, model, curve):
    # a typed 1-D f is analysed on (-4, 4), then framed around its critical points
    # ((-1, 3) for the seed): the point placed on the first window sat at x = -1.2, off
    # the screen, while the read-out below still spoke of it
    model.set_text(SEED)
    assert model.wait_for_analysis()
    qtbot.waitUntil(lambda: model.window == ((-1.0, 3.0),) and curve.xs.size > 0)
    qtbot.wait(50)
    lo, hi = curve.x_range()
    assert lo < curve.x < hi
    centre = curve.handle.mapToScene(0, 0)
    assert curve.plot_f.vb.sceneBoundingRect().contains(centre)
    pixel = curve.canvas.grab().toImage().pixelColor(curve.canvas.mapFromScene(centre))
    tangent = pg.mkColor(CURVE_COLOURS["tangent"])       # the handle's fill, under the
    assert max(abs(pixel.red() - tangent.red()), abs(pixel.green() - tangent.green()),
               abs(pixel.blue() - tangent.blue())) < 24     # tangent line drawn across it
    assert curve.panel.values["f"] == model.expression(curve.x)


def _colours_in(widget, scene_rect):
    """The pixel colours of `widget`'s grab inside a scene rectangle."""
    image = widget.grab().toImage()
    rect = widget.mapFromScene(scene_rect).boundingRect().intersected(image.rect())
    return (image.pixelColor(x, y)
            for x in range(rect.left(), rect.right()) for y in range(rect.top(), rect.bottom()))


def _brightest_in(widget, scene_rect) -> int:
    """The largest grey level (0–255) of `widget`'s grab inside a scene rectangle."""
    return max(c.lightness() for c in _colours_in(widget, scene_rect))


def _best_contrast_in(widget, scene_rect, background) -> float:
    """The highest contrast ratio (WCAG) there against `background`: an axis name in
    its curve's colour is read by contrast, not by grey level."""
    from gui.widgets.theme import contrast
    return max(contrast(c, background) for c in _colours_in(widget, scene_rect))


def test_axis_names_stay_readable_on_the_dark_theme_for_a_new_function(qtbot, model, curve):
    # a lecture's scene (or a typed f) loading a 1-D f while dark: its axis names were set
    # in the light theme's ink (#222222) over the dark background, unreadable on a projector
    from PySide6.QtWidgets import QApplication
    import gui.plots.theme  # noqa: F401  (the plots' restyler, as the app has it)
    from gui.widgets import theme
    app = QApplication.instance()
    theme.apply_theme(app, curve, "dark", 1.0)
    try:
        load(qtbot, model, curve, SEED)
        qtbot.wait(50)
        for plot, side, canvas in ((curve.plot_f, "left", curve.canvas),
                                   (curve.plot_d, "left", curve.canvas_d),
                                   (curve.plot_d, "right", curve.canvas_d)):
            axis = plot.getAxis(side)
            assert axis.label.isVisible() and axis.labelText
            # (f′'s and f″'s names are in their curves' colours: 4.5:1 drawn, some
            # margin for the glyphs' smoothing)
            background = theme.current().background
            assert _best_contrast_in(canvas, axis.label.sceneBoundingRect(), background) > 4, side
        name = curve.legend_row.name              # the x-axis's name, under its right end
        assert name.isVisible() and name.text == "x"
        assert _brightest_in(curve.canvas_d, name.mapRectToScene(name.itemRect())) > 150
        assert curve.plot_f.getAxis("left").labelText == "f(x)"
    finally:
        theme.apply_theme(app, curve, "light", 1.0)


def test_a_function_with_a_second_derivative_past_a_float_still_draws(qtbot, model, curve):
    # 1e308·x² is a float everywhere it is shown, but f″ = 2·10^308 is not: converting
    # that constant raised OverflowError inside the view's update, which then kept the
    # previous function's curves and read-outs on screen under the new formula
    load(qtbot, model, curve, SEED)
    model.set_text("1e308*x^2")
    assert model.wait_for_analysis()
    qtbot.waitUntil(lambda: model.expression is not None and model.text == "1e308*x^2")
    qtbot.wait(50)
    f = model.expression
    xs, ys = curve.curves["f"].getData()
    shown = np.isfinite(ys)
    assert shown.any()
    np.testing.assert_allclose(ys[shown], f(xs[shown]), rtol=1e-12)
    lo, hi = curve.plot_f.vb.viewRange()[1]
    assert lo <= 0 and np.mean((lo <= ys) & (ys <= hi)) > 0.1         # the parabola shows
    assert not np.isfinite(curve.curves["d2f"].getData()[1]).any()     # f″ is off the scale
    assert curve.panel.values["f"] == f(curve.x)                        # the read-out, too


@pytest.mark.parametrize("x, f_x, d2f", [(0.0, "0", "8"), (1.0, "1", "−4"), (2.0, "0", "8")])
def test_the_point_read_out_gives_f2_for_the_second_derivative_test(qtbot, model, curve,
                                                                  x, f_x, d2f):
    # the seed's Example 1, step 3: at the critical points 0, 1, 2 of x⁴ − 4x³ + 4x²,
    # f″ = 8 > 0, −4 < 0, 8 > 0 (minimum, maximum, minimum), f = 0, 1, 0. The screen
    # gave f and f′ at the dragged point but f″ only as a curve to read off its axis
    load(qtbot, model, curve, SEED)
    px = curve.plot_f.vb.viewPixelSize()[0]
    curve.handle.setPos(x + 2 * px, 0.0)              # a drag near the point snaps onto it
    assert curve.x == pytest.approx(x, abs=1e-9)
    values = curve.panel.values
    assert values["d2f"] == model.expression.hessian(curve.x)[0, 0]
    text = curve.panel.point_readout.text()
    assert f"<i>f</i>({'x'}) = {f_x}<" in text and "stationary" in text
    assert f"<i>f</i>″\u2060(x) = {d2f}<" in curve.panel.secant_readout.text()
    assert curve.panel.one_row                         # still one row at 1000 px


def test_f2_is_on_the_quotient_row_at_every_width(shown, model, qtbot):
    # f″ is never dropped for room: where the row is full it wraps (presenting at 720p
    # f″ was left out to spare f′'s plot a line, and the class lost f″ silently)
    view = shown(CurveView(model), 560, 420)
    load(qtbot, model, view, SEED)
    seen = {}
    for width in range(520, 1040, 40):
        view.resize(width, 640)
        qtbot.wait(30)
        label = view.panel.secant_readout
        assert "difference" in label.text() and "″" in label.text(), width
        seen[width] = round(label.height() / label.fontMetrics().lineSpacing())
    assert seen[1000] == 1                      # one line where the width allows
    assert max(seen.values()) == 2, seen        # else wrapped, not cut
