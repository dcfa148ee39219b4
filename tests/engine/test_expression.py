"""engine.expression: the seed's derivative rules, the API contract, finite differences."""
import math

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings, strategies as st
from numpy.testing import assert_allclose

from engine.expression import ExpressionError, parse


def same_function(f, text):
    """f equals the formula `text` symbolically (simplify(f - g) == 0)."""
    g = parse(text)
    return sp.simplify(f.expr - g.expr) == 0


# --- the seed's rules (derivatives-and-gradients.md) ----------------------------
@pytest.mark.parametrize("text, derivative", [
    ("x^3", "3x^2"),                          # power rule
    ("x^2 + 3x", "2x + 3"),                   # sum rule
    ("x e^x", "e^x + x e^x"),                 # product rule
    ("(x^2+1)^3", "3(x^2 + 1)^2 * 2x"),       # chain rule
    ("(w-3)^2", "2(w - 3)"),                  # L'(w) of Problem 1
    ("x^4 - 4x^3 + 4x^2", "4x^3 - 12x^2 + 8x"),
])
def test_seed_derivative_rules(text, derivative):
    f = parse(text)
    assert same_function(f.derivative(f.variables[0]), derivative)


def test_seed_second_derivative_example_1():
    f = parse("x^4 - 4x^3 + 4x^2")
    f2 = f.derivative("x", order=2)
    assert same_function(f2, "12x^2 - 24x + 8")
    assert [f2(x) for x in (0, 1, 2)] == [8.0, -4.0, 8.0]
    assert [f(x) for x in (0, 1, 2)] == [0.0, 1.0, 0.0]


def test_seed_gradient_example_2_and_delivery_route():
    f = parse("x^2 + 2y^2")
    assert_allclose(f.gradient(3, 2), [6, 8])
    assert_allclose(f.gradient(2.4, 1.2), [4.8, 4.8])
    c = parse("(x-5)^2 + (y-3)^2 + 2xy")
    assert_allclose(c.gradient(1, 1), [-6, -2])
    assert same_function(c.derivative("x"), "2(x-5) + 2y")
    assert same_function(c.derivative("y"), "2(y-3) + 2x")


@pytest.mark.parametrize("text, x, sign", [("x^3", -2, 1), ("-x^2 + 4", 1, -1), ("e^(-x)", 0, -1)])
def test_seed_sign_exercise(text, x, sign):
    assert np.sign(parse(text).gradient(x)[0]) == sign


# --- the API contract ------------------------------------------------------------
def test_api_example():
    f = parse("x^2 + 2y^2")
    assert f.variables == ("x", "y")
    assert f(3, 2) == 17.0 and isinstance(f(3, 2), float)
    assert_allclose(f.hessian(3, 2), [[2, 0], [0, 4]])
    assert f.gradient(3, 2).shape == (2,)
    assert parse(str(f)) == f
    assert f.latex() == "x^{2} + 2 y^{2}"


def test_variables_alphabetical_and_constant():
    assert parse("(w - 3)^2 + b^2").variables == ("b", "w")
    assert parse("7").variables == ("x",)
    assert parse("2xy").expr == parse("2*x*y").expr


def test_vectorised_shapes_follow_ij_grid():
    f = parse("x^2 + 2y^2")
    xs, ys = np.linspace(-1, 1, 5), np.linspace(-2, 2, 3)
    X, Y = np.meshgrid(xs, ys, indexing="ij")
    Z = f(X, Y)
    assert Z.shape == (5, 3)
    assert Z[4, 0] == f(xs[4], ys[0]) == 1 + 8
    assert f.gradient(X, Y).shape == (2, 5, 3)
    assert f.hessian(X, Y).shape == (2, 2, 5, 3)
    value, grad = f.value_and_gradient(X, Y)
    assert_allclose(value, Z)
    assert_allclose(grad, f.gradient(X, Y))


def test_constant_broadcasts():
    c = parse("3")
    assert_allclose(c(np.zeros((2, 4))), np.full((2, 4), 3.0))
    assert_allclose(c.gradient(np.zeros(3)), np.zeros((1, 3)))


def test_derivative_keeps_both_variables():
    d = parse("x^2 + 2y^2").derivative("x")
    assert d.variables == ("x", "y")
    assert d(3, 100) == 6.0
    with pytest.raises(ValueError):
        parse("x^2").derivative("y")


