"""Everything the explorer shows about an expression that needs symbolic work.

`analyse` is slow-ish (simplification, compilation, critical points), so the GUI
runs it in a worker thread; it returns plain strings, arrays and dataclasses.
"""
from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from .expression import Expression

_SIMPLIFY_MAX_OPS = 80     # sympy.simplify is slow on big expressions; show them as they are


@dataclass(frozen=True)
class Formula:
    label: str      # LaTeX of the left-hand side, e.g. r"\frac{\partial f}{\partial x}"
    latex: str      # LaTeX of the right-hand side


@dataclass(frozen=True)
class Analysis:
    expression: Expression          # compiled: every numeric method is ready
    formulas: tuple[Formula, ...]   # f and its derivatives, for typesetting
    critical_points: tuple          # engine.calculus.CriticalPoint, inside `bounds`
    bounds: tuple                   # ((lo, hi), ...) one per variable


def _tidy(expr: sp.Expr) -> sp.Expr:
    if sp.count_ops(expr) > _SIMPLIFY_MAX_OPS:
        return expr
    simpler = sp.simplify(expr)
    return simpler if sp.count_ops(simpler) <= sp.count_ops(expr) else expr


def formulas(f: Expression) -> tuple[Formula, ...]:
    """f, f', f'' (one variable) or f, ∂f/∂x, ∂f/∂y, ∇f, H (two variables) as LaTeX."""
    tex = sp.latex
    args = ", ".join(f.variables)
    out = [Formula(f"f({args})", tex(f.expr))]
    grads = [_tidy(g) for g in f.gradient_exprs]
    if f.dimension == 1:
        (v,) = f.variables
        second = _tidy(f.hessian_exprs[0][0])
        out += [Formula(f"f'({v})", tex(grads[0])), Formula(f"f''({v})", tex(second))]
        return tuple(out)
    for v, g in zip(f.variables, grads):
        out.append(Formula(rf"\frac{{\partial f}}{{\partial {v}}}", tex(g)))
    out.append(Formula(r"\nabla f", tex(sp.Matrix(grads))))
    hess = sp.Matrix([[_tidy(h) for h in row] for row in f.hessian_exprs])
    out.append(Formula("H", tex(hess)))
    return tuple(out)


def analyse(f: Expression, bounds) -> Analysis:
    """Compile f, typeset its derivatives and find its critical points in `bounds`."""
    from .calculus import critical_points

    f.compile()
    bounds = tuple((float(lo), float(hi)) for lo, hi in bounds)
    return Analysis(f, formulas(f), tuple(critical_points(f, bounds)), bounds)
