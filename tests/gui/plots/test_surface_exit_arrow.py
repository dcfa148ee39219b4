"""A run whose iterate is outside the 3-D box is shown by an arrow on the wall towards
it, pointing out, not by a current dot: the sample lecture's scene 8 (x² + 2y², GD at
η = 0.55) at step 12 (y = 17.83 in a box to y = 3) drew its dot on the wall where the
path had left at step 3, as if the run were there."""
import numpy as np
import pytest
from PySide6.QtWidgets import QApplication

from gui.plots.surface_box import HEIGHT
from gui.plots.surface_paths import LIFT, LINE_WIDTH, to_screen
from gui.plots.surface_view import SurfaceView
from gui.widgets import theme
from tests.gui.plots.test_surface_view import as_array


@pytest.fixture
def view(model, qtbot, shown):
    model.set_text("x^2 + 2y^2")
    model.set_start((3.0, 2.0))
    model.set_window(((-4.0, 4.0), (-3.0, 3.0)))
    model.set_settings(methods=("gd",), lr=0.55, max_steps=30)
    assert model.wait_for_analysis(60000)
    return shown(SurfaceView(model), 600, 480)


def _gd_blue_pixels_near(view, point, radius=14) -> int:
    """What the screen shows: pixels in GD's blue (#0072B2) within `radius` px of the
    box point `point`."""
    image = as_array(view.gl.canvas.grab().toImage())[..., 2::-1].astype(int)   # RGB
    scale = image.shape[1] / max(view.gl.width(), 1)
    x, y = (to_screen(view.gl, np.array([point]))[0] * scale).astype(int)
    r = int(radius * scale)
    patch = image[max(y - r, 0):y + r, max(x - r, 0):x + r]
    return int((np.abs(patch - (0, 114, 178)).max(axis=-1) < 40).sum())


def test_an_iterate_outside_the_box_gets_an_arrow_on_the_wall_not_a_dot(view, model, qtbot):
    paths = view.paths
    model.set_frame(2)                      # θ₂ = (0.03, 2.88): inside, its dot shown
    assert len(view.current_item.pos) == 1
    model.set_frame(12)                     # θ₁₂ = (3e−12, 17.83): far behind the wall y = 3
    qtbot.wait(50)
    wall = view.paths.box_points("gd", view.mapping)[-1]     # where the path left (step 3)
    assert wall[1] == pytest.approx(float(view.mapping.by(-3.0)))
    assert len(view.current_item.pos) == 0  # no dot on that wall: the run is not there
    arrow = paths.exits["gd"]
    tip, shaft = arrow[1], arrow[1] - arrow[0]
    half_y = float(view.mapping.by(3.0))
    assert tip[1] == pytest.approx(half_y)                  # on the wall y = 3 …
    assert tip[0] == pytest.approx(float(view.mapping.bx(3e-12)), abs=1e-9)
    assert tip[2] == pytest.approx(HEIGHT + LIFT)           # … at the lid (f = 636 above it)
    assert shaft[1] > 0 and shaft[0] == pytest.approx(0) and shaft[2] == 0   # pointing out
    assert paths.exit_item.visible()
    assert _gd_blue_pixels_near(view, tip) > 20             # drawn, in GD's colour
    model.set_frame(2)                                      # back inside: the dot again
    qtbot.wait(50)
    assert len(view.current_item.pos) == 1 and not paths.exit_item.visible()
    assert _gd_blue_pixels_near(view, tip) == 0


def test_the_exit_arrow_reads_as_an_arrow_when_presenting(model, qtbot, shown):
    """Presenting at 1280×720 (the 3-D view ~340 px wide beside the map, lines 1.5×
    thick) the arrow of x² + 2y² at η = 0.55, step 12, pointing away from the camera,
    was a blob about 20×10 px: its shaft 21 px, its level head's strokes 5 and 14 px
    under a 4.5-px line. On screen its shaft is 6 line widths long at least, and a pair
    of its head's strokes (level or upright) 3 line widths each."""
    model.set_text("x^2 + 2y^2")
    model.set_start((3.0, 2.0))
    model.set_window(((-4.0, 4.0), (-3.0, 3.0)))
    model.set_settings(methods=("gd",), lr=0.55, max_steps=30)
    assert model.wait_for_analysis(60000)
    view = shown(SurfaceView(model), 340, 420)
    app = QApplication.instance()
    theme.apply_theme(app, view, "light", 1.5)
    try:
        model.set_frame(12)
        qtbot.wait(50)
        arrow = view.paths.exits["gd"]
        ends = to_screen(view.gl, arrow)
        strokes = np.linalg.norm(ends[1::2] - ends[0::2], axis=1)   # shaft, then the head
        line = LINE_WIDTH * theme.current().scale
        assert strokes[0] >= 6 * line, (strokes, line)
        pairs = strokes[1:].reshape(-1, 2).min(axis=1)                   # level, upright
        assert pairs.max() >= 3 * line, (strokes, line)
        assert _gd_blue_pixels_near(view, arrow[1], radius=30) > 150
    finally:
        theme.apply_theme(app, view, "light", 1.0)
