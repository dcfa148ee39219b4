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
