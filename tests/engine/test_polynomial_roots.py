"""engine.polynomial_roots through engine.calculus.critical_points: high-degree
polynomials get their true critical points, exactly; the numeric route never names a
point where f' only underflowed to 0."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from numpy.testing import assert_allclose

from engine.calculus import critical_points, critical_points_numeric
from engine.expression import parse


def found(text, bounds=((-3, 3),)):
    return [(float(p.point[0]), p.kind, p.order) for p in critical_points(parse(text), bounds)]


@pytest.mark.parametrize("text, expected", [
    # underflow: f = 0 exactly on (−0.49, 0.49); the numeric search said "minimum" at ±0.474
    ("x^1000", [(0.0, "minimum", 1000)]),
    ("(x-1)^200", [(1.0, "minimum", 200)]),
    ("-(x+2)^200", [(-2.0, "maximum", 200)]),
    ("x^999", [(0.0, "inflection", 999)]),
    ("x^999 + x", []),                                 # f' = 999x^998 + 1 > 0
    ("(x - 1/3)^300 (x + 1)", [(-899 / 903, "maximum", 2), (1 / 3, "minimum", 300)]),
    ("(x^2 - 1)^30", [(-1.0, "minimum", 30), (0.0, "maximum", 2), (1.0, "minimum", 30)]),
])
def test_high_degree_polynomials_have_their_true_critical_points(text, expected):
    got = found(text)
    assert [(k, order) for _, k, order in got] == [(k, order) for _, k, order in expected]
    assert_allclose([x for x, _, _ in got], [x for x, _, _ in expected], atol=1e-15)


def test_a_high_degree_binomial_root_is_exact_and_quick_to_find():
    # f' = 1000 x^999 − 2 = 0 at x = (1/500)^(1/999); sympy's own root isolation took 37 s
    ((x, kind, order),) = found("x^1000 - 2x")
    assert (kind, order) == ("minimum", 2)
    assert_allclose(x, (1 / 500) ** (1 / 999), rtol=1e-15)


def test_the_numeric_search_names_no_point_where_f_prime_only_underflowed():
    # the numeric route (the window's framing) saw x^1000's floor of exact zeros
    assert critical_points_numeric(parse("x^1000"), ((-3, 3),)).shape == (0, 1)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.integers(-3, 3), st.integers(1, 300)), min_size=1, max_size=3,
                unique_by=lambda t: t[0]),
       st.sampled_from([1, -2]))
def test_products_of_high_powers(roots, c):
    """f = c Π (x − rᵢ)^mᵢ: each rᵢ with mᵢ ≥ 2 is a critical point of order mᵢ (an
    inflection when mᵢ is odd, else a minimum where f ≥ 0 around it), and f' has exactly
    one more, simple root strictly inside each gap between neighbouring rᵢ (f'/f =
    Σ mᵢ/(x − rᵢ) falls from +∞ to −∞ there): the extremum of f in that gap."""
    roots = sorted(roots)
    text = f"{c}" + "".join(f"*(x - ({r}))^{m}" for r, m in roots)
    got = found(text, ((-4, 4),))

    def sign_of_f_near(r):
        return c * np.prod([np.sign(r - q) ** m for q, m in roots if q != r])

    expected_at_roots = {r: ("inflection" if m % 2 else
                             "minimum" if sign_of_f_near(r) > 0 else "maximum", m)
                         for r, m in roots if m >= 2}
    at_roots = {round(x): (kind, order) for x, kind, order in got if abs(x - round(x)) < 1e-12
                and round(x) in dict(roots)}
    assert at_roots == expected_at_roots
    between = [(x, kind, order) for x, kind, order in got if round(x) not in at_roots
               or abs(x - round(x)) >= 1e-12]
    assert len(between) == len(roots) - 1
    for (x, kind, order), (a, _), (b, _) in zip(between, roots, roots[1:]):
        assert a < x < b and order == 2
        f_between = c * np.prod([np.sign(x - q) ** m for q, m in roots])
        assert kind == ("maximum" if f_between > 0 else "minimum")
