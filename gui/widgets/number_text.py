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
