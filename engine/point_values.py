"""Whether f, ∇f and H have a value at a point, or only a float that looks like one.

numpy writes log(0) as −inf, 1/0 as inf and exp(800) as inf alike; only the first two
are points where f (or a derivative) is undefined — a pole or the edge of f's domain —
while exp(800) is a number past the largest float. Where numpy raised its divide-by-zero
flag while computing an infinite entry, or the entry is nan, that entry is undefined;
an infinite entry without that flag is an overflow. A lecturer must never see ∞ as
H(0, 0)'s entry for log(x) + log(y)."""
from __future__ import annotations

import numpy as np

UNDEFINED, OVERFLOW = "undefined", "overflow"


def _flags_of(fn, point) -> tuple[np.ndarray, set]:
    flags: set[str] = set()
    old = np.seterrcall(lambda kind, _flag: flags.add(kind))
    try:
        with np.errstate(all="call"):
            try:
                out = fn(*map(np.float64, point))
            except (ArithmeticError, ValueError, TypeError):
                out = np.nan
    finally:
        np.seterrcall(old)
    return np.array(out, dtype=float).reshape(-1), flags


def kinds(values, flags) -> list[str | None]:
    """Per entry of `values`: None (a number), UNDEFINED (nan, or ±inf reached by a
    division by zero: a pole, log 0) or OVERFLOW (±inf past the largest float)."""
    pole = "divide by zero" in flags
    return [None if np.isfinite(v) else UNDEFINED if np.isnan(v) or pole else OVERFLOW
            for v in np.asarray(values, dtype=float).reshape(-1)]


def value_kind(f, point) -> str | None:
    """None where f has a value at `point` (d,), else UNDEFINED or OVERFLOW."""
    values, flags = _flags_of(f._f, point)
    return kinds(values[:1], flags)[0]


def gradient_kinds(f, point) -> list[str | None]:
    """Per component of ∇f at `point`: None (a number), UNDEFINED or OVERFLOW; every
    component UNDEFINED where f itself is (no slope where there is no value)."""
    if value_kind(f, point) == UNDEFINED:
        return [UNDEFINED] * f.dimension
    values, flags = _flags_of(f._grad, point)
    return kinds(values, flags)


def hessian_kinds(f, point) -> list[list[str | None]]:
    """Per entry of H at `point`, as gradient_kinds (rows of d)."""
    d = f.dimension
    if value_kind(f, point) == UNDEFINED:
        return [[UNDEFINED] * d for _ in range(d)]
    values, flags = _flags_of(f._hess, point)
    flat = kinds(values, flags)
    return [flat[i * d:(i + 1) * d] for i in range(d)]


# exact values are worked out only for formulas this small (sympy on one point: ms)
EXACT_OPS_MAX = 60


def exact_derivative(f, x: float, order: int = 1) -> float | str | None:
    """f's `order`-th derivative at x (1-D f) worked out exactly, for where its float
    value is not finite: a float where the exact value is one (1e308·x² at 0: f′ = 0,
    though in floats 2e308·0 = inf·0 = nan), a text such as "2·10³⁰⁸" where it is finite
    but beyond float range, None where it has no real value (a pole, outside f's domain)
    or the formula is too large to work out at once. Meant for points where f itself
    has a value (a derivative's formula may have one where f has none)."""
    import sympy as sp      # (here: the window's first paint imports no sympy, issue 15)
    derivative = f.gradient_exprs[0] if order == 1 else f.hessian_exprs[0][0]
    if sp.count_ops(derivative) > EXACT_OPS_MAX:
        return None
    value = derivative.subs(f.symbols[0], sp.Rational(float(x)))
    if not (value.is_real and value.is_finite):
        return None
    as_float = float(sp.N(value, 17))
    if np.isfinite(as_float):
        return as_float
    size = abs(value)
    exponent = int(sp.floor(sp.log(size, 10)))
    mantissa = f"{float(sp.N(size / sp.Integer(10) ** exponent, 4)):.3g}"
    sign = "−" if value < 0 else ""
    power = "10" + "".join("⁰¹²³⁴⁵⁶⁷⁸⁹"[int(c)] for c in str(exponent))
    return f"{sign}{power}" if mantissa == "1" else f"{sign}{mantissa}·{power}"


def gradient_overflows(f, point) -> bool:
    """Whether some component of ∇f at `point` (d,) is not finite as a float only: past
    the largest float (OVERFLOW), or in 1-D a nan whose exact value exists (1e308·x² at
    0: 2e308·0 = inf·0 in floats, 0 exactly). False where it is truly undefined."""
    found = gradient_kinds(f, point)
    if OVERFLOW in found:
        return True
    return (f.dimension == 1 and found[0] == UNDEFINED and value_kind(f, point) is None
            and exact_derivative(f, float(point[0])) is not None)
