"""The real critical points of a polynomial f of one variable, exactly: where f′ = 0,
with the order and sign of the first derivative that does not vanish there.

    exact_critical_points(1000*x**999, x, lo, hi)   # [(0.0, 1000, +1)]: a minimum of order 1000

x^1000 in floating point is exactly 0 on (−0.49, 0.49) (underflow): a numeric search saw a
flat floor and called its edges ±0.47 "minimum", and missed x = 0. Here f′ is taken apart
as the expression tree holds it, c · Π bᵢ^eᵢ (sympy keeps 1000·x^999 and 200·(x − 1)^199
unexpanded; a sum such as the product rule gives has its common powers pulled out
first), each base bᵢ a small polynomial over the rationals; sympy isolates the real
roots of all bases at once in rational intervals (no floating point), and the sign of f′
at rational points between those intervals decides each kind. Bounded in time: a base is
used only when it is small (degree ≤ MAX_DEGREE) or a binomial a·x^n + b (x^999 + x);
anything else returns None and takes the numeric route.
"""
from __future__ import annotations

from fractions import Fraction

import sympy as sp

__all__ = ["MAX_DEGREE", "MAX_EXPONENT", "exact_critical_points"]

MAX_DEGREE = 40          # a dense base up to this degree (root isolation stays ~0.1 s)
MAX_EXPONENT = 10 ** 6   # multiplicities up to this (only their parity costs anything)
_BITS = 52               # roots to this many bits of the box's width


def exact_critical_points(derivative: sp.Expr, x: sp.Symbol, lo: float, hi: float):
    """[(x, order, sign)] for each real root of `derivative` (f′, a sympy expression in
    x) in [lo, hi], sorted: order m + 1 for a root of multiplicity m, sign the sign of
    f^(m+1) there (+1 or −1: even order and + is a minimum). None when f′ is not a
    polynomial this can take apart cheaply (the caller searches numerically)."""
    factors = _factors(derivative, x)
    if factors is None and derivative.is_Add:
        # the product rule's sum, (x − 1/3)^299·(…) + …: its common powers pulled out
        # (structural, no factorisation) so that nothing of degree 300 is expanded
        factors = _factors(sp.factor_terms(derivative), x)
    if factors is None:
        return None
    width = Fraction(hi - lo)
    eps = sp.Rational(width.numerator, width.denominator * 2 ** _BITS)
    isolated = _isolate(_coprime(factors), eps)
    if isolated is None:
        return None
    out = []
    for k, (a, b, m) in enumerate(isolated):
        mid = (a + b) / 2
        if not lo - 1e-9 * (hi - lo) <= float(mid) <= hi + 1e-9 * (hi - lo):
            continue
        after = (b + isolated[k + 1][0]) / 2 if k + 1 < len(isolated) else b + 1
        sign = _sign_at(factors, after)
        if sign == 0:                             # cannot happen between isolating intervals
            continue
        out.append((float(mid), m + 1, sign))
    return out


def _coprime(factors) -> list:
    """[(square-free Poly, multiplicity in f′)], pairwise coprime: the same roots as the
    product, each root in exactly one of them (x − 1 and x² − 1 share x = 1)."""
    parts = []
    for base, e in factors:
        if base.degree() <= 0:
            continue
        for g, m in base.sqf_list()[1]:
            p, e_p = g, e * m
            for i, (q, e_q) in enumerate(parts):
                common = sp.gcd(p, q)
                if common.degree() > 0:
                    parts[i] = (sp.quo(q, common), e_q)
                    parts.append((common, e_q + e_p))
                    p = sp.quo(p, common)
            parts.append((p, e_p))
    return [(p, e) for p, e in parts if p.degree() > 0]


def _isolate(parts, eps):
    """[(a, b, multiplicity)] sorted, disjoint rational intervals each holding one real
    root of the product of `parts`; None if a part is too big or refining them apart
    takes too long."""
    found = []
    for p, e in parts:
        brackets = _binomial_brackets(p) if len(p.terms()) == 2 else (
            [ab for ab, _ in p.intervals(eps=eps)] if p.degree() <= MAX_DEGREE else None)
        if brackets is None:
            return None
        found += [[a, b, e, p] for a, b in brackets]
    for _ in range(20):
        found.sort(key=lambda r: (r[0], r[1]))
        clash = {k for k in range(len(found) - 1) if found[k][1] >= found[k + 1][0]}
        if not clash:
            return [(a, b, e) for a, b, e, _ in found]
        for k in clash | {k + 1 for k in clash}:
            found[k][:2] = _bisect(found[k][3], *found[k][:2], 16)
    return None


