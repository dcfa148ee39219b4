"""SurfacePaths: the paths on the 3-D surface are the engine's points (mapped once,
sliced per frame), and a frame repaints the canvas only around what moved — the tick
labels on it do not repaint — while the screen shows what a full repaint shows."""
from types import SimpleNamespace

import numpy as np
import pytest
from numpy.testing import assert_allclose
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QGuiApplication

from gui.app.presets import find_preset
from gui.plots.surface_axes import clip_to_box
from gui.plots.surface_box import HEIGHT, BoxMapping
from gui.plots.surface_paths import LIFT, to_screen, box_points
from gui.plots.surface_view import SurfaceView


@pytest.fixture
def view(shown, model):
    return shown(SurfaceView(model), 640, 520)


def load(model, qtbot, name, frame=0):
    model.load_preset(find_preset(name))
    assert model.wait_for_analysis()
    model.set_frame(frame)
    qtbot.wait(100)


class Paints(QObject):
    """The rectangles of the Paint events each watched widget receives."""

    def __init__(self, widgets):
        super().__init__()
        self.rects = {w: [] for w in widgets}
        for w in widgets:
            w.installEventFilter(self)

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and obj in self.rects:
            self.rects[obj].append(event.rect())
        return False


def _path(points, values):
    """What box_points reads of an engine Path: its points and values."""
    return SimpleNamespace(points=np.asarray(points, float), values=np.asarray(values, float))


def test_a_slice_of_the_mapped_path_is_the_mapped_slice():
    """Mapping the whole path once and cutting it per frame shows what mapping and
    clipping the first n points shows, for a path that leaves the box (the cut ends on
    the wall) and one whose value becomes undefined."""
    window = ((-2.0, 2.0), (-1.0, 3.0))
    mapping = BoxMapping.fit(window, np.array([[0.0, 10.0], [5.0, 1.0]]))
    leaving = _path([[0, 0], [0.5, 0.5], [1.5, 1.0], [3.0, 2.0], [9.0, 9.0]],
                    [1.0, 2.0, 3.0, 4.0, 5.0])
    undefined = _path([[0, 0], [0.5, 0.5], [1.0, 1.0]], [1.0, np.nan, 2.0])
    (_, xhi), (_, yhi) = window
    for path in (leaving, undefined):
        whole = box_points(path, mapping, window)
        for n in range(1, len(path.values) + 1):
            pts, values = path.points[:n], path.values[:n]
            z = np.where(np.isfinite(values), mapping.bz(values) + LIFT, np.nan)
            prefix = clip_to_box(np.stack([mapping.bx(pts[:, 0]), mapping.by(pts[:, 1]), z], -1),
                                 float(mapping.bx(xhi)), float(mapping.by(yhi)),
                                 (0.0, HEIGHT + LIFT))
            assert_allclose(whole[:n], prefix)
    assert len(box_points(leaving, mapping, window)) == 4      # ends on the wall x = 2
    assert box_points(leaving, mapping, window)[-1][0] == pytest.approx(mapping.bx(2.0))
    assert len(box_points(undefined, mapping, window)) == 1


def test_each_frame_shows_the_engines_points(view, model, qtbot):
    load(model, qtbot, "Rosenbrock's banana")
    m = view.mapping
    for frame in (1, 2, 3, 40, 39, 0, 7):
        model.set_frame(frame)
        tips = []
        for method, path in model.paths.items():
            n = min(frame, len(path.points) - 1) + 1
            expected = m(path.points[:n, 0], path.points[:n, 1], path.values[:n]) + [0, 0, LIFT]
            if n > 1:
                assert_allclose(view.path_items[method].pos, expected, rtol=1e-6, atol=1e-6)
            tips.append(expected[-1])
        assert_allclose(view.current_item.pos, tips, rtol=1e-6, atol=1e-6)


def _screen_pixels(widget) -> np.ndarray:
    """What the X server shows of `widget` (not a fresh render of it)."""
    top_left = widget.mapToGlobal(widget.rect().topLeft())
    screen = QGuiApplication.primaryScreen()
    image = screen.grabWindow(0, top_left.x(), top_left.y(), widget.width(), widget.height())
    return _pixels(image.toImage())


def _pixels(image) -> np.ndarray:
    image = image.convertToFormat(image.Format.Format_RGB32)
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), -1, 4)
    return rows[:, :image.width(), :3].copy()


