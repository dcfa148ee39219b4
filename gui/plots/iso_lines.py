"""An IsocurveItem whose path comes from a vectorised marching squares.

pyqtgraph's own `functions.isocurve` loops over every cell in Python: ~70 ms per
level on a 200×200 grid, close to a second for a dozen levels — too slow to follow
a wheel zoom. This one does every level of a grid in one numpy pass (a few ms in
all) and draws the result as independent segments (`connect="pairs"`). Coordinates
are the image's pixel coordinates, sample [i, j] at (i + 0.5, j + 0.5), so parented
to an ImageItem placed with `setRect` the lines land in world coordinates.

Iso-lines of one grid are computed together and cached on the grid's identity: a
view that hands the same Z and levels to its dozen IsoLineItems pays once per grid,
however often Qt asks each item for its path (bounding rect, paint, re-parenting).
The grid must therefore not be changed in place (Landscape's Z never is).
"""
from __future__ import annotations

from collections import OrderedDict

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QPainterPath

_CACHE_SIZE = 4           # grids remembered (the explorer's and the neuron tab's views)
_cache: OrderedDict = OrderedDict()


def iso_segments_per_level(Z: np.ndarray, levels) -> list[np.ndarray]:
    """Marching squares on Z (nx, ny) for every level at once: one (2m, 2) array of
    segment end points in pixel coordinates per level.

    Cells touching a nan/inf sample are left out. Saddle cells (all four edges
    crossed) are split by the cell's mean value, the usual disambiguation.
    """
    Z = np.asarray(Z, dtype=float)
    levels = np.atleast_1d(np.asarray(levels, dtype=float))
    empty = [np.empty((0, 2)) for _ in levels]
    if Z.ndim != 2 or min(Z.shape) < 2 or not len(levels):
        return empty
    l_all, i_all, j_all, crossed_all = _crossings(Z, levels)

    def edge_points(l, i, j):
        """(4, m, 2): where the level crosses each edge of cells (i, j) — only the
        crossed edges' points are meaningful."""
        lev = levels[l]
        z00, z10, z11, z01 = Z[i, j], Z[i + 1, j], Z[i + 1, j + 1], Z[i, j + 1]
        with np.errstate(all="ignore"):
            return np.stack([
                np.stack([i + (lev - z00) / (z10 - z00), j + 0.0], -1),    # bottom
                np.stack([i + 1.0, j + (lev - z10) / (z11 - z10)], -1),    # right
                np.stack([i + (lev - z01) / (z11 - z01), j + 1.0], -1),    # top
                np.stack([i + 0.0, j + (lev - z00) / (z01 - z00)], -1),    # left
            ]) + 0.5

    pieces_l, pieces = [], []
    crossed_count = crossed_all.sum(axis=0)
    two = crossed_count == 2
    l, i, j = l_all[two], i_all[two], j_all[two]
    if len(l):
        crossed = crossed_all[:, two]                                   # (4, m)
        first = np.argmax(crossed, axis=0)
        second = 3 - np.argmax(crossed[::-1], axis=0)
        pts, cols = edge_points(l, i, j), np.arange(len(l))
        pieces_l.append(l)
        pieces.append(np.stack([pts[first, cols], pts[second, cols]], 1))
    four = crossed_count == 4
    l, i, j = l_all[four], i_all[four], j_all[four]
    if len(l):
        a, b, c, d = Z[i, j], Z[i + 1, j], Z[i + 1, j + 1], Z[i, j + 1]
        lev = levels[l]
        centre_like_a = (((a + b + c + d) / 4 >= lev) == (a >= lev))[:, None]
        pts = edge_points(l, i, j)
        # corner a joins c through the centre: cut off b (bottom, right) and d (top, left)
        pieces_l += [l, l]
        pieces.append(np.stack([pts[0], np.where(centre_like_a, pts[1], pts[3])], 1))
        pieces.append(np.stack([pts[2], np.where(centre_like_a, pts[3], pts[1])], 1))
    if not pieces:
        return empty
    owner = np.concatenate(pieces_l)
    segments = np.concatenate(pieces)
    order = np.argsort(owner, kind="stable")         # per level, in cell order
    bounds = np.searchsorted(owner[order], np.arange(len(levels) + 1))
    segments = segments[order]
    return [segments[bounds[k]:bounds[k + 1]].reshape(-1, 2) for k in range(len(levels))]


