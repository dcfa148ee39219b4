"""A run that leaves the 3-D box (x²+2y² at η = 0.6: GD's y doubles by −1.4 a step)
draws nothing of itself outside the box: its path ends on the wall (surface_paths), its
step arrow is cut there without an end dot, and from a point outside the box (GD's step
6 at y = 15.06) no arrow is drawn — the walkthrough saw a grey line across the view."""
import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QPolygonF

from gui.plots import runs as race
from gui.plots.surface_box import HEIGHT
from gui.plots.surface_paths import to_screen
from gui.plots.surface_step_arrows import LIFT, SurfaceStepArrows
from gui.plots.surface_view import SurfaceView
from gui.widgets import theme
from tests.gui.plots.test_surface_view import as_array


@pytest.fixture
def arrows(model, qtbot, shown):
    model.set_text("x^2 + 2y^2")
    model.set_start((3.0, 2.0))
    model.set_window(((-4.0, 4.0), (-3.0, 3.0)))
    model.set_settings(runs=race.parse_runs("gd:lr=0.6, adam:lr=0.6"))
    qtbot.waitUntil(lambda: len(model.paths) == 2, timeout=60000)
    view = shown(SurfaceView(model), 600, 480)
    layer = SurfaceStepArrows(model, view)
    model.lab.select("gd")
    return layer


def _walls(view):
    (_, xhi), (_, yhi) = view.model.window
    return np.array([view.mapping.bx(xhi), view.mapping.by(yhi), HEIGHT + LIFT])


def _inside(points, walls) -> bool:
    pts = np.asarray(points, dtype=float).reshape(-1, 3)
    return bool(np.all(np.abs(pts[:, :2]) <= walls[:2] + 1e-9) and
                np.all((pts[:, 2] >= -1e-9) & (pts[:, 2] <= walls[2] + 1e-9)))


def test_a_step_leaving_the_box_ends_on_its_wall(arrows, model):
    view = arrows.view
    model.set_frame(1)             # θ₁ = (−0.6, −2.8) inside, θ₂ = (0.12, 3.92) outside
    path = model.paths["gd"]
    walls = _walls(view)
    assert arrows.lines.visible()
    drawn = np.asarray(arrows.lines.pos).reshape(-1, 3)     # what GL draws
    assert _inside(drawn, walls)
    tail, end = arrows.box_segments["step"]
    whole = view.mapping(path.points[1:3, 0], path.points[1:3, 1], path.values[1:3])
    whole[:, 2] += LIFT
    np.testing.assert_allclose(tail, whole[0])
    assert end[1] == pytest.approx(walls[1])               # on the wall y = 3 …
    t = (end - whole[0]) / (whole[1] - whole[0])            # … on the way to θ₂
    np.testing.assert_allclose(t, t[1], rtol=1e-9)
    # the end dot marks where an arrow ends: this one goes on beyond the wall
    assert len(arrows.head_points) == 0 and not arrows.heads.visible()
    assert _pixels_outside_the_box(arrows) == 0


def test_no_arrow_from_a_point_outside_the_box(arrows, model):
    view = arrows.view
    model.set_frame(6)             # θ₆ = (0.000192, 15.06): far behind the wall
    assert not arrows.box_segments and not arrows.lines.visible()
    assert not arrows.heads.visible()
    assert _pixels_outside_the_box(arrows) == 0


def _pixels_outside_the_box(arrows) -> int:
    """What the screen shows: how many pixels the arrows change (their picture against
    the same view without them) outside the box's outline, a few pixels wide."""
    view = arrows.view
    corners = np.array([(sx, sy, sz) for sx in (-1, 1) for sy in (-1, 1)
                        for sz in (0, 1)]) * _walls(view)
    outline = QPolygonF([QPointF(*p) for p in _hull(to_screen(view.gl, corners))])
    with_arrows = as_array(view.gl.canvas.grab().toImage())
    arrows.set_enabled(False)
    without = as_array(view.gl.canvas.grab().toImage())
    arrows.set_enabled(True)
    ys, xs = np.nonzero(np.abs(with_arrows.astype(int) - without).max(axis=-1) > 24)
    scale = with_arrows.shape[1] / max(view.gl.width(), 1)     # device pixels per pixel
    margin = 4 * theme.current().scale              # the lines' width and antialiasing
    return sum(1 for x, y in zip(xs, ys) if not any(
        outline.containsPoint(QPointF(x / scale + dx, y / scale + dy), Qt.OddEvenFill)
        for dx in (-margin, 0, margin) for dy in (-margin, 0, margin)))


def _hull(points):
    """The convex hull (counter-clockwise) of 2-D points, monotone chain."""
    pts = sorted(map(tuple, points))

    def half(seq):
        out = []
        for p in seq:
            while len(out) > 1 and _turn(out[-2], out[-1], p) <= 0:
                out.pop()
            out.append(p)
        return out[:-1]
    return half(pts) + half(pts[::-1])


def _turn(o, a, b) -> float:
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])
