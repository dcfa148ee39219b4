"""The functions and constants the expression language knows, as sympy objects.

sigmoid, relu and step are sympy Functions of our own (rather than their formulas)
so that f, f' and LaTeX read the way a lecturer writes them: σ'(t) = σ(t)(1 − σ(t)).
Each has a numpy implementation for `lambdify`.
"""
from __future__ import annotations

import numpy as np
import sympy as sp

# (engine.names reads the names from there, without sympy; a test checks they agree)
from .function_names import GREEK_NAMES  # noqa: F401 - importable from here as before


class sigmoid(sp.Function):  # noqa: N801 - the class name is what str() prints
    """σ(t) = 1 / (1 + e^(−t))."""

    @classmethod
    def eval(cls, t):
        if t.is_zero:
            return sp.S.Half

    def fdiff(self, argindex=1):
        s = sigmoid(self.args[0])
        return s * (1 - s)

    def _eval_rewrite_as_exp(self, t, **kwargs):
        return 1 / (1 + sp.exp(-t))

    def _eval_evalf(self, prec):
        return (1 / (1 + sp.exp(-self.args[0])))._eval_evalf(prec)

    def _eval_is_extended_real(self):
        return self.args[0].is_extended_real

    def _eval_is_extended_positive(self):
        return self.args[0].is_extended_real

    def _latex(self, printer, exp=None):
        tex = r"\sigma\left(%s\right)" % printer._print(self.args[0])
        return tex if exp is None else r"\sigma^{%s}\left(%s\right)" % (exp, printer._print(self.args[0]))


class step(sp.Function):  # noqa: N801
    """The unit step: 1 for t > 0, else 0 (relu's derivative; its own is 0 almost everywhere)."""

    @classmethod
    def eval(cls, t):
        if t.is_extended_positive:
            return sp.S.One
        if t.is_extended_nonpositive:
            return sp.S.Zero

    def fdiff(self, argindex=1):
        return sp.S.Zero

    def _eval_evalf(self, prec):
        return sp.Piecewise((1, self.args[0] > 0), (0, True))._eval_evalf(prec)

    def _eval_is_extended_real(self):
        return True

    def _latex(self, printer, exp=None):
        return r"\operatorname{step}\left(%s\right)" % printer._print(self.args[0])


class relu(sp.Function):  # noqa: N801
    """relu(t) = max(t, 0)."""

    @classmethod
    def eval(cls, t):
        if t.is_extended_nonnegative:
            return t
        if t.is_extended_negative:
            return sp.S.Zero

    def fdiff(self, argindex=1):
        return step(self.args[0])

    def _eval_evalf(self, prec):
        return sp.Max(self.args[0], 0)._eval_evalf(prec)

    def _eval_is_extended_real(self):
        return self.args[0].is_extended_real

    def _latex(self, printer, exp=None):
        return r"\operatorname{relu}\left(%s\right)" % printer._print(self.args[0])


class softplus(sp.Function):  # noqa: N801
    """softplus(t) = ln(1 + e^t), a smooth relu; its derivative is σ(t)."""

    @classmethod
    def eval(cls, t):
        if t.is_zero:
            return sp.log(2)

    def fdiff(self, argindex=1):
        return sigmoid(self.args[0])

    def _eval_rewrite_as_log(self, t, **kwargs):
        return sp.log(1 + sp.exp(t))

    def _eval_evalf(self, prec):
        return sp.log(1 + sp.exp(self.args[0]))._eval_evalf(prec)

    def _eval_is_extended_real(self):
        return self.args[0].is_extended_real

    def _eval_is_extended_positive(self):
        return self.args[0].is_extended_real

    def _latex(self, printer, exp=None):
        tex = r"\operatorname{softplus}\left(%s\right)" % printer._print(self.args[0])
        return tex if exp is None else r"%s^{%s}" % (tex, exp)


def _np_softplus(t):
    return np.logaddexp(0.0, t)      # ln(1 + e^t) with no overflow for large t


def _np_sigmoid(t):
    # tanh form: no overflow warning for large |t|, unlike 1/(1+exp(-t)).
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(t, dtype=float)))


