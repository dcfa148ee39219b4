"""Where the one-variable view's inspected point goes when a new f has no readable value
at the point the user chose (1/x after a point at 0, log after x < 0).

The nearest x where f merely exists hugged the pole: after abs(x) at 0, 1/x put it at
x = −0.003336 (f = −299.7, off the plot, its tangent a near-vertical line that looked
like the asymptote) and the rounded x shown did not give the f shown. Instead the point
goes to the nearest x whose neighbourhood (a tenth of the view each side) lies on the
plot, at the roundest x there, so the x shown is the x used.
"""
from __future__ import annotations

import numpy as np

CLEAR_SHARES = (0.1, 0.03, 0.0)   # of the view's width kept on the plot each side, tried in turn
# A point kept for a new f (the x the user chose) this near the view's edge, as a share
# of its width, comes inside by as much: x = 2 dragged on x⁴ − 4x³ + 4x², then x³ framed
# on [−2, 2], left the point on the edge, its circle cut in half.
EDGE_SHARE = 0.05


def readable_point(f, xs: np.ndarray, y_range: tuple[float, float], x: float
                   ) -> float | None:
    """None when f(x) is on the plot (`y_range`); else a round x of `xs` (the view's
    samples, ascending) near x where f is, or None when f is on the plot nowhere."""
    lo, hi = y_range
    with np.errstate(all="ignore"):
        fx, ys = float(f(x)), np.asarray(f(xs), dtype=float)
    if np.isfinite(fx) and lo <= fx <= hi:
        return None
    on_plot = np.isfinite(ys) & (ys >= lo) & (ys <= hi)
    count = xs.size
    off_before = np.concatenate([[0], np.cumsum(~on_plot)])   # off-plot samples before i
    index = np.arange(count)
    for share in CLEAR_SHARES:
        reach = int(share * (count - 1))
        clear = (off_before[np.minimum(index + reach + 1, count)]
                 - off_before[np.maximum(index - reach, 0)]) == 0
        if clear.any():
            near = np.flatnonzero(clear)
            best = near[np.argmin(np.abs(xs[near] - x))]
            return _roundest(f, xs, clear, best, y_range)
    return None


def _roundest(f, xs, clear, best: int, y_range) -> float:
    """The roundest x near xs[best] that is still a clear sample's and on the plot."""
    width = xs[-1] - xs[0]
    step = 10.0 ** np.floor(np.log10(width))
    for _ in range(14):
        r = float(f"{round(xs[best] / step) * step:.12g}")
        i = int(np.clip(np.searchsorted(xs, r), 0, xs.size - 1))
        with np.errstate(all="ignore"):
            fr = float(f(r))
        if xs[0] <= r <= xs[-1] and clear[i] and y_range[0] <= fr <= y_range[1]:
            return r
        step /= 10
    return float(xs[best])


def point_to_show(f, xs: np.ndarray, y_range: tuple[float, float], x: float | None,
                  chosen: float | None = None) -> float:
    """The x to inspect on the view sampled at `xs`: `chosen` (the user's) when in view,
    else `x` when in view, else 35 % across; brought inside by away_from_edge, and moved
    by readable_point where f does not read there. A point moved off a pole is not
    carried to the next f: the chosen one is."""
    lo, hi = float(xs[0]), float(xs[-1])
    for candidate in (chosen, x, lo + 0.35 * (hi - lo)):
        if candidate is not None and lo <= candidate <= hi:
            break
    candidate = away_from_edge(candidate, lo, hi)
    moved = readable_point(f, xs, y_range, candidate)
    return candidate if moved is None else moved


def away_from_edge(x: float, lo: float, hi: float) -> float:
    """x when at least EDGE_SHARE of the width [lo, hi] from both ends, else the roundest
    x that is (x = 2 on [−2, 2]: 1.8): its marker whole on the plot, near where it was."""
    margin = EDGE_SHARE * (hi - lo)
    if lo + margin <= x <= hi - margin:
        return x
    step = 10.0 ** np.floor(np.log10(margin))      # a round x within the margin's size
    if x < lo + margin:
        inside = np.ceil((lo + margin) / step - 1e-9) * step     # (2.8 / 0.1 = 27.99…)
    else:
        inside = np.floor((hi - margin) / step + 1e-9) * step
    return float(f"{inside:.12g}")
