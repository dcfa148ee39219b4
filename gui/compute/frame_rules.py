"""Where a typed 2-D f is re-framed to hold its critical points (gui.plots.typed_framing
decides whether; these say where). No Qt here: the points helper (gui.compute.symbolic_jobs)
works out the same frame from the same points, and searches it before it is asked."""
from __future__ import annotations

import math

import numpy as np

GROWTH = 0.5       # the search box adds this much of the window's width on each side
RIM = 0.1          # points this close to the search box's edge (fraction of it): no frame
MARGIN = 0.2       # the frame adds this much of the points' span on each side
SPREAD = 0.7       # points spanning more of the search box than this: no frame


def search_box(window) -> tuple:
    """The window grown by GROWTH of its width on each side, per variable."""
    return tuple((lo - GROWTH * (hi - lo), hi + GROWTH * (hi - lo)) for lo, hi in window)


def frame_for_points(points, window, box):
    """The window that holds `points` (n, d) with a MARGIN, at least as large as
    `window` and centred on them, its ends on a round step (a tenth of a power of ten,
    the same for every variable); None when every point is in `window` already, or some lie in the RIM of `box`."""
    points = np.asarray(points, dtype=float).reshape(-1, len(window))
    if not len(points):
        return None
    lo, hi = points.min(axis=0), points.max(axis=0)
    inside = all(a <= p_lo and p_hi <= b for (a, b), p_lo, p_hi in zip(window, lo, hi))
    rim = [RIM * (b - a) for a, b in box]
    at_rim = any(p_lo < a + r or p_hi > b - r for (a, b), r, p_lo, p_hi in zip(box, rim, lo, hi))
    # points spread over most of the box: a pattern that goes on (sin(x)·y's saddles at
    # kπ, ±2π just inside the rim, were framed at ±9), as good in any window
    spread = any(p_hi - p_lo > SPREAD * (b - a) for (a, b), p_lo, p_hi in zip(box, lo, hi))
    if inside or at_rim or spread:
        return None
    halves = [max((0.5 + MARGIN) * (p_hi - p_lo), (b - a) / 2)
              for (a, b), p_lo, p_hi in zip(window, lo, hi)]
    step = 10.0 ** math.floor(math.log10(2 * max(halves))) / 10    # 1 for a width of 10
    centres = (lo + hi) / 2
    return tuple((float(math.floor((c - h) / step) * step), float(math.ceil((c + h) / step) * step))
                 for c, h in zip(centres, halves))
