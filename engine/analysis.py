"""Everything the explorer shows about an expression that needs symbolic work.

`analyse` takes up to about a second (tidying, compilation, critical points), so the
GUI runs it in a worker thread; it returns plain strings, arrays and dataclasses.
"""
from __future__ import annotations

import math
import re
import time
from dataclasses import dataclass
from functools import lru_cache

import sympy as sp
from sympy.printing.latex import LatexPrinter

from .expression import Expression
from .function_names import TEX_GREEK
from .functions import LATEX_SETTINGS

_TIDY_MAX_OPS = 80         # bigger derivatives are shown as they are
# cancel and factor expand, and their time grows fast with the expansion: they are
# tried only on derivatives of at most _EXPAND_MAX_OPS operations whose expansion has
# at most _EXPAND_MAX_TERMS terms, no (sum)^n with n > _EXPAND_MAX_POWER and no
# function argument of more than _EXPAND_MAX_ARG_TERMS terms. Each call then stays
# well under 0.1 s.
_EXPAND_MAX_OPS = 50
_EXPAND_MAX_TERMS = 40
_EXPAND_MAX_POWER = 12
_EXPAND_MAX_ARG_TERMS = 12
_EXPAND_MAX_DEGREE = 24   # cancel/factor of x^1000 + 1 ran for minutes (cyclotomic factors)
_EXPAND_GAIN = 0.85        # ... and a multiplied-out polynomial must be this much shorter


# A Hessian whose LaTeX is longer than this is marked `long`: a view may show its
# numbers at a point instead (hessian_at), as a lecturer would for Beale's function.
HESSIAN_MAX_CHARS = 1500
# tidying stops after this much CPU time of its thread; the rest is typeset as it is. CPU
# time, not the wall clock: on a loaded machine the same f's formulas came out tidy or not
# by the load (tests comparing tidy forms failed at load 14)
_TIDY_BUDGET_S = 1.0


@dataclass(frozen=True)
class Formula:
    label: str      # LaTeX of the left-hand side, e.g. r"\frac{\partial f}{\partial x}"
    latex: str      # LaTeX of the right-hand side
    long: bool = False   # too long to read typeset (a big Hessian): show numbers instead
    short: str = ""      # LaTeX of the same right-hand side, shorter (a common factor out)


@dataclass(frozen=True)
class Analysis:
    expression: Expression          # compiled: every numeric method is ready
    formulas: tuple[Formula, ...]   # f and its derivatives, for typesetting
    critical_points: tuple          # engine.calculus.CriticalPoint, inside `bounds`
    bounds: tuple                   # ((lo, hi), ...) one per variable


def _tidy(expr: sp.Expr) -> sp.Expr:
    """A shorter form of a derivative for typesetting, in milliseconds; else expr itself.

    Not sympy.simplify: its trigsimp/hyperbolic rewriting took seconds per entry on
    tanh landscapes (17 s for 0.5(tanh(2w+b) - 0.7)²) and turned 1 - tanh² into cosh⁻²,
    which is not how a lecturer writes it. Common factors are pulled out always; a
    rational normal form and a full factorisation are tried only where expanding cannot
    blow up ((x+y+1)^100 would expand to thousands of terms), and win only when clearly
    shorter. "Shorter" is count_ops, then the length of the text.
    """
    ops = sp.count_ops(expr)
    if ops > _TIDY_MAX_OPS:
        return expr
    kept, kept_ops = _shortest([(expr, ops), sp.factor_terms(expr)])
    if (ops > _EXPAND_MAX_OPS or _max_power(expr) > _EXPAND_MAX_DEGREE
            or _expanded_terms(expr) > _EXPAND_MAX_TERMS):
        return kept
    cancelled = sp.cancel(expr)
    expanded, expanded_ops = _shortest([cancelled, sp.factor_terms(cancelled), sp.factor(expr)])
    if expr.is_polynomial():
        # Multiplying a polynomial out loses the shape the chain rule gave (Beale's sum
        # of residual × its derivative): only a clearly shorter result is worth that.
        better = expanded_ops <= _EXPAND_GAIN * kept_ops
    else:
        better = expanded_ops < kept_ops or (
            expanded_ops == kept_ops and len(str(expanded)) < len(str(kept)))
    return expanded if better else kept


def _shortest(candidates) -> tuple:
    """(expr, count_ops) of the first shortest candidate (an expr, or (expr, its count_ops)):
    fewest count_ops, then the shortest text. The text is printed only for a tie in
    count_ops between different expressions (printing every candidate was a fifth of
    the formulas' tidying)."""
    sized = [c if isinstance(c, tuple) else (c, sp.count_ops(c)) for c in candidates]
    fewest = min(ops for _, ops in sized)
    tied = [c for c in sized if c[1] == fewest]
    distinct = []       # (factor_terms often gives back the same expression: no text then)
    for c in tied:
        if all(c[0] != d[0] for d in distinct):
            distinct.append(c)
    return distinct[0] if len(distinct) == 1 else min(distinct, key=lambda c: len(str(c[0])))


