"""What the iterate table shows of a path, column by column, and which of its numbers
are round-off of zero.

Columns: k, one per variable (θ), f, ∂f/∂v per variable (the true gradient), |∇f| (two
or more variables) and, when the optimiser stepped along another gradient (SGD noise,
clipping, weight decay: engine Path.used_gradients), that gradient beside the true
one, so x₁ = x₀ − η·g can be checked on screen.

Round-off: near x = 2, x⁴ − 4x³ + 4x² evaluates to −3.55e−15, a value f never takes.
A number that is round-off of zero (round_off_zero) is shown as 0; its tooltip gives
the number computed and says why.
"""
from __future__ import annotations

import numpy as np

from gui.widgets.variable_names import display_name

SMALL = 1e-9             # only numbers this small against their column can be round-off …
CANCELLATION_BITS = 4    # … and only with this few significant bits (a true value has ~53)


def path_columns(path, variables) -> list[tuple[str, str, np.ndarray]]:
    """[(header on screen, CSV header, values (n+1,))] for `path` of f(variables)."""
    k = np.arange(len(path.values), dtype=float)
    one = len(variables) == 1
    shown = [display_name(v) for v in variables]          # w_1 as w₁
    cols = [("k", "k", k)]
    cols += [(s, v, path.points[:, i]) for i, (s, v) in enumerate(zip(shown, variables))]
    cols.append((f"f({', '.join(shown)})", "f", path.values))
    for i, (s, v) in enumerate(zip(shown, variables)):
        cols.append((f"f′({s})", f"f'({v})", path.gradients[:, i]) if one else
                    (f"∂f/∂{s}", f"df/d{v}", path.gradients[:, i]))
    if not one:   # the gradient's length (hypot: no overflow for |∇f| near 1e200)
        cols.append(("|∇f|", "|grad f|", np.hypot.reduce(path.gradients, axis=1)))
    if stepped_along_another_gradient(path):
        for i, (s, v) in enumerate(zip(shown, variables)):
            cols.append((f"used g({s})", f"used g({v})", path.used_gradients[:, i]))
    return cols


def stepped_along_another_gradient(path) -> bool:
    """The optimiser's gradient differs from ∇f somewhere (noise, clipping, decay)."""
    used = getattr(path, "used_gradients", None)
    if used is None or len(used) < 2:
        return False
    return not np.allclose(used[:-1], path.gradients[:-1], rtol=1e-12, atol=0.0,
                           equal_nan=True)


def round_off_zero(values: np.ndarray) -> np.ndarray:
    """Which values (bool, same shape) are round-off of zero: tiny against their column
    (below SMALL × its largest finite magnitude, at least 1) and carrying the signature
    of cancellation, a mantissa of at most CANCELLATION_BITS significant bits
    (−3.55e−15 is −2⁻⁴⁸: large terms that cancelled, their last bits left over). A true
    small value — f ≈ 2.4e−12 near a minimum, from (w₁ − 1)² — has a full mantissa and
    stays."""
    values = np.asarray(values, dtype=float)
    finite = np.abs(values[np.isfinite(values)])
    scale = max(1.0, float(finite.max())) if finite.size else 1.0
    with np.errstate(invalid="ignore"):
        small = np.isfinite(values) & (values != 0) & (np.abs(values) < SMALL * scale)
    mantissa, _ = np.frexp(np.where(small, values, 1.0))
    bits = np.abs(mantissa * 2.0 ** 53).astype(np.int64)      # the 53-bit significand
    trailing = np.log2((bits & -bits).astype(float))         # its trailing zero bits
    return small & (53 - trailing <= CANCELLATION_BITS)
