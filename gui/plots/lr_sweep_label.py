"""Where along its line the learning-rate sweep's 2/λmax label sits: in the tallest
stretch of the line's right side that no curve, dot or × row crosses.

At a fixed height (0.3 of the plot) its plate lay over Momentum's curve at 1400×860:
the curves that converge a little past 2/λmax (momentum, Nesterov) run along the floor
there, the diverged × rows along the top. Pure numbers, no Qt: the view measures.
"""
from __future__ import annotations

import numpy as np

MARGIN_PX = 3       # kept clear between the plate and a curve's line or dot


def occupied_heights(curves, x_low: float, x_high: float,
                     dot_reach: float = 0.0) -> list[tuple[float, float]]:
    """The y intervals (data units) that `curves` — (xs, ys) polylines, xs increasing —
    cover for x in [x_low, x_high]: each point within `dot_reach` of it (a dot's
    radius, x units), and each segment's stretch over the band (interpolated at the
    band's edges). A segment just outside the band is not in it: widened by a dot's
    radius too, the band beside 2/λmax took in GD's climb to the line on its other
    side, found nowhere free at 1280×720, and the label sat over the × row."""
    spans = []
    for xs, ys in curves:
        xs, ys = np.asarray(xs, float), np.asarray(ys, float)
        keep = np.isfinite(xs) & np.isfinite(ys)
        xs, ys = xs[keep], ys[keep]
        for i in range(len(xs)):
            if x_low - dot_reach <= xs[i] <= x_high + dot_reach:
                spans.append((ys[i], ys[i]))
        for (xa, ya), (xb, yb) in zip(zip(xs[:-1], ys[:-1]), zip(xs[1:], ys[1:])):
            lo, hi = max(xa, x_low), min(xb, x_high)
            if lo > hi or xb == xa:
                continue
            at = np.interp([lo, hi], [xa, xb], [ya, yb])
            spans.append((float(min(at)), float(max(at))))
    return spans


def free_stretches(spans_px, height_px: float) -> list[tuple[float, float]]:
    """The stretches of [0, height_px] outside every (low, high) span widened by
    MARGIN_PX, from the bottom up."""
    blocked = sorted((lo - MARGIN_PX, hi + MARGIN_PX) for lo, hi in spans_px)
    free, bottom = [], 0.0
    for lo, hi in blocked:
        if lo > bottom:
            free.append((bottom, min(lo, height_px)))
        bottom = max(bottom, hi)
        if bottom >= height_px:
            break
    if bottom < height_px:
        free.append((bottom, height_px))
    return [(lo, hi) for lo, hi in free if hi > lo]


def label_place(spans_px, height_px: float, length_px: float,
                preferred: float = 0.3) -> tuple[float, bool]:
    """(centre, fits): the label's centre (pixels up from the plot's bottom) in a free
    stretch (`free_stretches`) that holds `length_px`, the one nearest `preferred` ×
    height; where none does, the middle of the longest (a crowded plot: the least
    covered), fits False."""
    free = free_stretches(spans_px, height_px)
    wanted = preferred * height_px
    if not free:
        return wanted, False
    fitting = [(lo, hi) for lo, hi in free if hi - lo >= length_px]
    if not fitting:
        lo, hi = max(free, key=lambda f: f[1] - f[0])
        return (lo + hi) / 2, False
    half = length_px / 2

    def centre_in(stretch):          # as near `wanted` as the stretch lets it be
        lo, hi = stretch
        return min(max(wanted, lo + half), hi - half)
    return min((centre_in(s) for s in fitting), key=lambda c: abs(c - wanted)), True


def label_centre(spans_px, height_px: float, length_px: float,
                 preferred: float = 0.3) -> float:
    """`label_place`'s centre alone."""
    return label_place(spans_px, height_px, length_px, preferred)[0]


def box_spans(boxes, x_low: float, x_high: float) -> list[tuple[float, float]]:
    """The y intervals (data units) of the boxes (x0, x1, y0, y1) that reach into
    [x_low, x_high]: labels placed before, which a new one must not cover."""
    return [(y0, y1) for x0, x1, y0, y1 in boxes if x0 <= x_high and x1 >= x_low]
