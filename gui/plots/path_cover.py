"""How much of the runs' paths a box on the map would cover, for a label looking for
its place: the paths as points every few pixels (only their parts on the map), and
the spot over fewest of them.

The monkey saddle's race at 1280×720: the callout naming the runs that left the map
sat on their paths next to the start, covering 173 px of them, where a spot along
the map's edge was bare; the search near the arrow (within SHIFT_PX) found none.
"""
from __future__ import annotations

import numpy as np

STEP_PX = 3.0          # between the points a path is sampled at
# a path's drawn half-width: its white halo is 5 px wide, and a box whose edge is that
# close to a path's centre sits on the path
HALF_WIDTH_PX = 3.0


def path_pixels(paths, px: float, py: float, bounds) -> np.ndarray:
    """(n, 2) points every ~STEP_PX along the polylines `paths` ((m, 2) view points
    each), in the callouts' pixels (x / px, −y / py: screen y downwards), only those
    inside `bounds` (left, top, right, bottom in those pixels): a diverging run's
    step of 10⁵ px is cut to the map before it is sampled."""
    pieces = []
    if px <= 0 or py <= 0:
        return np.empty((0, 2))
    for points in paths:
        points = np.asarray(points, dtype=float)
        if points.ndim != 2 or points.shape[1] != 2:
            continue
        points = points[np.all(np.isfinite(points), axis=1)]
        pixels = np.column_stack((points[:, 0] / px, -points[:, 1] / py))
        for a, b in zip(pixels[:-1], pixels[1:]):
            span = _clipped(a, b, bounds)
            if span is None:
                continue
            start, end = a + span[0] * (b - a), a + span[1] * (b - a)
            n = int(np.hypot(*(end - start)) / STEP_PX) + 1
            pieces.append(start + np.linspace(0.0, 1.0, n + 1)[:, None] * (end - start))
        if len(pixels) == 1:
            pieces.append(pixels)
    return np.concatenate(pieces) if pieces else np.empty((0, 2))


def _clipped(a, b, bounds):
    """(t0, t1): the part of segment a→b inside `bounds` (Liang–Barsky), or None."""
    t0, t1 = 0.0, 1.0
    d = b - a
    for p, q in ((-d[0], a[0] - bounds[0]), (d[0], bounds[2] - a[0]),
                 (-d[1], a[1] - bounds[1]), (d[1], bounds[3] - a[1])):
        if p == 0:
            if q < 0:
                return None
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return None
    return t0, t1


def covered(box, ink) -> int:
    """How many of `ink`'s points ((n, 2), or None) lie inside `box` (left, top, w, h)
    or within a path's HALF_WIDTH_PX of it."""
    if ink is None or not len(ink):
        return 0
    x, y, w, h = box
    x, y, w, h = x - HALF_WIDTH_PX, y - HALF_WIDTH_PX, w + 2 * HALF_WIDTH_PX, h + 2 * HALF_WIDTH_PX
    return int(np.count_nonzero((ink[:, 0] >= x) & (ink[:, 0] <= x + w)
                                & (ink[:, 1] >= y) & (ink[:, 1] <= y + h)))


def least_covered(box, ink, bounds, free, step: float) -> tuple | None:
    """(left, top, points covered) of the spot for `box` (left, top, w, h) anywhere
    inside `bounds` on a grid of `step` px over fewest of `ink`, the nearest to
    `box`'s own of equals, among those `free(spot)` accepts; None if none is."""
    x, y, w, h = box
    lefts = np.arange(bounds[0], bounds[2] - w + 1e-9, step)
    tops = np.arange(bounds[1], bounds[3] - h + 1e-9, step)
    if not len(lefts) or not len(tops):
        return None
    spots = [(left, top) for left in lefts for top in tops]
    costs = [covered((left, top, w, h), ink) for left, top in spots]
    order = sorted(range(len(spots)), key=lambda i: (costs[i], np.hypot(spots[i][0] - x,
                                                                         spots[i][1] - y)))
    for i in order:
        if free((*spots[i], w, h)):
            return (*spots[i], costs[i])
    return None
