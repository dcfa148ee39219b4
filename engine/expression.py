"""Parsed expressions: safe parsing, symbolic derivatives, fast numpy evaluation.

    f = parse("x^2 + 2y^2")
    f(3, 2) -> 17.0;  f.gradient(3, 2) -> array([6., 8.]);  f.hessian(3, 2)

Each compiled function is built once per expression and cached: printed as numpy
from the parsed tree with its derivatives (engine.numpy_source, ~1 ms), or for a tree
it does not read, with `sympy.lambdify(cse=True)` (8-15 ms for f and ∇f); either runs
at hand-written numpy speed on a 400×400 grid.
"""
from __future__ import annotations

import inspect
import math
from functools import cached_property

import numpy as np
import sympy as sp
from sympy.printing.str import StrPrinter

from .errors import ExpressionError
from .functions import LATEX_SETTINGS, NUMPY_FUNCTIONS, step
from .names import name_key
from .numpy_source import numpy_functions
from .parser import Parser

__all__ = ["parse", "Expression", "ExpressionError"]

# The module itself, not the name "numpy": with the name, lambdify runs `from numpy
# import *` on first use, which imports numpy.testing, f2py, … (~0.2 s at start-up).
_MODULES = [NUMPY_FUNCTIONS, np]
# lambdify prints f a second time, for the compiled function's docstring: a third of its
# time (~1 ms of 3 on x² + y²·c), on the path of every edit's first picture. Nobody reads
# that docstring; sympy ≥ 1.13 leaves it out with docstring_limit=0.
_LAMBDIFY = dict(modules=_MODULES, cse=True, **(
    {"docstring_limit": 0} if "docstring_limit" in inspect.signature(sp.lambdify).parameters
    else {}))


def parse(text: str) -> "Expression":
    """Parse `text` into an Expression; raise ExpressionError for anything else.

    Never evaluates the text as Python. Refuses or answers within a second for any
    text (see the limits in engine.tokens and engine.parser).
    """
    try:
        parser = Parser(text)
        expr = parser.parse()
    except ExpressionError:
        raise
    except RecursionError:
        raise ExpressionError("the expression is nested too deeply", None) from None
    except Exception as exc:  # a sympy corner we did not foresee: still a clean refusal
        raise ExpressionError(f"this expression cannot be handled ({type(exc).__name__})",
                              None) from None
    names = tuple(sorted(parser.symbols, key=name_key)) or ("x",)
    return Expression(expr, names)


