"""Ranges a pyqtgraph view can take: finite, and far enough inside float range that
pyqtgraph's own arithmetic on them stays finite.

pyqtgraph's ViewBox.setRange raises "Cannot set range [-inf, inf]" for a non-finite end,
and also for finite ends whose sum overflows: it widens a range by (lo + hi)·1.5e-15
before its check, so f = 1e308 (from 1e308·x² at x = 1) made [-inf, inf] of a finite
range, raised in the loss plot's slot 8 times and left its view half set.
"""
from __future__ import annotations

import math

# The largest |end| a range reaches: the views subtract and pad ranges, and pyqtgraph
# adds their ends; a tenth of a float's largest (1.8e308) leaves room for a span, its
# padding and pyqtgraph's own. Values beyond it are off the plot.
RANGE_LIMIT = 1e307


def drawable(value: float) -> bool:
    """Whether `value` is finite and inside ±RANGE_LIMIT (a view may show it)."""
    return math.isfinite(value) and abs(value) <= RANGE_LIMIT


def settable_range(lo: float, hi: float) -> tuple[float, float] | None:
    """(lo, hi) clamped to ±RANGE_LIMIT, or None where no range can be set from them
    (an end is NaN, or nothing is left between the clamped ends): the caller keeps the
    view's range it has."""
    lo, hi = float(lo), float(hi)
    if math.isnan(lo) or math.isnan(hi):
        return None
    lo = min(max(lo, -RANGE_LIMIT), RANGE_LIMIT)
    hi = min(max(hi, -RANGE_LIMIT), RANGE_LIMIT)
    return (lo, hi) if lo < hi else None
