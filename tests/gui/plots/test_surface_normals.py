"""surface_normals.fast_vertex_normals gives the very normals pyqtgraph would compute."""
import numpy as np
import pyqtgraph.opengl as gl
from numpy.testing import assert_allclose

from gui.plots.surface_normals import fast_vertex_normals


def test_fast_vertex_normals_equal_pyqtgraphs_own():
    rng = np.random.default_rng(3)
    x, y = np.linspace(-1, 1, 9), np.linspace(-2, 1, 7)
    z = np.add.outer(x ** 2, np.sin(y)) + 0.1 * rng.normal(size=(9, 7))
    surface = gl.GLSurfacePlotItem(x=x, y=y, z=z, computeNormals=True, smooth=True)
    md = surface.opts["meshdata"]
    expected = md.vertexNormals().copy()          # pyqtgraph's per-vertex loop
    md._vertexNormals = None
    fast = fast_vertex_normals(surface)
    assert fast.shape == expected.shape and fast.dtype == np.float32
    assert_allclose(fast, expected, atol=1e-5)
    assert md.vertexNormals() is fast             # what the item draws with


def test_grid_normals_equal_the_general_ones_on_a_big_grid():
    """The surface's fast path (slicing on its grid) against the face-by-face sum."""
    rng = np.random.default_rng(5)
    x, y = np.linspace(-2, 2, 40), np.linspace(-1, 3, 31)
    z = np.multiply.outer(np.sin(x), np.cos(y)) + 0.05 * rng.normal(size=(40, 31))
    z[3, 4] = np.nan                                   # an undefined sample stays harmless
    surface = gl.GLSurfacePlotItem(x=x, y=y, z=z, computeNormals=True, smooth=True)
    fast = fast_vertex_normals(surface)
    surface._z = None                                  # not a grid: the general sum
    general = fast_vertex_normals(surface)
    assert fast is not general
    finite = np.all(np.isfinite(general), axis=1)
    assert finite.sum() > 1100
    assert_allclose(fast[finite], general[finite], atol=1e-5)
