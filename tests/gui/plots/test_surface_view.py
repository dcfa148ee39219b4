"""SurfaceView: the surface, the paths and the tangent plane are the engine's numbers,
placed through one box mapping; the GL view really renders."""
import numpy as np
import pyqtgraph as pg
import pytest
from numpy.testing import assert_allclose

import gui.plots.surface_view as surface_view
from gui.widgets.palette import COLORMAP
from gui.app.presets import default_preset, find_preset
from gui.plots.surface_view import LIFT, SurfaceView

# The two tests of the whole window share one (~1 s of CPU a build), put back by File ▸ New
# before the second (fixture `window`): one only reads it, the other changes f alone.
pytestmark = [pytest.mark.shared_window, pytest.mark.xdist_group("surface_view_shared")]


@pytest.fixture
def view(shown, model):
    return shown(SurfaceView(model), 640, 520)


def load(model, qtbot, name=None, frame=0):
    model.load_preset(find_preset(name) if name else default_preset())
    assert model.wait_for_analysis()
    model.set_frame(frame)
    qtbot.wait(100)


def as_array(image):
    """(h, w, 4) bytes B, G, R, A (Format_RGB32 on a little-endian machine), copied."""
    image = image.convertToFormat(image.Format.Format_RGB32)
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), -1, 4)
    return rows[:, :image.width()].copy()         # copy: the buffer dies with `image`


