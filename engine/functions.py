"""The functions and constants the expression language knows, as sympy objects.

sigmoid, relu and step are sympy Functions of our own (rather than their formulas)
so that f, f' and LaTeX read the way a lecturer writes them: σ'(t) = σ(t)(1 − σ(t)).
Each has a numpy implementation for `lambdify`.
"""
from __future__ import annotations

import numpy as np
import sympy as sp


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


def _np_sigmoid(t):
    # tanh form: no overflow warning for large |t|, unlike 1/(1+exp(-t)).
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(t, dtype=float)))


def _np_relu(t):
    return np.maximum(t, 0.0)


def _np_step(t):
    return np.where(np.asarray(t) > 0, 1.0, 0.0)


NUMPY_FUNCTIONS = {"sigmoid": _np_sigmoid, "relu": _np_relu, "step": _np_step}

FUNCTIONS = {
    "sin": sp.sin, "cos": sp.cos, "tan": sp.tan, "exp": sp.exp,
    "log": sp.log, "ln": sp.log, "sqrt": sp.sqrt, "abs": sp.Abs, "tanh": sp.tanh,
    "sigmoid": sigmoid, "relu": relu, "sign": sp.sign, "step": step,
}
CONSTANTS = {"pi": sp.pi, "e": sp.E}
