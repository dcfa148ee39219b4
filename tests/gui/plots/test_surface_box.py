"""The 3-D view stays inside its box: the surface is clipped to it, a diverging path
ends at its wall, tick labels are whole and more than the two ends are labelled, and
the tangent plane is large enough to see."""
import numpy as np
import pytest
from numpy.testing import assert_allclose
from PySide6.QtWidgets import QLabel

from gui.app.presets import find_preset
from gui.plots.surface_axes import clip_to_box
from gui.plots.surface_box import HEIGHT
from gui.plots.surface_view import PLANE_HALF, SurfaceView


@pytest.fixture
def view(shown, model):
    return shown(SurfaceView(model), 640, 520)


def _load(model, qtbot, name, frame=0, **settings):
    model.load_preset(find_preset(name))
    if settings:
        model.set_settings(**settings)
    assert model.wait_for_analysis(60000)   # a busy machine: the first analysis can be slow
    model.set_frame(frame)
    qtbot.wait(100)


def _inside(points, view, tol=1e-6):
    m, ((_, xhi), (_, yhi)) = view.mapping, view.model.window
    ax, ay = float(m.bx(xhi)), float(m.by(yhi))
    p = np.asarray(points).reshape(-1, 3)
    p = p[np.isfinite(p[:, 2])]          # a nan height is no vertex drawn (gui.plots.surface_cuts)
    return (np.all(np.abs(p[:, 0]) <= ax + tol) and np.all(np.abs(p[:, 1]) <= ay + tol)
            and p[:, 2].min() >= -tol and p[:, 2].max() <= HEIGHT + 0.05)


@pytest.mark.parametrize("name", ["Rosenbrock", "Himmelblau", "Bumpy bowl"])
def test_surface_vertices_lie_inside_the_box(view, model, qtbot, name):
    _load(model, qtbot, name)
    vertexes = view.surface.opts["meshdata"].vertexes()
    assert _inside(vertexes, view)
    assert np.nanmax(vertexes[:, 2]) <= HEIGHT + 1e-9


def test_a_diverging_path_ends_at_the_wall(view, model, qtbot):
    _load(model, qtbot, "Seed 2", lr=1.2, max_steps=60)    # lr > 1 on x² + 2y²: diverges
    model.set_frame(model.last_frame)
    qtbot.wait(50)
    path = model.paths["gd"]
    assert np.abs(path.points[-1]).max() > 100                # far outside the window
    shown = view.shown_points("gd")
    assert len(shown) >= 2 and _inside(shown, view)
    drawn = view.path_items["gd"].pos
    assert_allclose(drawn, shown)
    # the last point drawn is on the wall, the one before it inside
    m, ((_, xhi), (_, yhi)) = view.mapping, model.window
    walls = [float(m.bx(xhi)), float(m.by(yhi))]
    assert np.isclose(np.abs(shown[-1, :2]), walls, atol=1e-9).any()


def test_tick_labels_are_whole_and_between_the_ends(view, model, qtbot):
    view.resize(420, 300)
    _load(model, qtbot, "Rosenbrock")
    view.render_image()
    canvas = view.gl.canvas
    shown = [label for label in canvas.findChildren(QLabel) if label.isVisible()]
    for label in shown:                                # nothing cut at the canvas's edge
        assert canvas.rect().contains(label.geometry()), label.text()
    numbers = [label.text() for label in shown if "<b>" not in label.text()]
    assert len(numbers) >= 7                           # x, y and f each more than two ends
    texts = view.gl.label_texts()
    xs = [t for t in texts if t.replace("−", "-").lstrip("-").replace(".", "").isdigit()]
    assert len(xs) >= 8


def test_the_tangent_plane_is_large_and_opaque(view, model, qtbot):
    _load(model, qtbot, "Himmelblau", frame=3)
    view.plane_toggle.setChecked(True)
    (xlo, xhi), _ = model.window
    assert view.plane_xs[1] - view.plane_xs[0] == pytest.approx(2 * PLANE_HALF * (xhi - xlo), rel=0.5)
    assert PLANE_HALF >= 0.25 and view.plane_item.opts["color"][3] >= 0.7


def test_clip_to_box():
    pts = np.array([[0, 0, 0.1], [0.5, 0, 0.2], [3, 0, 0.2], [9, 9, 0.2]])
    assert_allclose(clip_to_box(pts, 1, 1), [[0, 0, 0.1], [0.5, 0, 0.2], [1, 0, 0.2]])
    assert_allclose(clip_to_box(pts[:2], 1, 1), pts[:2])
    assert len(clip_to_box(np.array([[2.0, 0, 0]]), 1, 1)) == 0
    nan_end = np.array([[0, 0, 0.1], [0.2, 0, np.nan]])
    assert_allclose(clip_to_box(nan_end, 1, 1), nan_end[:1])


@pytest.mark.parametrize("text", ["w1 + w2", "x^2 - y^2"])
def test_a_plane_or_a_saddle_is_drawn_whole_not_cut_flat_at_its_top(view, model, qtbot, text):
    """w₁ + w₂ showed a flat notch at its highest corner: the box's lid sat at f's 98th
    percentile, so the top 2 % of every surface were cut flat."""
    model.set_text(text)
    assert model.wait_for_analysis(60000)
    qtbot.wait(50)
    vertexes = view.surface.opts["meshdata"].vertexes()
    m = view.mapping
    # every vertex at f's own height in the box: nothing clipped to the lid
    heights = vertexes[:, 2]
    f = model.expression(*[(vertexes[:, k] / m.xy_scale) + (m.x0, m.y0)[k] for k in (0, 1)])
    assert_allclose(heights, (f - m.f0) * m.f_scale, atol=1e-5)
    assert heights.max() == pytest.approx(HEIGHT, abs=1e-6)
    if text == "w1 + w2":                                   # and a plane is a plane
        A = np.column_stack([vertexes[:, 0], vertexes[:, 1], np.ones(len(vertexes))])
        coef, *_ = np.linalg.lstsq(A, heights, rcond=None)
        assert np.abs(A @ coef - heights).max() < 1e-5


def test_rosenbrocks_walls_are_still_cut_at_the_lid(view, model, qtbot):
    _load(model, qtbot, "Rosenbrock")
    heights = view.surface.opts["meshdata"].vertexes()[:, 2]
    # its top 2 % above the lid are not drawn (flattened onto it, they were a shelf)
    assert 0.01 < np.mean(np.isnan(heights)) < 0.03
    assert np.nanmax(heights) <= HEIGHT
