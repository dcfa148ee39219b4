"""The race on the map drawn by one layer (gui.plots.race_layer): the lines it draws are
the engine's paths, each current point shows its run's colour at the engine's iterate,
and a frame repaints only around what moved, leaving the screen as a full repaint
would."""
import numpy as np
from PySide6.QtTest import QTest
import pyqtgraph as pg
import pytest
from numpy.testing import assert_allclose
from PySide6.QtGui import QColor, QImage

from gui.plots import runs as race
from gui.plots.contour_view import ContourView

# none of these diverges: no line runs off to 1e8, where clipping rounds pixels
CALM = "gd:lr=0.01, momentum:lr=0.005, adam:lr=0.3"
KEYS = ["gd", "momentum", "adam"]


@pytest.fixture
def racing(model, qtbot):
    model.set_text("(1-x)^2 + 5(y-x^2)^2")
    model.set_window(((-2.0, 2.0), (-1.0, 3.0)))
    model.set_start((-1.5, 2.0))
    model.set_settings(runs=race.parse_runs(CALM), max_steps=120)
    qtbot.waitUntil(lambda: list(model.paths) == KEYS, timeout=60000)
    # the critical points too: their markers arriving between two pictures of a
    # test read as a repaint left behind (256 px at load ~12)
    assert model.wait_for_analysis(60000)
    assert all(np.isfinite(p.points).all() for p in model.paths.values())
    return model


@pytest.fixture
def contour(shown, racing):
    view = shown(ContourView(racing), 760, 600)
    view.field_toggle.setChecked(False)
    view.labels_toggle.setChecked(False)
    return view


def _play_to(model, qapp, frame):
    while model.frame < frame:              # one frame at a time, as Play does
        model.set_frame(model.frame + 1)
        qapp.processEvents()


def _on_screen(app, widget) -> np.ndarray:
    """(h, w, 3) RGB of what the window system shows of `widget` now (not a fresh
    paint, as widget.grab() would be: what the frames' partial repaints left)."""
    image = app.primaryScreen().grabWindow(widget.winId()).toImage()
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    bgra = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.width(), 4)
    return bgra[..., 2::-1].astype(int)


def _pixel_of(contour, x, y):
    at = contour.canvas.mapFromScene(contour.plot.vb.mapViewToScene(pg.Point(x, y)))
    return at.x(), at.y()


def test_the_drawn_lines_are_the_runs_paths(contour, racing, qapp):
    _play_to(racing, qapp, 37)
    contour.canvas.grab()                          # painted: the segments are made
    layer = contour.marks.layer
    for key in KEYS:
        points = racing.paths[key].points[:38]
        segments = layer.runs[key].segments.ndarray()   # rows x1, y1, x2, y2
        assert segments.shape == (37, 4)
        assert_allclose(segments[:, :2], points[:-1])
        assert_allclose(segments[:, 2:], points[1:])
        assert_allclose(np.column_stack(contour.current_items[key].getData()), points[-1:])


def test_each_current_point_shows_its_runs_colour_at_the_engines_iterate(contour, racing, qapp):
    _play_to(racing, qapp, 30)
    qapp.processEvents()
    screen = _on_screen(qapp, contour.canvas)
    ends = {key: _pixel_of(contour, *racing.paths[key].points[30]) for key in KEYS}
    checked = 0
    for key, (px, py) in ends.items():
        if any(np.hypot(px - qx, py - qy) < 16 for k, (qx, qy) in ends.items() if k != key):
            continue                               # another run's point covers it
        colour = QColor(racing.lab.colour(key))
        expected = np.array([colour.red(), colour.green(), colour.blue()])
        assert np.abs(screen[py, px] - expected).max() <= 2, key
        checked += 1
    assert checked >= 2


def test_a_frame_repaints_only_around_what_moved(contour, racing, qapp, monkeypatch):
    layer = contour.marks.layer
    _play_to(racing, qapp, 5)
    asked = []
    update = layer.update
    monkeypatch.setattr(layer, "update", lambda *rect: (asked.append(rect), update(*rect)))
    _play_to(racing, qapp, 40)
    assert len(asked) == 35 * len(KEYS)            # a rectangle per run per frame
    QTest.qWait(100)      # what the view defers to a later turn (a legend refit after a
    qapp.processEvents()  # late resize) is on screen before the two pictures are taken
    view = contour.plot.vb.viewRect()
    for (rect,) in asked:                          # each a small one, never the whole layer
        assert 0 < rect.width() * rect.height() < 0.05 * view.width() * view.height()
    qapp.processEvents()
    partial = _on_screen(qapp, contour.canvas)
    contour.canvas.viewport().repaint()
    qapp.processEvents()
    differ = np.abs(partial - _on_screen(qapp, contour.canvas)).max(axis=2) > 0
    # what partial repaints left is the full picture; Qt rasterises a line or marker
    # edge clipped to a repaint rectangle a shade differently in the odd pixel (seen: 1)
    assert differ.sum() <= 3
    # back to the start (Reset): all of the layer is repainted, the screen shows step 3
    asked.clear()
    racing.set_frame(3)
    qapp.processEvents()
    assert asked == [()]
    for key in KEYS:
        assert_allclose(np.column_stack(layer.shown_points(key)), racing.paths[key].points[:4])


def test_the_style_items_are_never_painted_the_layer_draws_each_run(shown, racing, qapp,
                                                                     monkeypatch):
    """The halo, line and current-point items only hold each run's look: the scene never
    paints them (empty, a scatter painted to no effect in every frame near the origin),
    and the layer still shows every current point in its run's colour."""
    from gui.plots.run_styles import RunCurrent, RunHalo, RunLine
    painted = []

    def counting(cls):
        paint = cls.paint

        def counted(self, *args):
            if isinstance(self, RunCurrent | RunHalo) or isinstance(self.parentItem(), RunLine):
                painted.append(type(self).__name__)
            return paint(self, *args)
        monkeypatch.setattr(cls, "paint", counted)
    for cls in (pg.ScatterPlotItem, pg.PlotCurveItem):
        counting(cls)
    view = shown(ContourView(racing), 760, 600)
    view.field_toggle.setChecked(False)
    view.labels_toggle.setChecked(False)
    _play_to(racing, qapp, 25)
    view.canvas.viewport().repaint()            # the whole map, every item in it
    assert painted == []
    screen = _on_screen(qapp, view.canvas)
    for key in KEYS:
        x, y = racing.paths[key].points[25]
        px, py = _pixel_of(view, x, y)
        colour = view.current_items[key].opts["brush"].color()
        assert np.abs(screen[py, px] - (colour.red(), colour.green(), colour.blue())).max() <= 40, key