@pytest.mark.parametrize("text, x", [("log(x)", -1.0), ("1/x", 0.0), ("exp(x)", 1000.0),
                                     ("sqrt(x)", -4.0), ("x^(1/3)", -8.0), ("10^300 x", 1e10)])
def test_numeric_failure_is_nan_or_inf_not_exception(text, x):
    with np.errstate(all="raise"):        # our own code must silence numpy itself
        value = parse(text)(x)
        grid = parse(text)(np.array([x, x]))
    assert not math.isfinite(value)
    assert not np.isfinite(grid).any()


def test_functions_of_the_language():
    for text, x, value in [("sigmoid(x)", 0.0, 0.5), ("relu(x)", -2.0, 0.0), ("relu(x)", 3.0, 3.0),
                           ("abs(x)", -2.5, 2.5), ("ln(x)", math.e, 1.0), ("log(x)", 1.0, 0.0),
                           ("tanh(x)", 0.5, math.tanh(0.5)), ("sin(pi x)", 0.5, 1.0),
                           ("sqrt(x)", 9.0, 3.0), ("e^x", 1.0, math.e), ("tan(x)", 0.3, math.tan(0.3))]:
        assert parse(text)(x) == pytest.approx(value, rel=1e-12, abs=1e-15)
    s = parse("sigmoid(x)")
    assert s.gradient(1.1)[0] == pytest.approx(s(1.1) * (1 - s(1.1)), rel=1e-14)
    assert s(-800.0) == 0.0 and s(800.0) == 1.0
    assert parse("relu(x)").gradient(2.0)[0] == 1.0
    assert parse("relu(x)").gradient(-2.0)[0] == 0.0


@pytest.mark.parametrize("text", ["2x(x+1)", "(x+1)(x-1)", "x sin(x) + e^-x", "sigmoid(2x) relu(y)",
                                  "abs(x) - y^3/3", "1.5e-1 x^2 y", "2^3^2 x", "-x^-2"])
def test_str_round_trips(text):
    f = parse(text)
    assert parse(str(f)) == f


def test_implicit_multiplication_and_precedence():
    cases = {"2x^2": 2 * 3.0**2, "-x^2": -9.0, "2^3^2": 512.0, "1/2x": 1.5, "e^-x": math.exp(-3),
             "x(x+1)": 12.0, "2(x+1)": 8.0, "3x sin(x)": 9 * math.sin(3), "pi x": math.pi * 3}
    for text, value in cases.items():
        assert parse(text)(3.0) == pytest.approx(value), text


# --- gradients and Hessians against central finite differences -------------------
_LEAF = st.sampled_from(["x", "y", "2", "0.5", "3x", "x y", "pi"])
_UNARY = st.sampled_from(["sin", "cos", "tanh", "sigmoid", "exp"])


def _expressions():
    return st.recursive(
        _LEAF,
        lambda inner: st.one_of(
            st.tuples(inner, st.sampled_from(["+", "-", "*"]), inner).map(lambda t: f"({t[0]}){t[1]}({t[2]})"),
            st.tuples(_UNARY, inner).map(lambda t: f"{t[0]}(({t[1]})/4)"),
            st.tuples(inner, st.integers(2, 3)).map(lambda t: f"({t[0]})^{t[1]}"),
        ),
        max_leaves=6)


@settings(max_examples=60, deadline=None)
@given(_expressions(), st.floats(-1.5, 1.5), st.floats(-1.5, 1.5))
def test_gradient_and_hessian_match_finite_differences(text, x, y):
    f = parse(text + " + 0x + 0y")
    point = {"x": x, "y": y}
    args = [point[v] for v in f.variables]
    h = 1e-5
    d = len(args)
    grad, hess = f.gradient(*args), f.hessian(*args)
    for i in range(d):
        e = np.zeros(d)
        e[i] = h
        fd = (f(*(args + e)) - f(*(args - e))) / (2 * h)
        assert fd == pytest.approx(grad[i], rel=1e-5, abs=1e-5)
        fd_row = (f.gradient(*(args + e)) - f.gradient(*(args - e))) / (2 * h)
        assert_allclose(fd_row, hess[i], rtol=1e-5, atol=1e-4)
    assert_allclose(hess, hess.T, rtol=1e-12, atol=1e-12)