class Expression:
    """A function of any number of real variables, with its derivatives.

    `variables` is the tuple of names ordered by letters, then by subscript as a number
    ('b', 'w', 'w_1', 'w_2', 'w_10'; Greek names spelt out: 'theta'); derivatives keep
    the same variables, so f.derivative("x")(X, Y) always takes both arguments.
    """

    def __init__(self, expr: sp.Expr, variables: tuple[str, ...]):
        self.expr = expr
        self.variables = tuple(variables)
        self.symbols = tuple(sp.Symbol(v, real=True) for v in self.variables)

    # --- symbolic ------------------------------------------------------------
    def derivative(self, variable: str, order: int = 1) -> "Expression":
        """The symbolic partial derivative ∂^order f / ∂variable^order."""
        if variable not in self.variables:
            raise ValueError(f"{variable!r} is not a variable of {self}")
        if order < 0:
            raise ValueError("order must be >= 0")
        d = sp.diff(self.expr, self.symbols[self.variables.index(variable)], order)
        return Expression(_drop_distributions(d), self.variables)

    def latex(self) -> str:
        return sp.latex(self.expr, **LATEX_SETTINGS)

    def __str__(self) -> str:
        return _Printer().doprint(self.expr)

    def __repr__(self) -> str:
        return f"parse({str(self)!r})"

    def __eq__(self, other) -> bool:
        return (isinstance(other, Expression) and self.variables == other.variables
                and self.expr == other.expr)

    def __hash__(self) -> int:
        return hash((self.expr, self.variables))

    @property
    def dimension(self) -> int:
        return len(self.variables)

    @cached_property
    def gradient_exprs(self) -> list[sp.Expr]:
        return [_drop_distributions(sp.diff(self.expr, s)) for s in self.symbols]

    @cached_property
    def hessian_exprs(self) -> list[list[sp.Expr]]:
        return [[_drop_distributions(sp.diff(g, s)) for s in self.symbols]
                for g in self.gradient_exprs]

    # --- compiled, cached ----------------------------------------------------
    @cached_property
    def _numpy(self):
        """f, ∇f and H as numpy source from the tree (engine.numpy_source), or None:
        a node it does not read, then sympy's diff and lambdify build them."""
        return numpy_functions(self.expr, self.symbols)

    @property
    def compiled_from_tree(self) -> bool:
        """f, ∇f and H compile from the tree in about a millisecond per 100 nodes
        (engine.numpy_source), not through sympy's diff and lambdify."""
        return self._numpy is not None

    @cached_property
    def _f(self):
        if self._numpy is not None:
            return self._numpy.f()
        return sp.lambdify(self.symbols, self.expr, **_LAMBDIFY)

    @cached_property
    def _gradient_code(self) -> list[sp.Expr]:
        # sympy distributes numbers over sums (200(y - x²) becomes 200y - 200x²), which
        # hides the y - x² shared with f from cse; factor_terms gathers it again, and
        # Rosenbrock's f and ∇f on a grid take a third less time.
        return [sp.factor_terms(g) for g in self.gradient_exprs]

    @cached_property
    def symbolic_sizes(self) -> tuple[int, int]:
        """Estimated node counts of one gradient and one Hessian entry (cheap: one walk
        of f). The product rule makes a k-factor product's gradient k times and its
        Hessian k² times the size of f: sin(x+y)·sin(2x+2y)·…·sin(99x+99y) had a
        gradient taking 40 s and a Hessian 155 s to build and compile."""
        grad, size = _derivative_size(self.expr, {})
        return grad, grad * grad // max(size, 1)

    @property
    def numeric_gradient(self) -> bool:
        """∇f is too large to build symbolically: central differences of f instead."""
        return self.symbolic_sizes[0] > MAX_SYMBOLIC_GRADIENT

    @property
    def numeric_hessian(self) -> bool:
        """H is too large to build symbolically: central differences of ∇f instead."""
        return self.numeric_gradient or self.symbolic_sizes[1] > MAX_SYMBOLIC_HESSIAN

    @cached_property
    def _grad(self):
        if self.numeric_gradient:
            return _central_differences(self._f, self.dimension, rows=1)
        if self._numpy is not None:
            return self._numpy.grad()
        return sp.lambdify(self.symbols, self._gradient_code, **_LAMBDIFY)

    @cached_property
    def _value_grad(self):
        if self.numeric_gradient:
            f, grad = self._f, self._grad
            return lambda *xs: [f(*xs), *grad(*xs)]
        if self._numpy is not None:
            return self._numpy.value_grad()
        return sp.lambdify(self.symbols, [self.expr, *self._gradient_code], **_LAMBDIFY)

    @cached_property
    def _hess(self):
        if self.numeric_hessian:
            return _central_differences(self._grad, self.dimension, rows=self.dimension)
        if self._numpy is not None:
            return self._numpy.hess()
        flat = [sp.factor_terms(h) for row in self.hessian_exprs for h in row]
        return sp.lambdify(self.symbols, flat, **_LAMBDIFY)

    def compile(self, hessian: bool = True, gradient: bool = True,
                value_gradient: bool = True) -> "Expression":
        """Build the compiled functions now (e.g. in a worker thread); returns self.

        f is always built, and (f, ∇f) unless value_gradient=False. hessian=False and
        gradient=False leave H and ∇f alone to be compiled on their first use: together
        they are about half of the work, and views that draw f and (f, ∇f) can show them
        that much sooner. Compiled from the tree (`compiled_from_tree`) all of it takes
        ~0.3-1 ms for an edit's formula; through sympy, f alone
        (value_gradient=False, gradient=False, hessian=False) is a few ms, enough for a
        first picture of f on a grid, and its derivatives take sympy's diff and cse, 5 to
        10 times as long.
        """
        self._f  # noqa: B018 - warm the caches
        if value_gradient:
            self._value_grad  # noqa: B018
        if gradient:
            self._grad  # noqa: B018
        if hessian:
            self._hess  # noqa: B018
        return self

    # --- numeric -------------------------------------------------------------
    def __call__(self, *args):
        """f at a point (float) or on broadcasting arrays (array of their shape)."""
        if _all_numbers(args, self.dimension):
            return _scalar(self._f, args)
        arrays, shape = self._arguments(args)
        (value,) = _evaluate(self._f, arrays, shape, 1, single=True)
        return float(value) if not shape else value

    def gradient(self, *args) -> np.ndarray:
        """∇f: shape (d,) for scalars, (d, *shape) for arrays."""
        if _all_numbers(args, self.dimension):
            return _scalars(self._grad, args, self.dimension)
        arrays, shape = self._arguments(args)
        return np.stack(_evaluate(self._grad, arrays, shape, self.dimension))

    def value_and_gradient(self, *args) -> tuple:
        """(f, ∇f) from one compiled function that shares sub-expressions."""
        if _all_numbers(args, self.dimension):
            value, *grad = _scalars(self._value_grad, args, 1 + self.dimension)
            return float(value), np.array(grad)
        arrays, shape = self._arguments(args)
        value, *grad = _evaluate(self._value_grad, arrays, shape, 1 + self.dimension)
        return (float(value) if not shape else value), np.stack(grad)

    def hessian(self, *args) -> np.ndarray:
        """The Hessian: shape (d, d) for scalars, (d, d, *shape) for arrays."""
        d = self.dimension
        if _all_numbers(args, d):
            return _scalars(self._hess, args, d * d).reshape(d, d)
        arrays, shape = self._arguments(args)
        flat = np.stack(_evaluate(self._hess, arrays, shape, d * d))
        return flat.reshape((d, d, *shape))

    def _arguments(self, args):
        if len(args) != self.dimension:
            raise TypeError(f"{self} takes {self.dimension} argument(s) "
                            f"({', '.join(self.variables)}), got {len(args)}")
        arrays = [np.asarray(a, dtype=float) for a in args]
        return arrays, np.broadcast_shapes(*(a.shape for a in arrays))


