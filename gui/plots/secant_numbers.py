"""The secant panel's numbers: how a value is written, how many of the difference
quotient's digits rounding leaves, and whether f rises, falls or is stationary at x
(pure functions of floats and the compiled f, apart from the panel's widgets)."""
from __future__ import annotations

import functools
import math

import numpy as np

from engine.point_values import (OVERFLOW, exact_derivative, gradient_kinds, hessian_kinds,
                                 value_kind)
from gui.widgets.number_text import compact, noise_of

# f′(x) is shown twice (the point's row, and beside the quotient it is compared with):
# one text both times, with enough digits to watch the quotient agree digit by digit
SLOPE_DIGITS = 6
UNIT_ROUNDOFF = float(np.finfo(float).eps) / 2


# A derivative float cannot hold, named for what it is: "undefined" says x is outside
# f′'s domain, which is false of 1e308·x²'s f″ = 2·10³⁰⁸ (a claim made to a calculus class)
OVERFLOW_WORD = "overflow"
OVERFLOW_TIP = "too large for floating point (beyond ±1.8·10³⁰⁸)"


# (sympy on the GUI thread: a drag over 1e308·x² asked the same x again each frame)
_exact_derivative = functools.lru_cache(maxsize=64)(exact_derivative)


def derivatives_at(f, x: float, fx: float) -> tuple[float, float, dict]:
    """(f′(x), f″(x), {"df"/"d2f": text}) for the read-out: the floats, or where a float
    is not finite though f(x) is, the exact value (engine.point_values.exact_derivative)
    as a float, or as a text beyond float range ("2·10³⁰⁸"), or OVERFLOW_WORD where the
    float overflowed and no exact value is at hand. No text: a plain number, or undefined."""
    values = [float(f.gradient(x)[0]), float(f.hessian(x)[0, 0])]
    texts = {}
    for i, (name, kind) in enumerate((("df", lambda: gradient_kinds(f, (x,))[0]),
                                      ("d2f", lambda: hessian_kinds(f, (x,))[0][0]))):
        if np.isfinite(values[i]) or not np.isfinite(fx):
            continue
        exact = _exact_derivative(f, float(x), i + 1)
        if isinstance(exact, float):
            values[i] = exact
        elif exact is not None or kind() == OVERFLOW:
            texts[name] = exact or OVERFLOW_WORD
    return values[0], values[1], texts


def beyond_trend(text: str | None) -> str | None:
    """"increasing" / "decreasing" for an f′ beyond float range written out (its sign
    is known); None for no text or OVERFLOW_WORD (the sign is not known)."""
    if not text or text == OVERFLOW_WORD:
        return None
    return "decreasing" if text.startswith("−") else "increasing"


def fmt(v: float, digits: int = 4) -> str:
    """A number as a lecturer writes it: significant digits, a true minus sign, and
    the iterate table's short exponents (number_text.compact): exp(x²)·10³⁰⁰ read
    "4.2207e+300" here beside the table's "2.55337e301" (only "e+0…" was shortened)."""
    if not np.isfinite(v):
        return "undefined"
    return compact(v, digits)


def quotient_overflows(f, x: float, h: float, fx: float, fxh: float) -> bool:
    """Whether (f(x+h) − f(x))/h is past the largest float rather than undefined: it is
    not finite, and neither f(x) nor f(x+h) is undefined (nan, a pole), each a number or
    an overflow itself (1e308·x² at x = 1: "undefined" called it a point outside f′'s
    domain)."""
    with np.errstate(all="ignore"):
        quotient = (fxh - fx) / h
    return not np.isfinite(quotient) and all(
        np.isfinite(v) or value_kind(f, (p,)) == OVERFLOW for v, p in ((fx, x), (fxh, x + h)))


def rounding_noise(f, x: float, slope: float, curvature: float) -> float:
    """About how far a computed f(x) may be from the true one: f at 16 points within
    ±8·10⁻⁸·max(1, |x|) of x, less its Taylor polynomial there (from the engine's
    exact f′ and f″; what is left is rounding), at least UNIT_ROUNDOFF·|f(x)|. The terms
    of x⁴ − 4x³ + 4x² near x = 2 cancel: f(2 + 10⁻⁶) = 4·10⁻¹² comes out in steps of
    3.6·10⁻¹⁵, 10³ times UNIT_ROUNDOFF·|f|. `f` maps an array of x to values."""
    near = x + np.arange(-8, 9) * (1e-8 * max(1.0, abs(x)))
    steps = near - x                   # exact: the points as rounded
    with np.errstate(all="ignore"):
        values = np.asarray(f(near), dtype=float)
        centre = values[8]
        taylor = centre + slope * steps + 0.5 * curvature * steps ** 2
        residual = np.abs(values - taylor)
    finite = residual[np.isfinite(residual)]
    spread = float(finite.max()) if finite.size else 0.0
    return max(spread, UNIT_ROUNDOFF * abs(float(centre)))


