"""The 3-D surface's mesh is broken where f jumps or rises past the box's lid: no
cell of it is a false wall (atan2 across the negative x axis, 1/x at its pole) or a
shelf flattened onto the lid (Rosenbrock's corners, seen as a flap folded over x = −4),
nor a floor where f is undefined (log(x) + sqrt(y): grey floor and walls, a step)."""
import numpy as np
import pytest

from gui.plots.surface_box import HEIGHT
from tests.gui.plots.test_surface_view import as_array, load, view  # noqa: F401 (fixture)

WINDOW = ((-4.5, 4.5), (-3.0, 3.0))


def _show(model, qtbot, text):
    load(model, qtbot)
    model.set_text(text)
    assert model.wait_for_analysis()
    model.set_window(WINDOW)
    qtbot.wait(100)


def _cells(view, scape):
    """(nx − 1, ny − 1, 4) the heights of each drawn cell's corners (nan: not drawn)."""
    z = view.surface.opts["meshdata"].vertexes()[:, 2].reshape(scape.Z.shape)
    return np.stack([z[:-1, :-1], z[1:, :-1], z[:-1, 1:], z[1:, 1:]], axis=-1)


@pytest.mark.parametrize("text", ["atan2(y, x)", "atan(y/x)"])
def test_a_jump_of_f_is_no_wall(view, model, qtbot, text):
    _show(model, qtbot, text)
    scape = view.landscape
    cells = _cells(view, scape)
    drawn = np.all(np.isfinite(cells), axis=-1)
    rise = np.where(drawn, np.ptp(np.nan_to_num(cells), axis=-1), 0.0)
    # at the origin every angle meets (f's one point of no limit): those cells rise
    centre = np.hypot(*np.meshgrid(scape.xs[:-1] + scape.xs[1:], scape.ys[:-1] + scape.ys[1:],
                                   indexing="ij")) / 2 < 0.3
    rise[centre] = 0.0
    # atan2 jumps by 2π (the whole height) across y = 0 for x < 0, atan(y/x) by π across
    # x = 0: no drawn cell spans either
    assert rise.max() < 0.3 * HEIGHT, np.unravel_index(rise.argmax(), rise.shape)
    assert drawn.mean() > 0.95                    # and the rest of the surface is drawn
    # the cells beside a cut are lit: the undrawn cell next to them left their corners'
    # normals (0, 0, 0), unlit
    normals = view.surface.opts["meshdata"].vertexNormals()
    length = np.linalg.norm(normals, axis=1).reshape(scape.Z.shape)
    drawn_corner = np.zeros(scape.Z.shape, dtype=bool)
    for rows, cols in ((slice(None, -1), slice(None, -1)), (slice(1, None), slice(None, -1)),
                       (slice(None, -1), slice(1, None)), (slice(1, None), slice(1, None))):
        drawn_corner[rows, cols] |= drawn
    assert np.all(np.abs(length[drawn_corner] - 1) < 1e-3)
    # what the screen shows: the surface's colours, lit
    pixels = as_array(view.render_image())[..., 2::-1].reshape(-1, 3).astype(int)
    assert np.sum(pixels.sum(axis=1) < 60) < 0.01 * len(pixels)
    assert len(np.unique(pixels // 8, axis=0)) > 50


def test_rosenbrock_has_no_shelf_on_the_lid(view, model, qtbot):
    _show(model, qtbot, "(1-x)^2 + 100(y-x^2)^2")
    scape, m = view.landscape, view.mapping
    cells = _cells(view, scape)
    on_lid = np.all(np.isclose(cells, HEIGHT), axis=-1)
    assert not on_lid.any(), f"{on_lid.sum()} cells flattened onto the lid"
    # where f is below the lid the surface is f, drawn
    z = view.surface.opts["meshdata"].vertexes()[:, 2].reshape(scape.Z.shape)
    below = (scape.Z - m.f0) * m.f_scale < 0.8 * HEIGHT
    np.testing.assert_allclose(z[below], m.bz(scape.Z[below]), atol=1e-6)


def test_no_surface_where_f_is_undefined(view, model, qtbot, screenshot):
    """log(x) + sqrt(y) is defined for x > 0, y ≥ 0 only: the surface has a hole over the
    other three quarters (it was a grey floor at height 0, walled up to the defined part)."""
    _show(model, qtbot, "log(x) + sqrt(y)")
    scape = view.landscape
    defined = np.isfinite(scape.Z)
    assert defined.any() and (~defined).any()
    cells = _cells(view, scape)
    drawn = np.all(np.isfinite(cells), axis=-1)
    corners_defined = defined[:-1, :-1] & defined[1:, :-1] & defined[:-1, 1:] & defined[1:, 1:]
    # no triangle has a corner where f is undefined: none over the hole, no wall at its edge
    assert not np.any(drawn & ~corners_defined), np.argwhere(drawn & ~corners_defined)[:5]
    # and the defined quarter is drawn (the steep fall of log(x) at x → 0 included)
    assert drawn[corners_defined].mean() > 0.95
    # what the screen shows: the lit surface on the background, no floor
    image = view.render_image()
    pixels = as_array(image)[..., 2::-1].reshape(-1, 3).astype(int)
    assert len(np.unique(pixels // 8, axis=0)) > 50
    screenshot(view, "surface_log_sqrt_hole")
