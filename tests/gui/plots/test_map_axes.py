"""gui.plots.map_axes: the map's axes are drawn from a cache, anew only when they change."""
import pyqtgraph as pg
from PySide6.QtWidgets import QGraphicsItem

from gui.app.presets import default_preset
from gui.plots.contour_view import ContourView


def test_a_new_f_repaints_the_map_but_not_its_x_and_y_axes(shown, model, qtbot, monkeypatch):
    painted = []
    paint = pg.AxisItem.paint
    monkeypatch.setattr(pg.AxisItem, "paint",
                        lambda self, *a, **k: (painted.append(self), paint(self, *a, **k))[1])
    model.load_preset(default_preset())
    assert model.wait_for_analysis()
    view = shown(ContourView(model), 640, 540)
    qtbot.wait(300)
    x_axis, y_axis = view.plot.getAxis("bottom"), view.plot.getAxis("left")
    f_axis = view.colour_bar.axis
    for axis in (x_axis, y_axis, f_axis):
        assert axis.cacheMode() == QGraphicsItem.CacheMode.DeviceCoordinateCache
    assert x_axis in painted and f_axis in painted          # drawn once, into the cache
    painted.clear()
    image_before = view.canvas.grab().toImage()
    model.set_text("x^2 - y^2 + x^4/7")
    assert model.wait_for_analysis()
    qtbot.wait(300)
    assert view.canvas.grab().toImage() != image_before     # the map did change
    assert f_axis in painted                                # new f values on the colour bar
    assert x_axis not in painted and y_axis not in painted  # same range: from the cache
    painted.clear()
    model.set_window(((-2.0, 2.5), (-1.5, 2.0)))          # a new range: drawn anew
    qtbot.waitUntil(lambda: x_axis in painted and y_axis in painted)


def test_an_axis_moved_a_fraction_of_a_pixel_is_drawn_where_it_is(shown, model, qtbot):
    """The plot moved whole by a fraction of a pixel (a layout: the colour bar's labels
    narrower by 8.27 px once the Neuron tab's levels came): each axis is drawn as at its
    new place, pixel for pixel as a fresh paint, not its cached pixmap of the old place
    blitted at the rounded one (the bar's frame line a column off after a round trip)."""
    from tests.gui.app.test_look_round_trip import pixels
    model.load_preset(default_preset())
    assert model.wait_for_analysis()
    view = shown(ContourView(model), 640, 540)
    qtbot.wait(300)
    layout = view.canvas.ci.layout
    left, top, right, bottom = layout.getContentsMargins()
    axes = [item.getAxis(side) for item in (view.plot, view.colour_bar)
            for side in ("left", "right", "top", "bottom")]
    for shift in (0.3, 0.6, 0.9):
        layout.setContentsMargins(left + shift, top, right - shift, bottom)
        qtbot.wait(100)
        shown_now = pixels(view.canvas)
        for axis in axes:
            axis.update()               # every axis painted afresh, at its place
        qtbot.wait(100)
        assert (shown_now != pixels(view.canvas)).any(axis=-1).sum() == 0, shift
