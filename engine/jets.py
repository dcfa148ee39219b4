"""Forward-mode differentiation on numpy arrays: f, ∇f and the Hessian of a formula
without sympy (engine.numeric_expression builds formulas from these).

A jet is (v, g, h) at every point of the arrays: the value v, the gradient g (a list,
one entry per variable) and the Hessian h (a list of lists), each entry a float or an
array; g or h None means zero (a constant has neither) or not asked for (order 0 or 1).
Each rule is the chain rule written the way sympy's derivative of the same node reads,
so the numbers agree with the lambdified derivatives, nan and inf included (log of a
negative number is nan, 1/0 is inf, as numpy gives them).
"""
from __future__ import annotations

import numpy as np


def np_sigmoid(t):
    # tanh form: no overflow warning for large |t|, unlike 1/(1+exp(-t)).
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(t, dtype=float)))


def np_softplus(t):
    return np.logaddexp(0.0, t)      # ln(1 + e^t) with no overflow for large t


def np_relu(t):
    return np.maximum(t, 0.0)


def np_step(t):
    return np.where(np.asarray(t) > 0, 1.0, 0.0)


def _zero(_u):
    return 0.0


def _s1(u):
    s = np_sigmoid(u)
    return s * (1 - s)


def _s2(u):
    s = np_sigmoid(u)
    return s * (1 - s) * (1 - 2 * s)


# name -> (φ, φ', φ'') on arrays; φ' and φ'' as sympy writes the derivatives
UNARY = {
    "sin": (np.sin, np.cos, lambda u: -np.sin(u)),
    "cos": (np.cos, lambda u: -np.sin(u), lambda u: -np.cos(u)),
    "tan": (np.tan, lambda u: np.tan(u) ** 2 + 1,
            lambda u: 2 * np.tan(u) * (np.tan(u) ** 2 + 1)),
    "asin": (np.arcsin, lambda u: 1 / np.sqrt(1 - u ** 2), lambda u: u / (1 - u ** 2) ** 1.5),
    "acos": (np.arccos, lambda u: -1 / np.sqrt(1 - u ** 2), lambda u: -u / (1 - u ** 2) ** 1.5),
    "atan": (np.arctan, lambda u: 1 / (u ** 2 + 1), lambda u: -2 * u / (u ** 2 + 1) ** 2),
    "sinh": (np.sinh, np.cosh, np.sinh),
    "cosh": (np.cosh, np.sinh, np.cosh),
    "tanh": (np.tanh, lambda u: 1 - np.tanh(u) ** 2,
             lambda u: -2 * np.tanh(u) * (1 - np.tanh(u) ** 2)),
    "asinh": (np.arcsinh, lambda u: 1 / np.sqrt(u ** 2 + 1),
              lambda u: -u / (u ** 2 + 1) ** 1.5),
    "acosh": (np.arccosh, lambda u: 1 / (np.sqrt(u - 1) * np.sqrt(u + 1)),
              lambda u: -u / ((u - 1) ** 1.5 * (u + 1) ** 1.5)),
    "atanh": (np.arctanh, lambda u: 1 / (1 - u ** 2), lambda u: 2 * u / (1 - u ** 2) ** 2),
    "exp": (np.exp, np.exp, np.exp),
    "log": (np.log, lambda u: 1 / u, lambda u: -1 / u ** 2),
    "sqrt": (np.sqrt, lambda u: 1 / (2 * np.sqrt(u)), lambda u: -1 / (4 * u ** 1.5)),
    "abs": (np.abs, np.sign, _zero),           # sign's derivative: 0 almost everywhere
    "sign": (np.sign, _zero, _zero),
    "step": (np_step, _zero, _zero),
    "floor": (np.floor, _zero, _zero),
    "ceil": (np.ceil, _zero, _zero),
    "relu": (np_relu, np_step, _zero),
    "sigmoid": (np_sigmoid, _s1, _s2),
    "softplus": (np_softplus, np_sigmoid, _s1),
}
UNARY.update(arcsin=UNARY["asin"], arccos=UNARY["acos"], arctan=UNARY["atan"],
             ln=UNARY["log"])