def _all_numbers(args, dimension) -> bool:
    # Plain numbers skip the array machinery: descent calls f thousands of times.
    return len(args) == dimension and all(type(a) in (float, int) for a in args)


def _scalar(fn, args) -> float:
    with np.errstate(all="ignore"):
        try:
            value = fn(*map(float, args))
            if not np.iscomplexobj(value):
                return float(value)
        except (ArithmeticError, ValueError, TypeError):
            pass
        return float(_scalars(fn, args, 1)[0])


def _scalars(fn, args, count) -> np.ndarray:
    """fn at plain floats (fast); where Python arithmetic fails or turns complex
    ((-1.0)**-1.5), again with numpy floats, which give nan just where it happens.
    A complex result is never cut to its real part: asinh((-1.0)**1.5) came back as a
    numpy complex that float() turned into a number, with only a warning."""
    with np.errstate(all="ignore"):
        try:
            value = fn(*map(float, args))
            if not np.iscomplexobj(value):
                return np.array(value, dtype=float)
        except (ArithmeticError, ValueError, TypeError):
            pass
        try:
            return np.array(fn(*map(np.float64, args)), dtype=float).reshape(count)
        except (ArithmeticError, ValueError, TypeError):
            return np.full(count, math.nan)


def _evaluate(fn, arrays, shape, count, single=False):
    """Call a compiled function quietly: nan/inf for numeric trouble, never raise.

    Returns `count` float arrays of `shape` (a constant broadcasts to the shape).
    """
    with np.errstate(all="ignore"):
        try:
            out = fn(*arrays)
        except (ArithmeticError, ValueError, TypeError):
            out = np.nan if single else [np.nan] * count
        outs = [out] if single else list(out)
        return [_own_array(o, shape, arrays) for o in outs]


def _own_array(value, shape, inputs) -> np.ndarray:
    """value as a float array of `shape` that the caller may keep and change: a fresh
    result of numpy is handed on as it is (a copy costs a third of f+∇f on Rosenbrock);
    a constant, a broadcast or an input passed straight through (f = x) is copied."""
    try:
        a = np.asarray(value, dtype=float)
    except OverflowError:
        # an exact constant past a float (f″ = 2·10^308 of 1e308·x²): ±inf, as numpy
        # gives for a result that overflows, not an exception out of every view's update
        a = np.asarray(math.inf if value > 0 else -math.inf)
    if a.shape == shape and a.flags.writeable and a.flags.owndata and not any(
            np.may_share_memory(a, b) for b in inputs):
        return a
    return np.broadcast_to(a, shape).copy()


