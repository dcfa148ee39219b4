"""The functions and constants the expression language knows, as sympy objects.

sigmoid, relu and step are sympy Functions of our own (rather than their formulas)
so that f, f' and LaTeX read the way a lecturer writes them: σ'(t) = σ(t)(1 − σ(t)).
Each has a numpy implementation for `lambdify`.
"""
from __future__ import annotations

import numpy as np
import sympy as sp

from .function_names import FUNCTION_NAMES, GREEK_NAMES  # noqa: F401 - GREEK_NAMES: as before
from .jets import np_relu, np_sigmoid, np_softplus, np_step


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


# the same numpy functions as the forward-mode derivatives of engine.jets use
NUMPY_FUNCTIONS = {"sigmoid": np_sigmoid, "relu": np_relu, "step": np_step,
                   "softplus": np_softplus, "atan2": np.arctan2}


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


_BUILDERS = {
    "sin": sp.sin, "cos": sp.cos, "tan": sp.tan, "asin": sp.asin, "acos": sp.acos,
    "atan": sp.atan, "arcsin": sp.asin, "arccos": sp.acos, "arctan": sp.atan,
    "sinh": sp.sinh, "cosh": sp.cosh, "tanh": sp.tanh, "asinh": sp.asinh,
    "acosh": sp.acosh, "atanh": sp.atanh, "exp": sp.exp, "log": _log, "ln": sp.log,
    "log10": lambda t: _log(t, 10), "log2": lambda t: _log(t, 2), "sqrt": sp.sqrt,
    "abs": sp.Abs, "sigmoid": sigmoid, "relu": relu, "softplus": softplus, "sign": sp.sign,
    "step": step, "min": sp.Min, "max": sp.Max, "atan2": atan2, "floor": sp.floor,
    "ceil": sp.ceiling,
}
# name -> (sympy builder, fewest arguments, most arguments (None: any), what it is); the
# names, counts and descriptions are engine.function_names' (read there without sympy)
FUNCTIONS = {name: (_BUILDERS[name], *entry) for name, entry in FUNCTION_NAMES.items()}
CONSTANTS = {"pi": sp.pi, "e": sp.E}
# How every formula is typeset: as a lecturer writes it, ln (log is the natural logarithm
# here, and sympy writes it log) and arctan, arcsin, arccos (sympy writes atan, asin, acos),
# a fractional power on one line, x^{3/2} (sympy stacks a fraction in the exponent:
# √x + y²'s H read −1/(4 x^(3 over 2)), an exponent too small to read when projected)
LATEX_SETTINGS = {"ln_notation": True, "inv_trig_style": "full", "fold_frac_powers": True}
