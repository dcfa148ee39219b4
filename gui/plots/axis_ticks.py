"""Tick values and labels of the 3-D view's axes: round steps, and labels with enough
significant digits that neighbouring ticks differ."""
from __future__ import annotations

import numpy as np


def fmt(v: float, step: float | None = None) -> str:
    """A tick label with significant digits, never "0.00" for a small value: at least
    3 significant digits, and enough that ticks `step` apart differ (f near 1000.001)."""
    v = float(v)
    if v == 0:
        return "0"
    digits = 3
    if step:
        digits = max(digits, int(np.ceil(np.log10(abs(v) / abs(step)) + 1e-9)) + 1)
    text = f"{v:.{min(digits, 15)}g}"
    mantissa, e, exponent = text.partition("e")
    if e:            # "5e-05" -> "5e−5": short exponents
        text = f"{mantissa}e{int(exponent)}"
    return text.replace("-", "−")


def nice_ticks(lo: float, hi: float, count: int = 4) -> list[float]:
    """Round values (steps of 1, 2 or 5 × 10^k) inside [lo, hi], about `count` of them."""
    raw = (hi - lo) / count
    if not np.isfinite(raw) or raw <= 0:
        return [lo]
    power = 10.0 ** np.floor(np.log10(raw))
    step = power * min((1, 2, 5, 10), key=lambda k: abs(k * power - raw))
    first = np.ceil(lo / step) * step
    return [float(round(v, 12)) + 0.0 for v in np.arange(first, hi + step * 1e-9, step)]