def constant(c: float):
    return (c, None, None)


def variable(x, i: int, d: int, order: int):
    # an entry None is a zero that stays exact: 0·(1/√y) would be nan where y < 0, and
    # sympy's ∂/∂x of log(x) + √y is 1/x there, not nan
    g = [1.0 if k == i else None for k in range(d)] if order >= 1 else None
    return (x, g, None)


def _times(e, s):
    return None if e is None else s * e


def _plus(a, b):
    return b if a is None else a if b is None else a + b


def _scaled(a, s):
    return None if a is None else [_times(e, s) for e in a]


def _add_lists(a, b):
    if a is None or b is None:
        return b if a is None else a
    return [_plus(x, y) for x, y in zip(a, b)]


def _add_matrices(a, b):
    if a is None or b is None:
        return b if a is None else a
    return [_add_lists(ra, rb) for ra, rb in zip(a, b)]


def _scale_matrix(m, s):
    return None if m is None else [_scaled(row, s) for row in m]


def _outer(a, b, scale):
    """scale·(a_i b_j + a_j b_i) as a matrix, or None when a or b is zero."""
    if a is None or b is None:
        return None
    d = len(a)

    def entry(i, j):
        one = None if a[i] is None or b[j] is None else a[i] * b[j]
        two = None if a[j] is None or b[i] is None else a[j] * b[i]
        both = _plus(one, two)
        return None if both is None else scale * both
    return [[entry(i, j) for j in range(d)] for i in range(d)]


def add(a, b, order):
    return (a[0] + b[0], _add_lists(a[1], b[1]),
            _add_matrices(a[2], b[2]) if order >= 2 else None)


def neg(a, order):
    return (-a[0], _scaled(a[1], -1.0), _scale_matrix(a[2], -1.0) if order >= 2 else None)


def sub(a, b, order):
    return add(a, neg(b, order), order)


def mul(a, b, order):
    (u, gu, hu), (w, gw, hw) = a, b
    g = _add_lists(_scaled(gu, w), _scaled(gw, u))
    h = None
    if order >= 2:
        h = _add_matrices(_add_matrices(_scale_matrix(hu, w), _scale_matrix(hw, u)),
                          _outer(gu, gw, 1.0))
    return (u * w, g, h)


def chain(a, f0, f1, f2, order):
    """φ(a) with φ' = f1 and φ'' = f2: ∇φ = φ'·∇a, H = φ''·∇a∇aᵀ + φ'·Ha."""
    u, g, h = a
    value = f0(u)
    if g is None and h is None:
        return (value, None, None)
    d1 = f1(u)
    grad = _scaled(g, d1)
    hess = None
    if order >= 2:
        hess = _add_matrices(_outer(g, g, 0.5 * f2(u)) if g is not None else None,
                             _scale_matrix(h, d1))
    return (value, grad, hess)


def power_constant(a, c: float, order):
    """a^c for a constant c: c·a^(c-1) and c(c-1)·a^(c-2), as sympy's derivatives."""
    return chain(a, lambda u: u ** c, lambda u: c * u ** (c - 1),
                 lambda u: c * (c - 1) * u ** (c - 2), order)


def exp_of(a, order, log_base: float | None = None):
    """b^a for a constant b > 0 (e^a when log_base is None: log_base = ln b)."""
    if log_base is None:
        return chain(a, np.exp, np.exp, np.exp, order)
    k = log_base
    return chain(a, lambda u: np.exp(k * u), lambda u: k * np.exp(k * u),
                 lambda u: k * k * np.exp(k * u), order)


def power(a, b, order):
    """a^b with both varying: a^b·(b'·ln a + b·a'/a)."""
    log_a = chain(a, np.log, lambda u: 1 / u, lambda u: -1 / u ** 2, order)
    e = chain(mul(b, log_a, order), np.exp, np.exp, np.exp, order)
    return (a[0] ** b[0], e[1], e[2])