def test_a_frame_repaints_around_the_moved_paths_not_the_labels(view, model, qtbot):
    load(model, qtbot, "Rosenbrock's banana", frame=10)
    canvas = view.gl.canvas
    labels = [label for _, label in view.gl._labels if label.isVisible()]
    assert len(labels) > 10
    paints = Paints([canvas, *labels])
    for frame in range(11, 31):
        model.set_frame(frame)
        qtbot.wait(5)
    qtbot.waitUntil(lambda: len(paints.rects[canvas]) >= 1)
    qtbot.wait(50)
    assert all(paints.rects[label] == [] for label in labels)   # unchanged: not repainted
    full = canvas.rect()
    for rect in paints.rects[canvas]:
        assert rect.width() * rect.height() < full.width() * full.height() / 4
    # ...and the last repaint holds each run's newest point on screen
    assert view.gl.size() == canvas.size()      # the view and the canvas share coordinates
    for x, y in to_screen(view.gl, view.current_item.pos):
        assert any(r.contains(int(x), int(y)) for r in paints.rects[canvas]), (x, y)
    # what the screen shows is what a full repaint shows: nothing left behind
    on_screen = _screen_pixels(canvas)
    rendered = _pixels(canvas.grab().toImage())
    assert on_screen.shape == rendered.shape
    assert np.abs(on_screen.astype(int) - rendered.astype(int)).max() <= 1
    assert len(np.unique(rendered.reshape(-1, 3) // 8, axis=0)) > 50     # a real picture


def test_back_to_step_0_and_a_new_camera_repaint_what_changed(view, model, qtbot):
    load(model, qtbot, "Rosenbrock's banana", frame=60)
    canvas = view.gl.canvas
    model.set_frame(0)                 # the whole paths taken away
    qtbot.wait(50)
    assert np.abs(_screen_pixels(canvas).astype(int)
                  - _pixels(canvas.grab().toImage()).astype(int)).max() <= 1
    assert len(view.current_item.pos) == len(model.paths)
    paints = Paints([canvas])
    view.gl.orbit(20, 0)               # the camera: the whole canvas
    qtbot.waitUntil(lambda: canvas.rect() in paints.rects[canvas])


def test_one_line_item_draws_every_run_in_its_colour(view, model, qtbot):
    """The runs' lines are one GL item: segment pairs along each run's shown points,
    in the run's colour, the runs in order; a run with one point shows no segment."""
    load(model, qtbot, "Rosenbrock's banana", frame=25)
    drawn = view.paths.lines
    assert drawn.visible() and drawn.mode == "lines"
    assert drawn in view.gl.items and not any(i in view.gl.items for i in view.path_items.values())
    start = 0
    for method in model.paths:
        pts = view.shown_points(method)
        n = 2 * (len(pts) - 1)
        pairs = drawn.pos[start:start + n].reshape(-1, 2, 3)
        assert_allclose(pairs[:, 0], pts[:-1], rtol=1e-6, atol=1e-6)
        assert_allclose(pairs[:, 1], pts[1:], rtol=1e-6, atol=1e-6)
        assert_allclose(drawn.color[start:start + n], [view.paths.colour(method)] * n, atol=1e-6)
        start += n
    assert start == len(drawn.pos)
    model.set_frame(0)
    assert not drawn.visible()


def test_a_frame_renders_only_its_rectangle_and_that_is_the_full_picture(view, model, qtbot):
    """A frame's picture is rendered inside the changed rectangle alone (the rest kept
    from before) and equals, pixel for pixel, the whole scene rendered afresh."""
    load(model, qtbot, "Rosenbrock's banana", frame=30)
    canvas = view.gl.canvas
    canvas.picture()
    kept = canvas._image
    for frame in range(31, 41):
        model.set_frame(frame)
        assert canvas._changed_rect is not None and not canvas._changed_rect.isEmpty()
        assert canvas.picture() is kept              # drawn into, not grabbed anew
        assert not canvas._dirty
    partial = _pixels(kept)
    canvas.scene_changed()                           # all: grabbed whole
    assert canvas.picture() is not kept
    whole = _pixels(canvas.picture())
    assert np.array_equal(partial, whole)
    assert len(np.unique(whole.reshape(-1, 3) // 8, axis=0)) > 50


def _kept_equals_a_full_render(canvas):
    """The picture kept (partly re-rendered) is, pixel for pixel, the scene rendered whole."""
    partial = _pixels(canvas.picture())
    canvas.scene_changed()
    whole = _pixels(canvas.picture())
    assert np.array_equal(partial, whole)
    assert len(np.unique(whole.reshape(-1, 3) // 8, axis=0)) > 50


def test_a_new_start_with_the_plane_repaints_around_old_and_new_not_the_labels(view, model, qtbot):
    """New paths (a click on the map) and the tangent plane moving with them repaint the
    rectangle around the old and new paths and planes: the tick labels elsewhere do not
    repaint, and the picture is what a full render shows."""
    load(model, qtbot, "Rosenbrock's banana", frame=0)
    view.plane_toggle.setChecked(True)
    qtbot.wait(50)
    canvas = view.gl.canvas
    canvas.picture()        # the background drawn anew (the plane shown): rendered whole
    model.set_frame(1)      # the next picture after it is rendered whole too
    qtbot.wait(50)
    model.set_frame(0)
    qtbot.wait(50)
    canvas.picture()
    assert not view.gl.background_fresh
    kept = canvas._image
    labels = [label for _, label in view.gl._labels if label.isVisible()]
    assert len(labels) > 10
    old_ring = view.plane_edge.pos.copy()
    paints = Paints([canvas, *labels])
    model.set_start((0.5, 0.6))
    assert not np.allclose(view.plane_edge.pos, old_ring)          # the plane moved
    qtbot.waitUntil(lambda: len(paints.rects[canvas]) >= 1)
    qtbot.wait(50)
    rect = paints.rects[canvas][-1]
    full = canvas.rect()
    assert rect.width() * rect.height() < full.width() * full.height() / 2
    for x, y in to_screen(view.gl, np.concatenate([old_ring, view.plane_edge.pos])):
        assert rect.contains(int(x), int(y)), (x, y)
    untouched = [label for label in labels if not label.geometry().intersects(rect)]
    assert len(untouched) > 5
    assert all(paints.rects[label] == [] for label in untouched)
    assert canvas.picture() is kept                  # drawn into, not grabbed anew
    _kept_equals_a_full_render(canvas)


def test_a_new_fs_paths_drawn_after_its_surface_show_the_full_picture(view, model, qtbot):
    """A new f: its surface from f alone, then its paths and plane around them only;
    what shows is the full render of the new scene."""
    load(model, qtbot, "Rosenbrock's banana", frame=10)
    view.plane_toggle.setChecked(True)
    for text in ("x^2 + 3*y^2 + x*y", "(x^2+y-11)^2 + (x+y^2-7)^2"):
        model.set_text(text)
        assert model.wait_for_analysis()
        assert model.frame == 0          # a typed f starts at step 0: its paths from there
        model.set_frame(10)
        qtbot.wait(50)
        assert view.paths.lines.visible() and view.plane_item.visible()
        _kept_equals_a_full_render(view.gl.canvas)


def test_a_segment_running_behind_the_camera_has_a_rectangle_holding_its_picture(view, model, qtbot):
    """An arrow of a diverging step may end behind the camera: its rectangle is still
    found (not "everything"), lies on the canvas, and holds every on-screen pixel of
    the segment's part in front of the camera."""
    from gui.plots.surface_paths import _clip_matrix, segments_screen_rect
    load(model, qtbot, "Rosenbrock's banana", frame=0)
    gl = view.gl
    w, h = gl.width(), gl.height()
    matrix = _clip_matrix(gl, w, h)
    # the camera's position in box coordinates: points beyond it are behind
    inverse = np.linalg.inv(matrix)
    eye = inverse @ np.array([0.0, 0.0, -1.0, 0.0])      # the point all rays leave from
    eye = eye[:3] / eye[3]
    start = np.array([0.2, -0.1, 0.3])
    for far in (start + 3.0 * (eye - start), start + 50.0 * (eye - start) + [5, 0, 0],
                np.array([-1477.75, 246.9, 0.88]), np.array([0.6, -69.6, 0.88])):
        segment = np.array([start, far])
        rect = segments_screen_rect(gl, segment[None])
        assert rect is not None and not rect.isEmpty()
        assert rect.width() <= w + 40 and rect.height() <= h + 40
        t = np.linspace(0, 1, 20001)[:, None]
        points = segment[0] + t * (segment[1] - segment[0])
        clip = np.column_stack([points, np.ones(len(points))]) @ matrix.T
        shown = clip[:, 3] > 0.05                          # well in front of the camera
        xy = clip[shown, :2] / clip[shown, 3:4]
        px = np.column_stack([(xy[:, 0] + 1) * w / 2, (1 - xy[:, 1]) * h / 2])
        on_canvas = (px[:, 0] >= 0) & (px[:, 0] < w) & (px[:, 1] >= 0) & (px[:, 1] < h)
        assert on_canvas.sum() > 10
        for x, y in px[on_canvas]:
            assert rect.contains(int(x), int(y)), (far, x, y, rect)
    assert segments_screen_rect(gl, np.array([[eye + [0, 0, 1], eye + [0, 0, 2]]])) is not None
