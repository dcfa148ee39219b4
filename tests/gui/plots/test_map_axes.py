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
