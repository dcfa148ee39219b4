"""Where a typed function opens: the default window for its number of variables and,
for one variable, a window that frames its critical points and a start point away from
them. On [−4, 4] with the start three quarters of the way, x⁴ − 4x³ + 4x² started
exactly at its minimum x = 2: a flat-looking curve and "converged at step 0"."""
from __future__ import annotations

import math

DEFAULT_WINDOW_2D = ((-4.0, 4.0), (-3.0, 3.0))
DEFAULT_WINDOW_1D = ((-4.0, 4.0),)
DEFAULT_RANGE_ND = (-3.0, 3.0)     # each variable of a function of three or more

MIN_SPAN = 2.0          # the critical points' span is at least this …
MARGIN = 0.5            # … and the window adds this much of it on each side
# Where the start may go, as fractions of the window, in order of preference.
START_FRACTIONS = (0.85, 0.15, 0.95, 0.05, 0.7, 0.3)


def default_window(dimension: int) -> tuple:
    """The window a typed function of `dimension` variables opens on."""
    if dimension == 1:
        return DEFAULT_WINDOW_1D
    return DEFAULT_WINDOW_2D if dimension == 2 else (DEFAULT_RANGE_ND,) * dimension


def frame_critical_points(f, points, window) -> tuple[tuple, tuple]:
    """((lo, hi),), (x0,): a window around the critical points xs (else `window`), and a
    start in it as far from every critical point as the candidates allow, where f and
    f′ have values."""
    xs = [float(p) for p in points if math.isfinite(float(p))]
    if xs:
        lo, hi = min(xs), max(xs)
        span = max(hi - lo, MIN_SPAN)
        centre = (lo + hi) / 2
        lo, hi = centre - (0.5 + MARGIN) * span, centre + (0.5 + MARGIN) * span
    else:
        ((lo, hi),) = window
    best, best_distance = None, -1.0
    for fraction in START_FRACTIONS:
        x = round(lo + fraction * (hi - lo), 6)
        if not (math.isfinite(f(x)) and math.isfinite(float(f.gradient(x)[0]))):
            continue
        distance = min((abs(x - c) for c in xs), default=math.inf)
        if distance > best_distance + 1e-9:      # ties: the earlier preference
            best, best_distance = x, distance
    if best is None:
        best = lo + 0.75 * (hi - lo)
    return ((float(lo), float(hi)),), (float(best),)
