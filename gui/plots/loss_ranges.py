"""The loss plot's ranges: how far its step and f axes reach, as pure functions of the
runs' numbers and the plot's pixels."""
from __future__ import annotations

import numpy as np


def flat_range_widened(lo: float, hi: float) -> tuple[float, float]:
    """f's range shown (lo, hi): a flat one (one value, or float noise apart) widened
    to ± max(0.5, 1e-4 |f|) around it. ±0.5 around f = 1.446e12 was ticks 0.2 apart that
    only 14 digits tell apart; 1e-4 of f keeps them short ("1.4462e+12")."""
    size = max(abs(lo), abs(hi))
    if hi - lo < 1e-12 * max(1.0, size):
        half = max(0.5, 1e-4 * size)
        return lo - half, hi + half
    return lo, hi


def edge_padding(lo: float, hi: float, view_px: float, low_px: float, high_px: float,
                 share: float) -> tuple[float, float]:
    """How far past lo and past hi the view reaches (data units): `share` of the span,
    or more where that leaves the tick label at that end (`low_px`, `high_px` from its
    centre to its edge) less room inside the `view_px` view. pyqtgraph hides a label
    that does not lie wholly inside its axis and plot: the 2 % step padding dropped the
    step axis's "0" at text size 1.5 and 2, the 5 % of f dropped the f axis's "0"
    (where the runs converge) at every text size."""
    span = hi - lo
    free = view_px - low_px - high_px
    if free < 2 * (low_px + high_px):        # no room to speak of (not laid out yet)
        return share * span, share * span
    return max(share * span, low_px * span / free), max(share * span, high_px * span / free)


def predicted_steps_end(shown: int) -> int:
    """The step axis's right end while predicting: the `shown` steps rounded up to a
    round stride of a quarter of them or less (1, 2, 5, 10, 20, …). The axis, and with it
    every curve on the plot, is then redrawn every few frames, not every frame (a frame
    cost 31 ms against 16 when it grew by one step each frame); it depends on the steps
    shown alone, so it still tells nothing of how long the runs go on."""
    quarter = max(shown / 4, 1.0)
    power = 10.0 ** np.floor(np.log10(quarter))
    stride = max(s for s in (power, 2 * power, 5 * power) if s <= quarter * (1 + 1e-12))
    return int(np.ceil(shown / stride) * stride)
