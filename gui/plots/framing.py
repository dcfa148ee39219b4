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


def default_start(window) -> tuple:
    """Three quarters of the way to the upper corner: visibly away from most minima."""
    return tuple(float(lo + 0.75 * (hi - lo)) for lo, hi in window)


def default_window(dimension: int) -> tuple:
    """The window a typed function of `dimension` variables opens on."""
    if dimension == 1:
        return DEFAULT_WINDOW_1D
    return DEFAULT_WINDOW_2D if dimension == 2 else (DEFAULT_RANGE_ND,) * dimension


def window_for(dimension: int, window) -> tuple:
    """The window a typed function of `dimension` variables is analysed on: `window`,
    the one shown, when it has that many variables, else the default."""
    return window if len(window) == dimension else default_window(dimension)


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
        # to a 10⁻⁴ of the span: points found numerically (frame_at_once) and exactly
        # (sympy's, later) then give one window, not two a rounding error apart
        digits = 4 - math.floor(math.log10(hi - lo))
        lo, hi = round(lo, digits), round(hi, digits)
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


def frame_at_once(text: str):
    """(window, start, xs) for a typed function of one variable, framed around the
    critical points xs (ascending) that a numeric search of f′ on the default window
    finds now (a few ms, no sympy); None when the numeric reader refuses the text or f is not of one variable.
    The critical points found later on the framed window give the same frame (checked
    by `settled_frame`), so the first picture of a typed f is already the settled one."""
    from engine.numeric_expression import parse_numeric
    f = parse_numeric(text)
    if f is None or f.dimension != 1:
        return None
    from engine.calculus import critical_xs_numeric
    xs = tuple(float(x) for x in critical_xs_numeric(f, DEFAULT_WINDOW_1D))
    framed_window, start = frame_critical_points(f, xs, DEFAULT_WINDOW_1D)
    return framed_window, start, xs


def settled_frame(f, framed, found_later):
    """None when the frame made at once (`framed`, from frame_at_once, or None) holds for
    the critical points found later; else ((lo, hi),), (x0,) framing those of them that
    lie in the default window, where a typed function's points are searched first."""
    ((lo, hi),) = DEFAULT_WINDOW_1D
    xs = sorted(float(x) for x in found_later if lo <= x <= hi)
    tolerance = 1e-6 * (hi - lo)
    if framed is not None and len(xs) == len(framed[2]) and all(
            abs(a - b) <= tolerance for a, b in zip(framed[2], xs)):
        return None
    return frame_critical_points(f, xs, DEFAULT_WINDOW_1D)
