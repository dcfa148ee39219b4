"""One rule for every number the app writes out: a true minus sign (−, not the hyphen),
and no sign on a zero. sin(x) at 0 read "f″(x) = −0" (f″ = −sin 0 is −0.0 in floating
point), and a small negative number rounded to a fixed number of decimals read "−0.000"."""
from __future__ import annotations

import math

import numpy as np

_NONZERO_DIGITS = frozenset("123456789")
NOISE_ULPS = 4       # a computed value this close to a short decimal is that decimal


def true_minus(text: str) -> str:
    """`text`, a number as Python formats it ("-0", "-0.000", "-1.5e-07"), with a true
    minus sign, and none where its digits are all zero (−0.0 or a value rounded to 0)."""
    mantissa = text.partition("e")[0]
    # (a zero only: "-inf" has no digit and keeps its sign; it read "inf")
    if text.startswith("-") and "0" in mantissa and not _NONZERO_DIGITS.intersection(mantissa):
        text = text[1:]
    return text.replace("-", "−")


def significant_text(value: float, digits: int) -> str:
    """`value` as f"{value:.{digits}g}" writes it (a hyphen for minus, "e-05"), except
    that a short decimal is never cut by one digit: where `value` is, to within float
    rounding (NOISE_ULPS units in its last place), a decimal of `digits` + 1 significant
    digits, all of them show. 3.125 to 3 digits read "3.12" (%g rounds its tie to even),
    which a class reads as a wrong rounding of a number it can check by hand; so did
    0.1·25.947 = 2.5947000000000005 as "2.595" beside θ₁ − θ₀ = −0.25947, and 1.95³ =
    7.414874999999999 as "7.41487". 3.14159… still reads 3.14, 0.1 + 0.2 reads 0.3. So a
    read-out's room must allow `digits` + 1 digits."""
    value = float(value)
    if math.isfinite(value) and value != 0:
        longer = float(f"{value:.{digits + 1}g}")
        if abs(longer - value) <= NOISE_ULPS * math.ulp(value):
            digits += 1
    return f"{value:.{digits}g}"


def short_exponent(text: str) -> str:
    """`text`, a number as Python or pyqtgraph writes it, with the app's short exponent:
    "2e+300" -> "2e300", "1.5e-09" -> "1.5e-9" (its signs as they were: true_minus).
    A pin read "2e+300" where the table read "4e300", an axis "2.5e+292"."""
    mantissa, e, exponent = text.partition("e")
    if e and exponent.lstrip("+-").isdigit():
        return f"{mantissa}e{int(exponent)}"
    return text


def short_text(value: float, spec: str = "g") -> str:
    """`value` as format(value, `spec`) writes it ("g", ".3g"), in the app's form:
    a short exponent and a true minus sign."""
    return true_minus(short_exponent(format(float(value), spec)))


def compact(value: float, digits: int = 6) -> str:
    """`digits` significant digits (significant_text's rule), a true minus sign, no '-0',
    short exponents (1.5e−9): the iterate table's numbers, and any label that repeats
    one of them."""
    # "e-09" -> "e−9", "e+12" -> "e12": narrower columns, same number
    return true_minus(short_exponent(significant_text(value, digits)))


# an entry may take this many decimals more than the largest needs, to keep two
# significant digits of its own; smaller still, it reads 0.00… at the shared decimals
EXTRA_DECIMALS = 2
LEAST_SIGNIFICANT = 2


def one_precision(values, significant: int = 3, extra: int = EXTRA_DECIMALS) -> list[str]:
    """The entries of one vector or matrix written alike, as a lecturer writes them
    (each with its own %g, "[−0.04685 −0.0191]" looked like two precisions, and
    fixed decimals made a small Jacobian entry "0.002"): one number of decimals for
    all, giving the largest `significant` significant digits and every other at least
    two, up to `extra` decimals more (smaller entries read 0.00…). Where the largest
    is below 0.001 or from 10⁴ on (a vanished or exploding gradient), each in exponent
    form with `significant` digits, trailing zeros kept: 4.120e−5. Non-finite entries
    as Python writes them ("nan", "−inf")."""
    flat = [float(v) for v in values]
    sizes = [abs(v) for v in flat if v == v and abs(v) != float("inf") and v != 0]
    if not sizes:
        return [_written(v, f"{v:.{significant - 1}f}") for v in flat]
    largest = max(sizes)
    if not 1e-3 <= largest < 1e4:
        return [_written(v, "0" if v == 0 else compact_exponent(v, significant)) for v in flat]
    decimals = max(significant - 1 - _exponent(largest), 0)
    # entries too small for two digits within `extra` more decimals do not count
    needed = [LEAST_SIGNIFICANT - 1 - _exponent(s) for s in sizes]
    decimals = max([decimals] + [n for n in needed if n <= decimals + extra])
    return [_written(v, f"{v:.{decimals}f}") for v in flat]


def compact_exponent(value: float, significant: int) -> str:
    """`value` in exponent form, `significant` digits with trailing zeros: "4.120e−5"."""
    mantissa, _, exponent = f"{value:.{significant - 1}e}".partition("e")
    return true_minus(f"{mantissa}e{int(exponent)}")


def _exponent(size: float) -> int:
    """The power of ten of a positive number's first significant digit."""
    return int(f"{size:e}".partition("e")[2])


def _written(value: float, text: str) -> str:
    return true_minus(text) if value == value and abs(value) != float("inf") else \
        true_minus(str(value))


# A component below this share of its vector's largest (or of the view's range) is
# rounding noise in a label that prints the whole point at a glance: GD on x² + 2y² at
# η = 0.6 reached (−7.697e−27, −7.5e5), and the map's callout read x, 1e−32 of y and of
# the 8-wide window (at 0 as drawn), as if it said something.
NOISE_RATIO = 1e-12


def noise_of(vectors, scale: float = 0.0) -> np.ndarray:
    """Which components of `vectors` (one vector (d,), or one per row (n, d)) are
    rounding noise: nonzero and below NOISE_RATIO × the larger of their vector's largest
    finite magnitude and `scale` (the range of the view that shows them, 0: none). For
    labels that print a whole vector at a glance (the map's callouts); a number with a
    field or column of its own (the iterate table, Inside a step) is shown as computed."""
    v = np.asarray(vectors, dtype=float)
    magnitude = np.where(np.isfinite(v), np.abs(v), 0.0)
    largest = magnitude.max(axis=-1, keepdims=True) if v.ndim and v.shape[-1] else magnitude
    return (magnitude > 0) & (magnitude < NOISE_RATIO * np.maximum(largest, scale))


def without_noise(vectors, scale: float = 0.0) -> np.ndarray:
    """`vectors` (as noise_of takes them) with their rounding noise set to 0."""
    v = np.asarray(vectors, dtype=float)
    return np.where(noise_of(v, scale), 0.0, v)


def share_text(count: int, total: int) -> str:
    """`count` of `total` as a whole percent, "0%" and "100%" only when exact: a share
    that rounds to either reads "< 1%" or "> 99%". (The monkey saddle's basins read
    "2 critical point(s) reached … diverged (100%), unfinished (0%)": 39 962 of 40 000
    starts diverged, 10 were unfinished, and 28 did reach the two points.)"""
    if total <= 0:
        return "0%"
    text = f"{count / total:.0%}"
    if text == "0%" and count > 0:
        return "< 1%"
    if text == "100%" and count < total:
        return "> 99%"
    return text
