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
    step of 10⁵ px is cut to the map before it is sampled. (All segments of a path at
    once: one by one, a race's six paths took ~5 ms a frame.)"""
    pieces = []
    if px <= 0 or py <= 0:
        return np.empty((0, 2))
    for points in paths:
        points = np.asarray(points, dtype=float)
        if points.ndim != 2 or points.shape[1] != 2:
            continue
        points = points[np.all(np.isfinite(points), axis=1)]
        pixels = np.column_stack((points[:, 0] / px, -points[:, 1] / py))
        if len(pixels) == 1:
            pieces.append(pixels)
            continue
        a, b = pixels[:-1], pixels[1:]
        t0, t1, inside = _clipped_all(a, b, bounds)
        a, b, t0, t1 = a[inside], b[inside], t0[inside], t1[inside]
        start, end = a + t0[:, None] * (b - a), a + t1[:, None] * (b - a)
        n = (np.hypot(*(end - start).T) / STEP_PX).astype(int) + 1
        # np.linspace(0, 1, n + 1) of each segment: k · (1 / n), the last exactly 1
        segment = np.repeat(np.arange(len(n)), n + 1)
        k = np.arange(len(segment)) - np.repeat(np.cumsum(n + 1) - (n + 1), n + 1)
        fraction = k * (1.0 / n)[segment]
        fraction[np.cumsum(n + 1) - 1] = 1.0
        pieces.append(start[segment] + fraction[:, None] * (end - start)[segment])
    return np.concatenate(pieces) if pieces else np.empty((0, 2))


def _clipped_all(a, b, bounds):
    """(t0, t1, inside) of each segment a[i]→b[i] ((m, 2) each): the part inside `bounds`
    (Liang–Barsky), `inside` False where none is."""
    d = b - a
    t0, t1 = np.zeros(len(a)), np.ones(len(a))
    inside = np.ones(len(a), dtype=bool)
    for p, q in ((-d[:, 0], a[:, 0] - bounds[0]), (d[:, 0], bounds[2] - a[:, 0]),
                 (-d[:, 1], a[:, 1] - bounds[1]), (d[:, 1], bounds[3] - a[:, 1])):
        flat = p == 0
        inside &= ~(flat & (q < 0))
        with np.errstate(divide="ignore", invalid="ignore"):
            t = q / np.where(flat, 1.0, p)
        t0 = np.where(~flat & (p < 0), np.maximum(t0, t), t0)
        t1 = np.where(~flat & (p > 0), np.minimum(t1, t), t1)
    return t0, t1, inside & (t0 <= t1)


def covered(box, ink) -> int:
    """How many of `ink`'s points ((n, 2), or None) lie inside `box` (left, top, w, h)
    or within a path's HALF_WIDTH_PX of it."""
    x, y, w, h = box
    return int(covered_each([x], [y], w, h, ink)[0])


def covered_each(lefts, tops, w: float, h: float, ink) -> np.ndarray:
    """covered((lefts[i], tops[i], w, h), ink) for each i, at once: the one place that
    says which points a box covers (_covered_on_grid counts the same by sorting)."""
    if ink is None or not len(ink) or not len(lefts):
        return np.zeros(len(lefts), dtype=int)
    x, y = np.asarray(lefts)[:, None] - HALF_WIDTH_PX, np.asarray(tops)[:, None] - HALF_WIDTH_PX
    w, h = w + 2 * HALF_WIDTH_PX, h + 2 * HALF_WIDTH_PX
    return np.count_nonzero((ink[:, 0] >= x) & (ink[:, 0] <= x + w)
                            & (ink[:, 1] >= y) & (ink[:, 1] <= y + h), axis=1)


def _covered_on_grid(lefts, tops, w, h, ink) -> np.ndarray:
    """covered((left, top, w, h), ink) for every left × top, (len(lefts), len(tops)): a
    column of spots at a time, its points' y sorted once (the same comparisons as
    `covered`, so the same counts; a race at 1400×860 asked ~1,150 spots one by one, 40 %
    of each frame)."""
    costs = np.zeros((len(lefts), len(tops)), dtype=int)
    if ink is None or not len(ink):
        return costs
    w2, h2 = w + 2 * HALF_WIDTH_PX, h + 2 * HALF_WIDTH_PX
    y_lo = tops - HALF_WIDTH_PX
    y_hi = y_lo + h2
    for i, left in enumerate(lefts):
        x = left - HALF_WIDTH_PX
        ys = np.sort(ink[(ink[:, 0] >= x) & (ink[:, 0] <= x + w2), 1])
        if len(ys):
            costs[i] = (np.searchsorted(ys, y_hi, side="right")
                        - np.searchsorted(ys, y_lo, side="left"))
    return costs


def least_covered(box, ink, bounds, free, step: float) -> tuple | None:
    """(left, top, points covered) of the spot for `box` (left, top, w, h) anywhere
    inside `bounds` on a grid of `step` px over fewest of `ink`, the nearest to
    `box`'s own of equals, among those `free(spot)` accepts; None if none is."""
    x, y, w, h = box
    lefts = np.arange(bounds[0], bounds[2] - w + 1e-9, step)
    tops = np.arange(bounds[1], bounds[3] - h + 1e-9, step)
    if not len(lefts) or not len(tops):
        return None
    costs = _covered_on_grid(lefts, tops, w, h, ink).ravel()
    left, top = (a.ravel() for a in np.meshgrid(lefts, tops, indexing="ij"))
    # fewest covered, then nearest; ties in the grid's order (left, then top), as a
    # stable sort of the spots listed left by left keeps them
    for i in np.lexsort((np.hypot(left - x, top - y), costs)):
        spot = (float(left[i]), float(top[i]))
        if free((*spot, w, h)):
            return (*spot, int(costs[i]))
    return None