def _crossings(Z: np.ndarray, levels: np.ndarray):
    """The (level, cell) pairs where a level crosses a cell's edges: l, i, j (m,) in
    lexicographic order and crossed (4, m), which of its edges (bottom, right, top,
    left) it crosses. An edge is crossed where one end is >= the level and the other
    below it, both finite."""
    finite = np.isfinite(Z)
    if not finite.all():
        return _crossings_dense(Z, levels, finite)
    # Every sample finite (the usual case): a level crosses a cell exactly when it lies
    # in (min, max] of the cell's corners, so only those few pairs are looked at, not
    # every level on every cell (~4 ms less per grid of 200×200 with 13 levels).
    z00, z10, z11, z01 = Z[:-1, :-1], Z[1:, :-1], Z[1:, 1:], Z[:-1, 1:]
    low = np.minimum(np.minimum(z00, z10), np.minimum(z11, z01)).ravel()
    high = np.maximum(np.maximum(z00, z10), np.maximum(z11, z01)).ravel()
    order = np.argsort(levels, kind="stable")
    ranked = levels[order]
    first = np.searchsorted(ranked, low, side="right")
    count = np.searchsorted(ranked, high, side="right") - first
    cell = np.repeat(np.arange(low.size), count)
    starts = np.cumsum(count) - count
    rank = np.repeat(first - starts, count) + np.arange(cell.size)
    l = order[rank]
    sort = np.lexsort((cell, l))
    l, cell = l[sort], cell[sort]
    i, j = np.divmod(cell, Z.shape[1] - 1)
    lev = levels[l]
    above = [Z[i, j] >= lev, Z[i + 1, j] >= lev, Z[i + 1, j + 1] >= lev, Z[i, j + 1] >= lev]
    crossed = np.stack([above[0] != above[1], above[1] != above[2],
                        above[3] != above[2], above[0] != above[3]])
    return l, i, j, crossed


def _crossings_dense(Z, levels, finite):
    """_crossings for grids with nan/inf samples: every level on every cell."""
    with np.errstate(invalid="ignore"):
        above = (Z[None] >= levels[:, None, None]) & finite          # (L, nx, ny)
    # crossed edges along i (between [i, j] and [i+1, j]) and along j
    cross_i = (above[:, :-1] != above[:, 1:]) & (finite[:-1] & finite[1:])
    cross_j = (above[:, :, :-1] != above[:, :, 1:]) & (finite[:, :-1] & finite[:, 1:])
    # the four edges of each cell: bottom, right, top, left
    hit = (cross_i[:, :, :-1], cross_j[:, 1:, :], cross_i[:, :, 1:], cross_j[:, :-1, :])
    count = hit[0].astype(np.uint8) + hit[1] + hit[2] + hit[3]
    cells = np.nonzero(count)
    return (*cells, np.stack([h[cells] for h in hit]))


def iso_segments(Z: np.ndarray, level: float) -> np.ndarray:
    """Marching squares on Z (nx, ny) for one level: (2m, 2) segment end points."""
    return iso_segments_per_level(Z, [level])[0]


def cached_segments(Z: np.ndarray, levels, level: float) -> np.ndarray:
    """`level`'s segments from iso_segments_per_level(Z, levels), which runs once per
    (Z object, levels) pair among the last few."""
    levels = tuple(float(v) for v in np.atleast_1d(levels))
    key = (id(Z), levels)
    entry = _cache.get(key)
    if entry is None or entry[0] is not Z:            # id reused by a new array: recompute
        entry = (Z, dict(zip(levels, iso_segments_per_level(Z, levels))))
        _cache[key] = entry
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    _cache.move_to_end(key)
    found = entry[1].get(float(level))
    return found if found is not None else iso_segments(Z, level)


class IsoLineItem(pg.IsocurveItem):
    """pg.IsocurveItem with the fast path above; same setData/setLevel interface, plus
    `set_level_of(data, levels, index)` for one of several lines drawn on one grid.

    `segments` holds the last generated end points (2m, 2) in pixel coordinates.
    """

    segments = np.empty((0, 2))
    levels = None            # every level drawn on `data` together, when known

    def set_level_of(self, data, levels, index: int) -> None:
        """Draw level `levels[index]` of `data`; the lines of all `levels` are computed
        together, once for the grid."""
        self.levels = levels
        self.setData(data, levels[index])

    def setData(self, data, level=None):
        if level is not None and self.levels is not None and level not in self.levels:
            self.levels = None
        super().setData(data, level)

    def generatePath(self):
        if self.data is None:
            self.path = None
            return
        data = self.data.T if self.axisOrder == "row-major" else self.data
        levels = self.levels if self.levels is not None else (self.level,)
        self.segments = cached_segments(data, levels, self.level)
        if len(self.segments):
            self.path = pg.arrayToQPath(self.segments[:, 0], self.segments[:, 1],
                                        connect="pairs")
        else:
            self.path = QPainterPath()
