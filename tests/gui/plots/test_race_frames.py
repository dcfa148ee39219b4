"""Six runs racing, frame by frame as Play advances them: what the map and the loss plot
draw after the per-frame shortcuts (one layer drawing every run, repainted only where
a frame changed it; cached axes; one brush per colour) is still each run's engine path
up to the frame, in its colour."""
import numpy as np
import pyqtgraph as pg
import pytest
from numpy.testing import assert_allclose
from PySide6.QtGui import QColor

from gui.plots.contour_view import ContourView
from gui.plots.loss_plot import LossPlot
from gui.plots.run_styles import RunLine
from tests.gui.plots.race_setup import KEYS, start_six_runs


@pytest.fixture
def racing(model, qtbot):
    return start_six_runs(model, qtbot)


@pytest.fixture
def views(shown, racing):
    return shown(ContourView(racing), 700, 560), shown(LossPlot(racing), 700, 300)


def _play_to(model, qapp, frame, start=0):
    for k in range(start, frame + 1):        # one frame at a time, as Play does
        model.set_frame(k)
        qapp.processEvents()


def _shown_points(path, frame):
    points = path.points[:min(frame + 1, len(path.points))]
    return points[np.all(np.isfinite(points), axis=1)]


def _assert_map_shows(contour, model, frame):
    for key, path in model.paths.items():
        expected = _shown_points(path, frame)
        item = contour.path_items[key]
        assert_allclose(np.column_stack(item.getData()), expected)
        # what the layer draws the line and the dots from: exactly the visited points
        assert_allclose(np.column_stack(contour.marks.layer.shown_points(key)), expected)
        assert_allclose(np.column_stack(contour.current_items[key].getData()), expected[-1:])
        colour = QColor(model.lab.colour(key))
        assert contour.current_items[key].opts["brush"].color() == colour
        assert item.scatter.opts["brush"].color() == colour      # what the dots are drawn with


def test_the_map_draws_each_runs_engine_path_up_to_the_frame(views, racing, qapp):
    contour, _ = views
    assert isinstance(contour.path_items["gd"], RunLine)
    _play_to(racing, qapp, 30)
    _assert_map_shows(contour, racing, 30)
    _play_to(racing, qapp, 75, start=31)
    _assert_map_shows(contour, racing, 75)
    # back to the start and forward again (Reset, then Play): rebuilt, not appended to
    _play_to(racing, qapp, 12)
    _assert_map_shows(contour, racing, 12)
    # a jump forward (the slider) appends the steps in between
    racing.set_frame(50)
    qapp.processEvents()
    _assert_map_shows(contour, racing, 50)


def test_the_symbols_keep_their_colour_when_the_run_colours_change(views, racing, qapp):
    contour, _ = views
    _play_to(racing, qapp, 20)
    runs = list(racing.settings.runs)
    racing.set_settings(runs=tuple(runs[1:]))    # the first GD run goes: the other recolours
    qapp.processEvents()
    _play_to(racing, qapp, 40, start=21)
    _assert_map_shows(contour, racing, 40)


def test_frames_draw_no_new_symbols(views, racing, qapp):
    """A frame reuses the symbols already drawn: the symbol atlas of the map's dots and
    current points and of the loss plot's heads stays the same size (new pen or brush
    objects every frame once drew new symbols every frame)."""
    contour, loss = views
    _play_to(racing, qapp, 10)
    contour.canvas.grab()                        # painted: the map's atlas is filled
    atlases = [contour.marks.layer._atlas, loss.heads.scatter.fragmentAtlas]
    before = [len(a) for a in atlases]
    # the map: at least a dot and a current point per colour
    assert before[0] >= 2 * len({racing.lab.colour(k) for k in KEYS}) == 12
    assert before[1] >= 1
    _play_to(racing, qapp, 60, start=11)
    contour.canvas.grab()
    assert [len(a) for a in atlases] == before


def test_the_loss_curves_hold_each_runs_values_up_to_the_frame(views, racing, qapp):
    _, loss = views
    for frame in (25, 90):
        _play_to(racing, qapp, frame, start=0 if frame == 25 else 26)
        heads = []
        for key, path in racing.paths.items():
            n = min(frame + 1, len(path.values))
            steps, values = loss.curve_data(key)
            assert_allclose(values, path.values[:n])
            assert_allclose(steps, np.arange(n))
            if np.isfinite(path.values[n - 1]):
                heads.append((n - 1, path.values[n - 1]))
        assert_allclose(np.column_stack(loss.heads.getData()), heads)


def _ink_pixels(image, colour: QColor, tolerance=16) -> int:
    image = image.convertToFormat(image.Format.Format_RGB32)
    rgb = np.frombuffer(image.constBits(), np.uint8).reshape(
        image.height(), image.width(), 4)[..., 2::-1].astype(int)
    target = np.array([colour.red(), colour.green(), colour.blue()])
    return int((np.abs(rgb - target).max(axis=2) < tolerance).sum())


def test_every_runs_colour_is_on_the_map_mid_race(views, racing, qapp):
    contour, _ = views
    contour.field_toggle.setChecked(False)       # only the paths over the colour map
    contour.labels_toggle.setChecked(False)
    _play_to(racing, qapp, 40)
    during = contour.canvas.grab().toImage()
    runs = [contour.path_items[k] for k in KEYS] + [contour.current_items[k] for k in KEYS]
    for item in runs:
        item.hide()
    without = contour.canvas.grab().toImage()
    for item in runs:
        item.show()
    for key in KEYS:
        colour = QColor(racing.lab.colour(key))
        # pixels of the run's colour that its path and dot add (the map and the legend
        # have some of them anyway)
        assert _ink_pixels(during, colour) > _ink_pixels(without, colour) + 20, key