def _max_power(expr: sp.Expr) -> int:
    """The largest integer |exponent| (numerator of a rational one) anywhere in expr."""
    return max((abs(int(p.exp.p)) for p in expr.atoms(sp.Pow) if p.exp.is_Rational), default=0)


def _expanded_terms(expr: sp.Expr) -> int:
    """An upper bound on the number of terms of expr expanded over a common denominator,
    capped just above _EXPAND_MAX_TERMS so the walk stays cheap.

    A function call counts as one term (a generator for cancel), but cancel and factor
    expand inside its argument too (exp(u + v) becomes exp(u)·exp(v)), so a call whose
    argument expands to more than _EXPAND_MAX_ARG_TERMS terms is over the cap.
    """
    cap = _EXPAND_MAX_TERMS + 1
    if expr.is_Atom:
        return 1
    if expr.is_Pow and expr.exp.is_Rational:
        t, n = _expanded_terms(expr.base), abs(expr.exp.p)
        if expr.exp.q != 1:                             # sqrt(u): a generator, like a call
            return 1 if t <= _EXPAND_MAX_ARG_TERMS else cap
        if t == 1 or n == 1:
            return t
        return cap if n > _EXPAND_MAX_POWER else min(cap, math.comb(t + n - 1, n))
    if expr.is_Add or expr.is_Mul:
        sizes = [_expanded_terms(a) for a in expr.args]
        # A sum of fractions is multiplied out over the product of the denominators.
        if expr.is_Mul or any(a.is_Pow and a.exp.is_negative for a in sp.preorder_traversal(expr)):
            return min(cap, math.prod(sizes))
        return min(cap, sum(sizes))
    inner = sum(_expanded_terms(a) for a in expr.args)
    return 1 if inner <= _EXPAND_MAX_ARG_TERMS else cap


TOO_LARGE = r"\text{too large to show}"
LONG_INTEGER_DIGITS = 12     # an integer with more digits is typeset as m·10^k
_TEX_GREEK = re.compile(r"\\(%s)(?![A-Za-z])" % "|".join(TEX_GREEK))


