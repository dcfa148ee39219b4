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

from gui.plots.axis_ticks import format_tick
from gui.widgets.number_text import true_minus

N_KNOTS = 64         # the colour scale is piecewise linear in f between quantile knots
MAX_TICKS = 7        # labels on the colour bar when it is tall enough
LABEL_GAP_PX = 3.0   # free pixels between two of the colour bar's labels
# f varying by less than this share of its own size over the window is float noise: drawn
# flat, not as a landscape (a view's model may ask for more: FLAT_SHARE)
FLOAT_NOISE_SHARE = 1e-9


def flat_share(model) -> float:
    """The share of its size below which a view of `model` draws f flat: the model's
    FLAT_SHARE (the neuron's loss: 1 %), else FLOAT_NOISE_SHARE."""
    return float(getattr(model, "FLAT_SHARE", FLOAT_NOISE_SHARE))


def least_range(lo: float, hi: float, share: float = FLOAT_NOISE_SHARE) -> tuple[float, float]:
    """(lo, hi), widened about its middle to at least `share` × max(|lo|, |hi|): a nearly
    flat f keeps a range that shows it flat. The saturated neuron's loss, 0.0449995 to
    0.0449999 (w = 7), filled the whole colour scale and the 3-D box's height and looked
    steep: the vanishing gradient hidden."""
    least = share * max(abs(lo), abs(hi))
    if not hi - lo < least:
        return lo, hi
    middle = lo / 2 + hi / 2
    return middle - least / 2, middle + least / 2