def _np_relu(t):
    return np.maximum(t, 0.0)


def _np_step(t):
    return np.where(np.asarray(t) > 0, 1.0, 0.0)


NUMPY_FUNCTIONS = {"sigmoid": _np_sigmoid, "relu": _np_relu, "step": _np_step,
                   "softplus": _np_softplus, "atan2": np.arctan2}


class atan2(sp.Function):  # noqa: N801
    """atan2(y, x): the angle of the point (x, y), in (−π, π].

    Ours rather than sympy's, which rewrites atan2 of two numbers whose signs it cannot
    tell (atan2(1, softplus(1))) into −i·log(…), and numpy then computes a complex number.
    """
    nargs = 2

    @classmethod
    def eval(cls, y, x):
        if y.is_number and x.is_number:
            angle = sp.atan2(y, x)
            if not angle.has(sp.I) and not angle.has(sp.atan2):
                return angle

    def fdiff(self, argindex=1):
        y, x = self.args
        return (x if argindex == 1 else -y) / (x ** 2 + y ** 2)

    def _eval_evalf(self, prec):
        return sp.atan2(*self.args)._eval_evalf(prec)

    def _eval_is_extended_real(self):
        return self.args[0].is_extended_real and self.args[1].is_extended_real

    def _latex(self, printer, exp=None):
        tex = r"\operatorname{atan2}\left(%s, %s\right)" % tuple(map(printer._print, self.args))
        return tex if exp is None else r"%s^{%s}" % (tex, exp)


def _log(t, base=None):
    return sp.log(t) if base is None else sp.log(t) / sp.log(base)


# name -> (sympy builder, fewest arguments, most arguments (None: any), what it is)
FUNCTIONS = {
    "sin": (sp.sin, 1, 1, "the sine"), "cos": (sp.cos, 1, 1, "the cosine"),
    "tan": (sp.tan, 1, 1, "the tangent"),
    "asin": (sp.asin, 1, 1, "the arcsine"), "acos": (sp.acos, 1, 1, "the arccosine"),
    "atan": (sp.atan, 1, 1, "the arctangent"),
    "arcsin": (sp.asin, 1, 1, "the arcsine"), "arccos": (sp.acos, 1, 1, "the arccosine"),
    "arctan": (sp.atan, 1, 1, "the arctangent"),
    "sinh": (sp.sinh, 1, 1, "the hyperbolic sine"),
    "cosh": (sp.cosh, 1, 1, "the hyperbolic cosine"),
    "tanh": (sp.tanh, 1, 1, "the hyperbolic tangent"),
    "asinh": (sp.asinh, 1, 1, "the inverse hyperbolic sine"),
    "acosh": (sp.acosh, 1, 1, "the inverse hyperbolic cosine"),
    "atanh": (sp.atanh, 1, 1, "the inverse hyperbolic tangent"),
    "exp": (sp.exp, 1, 1, "the exponential"),
    "log": (_log, 1, 2, "the natural logarithm"), "ln": (sp.log, 1, 1, "the natural logarithm"),
    "log10": (lambda t: _log(t, 10), 1, 1, "the base-10 logarithm"),
    "log2": (lambda t: _log(t, 2), 1, 1, "the base-2 logarithm"),
    "sqrt": (sp.sqrt, 1, 1, "the square root"), "abs": (sp.Abs, 1, 1, "the absolute value"),
    "sigmoid": (sigmoid, 1, 1, "the sigmoid"), "relu": (relu, 1, 1, "relu"),
    "softplus": (softplus, 1, 1, "softplus"),
    "sign": (sp.sign, 1, 1, "the sign"), "step": (step, 1, 1, "the unit step"),
    "min": (sp.Min, 2, None, "the minimum"), "max": (sp.Max, 2, None, "the maximum"),
    "atan2": (atan2, 2, 2, "the angle atan2(y, x)"),
    "floor": (sp.floor, 1, 1, "the floor"), "ceil": (sp.ceiling, 1, 1, "the ceiling"),
}
CONSTANTS = {"pi": sp.pi, "e": sp.E}