class _NumberPrinter(LatexPrinter):
    """sympy's LaTeX, but an integer of more than LONG_INTEGER_DIGITS digits (the exact
    10^308 of a typed 1e308) as a power of ten: written out, its 309 digits were wider
    than any window and cut the rest of the formula off. Six significant digits."""

    def _print_Symbol(self, expr, style="plain") -> str:
        tex = super()._print_Symbol(expr, style)
        return _TEX_GREEK.sub(lambda m: TEX_GREEK[m.group(1)], tex)

    def _print_Integer(self, expr) -> str:
        n = int(expr)
        written = str(abs(n))
        if len(written) <= LONG_INTEGER_DIGITS:
            return str(n)
        k = len(written) - 1
        digits = written[:7].rstrip("0")
        if len(digits) == 7:                       # round to six significant digits
            digits = str((int(digits) + 5) // 10)
            if len(digits) == 7:                   # 9999995… rounds up to 10^(k+1)
                digits, k = "1", k + 1
        digits = digits.rstrip("0")
        mantissa = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
        power = f"10^{{{k}}}" if mantissa == "1" else rf"{mantissa} \cdot 10^{{{k}}}"
        return ("-" if n < 0 else "") + power


def latex(expr) -> str:
    """expr as LaTeX for the formula bar (sympy's, long integers as powers of ten)."""
    return _NumberPrinter(LATEX_SETTINGS).doprint(expr)


@lru_cache(maxsize=256)
def _remembered_latex(expr) -> str:
    """latex(expr) of a hashable expr, remembered: `formulas` prints the derivatives as
    differentiated, then tidied, and most tidy forms are the very same expressions
    (their printing was a fifth of the tidied formulas' time)."""
    return latex(expr)


@lru_cache(maxsize=64)
def typed_f_latex(text: str) -> str | None:
    """f's LaTeX as `text` was typed (2(x + 1), not 2x + 2; engine.typed_form), with the
    formula bar's numbers; None where it cannot be read so."""
    from .typed_form import typed_latex
    return typed_latex(text, _NumberPrinter({**LATEX_SETTINGS, "order": "none"}).doprint)


def formulas(f: Expression, tidy: bool = True, derivatives: bool = True,
             typed: str | None = None) -> tuple[Formula, ...]:
    """f, f', f'' (one variable) or f, ∂f/∂v for each variable v, ∇f, H (two or more)
    as LaTeX; variables typeset as the maths writes them (x_1 as x₁, theta as θ).

    tidy=False: the derivatives as differentiated (fast; what is shown while the tidy
    ones are worked out, or instead of them when that takes too long). Tidying also
    stops after _TIDY_BUDGET_S (many variables, big entries): the entries left are
    typeset as sympy gives them. A derivative too large to build
    (Expression.numeric_gradient / numeric_hessian) reads TOO_LARGE; derivatives=False:
    every derivative reads TOO_LARGE (f alone, at once). H is marked `long` past
    HESSIAN_MAX_CHARS.

    typed: the text f was parsed from; f's own line then reads as it was typed
    (typed_f_latex), its derivatives as sympy gives them (tidied).
    """
    tex = _remembered_latex
    names = [tex(s) for s in f.symbols]
    f_tex = (typed_f_latex(typed) if typed is not None else None) or tex(f.expr)
    out = [Formula(f"f({', '.join(names)})", f_tex)]
    deadline = time.thread_time() + _TIDY_BUDGET_S

    @lru_cache(maxsize=None)              # the Hessian's mixed entries come in equal pairs
    def shorter(expr):
        return _tidy(expr) if tidy and time.thread_time() < deadline else expr

    grads = hess = None
    if derivatives and not f.numeric_gradient:
        grads = [shorter(g) for g in f.gradient_exprs]
    if derivatives and not f.numeric_hessian:
        hess = [[shorter(h) for h in row] for row in f.hessian_exprs]
    if f.dimension == 1:
        (v,) = names
        out += [Formula(f"f'({v})", tex(grads[0]) if grads else TOO_LARGE),
                Formula(f"f''({v})", tex(hess[0][0]) if hess else TOO_LARGE)]
        return tuple(out)
    for i, v in enumerate(names):
        out.append(Formula(rf"\frac{{\partial f}}{{\partial {v}}}",
                           tex(grads[i]) if grads else TOO_LARGE))
    out.append(Formula(r"\nabla f", tex(sp.ImmutableMatrix(grads)) if grads else TOO_LARGE))
    h_tex = tex(sp.ImmutableMatrix(hess)) if hess else TOO_LARGE
    short = _factored_tex(hess) if hess and tidy and time.thread_time() < deadline else ""
    out.append(Formula("H", h_tex, long=len(h_tex) > HESSIAN_MAX_CHARS,
                       short=short if short and len(short) < SHORT_SHARE * len(h_tex) else ""))
    return tuple(out)


SHORT_SHARE = 0.7    # a factored matrix is offered only this much shorter than the matrix


def _factored_tex(rows) -> str:
    """A matrix's LaTeX with the factor its entries share taken out: the cone's H,
    (x² + y²)^(−3/2) · [[y², −xy], [−xy, x²]], reads at the panel's size where its
    four fractions did not; "" when the entries share no factor but a number."""
    entries = [e for row in rows for e in row]
    if sum(e != 0 for e in entries) < 2:
        return ""
    tags = sp.symbols(f"_entry0:{len(entries)}")      # mark each entry in one sum
    combined = sp.factor_terms(sp.Add(*(t * e for t, e in zip(tags, entries))))
    common, rest = combined.as_independent(*tags, as_Add=False)
    if common.is_Number:
        return ""
    inner = [rest.coeff(t) for t in tags]
    if sp.expand(rest - sp.Add(*(t * c for t, c in zip(tags, inner)))) != 0:
        return ""                              # the tags did not come out linearly
    width = len(rows[0])
    matrix = sp.Matrix([inner[i:i + width] for i in range(0, len(inner), width)])
    return rf"{latex(common)} {latex(matrix)}"


def hessian_at(f: Expression, point, digits: int = 4) -> Formula:
    """The Hessian's numbers at `point` (d,) as a LaTeX matrix, for when its formula is
    too long to read; label "H(p)" with the point's coordinates to `digits` digits."""
    from .point_values import UNDEFINED, hessian_kinds, value_kind

    p = [float(v) for v in point]
    where = ", ".join(_number_tex(v, digits) for v in p)
    if value_kind(f, p) == UNDEFINED:
        # log(x) + log(y) at (0, 0): no f, so no H; its "−∞" entries were no value
        return Formula(f"H({where})", rf"\text{{undefined: f is undefined at }}({where})")
    h = f.hessian(*p)
    rows = r"\\".join(" & ".join(_entry_tex(v, kind, digits) for v, kind in zip(row, kinds))
                      for row, kinds in zip(h, hessian_kinds(f, p)))
    return Formula(f"H({where})", rf"\left[\begin{{matrix}}{rows}\end{{matrix}}\right]")


def _entry_tex(value: float, kind, digits: int) -> str:
    """An entry of H at a point: its number, or why it has none (never ±∞ as a value:
    √x's f_xx at x = 0 is undefined, exp(x)'s at 800 past the largest float)."""
    return _number_tex(value, digits) if kind is None else rf"\text{{{kind}}}"


def _number_tex(value: float, digits: int) -> str:
    if not math.isfinite(value):
        return r"\text{undefined}" if math.isnan(value) else (r"\infty" if value > 0 else r"-\infty")
    if 1.0 <= abs(value) < 1e6:     # whole digits never rounded away: 10002 is not 1·10^4
        digits = max(digits, int(math.log10(abs(value))) + 1)
    text = f"{value:.{digits}g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        text = rf"{mantissa} \cdot 10^{{{int(exponent)}}}"
    return "0" if text in ("-0", "0") else text


def analyse(f: Expression, bounds) -> Analysis:
    """Compile f, typeset its derivatives and find its critical points in `bounds`."""
    from .calculus import critical_points

    f.compile()
    bounds = tuple((float(lo), float(hi)) for lo, hi in bounds)
    return Analysis(f, formulas(f), tuple(critical_points(f, bounds)), bounds)
