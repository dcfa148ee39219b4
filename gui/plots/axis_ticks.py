"""Tick values and tick labels for the 3-D box's axes, sane for any numbers: f near
1e300, an overflowing range (inf), nan, or a range of zero width."""
from __future__ import annotations

import math

from gui.widgets.number_text import short_text

MAX_TICKS = 12      # whatever the range, never more labels than this


def nice_ticks(lo: float, hi: float, count: int = 4) -> list[float]:
    """Round values (steps of 1, 2 or 5 × 10^k) inside [lo, hi], about `count` of them.

    Non-finite ends give no ticks; hi - lo may overflow (±1e308), so the step is worked
    out from lo/count and hi/count. At most MAX_TICKS values, each finite.
    """
    lo, hi = float(lo), float(hi)
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return []
    raw = hi / count - lo / count
    if not math.isfinite(raw) or raw <= 0:
        return [lo]
    # float noise must not choose the step: a window zoomed in and out again is
    # ±3.0000000000000004, whose raw step 1.5000000000000002 took 2 where ±3 took 1
    # (a tie): "3 … −3" came back as "2, 0, −2"
    raw = float(f"{raw:.9g}")
    power = 10.0 ** math.floor(math.log10(raw))
    step = power * min((1, 2, 5, 10), key=lambda k: abs(k * power - raw))
    if not math.isfinite(step) or step <= 0:
        return [lo]
    first = math.ceil(lo / step - 1e-9)      # −2.9999999999999996 keeps its −3
    ticks = []
    for k in range(MAX_TICKS + 1):
        v = (first + k) * step
        if not math.isfinite(v) or v > hi + step * 1e-9 or len(ticks) == MAX_TICKS:
            break
        # rounding hides float noise (0.30000000000000004) but would zero tiny steps
        ticks.append(float(round(v, 12)) + 0.0 if step >= 1e-9 else v)
    return ticks or [lo]


def format_tick(v: float, step: float | None = None) -> str:
    """A tick label with significant digits, never "0.00" for a small value: at least
    3 significant digits, and enough that ticks `step` apart differ (f near 1000.001).
    ∞, −∞ and "undefined" for what is not a number."""
    v = float(v)
    if math.isnan(v):
        return "undefined"
    if math.isinf(v):
        return "∞" if v > 0 else "−∞"
    if v == 0:
        return "0"
    digits = 3
    if step and math.isfinite(step):
        ratio = abs(v) / abs(step)
        if math.isfinite(ratio) and ratio > 0:
            digits = max(digits, int(math.ceil(math.log10(ratio) + 1e-9)) + 1)
    return short_text(v, f".{min(digits, 15)}g")     # "5e-05" -> "5e−5"
