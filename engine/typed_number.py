"""A number typed where the app wants one (the tangent point's x): "-2", "1/2", "pi/4".

Read by the engine's own parser (never Python's eval), so the same text means the same
number as in a formula, and refused with the parser's positioned message otherwise; a
formula with a variable in it ("abc" reads as a·b·c) is no number.
"""
from __future__ import annotations

import math

import numpy as np

from .errors import ExpressionError
from .expression import parse

EXAMPLES = "−2, 1/2 or pi/4"


def parse_number(text: str) -> float:
    """The float64 value of `text`, a constant expression (numbers, + − × / ^, pi, e and
    the functions of the expression language); raise ExpressionError (with .position
    where one place is to blame) for anything else, or a value that is not finite."""
    if not text.strip():
        raise ExpressionError(f"type a number, such as {EXAMPLES}", None)
    f = parse(text)
    names = sorted(str(s) for s in f.expr.free_symbols)
    if names:
        raise ExpressionError(f"a number is needed, not a formula in {', '.join(names)}: "
                              f"type one such as {EXAMPLES}", None)
    with np.errstate(all="ignore"):
        value = float(f(0.0))          # a constant: the same float as f's own numbers
    if not math.isfinite(value):
        raise ExpressionError("this has no finite value", None)
    return value