def _binomial_brackets(p):
    """Rational brackets [(a, b)] of the real roots of the square-free a·x^n + c (c ≠ 0),
    from the closed form x^n = −c/a, each checked exactly by a sign change; None if a
    check fails. (sympy's root isolation took 40-80 s on x^999 − 2/1000.)"""
    n = p.degree()
    (_, a), (_, c) = sorted(p.terms(), reverse=True)
    target = -c / a
    size = float(abs(target)) ** (1.0 / n)
    roots = [size, -size] if n % 2 == 0 and target > 0 else [] if n % 2 == 0 else \
        [size if target > 0 else -size]
    out = []
    for r in roots:
        for widen in (1e-14, 1e-12, 1e-9):
            lo, hi = (sp.Rational(Fraction(r - widen * abs(r))),
                      sp.Rational(Fraction(r + widen * abs(r))))
            if p.eval(lo) * p.eval(hi) < 0:
                out.append((lo, hi))
                break
        else:
            return None
    return sorted(out)


def _bisect(p, a, b, halvings: int):
    """[a, b] narrowed around the simple root of p it holds (p changes sign across it)."""
    if a == b:
        return a, b
    sign_a = p.eval(a) > 0
    for _ in range(halvings):
        m = (a + b) / 2
        value = p.eval(m)
        if value == 0:
            return m, m
        a, b = (m, b) if (value > 0) == sign_a else (a, m)
    return a, b


def _sign_at(factors, t) -> int:
    """The sign of c · Π bᵢ^eᵢ at the rational t, exactly."""
    sign = 1
    for base, e in factors:
        value = base.eval(t)
        if value == 0:
            return 0
        if value < 0 and e % 2:
            sign = -sign
    return sign


def _factors(expr: sp.Expr, x: sp.Symbol):
    """[(Poly over QQ, exponent)] whose product is expr, or None if it is not a cheap
    polynomial: a Mul is split into its factors and an integer power keeps its exponent
    (never expanded); every other piece must be a small polynomial or a binomial."""
    if expr.is_Mul:
        out = []
        for term in expr.args:
            part = _factors(term, x)
            if part is None:
                return None
            out += part
        return out
    if expr.is_Pow and expr.exp.is_Integer and 0 <= expr.exp <= MAX_EXPONENT and \
            not expr.base.is_number:
        part = _factors(expr.base, x)
        return None if part is None else [(b, e * int(expr.exp)) for b, e in part]
    poly = _small_poly(expr, x)
    if poly is None:
        return None
    low = min(m for (m,) in poly.monoms())         # x^k · (the rest): x on its own
    if low == 0 or poly.is_monomial:
        return [(poly, 1)] if low == 0 else [(sp.Poly(poly.LC(), x, domain=sp.QQ), 1),
                                             (sp.Poly(x, x, domain=sp.QQ), low)]
    rest = sp.Poly.from_dict({(m - low,): c for (m,), c in poly.terms()}, x, domain=sp.QQ)
    return [(rest, 1), (sp.Poly(x, x, domain=sp.QQ), low)]


def _small_poly(expr: sp.Expr, x: sp.Symbol):
    """expr as a Poly over QQ if it is one of degree ≤ MAX_DEGREE, or has at most two
    terms (a·x^n + b·x^k, any degree up to MAX_EXPONENT); else None. Built term by term
    so nothing large is ever expanded."""
    if expr == x:
        return sp.Poly(x, x, domain=sp.QQ)
    if expr.is_number:                           # pi, sigmoid(2): their float value
        if not expr.is_real:
            return None
        value = expr if expr.is_Rational else sp.Rational(float(expr))
        return sp.Poly(value, x, domain=sp.QQ)
    if expr.is_Pow and expr.exp.is_Integer and expr.exp >= 0:
        base = _small_poly(expr.base, x)
        n = int(expr.exp)
        if base is None or base.degree() * n > MAX_EXPONENT or \
                (base.degree() * n > MAX_DEGREE and not base.is_monomial):
            return None
        return base ** n
    if not (expr.is_Add or expr.is_Mul):
        return None
    out = None
    for term in expr.args:
        p = _small_poly(term, x)
        if p is None:
            return None
        out = p if out is None else (out + p if expr.is_Add else out * p)
        if out.degree() > MAX_DEGREE and len(out.terms()) > 2:
            return None
    return out