@dataclass(frozen=True, eq=False)
class Landscape:
    """f sampled on a grid: xs (nx,), ys (ny,), Z (nx, ny) as the engine returned it
    (nan/inf kept); lo/hi the finite colour range; levels the iso-levels (ascending);
    knots (f values at colour positions linspace(0, 1, N_KNOTS + 1)), strictly increasing;
    flat marks the knot intervals only a hair wide (f's quantiles were equal)."""
    window: tuple
    xs: np.ndarray
    ys: np.ndarray
    Z: np.ndarray
    lo: float
    hi: float
    levels: np.ndarray
    knots: np.ndarray
    flat: np.ndarray | None = None   # (N_KNOTS,) bool: f's quantiles equal there (a plateau)

    def colour_position(self, values) -> np.ndarray:
        """f values → colour positions in [0, 1], monotone; nan stays nan, ±inf clamps."""
        values = np.asarray(values, dtype=float)
        return np.interp(values, self.knots, np.linspace(0.0, 1.0, len(self.knots)))

    def colour_ticks(self, bar_px: float = 200.0, label_px: float = 14.0) -> list[tuple[float, str]]:
        """[(colour position, label)] ascending: round f values along a colour bar `bar_px`
        pixels long whose labels are `label_px` pixels high (their font's line height).

        At most MAX_TICKS, at least LABEL_GAP_PX between two labels' rectangles, none
        sticking out past the bar's ends; labels are distinct. The values are taken in
        one fixed order of roundness (`_ranked_round_values`), each kept when it has room:
        the same f and window give the same labels whatever the bar's length, unless a
        label no longer fits. (Labels chosen near evenly spaced points of the bar were
        whatever value sat there, 13, 16, 17, and one pixel more changed 17 to 16.)
        """
        bar_px = max(float(bar_px), 1.0)
        gap = (label_px + LABEL_GAP_PX) / bar_px           # centre to centre, in [0, 1] units
        margin = min(0.5, max(0.02, 0.5 * label_px / bar_px))
        u = np.linspace(0.0, 1.0, len(self.knots))
        a, b = np.interp([margin, 1.0 - margin], u, self.knots)
        values = _ranked_round_values(self._plateau_value(float(a)), float(b))
        positions = self._tick_positions(values, u, margin)
        digits, _ = _roundness(values)
        at = {value: (position, digit) for value, position, digit in zip(values, positions, digits)}
        kept, used, tried = [], set(), set()
        for value in values:
            # v and −v both on the bar are kept together or not at all: (−2, 0, 1) on the
            # saddle x² − y² read as lopsided, and flipped with each pixel of the bar
            group = [v for v in dict.fromkeys((value, -value)) if v in at and v not in tried
                     and margin - 1e-9 <= at[v][0] <= 1.0 - margin + 1e-9]    # nan: no value f takes
            tried.update((value, -value))
            texts = [_label(v, at[v][1]) for v in group]
            # a label must name its value: 999 998 is no round "1.000e6" (f near 1e6)
            if any(at[v][1] > 3 for v in group):
                continue
            spots = [at[v][0] for v in group]
            if (not group or len(kept) + len(group) > MAX_TICKS or used.intersection(texts)
                    or any(abs(p - q) < gap - 1e-12 for p in spots for q, _ in kept)
                    or any(abs(p - q) < gap - 1e-12 for p in spots for q in spots if p < q)):
                continue
            kept.extend(zip(spots, texts))
            used.update(texts)
        if not kept and np.isfinite(b - a) and b > a:
            # no round value with 3 digits in reach (f from 0.0449995 to 0.0449999):
            # the middle's value, with the digits that tell it from the bar's ends
            middle = float(np.interp(0.5, u, self.knots))
            kept.append((0.5, format_tick(middle, (b - a) / 2)))
        return sorted(kept)

    def _plateau_value(self, value: float) -> float:
        """`value`, or the value of the plateau whose hair-thin ramp it lies on."""
        if self.flat is None:
            return value
        j = int(np.clip(np.searchsorted(self.knots, value, side="right") - 1, 0, len(self.flat) - 1))
        if not self.flat[j]:
            return value
        while j > 0 and self.flat[j - 1]:
            j -= 1
        return float(self.knots[j])

    def _tick_positions(self, values: np.ndarray, u: np.ndarray, margin: float) -> np.ndarray:
        """Colour positions of candidate tick values; nan for a value inside a plateau's
        hair-thin ramp (relu's zeros: 2e−8 is no value f takes), and the plateau's own
        value moved up to `margin`, still on its colour, so that "0" can be read."""
        knots, flat = self.knots, self.flat
        positions = np.interp(values, knots, u)
        if flat is None or not flat.any():
            return positions
        i = np.clip(np.searchsorted(knots, values, side="right") - 1, 0, len(flat) - 1)
        on_start = values == knots[i]
        positions[flat[i] & ~on_start] = np.nan
        # a plateau's value: its colour runs from its position to the plateau's end
        # the colour position where each knot interval's plateau ends (65 knots: a loop)
        plateau_end = u[1:].copy()
        for j in range(len(flat) - 2, -1, -1):
            if flat[j] and flat[j + 1]:
                plateau_end[j] = plateau_end[j + 1]
        ends = plateau_end[i]
        lift = flat[i] & on_start
        positions[lift] = np.minimum(np.maximum(positions[lift], margin), ends[lift])
        return positions


def cell_centres(lo: float, hi: float, n: int) -> np.ndarray:
    """n points at the centres of n equal cells covering [lo, hi]."""
    return lo + (np.arange(n) + 0.5) * ((hi - lo) / n)


