"""Guarded construction of sympy nodes for the parser.

Every node is checked before the parser goes on, so no text can make sympy compute a
gigantic number or a complex/undefined constant: `9^9^9`, `x^(10^10)`, `1/0` and
`log(-1)` are refused with the column of the operator that caused them, and `(-0.88)^x`
(complex for most x) with the column of its negative base.
"""
from __future__ import annotations

import sys
from fractions import Fraction

import sympy as sp

from .errors import ExpressionError
from .tokens import Token

MAX_EXPONENT = 1000      # largest integer exponent accepted
MAX_BITS = 4000          # largest exact rational (numerator or denominator), in bits
FLOAT_MAX = int(sys.float_info.max)      # ~1.8·10^308: a float's largest magnitude


def is_negative_number(expr: sp.Expr) -> bool:
    if not expr.is_number:
        return False
    negative = expr.is_extended_negative
    if negative is not None:
        return bool(negative)
    try:                               # sympy could not decide: ask a float
        return float(expr) < 0
    except (TypeError, ValueError, ArithmeticError):
        return False


def negative_base(base_text, exponent, exponent_text, pos) -> ExpressionError:
    """The refusal of (negative number)^(variable or fraction), with what to type instead."""
    kind = "a variable" if exponent.free_symbols else "a non-integer"
    inner = base_text[1:-1].strip() if base_text.startswith("(") and base_text.endswith(")") else ""
    positive = inner[1:].strip()
    if not (inner.startswith("-") and positive and all(c.isalnum() or c == "." for c in positive)):
        positive, exponent_text = "0.88", "x"      # not a plain (-number): a generic example
    return ExpressionError(
        f"a negative number to {kind} power is not a real number: use a positive base such "
        f"as {positive}^{exponent_text}, or put the minus sign outside: -({positive}^{exponent_text})",
        pos)


def number(tok: Token) -> sp.Rational:
    mantissa, _, exponent = tok.text.lower().partition("e")
    if len(mantissa) > 1 and mantissa[0] == "0" and mantissa[1] != ".":
        # 007, or the 000 of max(1,000, x): never read silently as a smaller number
        raise ExpressionError(f"a number does not start with 0 ('{tok.text}'): write it "
                              f"without the leading zeros, or as a decimal such as 0.5", tok.pos)
    # Bounded before Fraction() so that '1e999999999' costs nothing; the limits
    # admit every number str() prints for an expression that passed _checked.
    if len(mantissa) > 1300 or (exponent and abs(int(exponent)) > 308):
        raise ExpressionError("this number is too large or too precise to handle", tok.pos)
    value = Fraction(tok.text)
    return checked(sp.Rational(value.numerator, value.denominator), tok.pos, "number")


def power(base: sp.Expr, exponent: sp.Expr, pos: int) -> sp.Expr:
    if exponent.is_Integer and abs(int(exponent)) > MAX_EXPONENT and base not in (0, 1, -1):
        raise ExpressionError(
            f"the exponent {exponent} is too large (at most {MAX_EXPONENT})", pos)
    if base.is_Rational and exponent.is_Integer:
        bits = max(base.p.bit_length(), base.q.bit_length()) * abs(int(exponent))
        if bits > MAX_BITS:
            raise ExpressionError("this power is a number too large to handle", pos)
    return checked(sp.Pow(base, exponent), pos, "^")


def checked(node: sp.Expr, pos: int, what: str) -> sp.Expr:
    """Refuse a node that is undefined, complex or an unreasonably large number."""
    if node.has(sp.zoo, sp.nan, sp.oo):
        if what in ("/", "^"):
            raise ExpressionError("division by zero", pos)
        raise ExpressionError(f"{what}(…) is undefined here", pos)
    for part in (node, *node.args) if isinstance(node, sp.Mul) else (node,):
        # sympy merges (x^100)^100 and x^900·x^900 into one power: check the result too
        if isinstance(part, sp.Pow) and part.exp.is_Integer and abs(part.exp) > MAX_EXPONENT:
            raise ExpressionError(
                f"the exponent {part.exp} is too large (at most {MAX_EXPONENT})", pos)
    if node.is_number:
        if node.is_extended_real is False:
            raise ExpressionError(f"{'this' if what in '+-*/^' else what + '(…)'} "
                                  f"is not a real number", pos)
        for r in node.atoms(sp.Rational):
            if max(r.p.bit_length(), r.q.bit_length()) > MAX_BITS:
                raise ExpressionError("this number is too large to handle", pos)
    elif node.has(sp.I) or any(p.base == -1 and not p.exp.is_integer
                               for p in node.atoms(sp.Pow)):
        # sympy takes the root of a never-positive quantity apart as I·√(…) or
        # (−1)^(1/3)·…, e.g. √(−|x|) → I·√|x|: real nowhere but its zeros, and printed
        # with an I (or a (−1)^(1/3)) that would not read back as the same function
        raise ExpressionError(f"{'this' if what in '+-*/^' else what + '(…)'} is not a real "
                              f"number: it is a root of a quantity that is never positive", pos)
    # exact numbers may grow past a float (1e308·x²·1e308 has 10^616 in it): f was then
    # NaN everywhere and every view blank or stale, with no word why
    for r in _coefficients(node):
        if abs(r.p).bit_length() - r.q.bit_length() >= 1023 and abs(r.p) > FLOAT_MAX * r.q:
            raise ExpressionError("this number is too large to compute with "
                                  "(numbers stop at about 10^308)", pos)
    return node


def _coefficients(node: sp.Expr):
    """The rational numbers of `node` and of its terms' coefficients: where sympy merges
    numbers (a product's factor, a sum's constant, 2·x from x + x). Only two levels
    deep, so checking every node as it is built stays linear in the text."""
    for part in (node, *node.args):
        if isinstance(part, sp.Rational):
            yield part
        elif isinstance(part, sp.Mul) and isinstance(part.args[0], sp.Rational):
            yield part.args[0]
