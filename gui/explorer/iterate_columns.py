"""What the iterate table shows of a path, column by column, and which of its numbers
are round-off of zero.

Columns: k, one per variable (θ), f, ∂f/∂v per variable (the true gradient), |∇f| (two
or more variables) and, when the optimiser stepped along another gradient (SGD noise,
clipping, weight decay: engine Path.used_gradients), that gradient beside the true
one, so x₁ = x₀ − η·g can be checked on screen.

Round-off: near x = 2, x⁴ − 4x³ + 4x² evaluates to −3.55e−15, a value f never takes.
A number that is round-off of zero (round_off_zero) is shown as 0; its tooltip gives
the number computed and says why. That is the only number shown otherwise than computed:
each has a column of its own, so one tiny beside a large one in its row is shown as it is
(∂f/∂y = 4 beside ∂f/∂x = 6e300 on 1e300·x² + y²; GD on x² + 2y² at η = 0.6 never
reaches x = 0, and x = −7.69658e−27 beside y = −750040 says so).
"""
from __future__ import annotations

import numpy as np

from engine.point_values import gradient_overflows
from gui.widgets.variable_names import display_name

UNDEFINED = "—"         # a cell whose number is nan: f (or its gradient) undefined there
SMALL = 1e-9             # only numbers this small against their column can be round-off …
CANCELLATION_BITS = 4    # … and only with this few significant bits (a true value has ~53)
LARGEST_ROUND_OFF = 1e-6  # no larger number is taken for round-off
NEIGHBOURS = 2           # rows each side whose values set the scale a value is small against


def path_columns(path, variables) -> list[tuple[str, str, np.ndarray]]:
    """[(header on screen, CSV header, values (n+1,))] for `path` of f(variables)."""
    k = np.arange(len(path.values), dtype=float)
    one = len(variables) == 1
    shown = [display_name(v) for v in variables]          # w_1 as w₁
    cols = [("k", "k", k)]
    cols += [(s, v, path.points[:, i]) for i, (s, v) in enumerate(zip(shown, variables))]
    cols.append((f"f({', '.join(shown)})", "f", path.values))
    # no gradient where f is undefined: log(x+y) at x + y < 0 has the formal gradient
    # 1/(x+y), shown as −0.434783 beside f = nan; nan, shown as "—" (UNDEFINED)
    # (so for ±inf: log(x) + log(y) at (0, 0), f = −inf, has no gradient either)
    gradients = np.where(~np.isfinite(path.values)[:, None], np.nan, path.gradients)
    for i, (s, v) in enumerate(zip(shown, variables)):
        cols.append((f"f′({s})", f"f'({v})", gradients[:, i]) if one else
                    (f"∂f/∂{s}", f"df/d{v}", gradients[:, i]))
    if not one:   # the gradient's length (hypot: no overflow for |∇f| near 1e200)
        cols.append(("|∇f|", "|grad f|", np.hypot.reduce(gradients, axis=1)))
    if stepped_along_another_gradient(path):
        for i, (s, v) in enumerate(zip(shown, variables)):
            cols.append((f"used g({s})", f"used g({v})", path.used_gradients[:, i]))
    return cols


def overflowed_cells(path, f, d: int, columns) -> set:
    """(row, column) of the gradient cells (∂f/∂v…, |∇f|) of `path` whose float is not
    finite though f's is, where ∇f there only overflows floats (engine.point_values.
    gradient_overflows: 1e308·x² everywhere), not undefined. Empty without `f`."""
    if path is None or f is None:
        return set()
    grads = range(d + 2, d + 2 + d + (d > 1))
    rows = np.flatnonzero(np.isfinite(path.values) & (~np.isfinite(path.gradients)).any(axis=1))
    return {(int(row), c) for row in rows if gradient_overflows(f, path.points[row])
            for c in grads if not np.isfinite(columns[c][row])}


def stepped_along_another_gradient(path) -> bool:
    """The optimiser's gradient differs from ∇f somewhere (noise, clipping, decay)."""
    used = getattr(path, "used_gradients", None)
    if used is None or len(used) < 2:
        return False
    return not np.allclose(used[:-1], path.gradients[:-1], rtol=1e-12, atol=0.0,
                           equal_nan=True)


def round_off_zero(values: np.ndarray) -> np.ndarray:
    """Which values (bool, same shape) are round-off of zero: tiny against their column
    around them (below SMALL × the largest finite magnitude within NEIGHBOURS rows, at
    least 1) and carrying the signature
    of cancellation, a mantissa of at most CANCELLATION_BITS significant bits
    (−3.55e−15 is −2⁻⁴⁸: large terms that cancelled, their last bits left over). A true
    small value — f ≈ 2.4e−12 near a minimum, from (w₁ − 1)² — has a full mantissa and
    stays."""
    values = np.atleast_1d(np.asarray(values, dtype=float))
    # The scale is that of the rows around each value, not the column's largest: a run
    # that diverges later (f ~ 1e300) made a true f = 9 at its start "tiny", and 9, with
    # its 4 significant bits, looked like round-off: the table said 0. A value of 1e-6 or
    # more is never taken for round-off (its terms would be ~1e10): shown as computed,
    # a residue is only untidy, while a true value shown as 0 is false.
    magnitude = np.where(np.isfinite(values), np.abs(values), 0.0)
    padded = np.pad(magnitude, [(NEIGHBOURS, NEIGHBOURS)] + [(0, 0)] * (values.ndim - 1))
    window = np.lib.stride_tricks.sliding_window_view(padded, 2 * NEIGHBOURS + 1, axis=0)
    return cancelled(values, np.maximum(1.0, window.max(axis=-1)))


def as_shown(columns) -> list[np.ndarray]:
    """The numbers of path_columns' columns (values only) as the table shows them: round-off
    of zero as 0.0, every other number as computed (what a CSV of the table writes)."""
    return [columns[0]] + [np.where(round_off_zero(c), 0.0, c) for c in columns[1:]]


def tiny(values: np.ndarray, scale) -> np.ndarray:
    """Which values (bool) are small enough against `scale` (≥ 1) to be round-off of
    zero, if anything says they are: nonzero, below SMALL × scale and LARGEST_ROUND_OFF."""
    values = np.atleast_1d(np.asarray(values, dtype=float))
    with np.errstate(invalid="ignore"):
        return np.isfinite(values) & (values != 0) & (np.abs(values) < SMALL * scale) \
            & (np.abs(values) < LARGEST_ROUND_OFF)


def cancelled(values: np.ndarray, scale) -> np.ndarray:
    """Which values are round-off of zero against `scale` (≥ 1, broadcast): tiny, with
    at most CANCELLATION_BITS significant bits (round_off_zero's test)."""
    values = np.atleast_1d(np.asarray(values, dtype=float))
    small = tiny(values, scale)
    mantissa, _ = np.frexp(np.where(small, values, 1.0))
    bits = np.abs(mantissa * 2.0 ** 53).astype(np.int64)      # the 53-bit significand
    trailing = np.log2((bits & -bits).astype(float))         # its trailing zero bits
    return small & (53 - trailing <= CANCELLATION_BITS)