def sample(f, window, n: int = 200, n_levels: int = 13,
           flat_share: float = FLOAT_NOISE_SHARE) -> Landscape:
    """Evaluate f (an engine Expression of two variables) on an n×n cell-centre grid.
    Where f's range is under `flat_share` of its size (least_range), colours and levels
    are linear over the widened range: f takes a narrow band of colours about the middle
    and at most a level or two, as flat as it is."""
    (xlo, xhi), (ylo, yhi) = window
    xs, ys = cell_centres(xlo, xhi, n), cell_centres(ylo, yhi, n)
    X, Y = np.meshgrid(xs, ys, indexing="ij")
    Z = np.broadcast_to(np.asarray(f(X, Y), dtype=float), X.shape).copy()
    # Sorted once: quantiles are then read off by index (np.quantile would partition the
    # 40 000 values again for each of its three calls, ~5 ms of an edit's first picture),
    # and min and max are its ends.
    finite = np.sort(Z[np.isfinite(Z)], axis=None)
    if finite.size == 0:
        finite = np.zeros(1)
    lo, top = float(finite[0]), float(finite[-1])
    # An overflowing corner (exp(xy), 1/x near 0) must not squeeze every colour to the bottom.
    p99 = float(quantiles_of_sorted(finite, 0.99))
    hi = top if top - p99 <= 2.0 * (p99 - lo) else p99
    if not hi > lo:                      # a constant: any non-empty range will do
        lo, hi = lo - 0.5, lo + 0.5
    if not np.isfinite(hi - lo):         # f from −1e308 to 1e308: the range must be a number
        half = np.finfo(float).max / 4
        lo, hi = max(lo, -half), min(hi, half)
    clipped = np.clip(finite, lo, hi)         # still sorted
    u = np.linspace(0.0, 1.0, N_KNOTS + 1)
    wide = least_range(lo, hi, flat_share)
    if wide != (lo, hi):
        knots = wide[0] + u * (wide[1] - wide[0])
        levels = np.linspace(*wide, n_levels + 2)[1:-1]
        levels = levels[(levels > clipped[0]) & (levels < clipped[-1])]
        return Landscape(tuple(window), xs, ys, Z, *wide, levels, knots, None)
    quantiles = quantiles_of_sorted(clipped, u)
    knots = _strictly_increasing(quantiles, hi - lo)
    # an odd count puts the middle level on the median: 0 on x² − y², through the saddle
    levels = np.unique(quantiles_of_sorted(clipped, np.arange(1, n_levels + 1) / (n_levels + 1)))
    levels = levels[(levels > lo) & (levels < hi)]
    return Landscape(tuple(window), xs, ys, Z, lo, hi, levels, knots, np.diff(quantiles) <= 0)


def _strictly_increasing(quantiles: np.ndarray, extent: float) -> np.ndarray:
    """The quantile knots, each at least a hair (1e-9 of its own size) above the one
    before, so that colour_position is a function on plateaus (relu's zeros).

    The hair is relative: one of 1e-9 of the whole range (the old ramp) was 1e11 on
    exp(x² + y²) from 1 to 1e20, more than f anywhere in the middle of the map, and
    every value below 1e10 got the bottom colour."""
    magnitude = np.maximum(np.abs(quantiles[:-1]), np.abs(quantiles[1:]))
    hair = np.where(magnitude > 0, magnitude, extent) * 1e-9
    steps = np.maximum(np.diff(quantiles), hair)
    return quantiles[0] + np.concatenate([[0.0], np.cumsum(steps)])


def quantiles_of_sorted(a: np.ndarray, q) -> np.ndarray:
    """np.quantile(a, q) of an ascending, finite, non-empty array a, read off by index:
    the same values, bit for bit (numpy's linear method and its interpolation)."""
    q = np.asarray(q, dtype=float)
    position = q * (a.size - 1)
    below = np.floor(position)
    gamma = position - below
    below = below.astype(np.intp)
    low, high = a[below], a[np.minimum(below + 1, a.size - 1)]
    diff = high - low
    # numpy's _lerp: from the nearer end, so that q = 1 gives the maximum exactly
    return np.where(gamma >= 0.5, high - diff * (1 - gamma), low + diff * gamma)


