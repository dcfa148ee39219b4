"""How much of a curve to show: a y-range robust to poles and blow-ups, and where
the drawn line must break. Display decisions only; the values come from the engine."""
from __future__ import annotations

import numpy as np

from gui.plots.view_range import RANGE_LIMIT   # (1e308·x² reaches 1.8·10^308)


def robust_range(arrays, include_zero=False, end_share: float = 0.0) -> tuple[float, float]:
    """A y-range showing the bulk of the finite values: outliers (asymptotes,
    exponential blow-ups) are clipped by percentiles; 8 % padding, or more so that the
    values' extremes are `end_share` of the range inside its ends (room for their tick
    numbers: gui.plots.curve_end_room); never empty; within ±RANGE_LIMIT."""
    finite = [np.clip(a[np.isfinite(a)], -RANGE_LIMIT, RANGE_LIMIT) for a in arrays]
    v = np.concatenate(finite) if finite else np.empty(0)
    if v.size == 0:
        return -1.0, 1.0
    lo, hi = float(v.min()), float(v.max())
    p_lo, p_hi = (float(p) for p in np.percentile(v, [2, 98]))
    if hi - lo > 4 * (p_hi - p_lo) and p_hi > p_lo:
        spread = p_hi - p_lo
        lo, hi = max(lo, p_lo - 0.5 * spread), min(hi, p_hi + 0.5 * spread)
    if include_zero:
        lo, hi = min(lo, 0.0), max(hi, 0.0)
    if hi - lo <= 1e-12 * max(1.0, abs(hi)):
        half = max(1.0, 0.1 * abs(hi))
        return lo - half, hi + half
    share = min(max(end_share, 0.0), 0.3)
    pad = max(0.08, share / (1 - 2 * share)) * (hi - lo)
    return max(lo - pad, -RANGE_LIMIT), min(hi + pad, RANGE_LIMIT)


def for_display(values, y_range):
    """What to draw of `values`: nan where the line must break.

    Values far outside the shown range become nan (Qt cannot draw 1e300), and so does
    the sample after a jump from beyond one edge to beyond the other (a pole, as of 1/x
    or tan x), or a vertical line would join the two branches.
    """
    lo, hi = y_range
    reach = 1e6 * (hi - lo)
    out = np.array(values, dtype=float)
    with np.errstate(over="ignore", invalid="ignore"):   # 1.8e308 − (−1e307): inf, far
        out[~(np.abs(out - 0.5 * (lo + hi)) < reach)] = np.nan
    above, below = out > hi, out < lo
    jump = (above[:-1] & below[1:]) | (below[:-1] & above[1:])
    out[1:][jump] = np.nan
    return out


def zero_aligned(first, second) -> tuple[float, float]:
    """A range for `second` that holds it and puts 0 at the same height as `first`
    does (both must contain 0): two curves on two y-axes share one zero line."""
    lo1, hi1 = first
    lo2, hi2 = second
    ratios = [r for r in ((hi2 / hi1) if hi1 > 0 else 0.0, (lo2 / lo1) if lo1 < 0 else 0.0)
              if np.isfinite(r)]
    k = max(ratios, default=0.0)
    if not k > 0:
        return second
    return lo1 * k, hi1 * k


# f″ shares f′'s zero line only while that leaves f″ at least this share of its plot's
# height: aligned, x³'s f″ = 6x (±12) sat on an axis to ~170, flat, its sign change
# hidden, because f′ = 3x² barely goes below 0.
ALIGNED_SHARE_MIN = 0.5
SHARED_SIZE_MIN = 0.25    # f′ and f″ share one axis while the smaller reaches this of the larger
HEADROOM = 0.15          # of f″'s span, above and below: its extremes clear the frame


def second_range(first, values) -> tuple[tuple[float, float], bool]:
    """A y-range for f″ (`values`, beside f′ shown on `first`) and whether its zero is
    at f′'s zero's height.

    The range always holds 0 (f″'s sign is what the plot is for) and leaves HEADROOM
    above and below the values; a constant c ≠ 0 spans [min(0, c), max(0, c)] widened by
    a quarter of |c| each side, so it sits inside the frame below a tick, not on its top
    edge. The zeros are aligned when that still gives f″ ≥ ALIGNED_SHARE_MIN of the
    height, else f″ keeps its own range (and its own zero line).
    """
    finite = np.asarray(values, dtype=float)
    finite = finite[np.isfinite(finite)]
    if finite.size == 0:
        return (-1.0, 1.0), False
    lo, hi = robust_range([finite], include_zero=True)
    # robust_range pads 8 %; widen that to HEADROOM of the span held
    span = (hi - lo) / 1.16
    lo, hi = lo + 0.08 * span, hi - 0.08 * span
    c = constant_of(finite)
    if c is not None:
        if c != 0.0:
            lo, hi = min(0.0, c) - 0.25 * abs(c), max(0.0, c) + 0.25 * abs(c)
        else:
            lo, hi = -1.0, 1.0
    else:
        lo, hi = lo - HEADROOM * span, hi + HEADROOM * span
    own = (max(lo, -RANGE_LIMIT), min(hi, RANGE_LIMIT))
    if not first[0] <= 0 <= first[1]:
        return own, False
    aligned = zero_aligned(first, own)
    if aligned != own and (own[1] - own[0]) < ALIGNED_SHARE_MIN * (aligned[1] - aligned[0]):
        return own, False
    return aligned, True


def constant_of(values) -> float | None:
    """The one value `values` take where finite (to 1e-9 relative), else None."""
    finite = np.asarray(values, dtype=float)
    finite = finite[np.isfinite(finite)]
    if finite.size == 0 or np.ptp(finite) > 1e-9 * max(1.0, float(np.max(np.abs(finite)))):
        return None
    return float(np.median(finite))


def shared_range(first, second, end_share: float = 0.0) -> tuple[float, float] | None:
    """One y-range for f′ (`first`) and f″ (`second`) when neither is dwarfed: the
    largest |value| of each (robust_range's) at least SHARED_SIZE_MIN of the other's;
    else None (each its own axis).

    On two scales a larger f″ could be drawn below f′ (x·eˣ at x = 0.5: f″ = 4.12 on an
    axis to 12 sat under f′ = 2.47 on an axis to 5): where one scale costs neither curve
    its shape, heights compare as the numbers do. `end_share`: as robust_range's."""
    sizes = sorted(max(abs(v) for v in robust_range([a], include_zero=True))
                   for a in (np.asarray(first, float), np.asarray(second, float)))
    if not sizes[1] > 0 or sizes[0] < SHARED_SIZE_MIN * sizes[1]:
        return None
    return robust_range([np.asarray(first, float), np.asarray(second, float)], True, end_share)
