"""Numbers the plots show are true (issue 11, item 3): a clicked start keeps no mouse
noise, the hover read-out follows a new function, f′ and f″ are not drawn where f is
undefined."""
import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from gui.app.presets import default_preset
from gui.plots.contour_view import ContourView
from gui.plots.curve_view import CurveView
from gui.plots.resolution import round_to_pixel


def test_round_to_pixel():
    assert round_to_pixel(-3.00123, 0.02) == -3.0
    assert round_to_pixel(1.23456, 0.0004) == 1.2346
    assert round_to_pixel(-0.004, 0.02) == 0.0 and str(round_to_pixel(-0.004, 0.02)) == "0.0"
    assert round_to_pixel(1234.5, 3.0) == 1234.0        # a pixel of 3 units: whole numbers
    assert abs(round_to_pixel(0.123456, 0.013) - 0.123456) <= 0.013 / 2


def _to_widget(view, x, y):
    return view.canvas.mapFromScene(view.plot.vb.mapViewToScene(QPointF(x, y)))


@pytest.fixture
def contour(shown, model):
    view = shown(ContourView(model), 640, 540)
    model.load_preset(default_preset())
    assert model.wait_for_analysis(30000)
    return view


def test_a_clicked_start_is_rounded_to_the_view_resolution(contour, model, qtbot):
    qtbot.mouseClick(contour.canvas.viewport(), Qt.MouseButton.LeftButton,
                     pos=_to_widget(contour, -3.00123, 1.00456))
    qtbot.waitUntil(lambda: model.start != (3.0, 2.0))
    pixel = contour.plot.vb.viewPixelSize()
    for v, p in zip(model.start, pixel):
        decimals = int(np.ceil(-np.log10(p)))
        assert v == round(v, decimals)                     # no digits finer than a pixel
    assert model.start == pytest.approx((-3.0, 1.0), abs=2 * max(pixel))
    assert len(repr(model.start[0])) <= 6                  # −3.0 or −3.02, not −3.00123


def test_the_hover_read_out_follows_a_function_change(contour, model, qtbot):
    viewport, target = contour.canvas.viewport(), _to_widget(contour, 1.0, -1.0)
    # the moves go to the map itself: the real pointer's went to whatever window an
    # earlier test on the worker left over that point (CI: no hover in 20 s, twice)
    for at in (target + QPoint(7, 7), target):
        QApplication.sendEvent(viewport, QMouseEvent(
            QEvent.Type.MouseMove, QPointF(at), QPointF(viewport.mapToGlobal(at)),
            Qt.MouseButton.NoButton, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier))
    qtbot.waitUntil(lambda: contour.hover_values is not None, timeout=20000)
    (x, y), value, _ = contour.hover_values
    assert value == pytest.approx(x * x + 2 * y * y)
    model.set_text("x^2 + 5y^2 + 1")
    assert model.wait_for_analysis(30000)

    def of_the_new_f():
        # read at its own point: the rate-limited hover may still deliver the second move
        (x, y), value, _ = contour.hover_values
        return value == pytest.approx(x * x + 5 * y * y + 1)
    qtbot.waitUntil(of_the_new_f, timeout=20000)
    (x, y), _, _ = contour.hover_values
    # where the pointer is: (1, −1), or 7 px from it if the rate limit kept the first move
    assert (x, y) == pytest.approx((1.0, -1.0), abs=0.25)
    assert f"f = {contour.hover_values[1]:.4g}" in contour.readout.text()


def test_derivatives_are_masked_where_f_is_undefined(shown, model, qtbot):
    curve = shown(CurveView(model), 900, 700)
    model.set_text("log(x)")
    assert model.wait_for_analysis(30000)
    model.set_window(((-3.0, 3.0),))
    qtbot.waitUntil(lambda: curve.xs is not None and curve.xs[0] < -2.5, timeout=5000)
    xs, dys = curve.curves["df"].getData()
    _, d2ys = curve.curves["d2f"].getData()
    left = xs < 0
    assert left.any() and np.all(np.isnan(dys[left])) and np.all(np.isnan(d2ys[left]))
    right = xs > 0.5
    assert np.all(np.isfinite(dys[right]))
    np.testing.assert_allclose(dys[right], 1 / xs[right], rtol=1e-9)


def test_the_loss_axis_is_sized_to_what_has_been_shown(shown, model, qtbot):
    from gui.plots.loss_plot import LossPlot
    plot = shown(LossPlot(model), 700, 300)
    model.set_text("x^3")
    assert model.wait_for_analysis(30000)
    model.set_start((-2.0,))
    model.set_settings(lr=0.05, max_steps=60)
    values = model.paths["gd"].values
    assert np.nanmin(values) < -1e15                      # the run's end: x³ far below
    lo, hi = plot.plot.getPlotItem().viewRange()[1]
    assert lo > -20 and hi < 10                            # step 0 shows f = −8 only
    assert lo <= values[0] <= hi
    model.set_frame(model.last_frame)
    lo, _ = plot.plot.getPlotItem().viewRange()[1]
    shown_values = values[np.isfinite(values)]
    assert lo <= shown_values.min()                         # grown to everything shown


def test_a_typed_function_of_one_variable_frames_its_critical_points(shown, model, qtbot):
    from gui.plots.framing import frame_critical_points
    curve = shown(CurveView(model), 900, 700)
    model.load_preset(default_preset())
    assert model.wait_for_analysis(30000)
    model.set_text("x^4 - 4x^3 + 4x^2")
    assert model.wait_for_analysis(30000)
    qtbot.waitUntil(lambda: model.window == ((-1.0, 3.0),), timeout=10000)
    assert sorted(round(float(cp.point[0]), 6) for cp in model.critical_points) == [0, 1, 2]
    (x0,) = model.start
    assert min(abs(x0 - c) for c in (0, 1, 2)) >= 0.5        # away from every critical point
    path = model.paths["gd"]
    assert path.stop_step > 3                                  # not "converged at step 0"
    lo, hi = curve.x_range()
    assert lo <= -0.9 and hi >= 2.9                           # all three are in view
    ys = curve.curves["f"].getData()[1]
    assert np.nanmax(ys) - np.nanmin(ys) > 5                   # the curve is not flat
    # no critical points (eˣ): the window stays, the start has values
    window, start = frame_critical_points(model.expression, [], ((-4.0, 4.0),))
    assert window == ((-4.0, 4.0),) and -4 < start[0] < 4


def test_a_zoomed_window_is_kept_when_typing(shown, model, qtbot):
    shown(CurveView(model), 900, 700)
    model.set_text("x^2")
    assert model.wait_for_analysis(30000)
    qtbot.waitUntil(lambda: model.window == ((-2.0, 2.0),), timeout=10000)
    model.set_window(((-10.0, 10.0),))                         # the user zooms out
    model.set_text("x^2 - 6x")
    assert model.wait_for_analysis(30000)
    qtbot.wait(200)
    assert model.window == ((-10.0, 10.0),)
