"""One rule for every number the app writes out: a true minus sign (−, not the hyphen),
and no sign on a zero. sin(x) at 0 read "f″(x) = −0" (f″ = −sin 0 is −0.0 in floating
point), and a small negative number rounded to a fixed number of decimals read "−0.000"."""
from __future__ import annotations

_NONZERO_DIGITS = frozenset("123456789")


def true_minus(text: str) -> str:
    """`text`, a number as Python formats it ("-0", "-0.000", "-1.5e-07"), with a true
    minus sign, and none where its digits are all zero (−0.0 or a value rounded to 0)."""
    mantissa = text.partition("e")[0]
    if text.startswith("-") and not _NONZERO_DIGITS.intersection(mantissa):
        text = text[1:]
    return text.replace("-", "−")


def compact(value: float, digits: int = 6) -> str:
    """`digits` significant digits, a true minus sign, no '-0', short exponents (1.5e−9):
    the iterate table's numbers, and any label that repeats one of them."""
    text = f"{value:.{digits}g}"
    mantissa, e, exponent = text.partition("e")
    if e:   # "e-09" -> "e−9", "e+12" -> "e12": narrower columns, same number
        text = f"{mantissa}e{int(exponent)}"
    return true_minus(text)