def _ranked_round_values(a: float, b: float) -> np.ndarray:
    """Round values in [a, b], the roundest first: 0; the multiples of the coarsest
    1-2-5 step with three multiples in [a, b] (10, 20, 30 on 1 to 38), rounder first;
    then a step of 10's halves (15, 25), and below the step 5 × 10^k, 2 × 10^k and
    1 × 10^k, or across decades (1 to 1e20 on exp(x² + y²)) every 1 × 10^k first.
    Duplicates keep their first place."""
    span = b - a if np.isfinite(b - a) else max(abs(a), abs(b))
    if not (np.isfinite(span) and span > 0):
        return np.array([a]) if np.isfinite(a) else np.zeros(1)
    ranked = [np.zeros(1)] if a <= 0 <= b else []
    top = int(np.floor(np.log10(span)))
    step = 10.0 ** (top - 3)
    for k in range(top, top - 3, -1):          # the coarsest step with three multiples
        found = next((m * 10.0 ** k for m in (5, 2, 1)
                      if np.floor(b / (m * 10.0 ** k)) - np.ceil(a / (m * 10.0 ** k)) >= 2), None)
        if found is not None:
            step = found
            break
    multiples = np.arange(np.ceil(a / step), np.floor(b / step) + 1)[:100] * step
    digits, rank = _roundness(multiples)
    ranked.append(multiples[np.lexsort((-np.abs(multiples), rank, digits))])
    # the decades below the step: down to a's (b's) own when [a, b] lies on one side of 0
    near = min(abs(a), abs(b)) if a > 0 or b < 0 else 0.0
    first = int(np.floor(np.log10(step))) - (0 if step >= 10.0 ** np.floor(np.log10(step)) * 2 else 1)
    last = max(int(np.floor(np.log10(near))), first - 640) if near > 0 else first - 3
    exponents = np.arange(first, last - 1, -1)
    # decades spread over a long bar: the lowest on the bar first (where f starts), then
    # 1, 1e10, 1e5, 1e15, then every other one
    lowest = int(np.ceil(np.log10(near) - 1e-12)) if near > 0 else last
    exponents = exponents[np.lexsort((-exponents, exponents % 2 != 0, exponents % 5 != 0,
                                      exponents % 10 != 0, exponents != lowest))]
    powers = 10.0 ** exponents
    # a step of 10 halves to 5s (15, 25); a step of 5 has no round half (2.5, 7.5), and
    # a step of 2's (3, 5 among 2, 4, 6, 8) read as no step at all
    halves = (np.arange(np.ceil(a / step * 2), np.floor(b / step * 2) + 1)[:200] * (step / 2)
              if _roundness(np.array([step]))[1][0] == 0 else np.empty(0))
    # across decades the powers of ten come first; within one, the coarser 5s, halves, 2s
    # (on the saddle ±1 beside 0 took the room of ±2 only from a bar 215 px long on)
    spans_decades = near > 0 and last <= first - 2
    fill = (powers, 5 * powers, halves, 2 * powers) if spans_decades else (5 * powers, halves, 2 * powers, powers)
    for values in fill:      # powers, 5s and 2s only below the step: 5 amid 2, 4, 6, 8 is none
        values = (np.concatenate([values, -values])[np.tile(np.abs(values), 2) < step]
                  if values is not halves else values)
        ranked.append(values[(values >= a) & (values <= b) & (values != 0)])
    values = np.concatenate(ranked)
    # 0.1 × 3 is 0.30000000000000004: every value to 12 significant digits
    values = np.array([float(f"{v:.12g}") for v in values])
    _, first_place = np.unique(values, return_index=True)
    return values[np.sort(first_place)]


def _label(v: float, digits: int = 3) -> str:
    """v with `digits` significant digits at most (a round value has as many as it needs)."""
    if v == 0 or 1e-3 <= abs(v) < 1e4:
        text = f"{v:g}"
    else:
        mantissa, exponent = f"{v:.{max(int(digits), 1) - 1}e}".split("e")
        text = f"{mantissa}e{int(exponent)}"
    return true_minus(text)


def _roundness(values: np.ndarray):
    """(significant digits, rank) per value, smaller = rounder: 0 has 0 digits; one
    digit ranks 1, 5, 2, then the rest; two digits rank a final 5 first."""
    v = np.abs(values)
    # subnormal values (1e-320) make 10^(exponent - d + 1) zero: such a v is no round tick
    v = np.where(v >= np.finfo(float).tiny, v, 0.0)
    exponent = np.floor(np.log10(np.where(v > 0, v, 1.0)))
    digits = np.full(v.shape, 4)
    mantissa = np.zeros(v.shape)
    for d in (3, 2, 1):                     # the fewest digits that represent v exactly
        m = v / 10.0 ** (exponent - d + 1)
        exact = np.abs(m - np.round(m)) < 1e-6 * np.maximum(m, 1)
        digits = np.where(exact, d, digits)
        mantissa = np.where(exact, np.round(m), mantissa)
    digits = np.where(v == 0, 0, digits)
    one_digit_rank = np.select([mantissa == 1, mantissa == 5, mantissa == 2], [0, 1, 2], 3)
    rank = np.where(digits == 1, one_digit_rank, (mantissa % 10 != 5).astype(int))
    return digits, rank
