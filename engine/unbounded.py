"""Whether a polynomial f is unbounded below, decided by its top-degree part alone.

    falling_direction(parse("x^3 + y^3"))      # array([-0.7071, -0.7071]): f → −∞ along (−1, −1)
    falling_direction(parse("x^4 + y^4 - xy")) # None: it has a minimum

f = P_d + (lower degrees), P_d homogeneous of degree d. Along a direction v, f(t v) =
P_d(v) t^d + O(t^(d−1)), so P_d(v) < 0 proves f → −∞ as t → ∞ (d odd: P_d(−v) = −P_d(v),
so any P_d ≢ 0 has such a v). A claim is made only with a witness: a rational v at which
P_d(v) < 0 exactly. d even with P_d ≥ 0 on the sphere is undecided here (None): the
quadratic rule of engine.run_health covers (x−5)² + (y−3)² + 2xy.
Bounded in time: only polynomials of low degree and few terms are looked at.
"""
from __future__ import annotations

from fractions import Fraction

import numpy as np
import sympy as sp

__all__ = ["MAX_DEGREE", "falling_direction"]

MAX_DEGREE = 12          # total degree looked at
_MAX_TERMS = 60
_SAMPLES = 2000          # directions tried on the sphere, 3 variables and more


def falling_direction(f) -> np.ndarray | None:
    """A unit vector (d,) along which the polynomial f (an engine Expression) falls
    without end, proved by its top-degree part; None when f is no small polynomial or
    the top-degree part cannot decide. Components are rounded (±1, ±0.71, …): the
    direction named is the one checked."""
    expr, symbols = f.expr, f.symbols
    if not expr.is_polynomial(*symbols):
        return None
    try:
        poly = sp.Poly(expr, *symbols, domain=sp.QQ)
    except (sp.PolynomialError, ValueError, TypeError, ArithmeticError):
        return None
    degree = poly.total_degree()
    if degree < 1 or degree > MAX_DEGREE or len(poly.terms()) > _MAX_TERMS:
        return None
    top = [(m, c) for m, c in poly.terms() if sum(m) == degree]
    for v in [*_simple(len(symbols)), *_candidates(top, len(symbols))]:
        if _exact_value(top, v) < 0:
            out = np.array([float(c) for c in v])
            return out / np.linalg.norm(out)
    return None


def _simple(d: int):
    """The directions a lecturer names first: (±1, …, ±1), then those with more 0s."""
    if d > 6:
        return []
    grid = np.array(np.meshgrid(*[[-1, 0, 1]] * d, indexing="ij")).reshape(d, -1).T
    grid = grid[np.any(grid != 0, axis=1)]
    order = np.argsort(-np.count_nonzero(grid, axis=1), kind="stable")
    return [[Fraction(int(c)) for c in row] for row in grid[order]]


def _candidates(top, d: int):
    """Rational directions, most negative P_d first: the best of a sample of the unit
    sphere (d = 1: ±1; d = 2: every 1°; else _SAMPLES fixed random ones and the axes
    and diagonals), scaled so the largest component is ±1 and rounded to 2 decimals."""
    if d == 1:
        units = np.array([[1.0], [-1.0]])
    elif d == 2:
        angle = np.radians(np.arange(360))
        units = np.stack([np.cos(angle), np.sin(angle)], axis=1)
    else:
        units = np.random.default_rng(0).normal(size=(_SAMPLES, d))
        signs = np.array(np.meshgrid(*[[-1.0, 0.0, 1.0]] * min(d, 6), indexing="ij"))
        units = np.concatenate([units, np.pad(signs.reshape(min(d, 6), -1).T,
                                               ((0, 0), (0, d - min(d, 6))))])
        units = units[np.linalg.norm(units, axis=1) > 0]
        units /= np.linalg.norm(units, axis=1, keepdims=True)
    exponents = np.array([m for m, _ in top], dtype=float)            # (k, d)
    coefficients = np.array([float(c) for _, c in top])
    values = (np.prod(units[:, None, :] ** exponents[None], axis=2) @ coefficients
              / np.linalg.norm(units, axis=1) ** exponents.sum(axis=1)[0])
    for i in np.argsort(values)[:5]:
        if values[i] >= 0:
            break
        u = units[i] / np.max(np.abs(units[i]))
        yield [Fraction(round(c * 100), 100) for c in u]


def _exact_value(top, v) -> Fraction:
    """P_d(v) exactly, v rational."""
    total = Fraction(0)
    for m, c in top:
        term = Fraction(int(c.p), int(c.q))
        for vi, mi in zip(v, m):
            term *= vi ** mi
        total += term
    return total
