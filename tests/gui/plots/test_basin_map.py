"""The basin map's pieces (a coarse pass, then blocks of rows; what the worker hands the
view) end with exactly the labels engine.optimizer_lab.basins gives the whole grid in
one call, and the coarse pass is that of the coarse grid."""
import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal

from engine.expression import parse
from engine.optimizer_lab import DIVERGED, UNFINISHED, basins
from gui.plots.basin_map import COARSE, NOT_YET, ROWS_PER_PIECE, basin_pieces

HIMMELBLAU = parse("(x^2 + y - 11)^2 + (x + y^2 - 7)^2")
MINIMA = np.array([[3.0, 2.0], [-2.805118, 3.131312], [-3.779310, -3.283186],
                   [3.584428, -1.848126]])
WINDOW = ((-6.0, 6.0), (-5.0, 7.0))
RESOLUTION = 60


def _grid(n, window=WINDOW):
    (x0, x1), (y0, y1) = window
    X, Y = np.meshgrid(np.linspace(x0, x1, n), np.linspace(y0, y1, n), indexing="ij")
    return np.column_stack([X.ravel(), Y.ravel()])


@pytest.mark.parametrize(("method", "lr", "keywords"), [
    ("adam", 0.3, {"betas": (0.9, 0.999)}),
    ("gd", 0.015, {}),                        # some starts diverge at this rate
    ("rmsprop", 0.05, {"noise": 0.5, "seed": 3}),
])
def test_pieces_end_with_the_engines_labels(method, lr, keywords):
    settings = (method, lr, 120, keywords)
    pieces = list(basin_pieces(HIMMELBLAU, WINDOW, settings, MINIMA, RESOLUTION))
    assert len(pieces) == 1 + -(-RESOLUTION // ROWS_PER_PIECE)
    radius = 1e-2 * 12.0
    full = basins(HIMMELBLAU, _grid(RESOLUTION), method, lr=lr, steps=120,
                  minima=MINIMA, radius=radius, **keywords)
    labels, attractors = pieces[-1]
    assert_array_equal(labels, full.labels.reshape(RESOLUTION, RESOLUTION))
    assert_allclose(attractors, MINIMA)
    assert NOT_YET not in labels
    coarse = basins(HIMMELBLAU, _grid(COARSE), method, lr=lr, steps=120, minima=MINIMA,
                    radius=radius, **keywords)
    # the first piece: the coarse map, each label widened to a 2×2 block (60 = 2 × 30)
    first = pieces[0][0]
    assert_array_equal(first[::2, ::2], coarse.labels.reshape(COARSE, COARSE)[:30, :30])
    assert_array_equal(first[1::2, 1::2], first[::2, ::2])
    found = set(np.unique(labels))
    assert {0, 1, 2, 3} <= found
    if method == "gd":
        assert DIVERGED in found


def test_without_candidates_attractors_are_merged_across_pieces():
    settings = ("gd", 0.01, 300, {})
    labels, attractors = list(basin_pieces(HIMMELBLAU, WINDOW, settings, None,
                                           RESOLUTION))[-1]
    full = basins(HIMMELBLAU, _grid(RESOLUTION), "gd", lr=0.01, steps=300, radius=0.12)
    # the same attractor for every start, whatever number each side gave it
    theirs = full.labels.reshape(RESOLUTION, RESOLUTION)
    assert_array_equal(labels < 0, theirs < 0)
    reached = labels >= 0
    assert_allclose(attractors[labels[reached]], full.attractors[theirs[reached]], atol=0.12)
    assert len(attractors) == len(full.attractors) == 4
    assert UNFINISHED not in set(np.unique(labels))