# --- kinks: derivatives that are 0 almost everywhere, and no uncompilable leftovers ---
KINKED = [
    ("abs(sqrt(x))", [(0.2, 3.0)]),
    ("abs(x)*abs(y)", [(-2.0, 2.0), (-2.0, 2.0)]),
    ("sign(x)*x^2", [(-2.0, 2.0)]),
    ("relu(x)^2", [(-2.0, 2.0)]),
    ("step(x)*x", [(-2.0, 2.0)]),
    ("abs(sqrt(x)-1)*y", [(0.2, 3.0), (-2.0, 2.0)]),
    ("sign(log(x))*x^3", [(0.2, 3.0)]),
]


def _away_from_kinks(bounds, n=25, seed=1):
    """(d, n) random points at least 0.05 from 0 and from 1 in every coordinate."""
    rng = np.random.default_rng(seed)
    pts = np.array([rng.uniform(lo, hi, 4 * n) for lo, hi in bounds])
    ok = np.all((np.abs(pts) > 0.05) & (np.abs(pts - 1) > 0.05), axis=0)
    return pts[:, ok][:, :n]


@pytest.mark.parametrize("text, bounds", KINKED)
def test_kinked_derivatives_match_central_differences(text, bounds):
    f = parse(text)
    pts = _away_from_kinks(bounds)
    d, h = f.dimension, 1e-5
    grad, hess = f.gradient(*pts), f.hessian(*pts)
    assert np.all(np.isfinite(grad)) and np.all(np.isfinite(hess))
    for i in range(d):
        e = np.zeros((d, 1))
        e[i] = h
        fd_grad = (f(*(pts + e)) - f(*(pts - e))) / (2 * h)
        fd_hess = (f.gradient(*(pts + e)) - f.gradient(*(pts - e))) / (2 * h)
        assert_allclose(grad[i], fd_grad, rtol=1e-6, atol=1e-6)
        assert_allclose(hess[:, i], fd_hess, rtol=1e-6, atol=1e-6)
    for p in pts.T:                                  # the scalar path too
        assert np.all(np.isfinite(f.gradient(*map(float, p))))
        assert np.all(np.isfinite(f.hessian(*map(float, p))))


def test_derivative_of_a_sign_that_sympy_cannot_see_is_real_is_zero():
    f = parse("abs(sqrt(x))")
    assert not f.derivative("x", order=2).expr.has(sp.Derivative)
    assert f.derivative("x", order=3)(4.0) == pytest.approx(3 / 8 * 4 ** -2.5)
    assert parse("sign(sqrt(x))").derivative("x")(2.0) == 0.0


def test_an_uncomputable_derivative_is_a_clear_error():
    from engine.expression import Expression
    x = sp.Symbol("x", real=True)
    f = Expression(sp.Function("g")(x) + x ** 2, ("x",))
    with pytest.raises(ExpressionError, match="derivative of g"):
        f.derivative("x")
    with pytest.raises(ExpressionError, match="cannot be differentiated"):
        f.gradient(1.0)


def test_compile_without_the_hessian_leaves_it_exact_for_first_use():
    f = parse("(1-x)^2 + 100(y-x^2)^2")
    assert f.compile(hessian=False, gradient=False) is f
    assert "_value_grad" in vars(f) and "_f" in vars(f)
    assert "_hess" not in vars(f) and "_grad" not in vars(f)   # they wait for their first use
    np.testing.assert_array_equal(f.hessian(1.0, 2.0), [[1202.0 - 800.0, -400.0], [-400.0, 200.0]])
    np.testing.assert_array_equal(f.gradient(1.0, 2.0), [-400.0 * 1.0, 200.0])
    assert "_hess" in vars(f) and "_grad" in vars(f)


def test_a_derivative_past_a_float_is_infinite_not_an_exception():
    # f″ of 1e308·x² is the exact constant 2·10^308, beyond a float: on arrays it is
    # +inf (as numpy's own overflow), where it raised OverflowError into the 1-D view
    f = parse("1e308*x^2")
    xs = np.array([-1.0, 0.0, 0.5])
    assert np.all(np.isposinf(f.hessian(xs)[0, 0]))
    np.testing.assert_allclose(f(xs), [1e308, 0.0, 2.5e307])
    assert np.all(np.isneginf(parse("-1e308*x^2").hessian(xs)[0, 0]))
