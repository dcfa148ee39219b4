"""Iso-lines of every level of a grid in one item, from a vectorised marching squares.

pyqtgraph's own `functions.isocurve` loops over every cell in Python: ~70 ms per
level on a 200×200 grid, close to a second for a dozen levels — too slow to follow
a wheel zoom. This one does every level of a grid in one numpy pass (a few ms in
all) and draws the result as independent segments (`connect="pairs"`). Coordinates
are the image's pixel coordinates, sample [i, j] at (i + 0.5, j + 0.5), so parented
to an ImageItem placed with `setRect` the lines land in world coordinates.

Every level of a grid is drawn by one IsoLinesItem, as one path.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainterPath


def iso_segments_per_level(Z: np.ndarray, levels) -> list[np.ndarray]:
    """Marching squares on Z (nx, ny) for every level at once: one (2m, 2) array of
    segment end points in pixel coordinates per level.

    Edges touching a nan/inf sample are not crossed. Saddle cells (all four edges
    crossed) are split by the cell's mean value, the usual disambiguation.
    """
    Z = np.asarray(Z, dtype=float)
    levels = np.atleast_1d(np.asarray(levels, dtype=float))
    empty = [np.empty((0, 2)) for _ in levels]
    if Z.ndim != 2 or min(Z.shape) < 2 or not len(levels):
        return empty
    l_all, i_all, j_all, crossed_all = _crossings(Z, levels)
    # the corners of each (level, cell) pair, read once by flat index (2-D fancy
    # indexing, once per use, was a third of the time): a, b, c, d = [i, j], [i+1, j],
    # [i+1, j+1], [i, j+1]
    flat, ny = Z.ravel(), Z.shape[1]
    k = i_all * ny + j_all
    corners_all = np.stack([flat[k], flat[k + ny], flat[k + ny + 1], flat[k + 1]])

    def edge_point(l, i, j, corners, edge):
        """(m, 2): where the level crosses edge `edge` (m,) of cells (i, j) — 0 bottom,
        1 right, 2 top, 3 left; the same arithmetic, term for term, for every edge."""
        cols = np.arange(len(l))
        start, end = corners[_EDGE_FROM[edge], cols], corners[_EDGE_TO[edge], cols]
        with np.errstate(all="ignore"):
            t = (levels[l] - start) / (end - start)
        along_x = _EDGE_ALONG_X[edge]
        return np.stack([i + np.where(along_x, t, _EDGE_DX[edge]),
                         j + np.where(along_x, _EDGE_DY[edge], t)], -1) + 0.5

    pieces_l, pieces = [], []
    crossed_count = crossed_all.sum(axis=0)
    two = crossed_count == 2
    if two.any():
        l, i, j = l_all[two], i_all[two], j_all[two]
        crossed, corners = crossed_all[:, two], corners_all[:, two]          # (4, m)
        first = np.argmax(crossed, axis=0)
        second = 3 - np.argmax(crossed[::-1], axis=0)
        pieces_l.append(l)
        pieces.append(np.stack([edge_point(l, i, j, corners, first),
                                edge_point(l, i, j, corners, second)], 1))
    four = crossed_count == 4
    if four.any():
        l, i, j, corners = l_all[four], i_all[four], j_all[four], corners_all[:, four]
        a, b, c, d = corners
        lev = levels[l]
        centre_like_a = (((a + b + c + d) / 4 >= lev) == (a >= lev))[:, None]
        pts = [edge_point(l, i, j, corners, np.full(len(l), e)) for e in range(4)]
        # corner a joins c through the centre: cut off b (bottom, right) and d (top, left)
        pieces_l += [l, l]
        pieces.append(np.stack([pts[0], np.where(centre_like_a, pts[1], pts[3])], 1))
        pieces.append(np.stack([pts[2], np.where(centre_like_a, pts[3], pts[1])], 1))
    if not pieces:
        return empty
    owner = np.concatenate(pieces_l)
    segments = np.concatenate(pieces)
    order = _stable_order(owner, len(levels))        # per level, in cell order
    bounds = np.concatenate([[0], np.cumsum(np.bincount(owner, minlength=len(levels)))])
    segments = segments[order]
    return [segments[bounds[k]:bounds[k + 1]].reshape(-1, 2) for k in range(len(levels))]


# the four edges of a cell, as indices into its corners (a, b, c, d): bottom a→b,
# right b→c, top d→c, left a→d; along x or y, and the fixed offset across it
_EDGE_FROM = np.array([0, 1, 3, 0])
_EDGE_TO = np.array([1, 2, 2, 3])
_EDGE_ALONG_X = np.array([True, False, True, False])
_EDGE_DX = np.array([0.0, 1.0, 0.0, 0.0])
_EDGE_DY = np.array([0.0, 0.0, 1.0, 0.0])


def _stable_order(keys: np.ndarray, n_keys: int) -> np.ndarray:
    """np.argsort(keys, kind="stable") for small non-negative integer keys; as int16
    numpy sorts them by radix, in linear time."""
    if n_keys < 2 ** 15:
        keys = keys.astype(np.int16)
    return np.argsort(keys, kind="stable")


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
    order = np.argsort(levels, kind="stable")
    ranked = levels[order]
    # each sample's band (how many levels lie at or below it), monotone in the value, so
    # a cell's lowest and highest bands are its min's and max's: one search per sample
    band = np.searchsorted(ranked, Z, side="right")
    if len(levels) < 127:
        band = band.astype(np.int8)
    b00, b10, b11, b01 = band[:-1, :-1], band[1:, :-1], band[1:, 1:], band[:-1, 1:]
    first = np.minimum(np.minimum(b00, b10), np.minimum(b11, b01)).ravel().astype(np.intp)
    count = np.maximum(np.maximum(b00, b10), np.maximum(b11, b01)).ravel() - first
    cells = np.flatnonzero(count)            # only cells some level crosses
    first, count = first[cells], count[cells]
    cell = np.repeat(cells, count)
    starts = np.cumsum(count) - count
    rank = np.repeat(first - starts, count) + np.arange(cell.size)
    l = order[rank]
    # by level, then cell: cells are ascending already, so a stable sort by level does it
    sort = _stable_order(l, len(levels))
    l, cell = l[sort], cell[sort]
    i, j = np.divmod(cell, Z.shape[1] - 1)
    lev = levels[l]
    flat, ny = Z.ravel(), Z.shape[1]
    k = i * ny + j
    above = [flat[k] >= lev, flat[k + ny] >= lev, flat[k + ny + 1] >= lev, flat[k + 1] >= lev]
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


class IsoLinesItem(pg.IsocurveItem):
    """Every iso-line of one grid in one item: one path, one pen, one paint.

    A dozen pg.IsocurveItems, one per level, cost per edit a dozen paths and paints and
    ~80 boundingRect calls (~5 ms of the GUI thread); this draws the same segments, in
    the same order (by level), as one path. Parented to an ImageItem placed with
    `setRect`, the lines land in world coordinates.

    `levels` (L,) the levels drawn; `segments_per_level` list of (2m, 2) segment end
    points in pixel coordinates, one per level (computed when first asked for).
    """

    def __init__(self, pen="w"):
        self.levels = np.empty(0)
        self._segments = None
        super().__init__(pen=pen, axisOrder="col-major")

    def set_levels(self, data: np.ndarray, levels) -> None:
        """Draw `levels` of `data` (nx, ny); the grid must not be changed in place."""
        self.levels = np.atleast_1d(np.asarray(levels, dtype=float))
        self.setData(data)

    def setData(self, data, level=None):
        self._segments = None
        super().setData(data, level)

    @property
    def segments_per_level(self) -> list[np.ndarray]:
        if self._segments is None:
            self._segments = ([] if self.data is None else
                              iso_segments_per_level(self.data, self.levels))
        return self._segments

    def boundingRect(self):
        # the grid's pixel rectangle holds every line: no path needed to answer (Qt asks
        # often, before the path is wanted for a paint)
        if self.data is None:
            return QRectF()
        return QRectF(0.0, 0.0, *self.data.shape[:2])

    def generatePath(self):
        pieces = [s for s in self.segments_per_level if len(s)]
        if not pieces:
            self.path = QPainterPath()
            return
        points = np.concatenate(pieces)
        self.path = pg.arrayToQPath(points[:, 0], points[:, 1], connect="pairs")
