"""f's LaTeX as it was typed, for the formula panel's f line.

sympy rewrites a formula as it builds it: a number times a sum is multiplied out
(2(x+1) is 2x + 2), and a sum's terms and a product's factors are put in its own order
((x-5)^2 + (y-3)^2 + 2xy shows 2xy first), so the f shown was not the f typed. The text
is read again by the engine's own parser, with sums kept as written and such products
kept whole and in order; powers, functions and numbers are built as ever. This is for
display only: f itself (Expression.expr, latex(), str()) is sympy's, as the engine's
API has it.
"""
from __future__ import annotations

import sympy as sp

from .parser import Parser


class TypedParser(Parser):
    """The engine's parser, building sums and products as typed (see the module)."""

    def _add(self, terms: list) -> sp.Expr:
        return sp.Add(*terms, evaluate=False)

    def _multiply(self, factors: list) -> sp.Expr:
        product = sp.Mul(*factors)
        number = sp.Mul(*(f for f in factors if f.is_Number))
        others = [f for f in factors if not f.is_Number]
        typed = ([] if number == 1 else [number]) + others
        # a number times a sum, multiplied out (kept whole, its numbers one in front:
        # 3(x+1)/2 is 3/2 · (x + 1)), or the same factors put in sympy's order (sin(x)
        # cos(y) as cos(y) sin(x)): as typed. Anything else sympy did (x·x = x²) stays.
        if product.is_Add or (product.is_Mul and len(typed) > 1
                              and sorted(map(sp.srepr, product.args))
                              == sorted(map(sp.srepr, typed))):
            return sp.Mul(*typed, evaluate=False)
        return product

    def _negative(self, operand: sp.Expr) -> sp.Expr:
        if operand.is_Add:                      # -(x + 1): not -x - 1
            return sp.Mul(sp.S.NegativeOne, operand, evaluate=False)
        return -operand


def typed_latex(text: str, printer) -> str | None:
    """The LaTeX of `text` as typed, printed by `printer` (a sympy LatexPrinter's
    doprint, given the order "none"); None where the text does not read this way
    (the caller then shows sympy's own form). Call it only for a text that
    engine.expression.parse accepted: the limits on its size are the parser's."""
    try:
        return printer(TypedParser(text).parse())
    except Exception:  # noqa: BLE001 - any sympy corner: the evaluated form is shown instead
        return None