def test_the_cached_loss_axes_follow_the_range(views, racing, qapp):
    """The axes are drawn from a pixmap cache: a new range must still redraw them."""
    _, loss = views
    _play_to(racing, qapp, 5)
    axis = loss.plot.getPlotItem().getAxis("bottom")
    region = axis.mapRectToScene(axis.boundingRect()).toAlignedRect()
    first = loss.plot.grab(region).toImage()
    loss.plot.getPlotItem().setXRange(0, 17, padding=0)
    qapp.processEvents()
    assert loss.plot.grab(region).toImage() != first


def test_3d_labels_stay_on_a_frame_and_follow_the_camera(shown, racing, qapp):
    """A frame that only moves the paths leaves the tick labels where they are (they
    are placed only when the picture's background is drawn anew); a camera move moves
    them. Their ink is the theme's, through their palette."""
    from gui.plots.surface_view import SurfaceView
    from gui.widgets import theme
    view = shown(SurfaceView(racing), 640, 520)
    if view.gl is None:
        pytest.skip("no OpenGL on this display")
    view.gl.canvas.grab()                        # painted: labels placed
    labels = [label for _, label in view.gl._labels if label.isVisible()]
    assert len(labels) >= 6
    where = [label.pos() for label in labels]
    _play_to(racing, qapp, 20)
    view.gl.canvas.grab()
    assert [label.pos() for label in labels] == where
    view.gl.setCameraPosition(azimuth=view.gl.opts["azimuth"] + 40)
    view.gl.canvas.grab()
    assert [label.pos() for label in labels] != where
    ink = QColor(theme.current().foreground)
    assert all(label.palette().color(label.foregroundRole()) == ink for label in labels)


def test_the_quadratic_model_follows_the_selected_run_frame_by_frame(views, racing, qapp):
    """The overlay redraws only when the selected run's iterate moves (once it has
    ended, nothing per frame), and what it shows is the engine's model there: Newton's
    point, the eigenvalue labels, and the marker in the axis colour on the map."""
    from engine.optimizer_lab import is_quadratic, quadratic_model
    from gui.plots.quadratic_model_overlay import QuadraticModelOverlay
    contour, _ = views
    contour.field_toggle.setChecked(False)
    overlay = QuadraticModelOverlay(racing, contour.plot)
    racing.lab.select("adam")
    overlay.set_enabled(True)
    f, path = racing.expression, racing.paths["adam"]
    assert not is_quadratic(f)
    for frame in (3, 4, 17):
        _play_to(racing, qapp, frame, start=frame)
        q = quadratic_model(f, path.points[frame])
        assert overlay.quadratic.exact is False
        assert_allclose(overlay.quadratic.point, path.points[frame])
        assert_allclose(np.ravel(overlay.newton.getData()), q.newton_point)
        assert [label.toPlainText() for label in overlay.axis_labels] == [
            f"λ{'₁₂'[i]} = {v:.3g}".replace("-", "−") for i, v in enumerate(q.eigenvalues)]
    shown = overlay.quadratic
    overlay.refresh()                  # asked again at the same iterate: nothing recomputed
    assert overlay.quadratic is shown
    # the marker is drawn where Newton's point is, in the axis colour
    colour = overlay.newton.opts["pen"].color()
    assert overlay.newton.opts["brush"].color() == colour
    x, y = np.ravel(overlay.newton.getData())
    (x0, x1), (y0, y1) = contour.plot.vb.viewRange()
    assert x0 < x < x1 and y0 < y < y1
    at = contour.canvas.mapFromScene(contour.plot.vb.mapViewToScene(pg.Point(x, y)))
    marked = contour.canvas.grab().toImage().copy(at.x() - 8, at.y() - 8, 17, 17)
    overlay.newton.hide()              # (the eigen-axes, same ink, cross there too)
    bare = contour.canvas.grab().toImage().copy(at.x() - 8, at.y() - 8, 17, 17)
    assert _ink_pixels(marked, colour, tolerance=40) > _ink_pixels(bare, colour, tolerance=40) + 8


def test_the_kept_rectangles_hold_what_is_drawn(views, racing, qapp):
    """The loss heads' rectangle is kept between changes (SteadyScatter) and the map's
    layer keeps one for the whole race: after frames, a zoom and a resize the first is
    still what pyqtgraph computes afresh, and the second holds every shown point inside
    the visible range with a current point's radius around it, so nothing is clipped."""
    contour, loss = views
    layer = contour.marks.layer

    def assert_fresh():
        item = loss.heads.scatter
        assert item.boundingRect() == pg.ScatterPlotItem.boundingRect(item)
        assert not item.boundingRect().isEmpty()
        rect = layer.boundingRect()
        (x0, x1), (y0, y1) = contour.plot.vb.viewRange()
        px, py = (v.length() for v in layer.pixelVectors())
        checked = 0
        for key in KEYS:
            xs, ys = layer.shown_points(key)
            inside = (xs >= x0) & (xs <= x1) & (ys >= y0) & (ys <= y1)
            checked += int(inside.sum())
            for x, y in zip(xs[inside], ys[inside]):
                assert rect.left() <= x - 8 * px and x + 8 * px <= rect.right()
                assert rect.top() <= y - 8 * py and y + 8 * py <= rect.bottom()
        assert checked > 10

    _play_to(racing, qapp, 30)
    assert_fresh()
    contour.plot.vb.scaleBy((0.5, 0.5))
    qapp.processEvents()
    _play_to(racing, qapp, 33, start=31)
    assert_fresh()
    contour.resize(500, 400)
    qapp.processEvents()
    assert_fresh()
    _play_to(racing, qapp, 12)
    assert_fresh()