# Above these estimated sizes (nodes; see Expression.symbolic_sizes) derivatives are
# computed numerically: building and compiling them would take many seconds.
MAX_SYMBOLIC_GRADIENT = 20_000
MAX_SYMBOLIC_HESSIAN = 60_000


def _derivative_size(expr, memo) -> tuple[int, int]:
    """(estimated node count of d(expr)/dv, node count of expr), memoised by node."""
    if expr in memo:
        return memo[expr]
    if expr.is_Atom:
        result = (1, 1)
    else:
        parts = [_derivative_size(a, memo) for a in expr.args]
        size = 1 + sum(p[1] for p in parts)
        if expr.is_Add:
            grad = 1 + sum(p[0] for p in parts)
        elif expr.is_Mul:       # product rule: each factor's derivative times the others
            grad = 1 + sum(d + size - n for d, n in parts)
        else:                   # chain rule: the outer derivative (about f) times the inner
            grad = 2 + size + sum(p[0] for p in parts)
        result = (grad, size)
    memo[expr] = result
    return result


def _central_differences(fn, dimension: int, rows: int):
    """A function like a lambdified list of `rows` × `dimension` derivatives: central
    differences of fn (which returns `rows` values, or one when rows == 1)."""
    def derivatives(*xs):
        xs = [np.asarray(x, dtype=float) for x in xs]
        out = [[None] * dimension for _ in range(rows)]
        for j in range(dimension):
            h = 6e-6 * np.maximum(1.0, np.abs(xs[j]))     # ~ cube root of machine epsilon
            up = [x + h if i == j else x for i, x in enumerate(xs)]
            down = [x - h if i == j else x for i, x in enumerate(xs)]
            hi, lo = fn(*up), fn(*down)
            hi, lo = ([hi], [lo]) if rows == 1 else (hi, lo)
            for r in range(rows):
                out[r][j] = (np.asarray(hi[r]) - np.asarray(lo[r])) / (2 * h)
        flat = [d for row in out for d in row]
        return [float(d) if np.ndim(d) == 0 else d for d in flat]
    return derivatives


# Functions that are constant between their jumps: their derivative is 0 almost everywhere.
_PIECEWISE_CONSTANT = (sp.sign, sp.Heaviside, step, sp.floor, sp.ceiling)


def _drop_distributions(expr: sp.Expr) -> sp.Expr:
    """A derivative as the engine computes it: 0 wherever it is 0 almost everywhere.

    DiracDelta (from differentiating abs, sign or a step of a real argument) becomes 0,
    and so does an unevaluated Derivative of sign/Heaviside/step, which sympy leaves
    when it cannot tell that the argument is real (sign(sqrt(x)), from abs(sqrt(x))).
    Any other unevaluated derivative would not compile, so it is refused here rather
    than failing later inside lambdify.
    """
    expr = expr.replace(lambda e: isinstance(e, sp.DiracDelta), lambda e: sp.S.Zero)
    expr = expr.replace(
        lambda e: isinstance(e, sp.Derivative) and isinstance(e.expr, _PIECEWISE_CONSTANT),
        lambda e: sp.S.Zero)
    left = expr.atoms(sp.Derivative, sp.Subs)
    if left:
        what = min((_Printer().doprint(d.expr) for d in left), key=len)
        raise ExpressionError(f"the derivative of {what} cannot be worked out symbolically, "
                              f"so this expression cannot be differentiated", None)
    return expr


class _Printer(StrPrinter):
    """str() that parse() reads back: e for Euler's number, abs for Abs, max/min/ceil."""

    def _print_Exp1(self, expr):
        return "e"

    def _print_Abs(self, expr):
        return f"abs({self._print(expr.args[0])})"

    def _print_Max(self, expr):
        return f"max({', '.join(self._print(a) for a in expr.args)})"

    def _print_Min(self, expr):
        return f"min({', '.join(self._print(a) for a in expr.args)})"

    def _print_ceiling(self, expr):
        return f"ceil({self._print(expr.args[0])})"
