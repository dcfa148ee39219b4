"""What both two-variable views show of f: a sampled grid, iso-levels, and a colour
scale spread over f's actual values.

Grid convention (STYLE.md): Z[i, j] = f(xs[i], ys[j]). Samples sit at cell centres,
so an ImageItem whose rect is the window has pixel i centred on xs[i] — the same
convention as pyqtgraph's isocurves (sample i at pixel coordinate i + 0.5).

Why "spread over f's values": on Rosenbrock's banana f runs from 0 to ~2500 and on
Beale's from 0 to 1.7e5; a linear colour scale paints everything interesting one
dark band. Colours and iso-levels therefore follow the quantiles of f on the grid:
level k of n encloses k/(n+1) of the area, which on such landscapes is close to a
log spacing, while for a quadratic bowl (sub-level areas grow linearly with the
level) it is the plain linear spacing, so "iso-lines close together = steep" holds
where a lecturer shows it. An image's lookup table is linear in its levels, so the
views colour `colour_position(Z)` ∈ [0, 1] (monotone in f) and label the colour bar
with f's values at their positions (`colour_ticks`).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

N_KNOTS = 64         # the colour scale is piecewise linear in f between quantile knots


@dataclass(frozen=True, eq=False)
class Landscape:
    """f sampled on a grid: xs (nx,), ys (ny,), Z (nx, ny) as the engine returned it
    (nan/inf kept); lo/hi the finite colour range; levels the iso-levels (ascending);
    knots (f values at colour positions linspace(0, 1, N_KNOTS + 1))."""
    window: tuple
    xs: np.ndarray
    ys: np.ndarray
    Z: np.ndarray
    lo: float
    hi: float
    levels: np.ndarray
    knots: np.ndarray

    def colour_position(self, values) -> np.ndarray:
        """f values → colour positions in [0, 1], monotone; nan stays nan, ±inf clamps."""
        values = np.asarray(values, dtype=float)
        return np.interp(values, self.knots, np.linspace(0.0, 1.0, len(self.knots)))

    def colour_ticks(self, count: int = 7) -> list[tuple[float, str]]:
        """[(colour position, label)]: round f values spread evenly along the colour bar.

        Near each of `count` evenly spaced positions the roundest value wins
        (1, 5, 2 × 10^k first, then other digits, then two significant digits).
        """
        u = np.linspace(0.0, 1.0, len(self.knots))
        ticks, last = [], -1.0
        for target in np.linspace(0.06, 0.94, count):
            a, b = np.interp([target - 0.08, target + 0.08], u, self.knots)
            best = min(_round_values(a, b), default=None,
                       key=lambda v: (_roundness(v), abs(self.colour_position(v) - target)))
            if best is None:
                continue
            pos = float(self.colour_position(best))
            if pos - last >= 0.08:
                ticks.append((pos, _label(best)))
                last = pos
        return ticks


def cell_centres(lo: float, hi: float, n: int) -> np.ndarray:
    """n points at the centres of n equal cells covering [lo, hi]."""
    return lo + (np.arange(n) + 0.5) * ((hi - lo) / n)


def sample(f, window, n: int = 200, n_levels: int = 13) -> Landscape:
    """Evaluate f (an engine Expression of two variables) on an n×n cell-centre grid."""
    (xlo, xhi), (ylo, yhi) = window
    xs, ys = cell_centres(xlo, xhi, n), cell_centres(ylo, yhi, n)
    X, Y = np.meshgrid(xs, ys, indexing="ij")
    Z = np.broadcast_to(np.asarray(f(X, Y), dtype=float), X.shape).copy()
    finite = Z[np.isfinite(Z)]
    if finite.size == 0:
        finite = np.zeros(1)
    lo, top = float(finite.min()), float(finite.max())
    # An overflowing corner (exp(xy), 1/x near 0) must not squeeze every colour to the bottom.
    p99 = float(np.quantile(finite, 0.99))
    hi = top if top - p99 <= 2.0 * (p99 - lo) else p99
    if not hi > lo:                      # a constant: any non-empty range will do
        lo, hi = lo - 0.5, lo + 0.5
    clipped = np.clip(finite, lo, hi)
    u = np.linspace(0.0, 1.0, N_KNOTS + 1)
    # a ramp of 1e-9 of the range keeps knots strictly increasing on plateaus (relu)
    knots = np.quantile(clipped, u) + u * (hi - lo) * 1e-9
    knots[0], knots[-1] = lo, hi + (hi - lo) * 1e-9
    # an odd count puts the middle level on the median: 0 on x² − y², through the saddle
    levels = np.unique(np.quantile(clipped, np.arange(1, n_levels + 1) / (n_levels + 1)))
    levels = levels[(levels > lo) & (levels < hi)]
    return Landscape(tuple(window), xs, ys, Z, lo, hi, levels, knots)


def _round_values(a: float, b: float) -> list[float]:
    """Values in [a, b] with at most two significant digits (and 0)."""
    span = max(abs(a), abs(b))
    if not np.isfinite(span) or span == 0:
        return [0.0]
    top = int(np.floor(np.log10(span)))
    out = [0.0] if a <= 0 <= b else []
    for k in range(top - 1, top - 4, -1):     # steps of 10^k: coarse first
        step = 10.0 ** k
        n = np.arange(np.ceil(a / step), np.floor(b / step) + 1)
        out.extend(float(round(v * step, 12)) for v in n[:200])
    return out


def _label(v: float) -> str:
    text = f"{v:g}" if v == 0 or 1e-3 <= abs(v) < 1e5 else f"{v:.0e}".replace("e+0", "e").replace("e-0", "e-")
    return text.replace("-", "−")


def _roundness(v: float) -> tuple:
    """Sort key: 0 first, then fewer significant digits, then leading 1, 5, 2."""
    if v == 0:
        return (0, 0)
    digits = f"{abs(v):.9e}".split("e")[0].replace(".", "").rstrip("0")
    return (len(digits), {"1": 0, "5": 1, "2": 2}.get(digits[0], 3) if len(digits) == 1
            else int(digits[-1] != "5"))