def test_renders_a_real_picture(view, model, qtbot):
    load(model, qtbot, frame=5)
    assert view.gl is not None and view.gl.context().isValid()
    image = view.render_image()
    pixels = as_array(image)[..., 2::-1].reshape(-1, 3)      # BGRA bytes → RGB
    assert pixels.std(axis=0).max() > 20                     # not uniform
    colours = np.unique(pixels // 8, axis=0)                 # distinct colours, coarsely
    assert len(colours) > 50
    # the surface's own colours are there: cividis' blue at the bottom, yellow on the walls
    red, blue = pixels[:, 0].astype(int), pixels[:, 2].astype(int)
    assert np.sum(blue > red + 30) > 500 and np.sum(red > blue + 60) > 500


def test_surface_is_f_through_the_box_mapping(view, model, qtbot):
    load(model, qtbot)
    f, scape, m = model.expression, view.landscape, view.mapping
    for i, j in [(0, 0), (10, 70), (99, 99)]:
        assert scape.Z[i, j] == pytest.approx(f(scape.xs[i], scape.ys[j]))
    vertexes = view.surface.opts["meshdata"].vertexes().reshape(len(scape.xs), len(scape.ys), 3)
    assert_allclose(vertexes, m(*np.meshgrid(scape.xs, scape.ys, indexing="ij"), scape.Z),
                    rtol=1e-6, atol=1e-6)
    # the floor is f's minimum on the grid; the longer side of the window spans [−1, 1]
    assert vertexes[..., 2].min() == pytest.approx(0.0, abs=1e-6)
    assert vertexes[..., 0].min() == pytest.approx(m.bx(scape.xs[0]))
    assert m.bx(model.window[0][1]) == pytest.approx(1.0)
    # coloured like the contour map: cividis at f's colour position
    colours = view.surface.opts["meshdata"].vertexColors()
    expected = pg.colormap.get(COLORMAP).map(scape.colour_position(scape.Z[10, 70]), mode="float")
    assert_allclose(colours[10 * len(scape.ys) + 70], expected, atol=1e-6)


def test_path_line_is_the_mapped_path(view, model, qtbot):
    load(model, qtbot, "Rosenbrock's banana", frame=150)
    m = view.mapping
    for method, path in model.paths.items():
        shown = path.points[:151]
        expected = m(shown[:, 0], shown[:, 1], path.values[:151]) + [0, 0, LIFT]
        assert_allclose(view.path_items[method].pos, expected)
    tips = view.current_item.pos
    assert_allclose(tips[0], m(*model.paths["gd"].points[150], model.paths["gd"].values[150])
                    + [0, 0, LIFT])
    model.set_frame(3)
    assert len(view.path_items["gd"].pos) == 4


def test_tangent_plane_touches_f_with_slope_grad_f(view, model, qtbot, screenshot):
    load(model, qtbot, frame=2)
    view.plane_toggle.setChecked(True)
    f, m = model.expression, view.mapping
    p = model.paths["gd"].points[2]                        # the last shown point of the path
    assert view.plane_point == pytest.approx(tuple(p))
    value, grad = f(*p), f.gradient(*p)
    xs, ys, plane = view.plane_xs, view.plane_ys, view.plane_f
    assert xs.mean() == pytest.approx(p[0]) and ys.mean() == pytest.approx(p[1])
    assert plane.mean() == pytest.approx(value)            # the plane contains (p, f(p))
    assert (plane[1, 0] - plane[0, 0]) / (xs[1] - xs[0]) == pytest.approx(grad[0])
    assert (plane[0, 1] - plane[0, 0]) / (ys[1] - ys[0]) == pytest.approx(grad[1])
    vertexes = view.plane_item.opts["meshdata"].vertexes().reshape(2, 2, 3)
    assert_allclose(vertexes, m(*np.meshgrid(xs, ys, indexing="ij"), plane), atol=1e-6)
    assert view.plane_item.visible()
    screenshot(view, "surface_default_path_plane")
    view.plane_toggle.setChecked(False)
    assert not view.plane_item.visible()


def test_tangent_plane_at_the_start_without_paths(view, model, qtbot):
    load(model, qtbot)
    model.set_settings(methods=())
    view.plane_toggle.setChecked(True)
    assert view.plane_point == pytest.approx(model.start)


def test_rosenbrock_is_not_a_spike(view, model, qtbot, screenshot):
    load(model, qtbot, "Rosenbrock's banana", frame=300)
    z = view.surface.opts["meshdata"].vertexes()[:, 2]
    # robust heights: the valley floor is not squashed flat, more than a sliver is below mid-height
    assert np.mean(z < 0.5 * np.nanmax(z)) > 0.3
    assert "f" in [t.replace("<b>", "").replace("</b>", "") for t in view.gl.label_texts()]
    screenshot(view, "surface_rosenbrock")


def test_message_instead_of_view_without_opengl(qtbot, model, monkeypatch):
    monkeypatch.setattr(surface_view, "opengl_available", lambda: False)
    v = SurfaceView(model)
    qtbot.addWidget(v)
    v.show()
    load(model, qtbot)
    assert v.gl is None
    assert "OpenGL 2.1" in v.message.text() and v.message.isVisible()
    assert not v.render_image().isNull()


def test_one_variable_leaves_the_view_alone(view, model, qtbot):
    load(model, qtbot, frame=3)
    shown = view.landscape
    model.set_text("x^3 - x")
    assert model.wait_for_analysis()
    for frame in (1, 2, 0):
        model.set_frame(frame)
    view.plane_toggle.setChecked(True)
    assert view.landscape is shown


def test_frames_touch_only_the_items_that_change(view, model, qtbot):
    load(model, qtbot, "Rosenbrock's banana")
    model.set_settings(methods=("gd", "newton"))
    newton = model.paths["newton"]
    assert len(newton.points) < model.last_frame
    model.set_frame(len(newton.points) + 1)
    newton_pos = view.path_items["newton"].pos
    gd_pos = view.path_items["gd"].pos
    surface_vertexes = view.surface.vertexes
    model.set_frame(model.frame + 3)
    assert view.path_items["newton"].pos is newton_pos          # ended: untouched
    assert view.path_items["gd"].pos is not gd_pos
    assert len(view.path_items["gd"].pos) == model.frame + 1
    assert view.surface.vertexes is surface_vertexes            # the mesh is not re-parsed
    # Newton left the box at step 2 (y = −2.7, f = 752) and is back at (1, 1): its dot
    # is there, not on the wall where its shown path ends
    end = newton.points[-1]
    mapping = view.mapping
    assert_allclose(view.current_item.pos[1], [mapping.bx(end[0]), mapping.by(end[1]),
                                               mapping.bz(newton.values[-1]) + LIFT],
                    atol=1e-6)


def test_a_hidden_view_builds_its_surface_only_when_shown(qtbot, model, shown):
    view = SurfaceView(model)
    qtbot.addWidget(view)
    if view.gl is None:
        pytest.skip("no OpenGL")
    model.load_preset(default_preset())
    assert model.wait_for_analysis()
    assert view.landscape is None
    shown(view, 640, 520)
    assert view.landscape is not None and view.surface.visible()


# --- the canvas: the scene shown as a picture, without GL composition of the window ---
def test_no_gl_widget_inside_the_window(window):
    """A QOpenGLWidget under the main window makes Qt compose the whole window through
    OpenGL on every repaint (software GL: ~40 repaints/s); the 3-D view is a picture."""
    from PySide6.QtOpenGLWidgets import QOpenGLWidget
    assert window.findChildren(QOpenGLWidget) == []
    canvas = window.surface_view.gl.canvas
    assert canvas.window() is window and canvas.isVisible()
    assert window.surface_view.gl.window() is window.surface_view.gl     # its own window


def test_a_frame_reuses_the_surface_and_looks_the_same_as_a_full_render(view, model, qtbot):
    load(model, qtbot, "Himmelblau", frame=3)
    view.plane_toggle.setChecked(True)
    gl_view = view.gl
    for frame in (4, 5, 6):            # frames: only paths, points and plane drawn anew
        model.set_frame(frame)
        qtbot.wait(20)
    assert gl_view._cache_valid        # the background was not drawn again for them
    cached = as_array(view.render_image())
    gl_view.set_background_items([])  # everything drawn in one pass, as pyqtgraph does
    gl_view.update()
    full = as_array(view.render_image())
    assert cached.shape == full.shape
    # the same picture, but for a few pixels where the (larger) tangent plane cuts the
    # surface: there the two depths are equal and rounding decides which shows
    differ = np.abs(cached.astype(int) - full.astype(int)).max(axis=2) > 2
    assert differ.sum() <= 20
    assert len(np.unique(full.reshape(-1, 4) // 8, axis=0)) > 50     # a real picture


def test_a_camera_move_draws_the_background_anew(view, model, qtbot):
    load(model, qtbot, frame=2)
    view.render_image()
    assert view.gl._cache_valid
    view.gl.orbit(30, 0)
    assert not view.gl._cache_valid
    before = as_array(view.render_image())
    view.gl.orbit(-30, 0)
    assert not np.array_equal(before, as_array(view.render_image()))


def test_mouse_on_the_canvas_turns_and_zooms_the_camera(view, model, qtbot):
    from PySide6.QtCore import QPoint, QPointF, Qt
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication
    load(model, qtbot)
    canvas, opts = view.gl.canvas, view.gl.opts
    azimuth, distance = opts["azimuth"], opts["distance"]
    middle = canvas.rect().center()
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=middle)
    qtbot.mouseMove(canvas, middle + QPoint(40, 0))
    # QTest's mouseMove carries no buttons; a real drag does: send one
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtCore import QEvent
    move = QMouseEvent(QEvent.Type.MouseMove, QPointF(middle + QPoint(80, 0)),
                       QPointF(canvas.mapToGlobal(middle + QPoint(80, 0))),
                       Qt.MouseButton.NoButton, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(canvas, move)
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=middle + QPoint(80, 0))
    assert opts["azimuth"] != azimuth                           # dragged: turned
    wheel = QWheelEvent(QPointF(middle), QPointF(canvas.mapToGlobal(middle)), QPoint(0, 0),
                        QPoint(0, 120), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(canvas, wheel)
    assert opts["distance"] == pytest.approx(distance * 0.999 ** 120)   # wheel: closer


def test_an_export_at_2x_renders_the_scene_at_2x(view, model, qtbot):
    """Slides at 2×: the surface drawn at twice the pixels, not the screen's picture
    blown up (in which every 2×2 block of pixels would be one colour)."""
    from gui.app.export import render_widget
    load(model, qtbot, "Himmelblau", frame=3)
    canvas = view.gl.canvas
    sharp = as_array(render_widget(canvas, 2.0))[..., :3].astype(int)
    h, w = canvas.height(), canvas.width()
    assert sharp.shape[:2] == (2 * h, 2 * w)
    blocks = sharp[:2 * h, :2 * w].reshape(h, 2, w, 2, 3)
    uniform = np.all(blocks == blocks[:, :1, :, :1], axis=(1, 3, 4))
    assert uniform.mean() < 0.9             # blown up: 1.0
    assert view.gl.canvas.picture() is not None        # the screen's picture is intact


def test_an_export_at_2x_draws_the_scene_once_as_pyqtgraph_tiles_it(view, model, qtbot,
                                                                   monkeypatch):
    """pyqtgraph's renderToArray drew the scene once per 512-px tile (6 times for a 2×
    export of this view; the 3-D view took 7 of a 60-frame GIF's 15 s): one piece now,
    the same picture (a few edge pixels rasterised differently)."""
    from gui.app.export import render_widget
    load(model, qtbot, "Himmelblau", frame=3)
    gl_view = view.gl.canvas.view
    size = (2 * view.gl.canvas.width(), 2 * view.gl.canvas.height())
    gl_view.makeCurrent()
    tiled = gl_view.renderToArray(size)
    drawn = []
    paint = gl_view.paint

    def counted(*args, **kwargs):
        drawn.append(kwargs.get("region"))
        return paint(*args, **kwargs)
    monkeypatch.setattr(gl_view, "paint", counted)
    render_widget(view.gl.canvas, 2.0)
    assert len(drawn) == 1, drawn
    gl_view.makeCurrent()
    from gui.plots.gl_region import render_scaled
    whole = render_scaled(gl_view, size)
    assert (whole != tiled).any(axis=-1).mean() < 0.002


@pytest.mark.parametrize("size, elevation", [((640, 520), None), ((420, 230), 80)])
def test_visible_labels_never_overlap(view, model, qtbot, size, elevation):
    """Seen from above, the f axis is short on screen and its ticks would pile up."""
    from PySide6.QtWidgets import QLabel
    view.resize(*size)
    load(model, qtbot, "Himmelblau")
    if elevation is not None:
        view.gl.setCameraPosition(elevation=elevation)
    view.render_image()
    shown = [label for label in view.gl.canvas.findChildren(QLabel) if label.isVisible()]
    assert any(label.text() == "<b>f</b>" for label in shown)      # the axis names stay
    for i, a in enumerate(shown):
        for b in shown[i + 1:]:
            assert not a.geometry().intersects(b.geometry()), (a.text(), b.text())


def test_a_new_f_shows_its_ticks_without_flickering_the_hidden_ones(view, model, qtbot):
    """Seen from above, some f ticks overlap and are hidden; a new f with the same
    window keeps them hidden (they were shown and hidden again with every f), and the
    labels read the new f's ticks (surface_axes.axes_layout of the new mapping)."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QLabel

    from gui.plots.surface_axes import axes_layout
    from gui.widgets.variable_names import display_name
    view.resize(420, 230)
    load(model, qtbot, "Himmelblau")
    view.gl.setCameraPosition(elevation=80)
    view.render_image()
    labels = view.gl.canvas.findChildren(QLabel)
    hidden_before = [label for label in labels if label.isHidden()]
    assert hidden_before                                      # some overlap, hidden

    class Shows(QObject):
        count = 0

        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Show and obj in labels:
                Shows.count += 1
            return False
    shows = Shows()
    for label in labels:
        label.installEventFilter(shows)
    model.set_text("(x^2+y-11)^2 + (x+y^2-7)^2 + 3*x")        # same window, new f
    assert model.wait_for_analysis()
    view.render_image()
    came_back = [label for label in hidden_before if not label.isHidden()]
    assert Shows.count == len(came_back) < len(hidden_before)   # shown: only these
    _, expected, _ = axes_layout(view.mapping, model.window, view._side,
                                 tuple(map(display_name, model.expression.variables)))
    assert view.gl.label_texts() == [text for _, text in expected]


def test_from_one_variable_to_two_draws_no_stale_path(window, qtbot):
    """Right after f changes from x to (x, y) the model still holds the 1-D paths; the
    surface shows only paths in the plane (drawing a 1-D one raised inside showEvent)."""
    model, view = window.model, window.surface_view
    model.set_text("x^3 - 2x")
    assert model.wait_for_analysis()
    model.set_text("x^2 + y^2")
    assert model.wait_for_analysis()       # pytest-qt fails the test on any exception in Qt
    qtbot.wait(50)
    assert set(view.path_items) >= set(model.paths)
    assert all(p.points.shape[1] == 2 for p in model.paths.values())
    assert view.shown_points("gd").shape[1] == 3


_SWITCH = r"""
import gc, sys
sys.path.insert(0, {root!r})
from PySide6.QtCore import QSettings
from gui.app.application import build_window, make_application
app = make_application(["switch"])
model, window = build_window(settings=QSettings({ini!r}, QSettings.Format.IniFormat))
window.resize(1200, 800)
window.show()
assert model.wait_for_analysis(30000)
for text in ("x^3 - 2x", "x^2 + y^2", "x^2", "x*y + y^2"):
    model.set_text(text)
    assert model.wait_for_analysis(30000)
    for _ in range(20):
        app.processEvents()
    gc.collect()                    # a dangling reference would crash here
print("survived")
model.shutdown()
"""


def test_switching_between_one_and_two_variables_survives_garbage_collection(tmp_path):
    """An exception escaping a Qt virtual (showEvent) once left a freed object behind;
    the next full collection crashed the process. Run in a child: a crash is exit != 0."""
    import os
    import subprocess
    import sys
    from pathlib import Path
    root = str(Path(__file__).resolve().parents[3])
    code = _SWITCH.format(root=root, ini=str(tmp_path / "s.ini"))
    env = dict(os.environ, XDG_CONFIG_HOME=str(tmp_path))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=240, env=env)
    assert done.returncode == 0 and "survived" in done.stdout, done.stderr[-2000:]


def test_built_before_its_first_f_it_renders_once_with_the_analysed_surface(
        shown, model, qtbot, monkeypatch):
    """A view built before its model has an f (a plain start builds it after the first
    paint, before the load) shows the plots' background and renders neither the empty
    scene nor the sketch's surface: its first render has the analysed f's surface."""
    from PySide6.QtGui import QColor

    from gui.plots.gl_canvas import LabelledGLView
    from gui.widgets import theme

    renders = []                       # per render: the surface shown, its f analysed
    original = LabelledGLView.paintGL

    def paint_gl(gl_view):
        renders.append((gl_view.items[0].visible(), model.expression is not None))
        original(gl_view)

    monkeypatch.setattr(LabelledGLView, "paintGL", paint_gl)
    view = shown(SurfaceView(model), 640, 520)
    qtbot.wait(100)
    assert view.gl.items[0] is view.surface
    assert view.gl.canvas.held and renders == []
    canvas = as_array(view.gl.canvas.grab().toImage())[..., 2::-1].reshape(-1, 3)
    background = QColor(theme.current().background)
    assert (canvas == (background.red(), background.green(), background.blue())).all()

    model.load_preset(default_preset())
    qtbot.waitUntil(lambda: bool(renders), timeout=30000)
    assert renders[0] == (True, True)
    assert view.surface_of is model.expression and not view.gl.canvas.held
    load(model, qtbot, frame=5)
    assert all(all(r) for r in renders), renders
    pixels = as_array(view.render_image())[..., 2::-1].reshape(-1, 3)
    red, blue = pixels[:, 0].astype(int), pixels[:, 2].astype(int)
    assert np.sum(blue > red + 30) > 500 and np.sum(red > blue + 60) > 500


def test_a_refit_with_another_sets_axes_never_raises(view, model, qtbot):
    """CI: a theme's refit of the labels read past the end of their texts (IndexError in
    tick_thinning, caught in Qt's event loop) when the axes on record were another set's,
    longer than the labels shown."""
    load(model, qtbot)
    gl = view.gl
    texts = [label.text() for _point, label in gl.pinned_labels() if not label.isHidden()]
    gl._label_axes = gl._label_axes + ["x", "y", "f"]     # another, longer set's axes
    gl.refit_labels()
    assert [label.text() for _point, label in gl.pinned_labels() if not label.isHidden()] == texts
