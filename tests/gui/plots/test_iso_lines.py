"""Iso-lines: the quick search over (level, cell) pairs finds what the full one does."""
import numpy as np
import pytest

from gui.plots.iso_lines import _crossings, _crossings_dense, iso_segments_per_level


def grids():
    rng = np.random.default_rng(7)
    xs = np.linspace(-4, 4, 120)
    X, Y = np.meshgrid(xs, 0.75 * xs, indexing="ij")
    yield (X**2 + Y - 11) ** 2 + (X + Y**2 - 7) ** 2
    yield np.sin(X) * np.cos(Y) + (X**2 + Y**2) / 20
    yield np.round(X * Y)                       # plateaus: levels equal to samples
    yield np.round(rng.standard_normal((40, 30)))


@pytest.mark.parametrize("Z", list(grids()))
def test_quick_crossings_equal_the_full_search(Z):
    for levels in (np.quantile(Z, np.arange(1, 14) / 14), np.array([1.0, -1.0, 1.0, 0.0])):
        quick = _crossings(Z, levels)
        full = _crossings_dense(Z, levels, np.isfinite(Z))
        for a, b in zip(quick, full):
            np.testing.assert_array_equal(a, b)


def test_circle_segments_lie_on_the_level():
    n = 101
    xs = np.linspace(-2, 2, n)
    X, Y = np.meshgrid(xs, xs, indexing="ij")
    (segments,) = iso_segments_per_level(X**2 + Y**2, [1.0])
    # pixel coordinates: sample i at i + 0.5
    x = -2 + (segments[:, 0] - 0.5) * (4 / (n - 1))
    y = -2 + (segments[:, 1] - 0.5) * (4 / (n - 1))
    np.testing.assert_allclose(np.hypot(x, y), 1.0, atol=2e-3)
    assert len(segments) > 2 * 100            # closed around the whole circle


def _cell_by_cell(Z, levels):
    """Marching squares written out cell by cell (the meaning iso_segments_per_level
    vectorises), in its order: per level, the cells crossed twice in cell order, then
    each saddle's first segment, then each saddle's second."""
    out = []
    for lev in levels:
        two, first, second = [], [], []
        for i in range(Z.shape[0] - 1):
            for j in range(Z.shape[1] - 1):
                a, b, c, d = Z[i, j], Z[i + 1, j], Z[i + 1, j + 1], Z[i, j + 1]
                ok = np.isfinite([a, b, c, d])
                up = [a >= lev, b >= lev, c >= lev, d >= lev]
                # an edge with a nan/inf end is not crossed
                crossed = [up[0] != up[1] and ok[0] and ok[1], up[1] != up[2] and ok[1] and ok[2],
                           up[3] != up[2] and ok[3] and ok[2], up[0] != up[3] and ok[0] and ok[3]]
                with np.errstate(all="ignore"):
                    edges = [(i + (lev - a) / (b - a), j + 0.0), (i + 1.0, j + (lev - b) / (c - b)),
                             (i + (lev - d) / (c - d), j + 1.0), (i + 0.0, j + (lev - a) / (d - a))]
                edges = [(x + 0.5, y + 0.5) for x, y in edges]
                hit = [e for e in range(4) if crossed[e]]
                if len(hit) == 2:
                    two += [edges[hit[0]], edges[hit[1]]]
                elif len(hit) == 4:
                    like_a = ((a + b + c + d) / 4 >= lev) == up[0]
                    first += [edges[0], edges[1] if like_a else edges[3]]
                    second += [edges[2], edges[3] if like_a else edges[1]]
        out.append(np.array(two + first + second, dtype=float).reshape(-1, 2))
    return out


@pytest.mark.parametrize("Z", [g[::4, ::4] for g in grids()] + [
    np.where(np.random.default_rng(3).random((25, 20)) < 0.1, np.nan,
             np.random.default_rng(4).standard_normal((25, 20)))])
def test_segments_equal_marching_squares_cell_by_cell(Z):
    """The vectorised segments are, bit for bit and in order, those of the plain
    cell-by-cell algorithm (saddles, plateaus, repeated levels and nan cells included):
    the map's picture does not depend on how they were computed."""
    finite = Z[np.isfinite(Z)]
    for levels in (np.quantile(finite, np.arange(1, 14) / 14), np.array([1.0, -1.0, 1.0, 0.0])):
        fast, slow = iso_segments_per_level(Z, levels), _cell_by_cell(Z, levels)
        assert len(fast) == len(slow)
        assert sum(len(s) for s in slow) > 20
        for a, b in zip(fast, slow):
            np.testing.assert_array_equal(a, b)