def quotient_digits(fx: float, fxh: float, h: float, noise: float = 0.0,
                    x: float = 0.0) -> int:
    """The significant digits (1 … SLOPE_DIGITS) of (f(x+h) − f(x))/h that rounding
    leaves: f(x) and f(x+h) each carry `noise` (at least UNIT_ROUNDOFF·|f|), divided by
    h, and x + h itself is rounded (UNIT_ROUNDOFF·|x| of h). At h = 10⁻⁶ near Example
    1's maximum (f ≈ 1, quotient ≈ −2·10⁻⁶) that is 3 digits, not the 8 printed before
    (−1.9997337e−6)."""
    quotient = (fxh - fx) / h
    error = quotient_error(fx, fxh, h, noise, x)
    if not (np.isfinite(quotient) and np.isfinite(error)) or quotient == 0 or error == 0:
        return SLOPE_DIGITS
    return int(min(max(math.floor(math.log10(abs(quotient) / error)), 1), SLOPE_DIGITS))


def quotient_error(fx: float, fxh: float, h: float, noise: float = 0.0,
                   x: float = 0.0) -> float:
    """About how far rounding may put the computed (f(x+h) − f(x))/h from the exact
    one (quotient_digits' reckoning)."""
    noise_f = max(noise, UNIT_ROUNDOFF * max(abs(fx), abs(fxh)))
    return 2 * noise_f / h + UNIT_ROUNDOFF * abs((fxh - fx) / h) * (1 + abs(x) / h)


def difference_text(difference: float, error: float, beside: float = 0.0) -> str:
    """The quotient less f′: "0" when exactly or when rounding noise against `beside`
    (the larger of |quotient| and |f′|, number_text.noise_of's rule: the difference of
    two numbers equal to 12 digits is their round-off, a cancellation residue, not a
    value: |x| at −1.2 read "difference 0" at h = 0.5 and "≈ 0" at h = 0.2, for 2.2e−16
    beside −1); "≈ 0" when within the quotient's
    rounding `error` (|x| at −1.2, h = 10⁻⁶: "−8.23e−11" was rounding printed to 3
    digits), else the digits it has beyond that error (at most 3)."""
    if difference == 0 or noise_of([difference], beside)[0]:
        return "0"
    if not (np.isfinite(difference) and np.isfinite(error)) or error <= 0:
        return fmt(difference, 3)
    if abs(difference) <= error:
        return "≈ 0"
    return fmt(difference, int(min(max(math.floor(math.log10(abs(difference) / error)), 1), 3)))


def trend(slope: float, tol: float) -> str:
    """"increasing", "decreasing" or "stationary" (|f′| ≤ tol), "undefined" if not finite."""
    if not np.isfinite(slope):
        return "undefined"
    if slope > tol:
        return "increasing"
    return "decreasing" if slope < -tol else "stationary"


def stationary_tolerance(f, x: float, dfx: float) -> float:
    """The largest |f′| that trend() should call 0 at x: |f′(x)| itself where f′ is 0
    or changes sign within 1e-9·max(1, |x|) of x (a critical point closer than x's own
    rounding can tell apart), else 0. A tolerance of 1e-9 of the largest |f′| on screen
    called exp(exp(exp(x)))'s f′ = 2.9e7 at x = 0.96 "stationary" (1e152 at x = 1.8)."""
    if not np.isfinite(dfx) or dfx == 0:       # (0 is stationary at tolerance 0)
        return 0.0
    step = 1e-9 * max(1.0, abs(x))
    with np.errstate(all="ignore"):
        left, right = (float(f.gradient(x + d)[0]) for d in (-step, step))
    signs = {np.sign(v) for v in (left, dfx, right) if np.isfinite(v)}
    return abs(dfx) if 0 in signs or signs == {-1.0, 1.0} else 0.0
