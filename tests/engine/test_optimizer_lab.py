"""engine.optimizer_lab: the terms inside a step, the quadratic model, the learning-rate
sweep and basins of attraction, checked by hand and against descend."""

import math

import numpy as np
import pytest
from hypothesis import assume, given, settings, strategies as st
from numpy.testing import assert_allclose, assert_array_equal

from engine.calculus import critical_points
from engine.expression import parse
from engine.optimizer_lab import (
    DIVERGED,
    UNFINISHED,
    basins,
    lr_sweep,
    quadratic_model,
    step_terms,
)
from engine.optimizers import descend

BOWL = parse("x^2 + 2y^2")
HIMMELBLAU = parse("(x^2 + y - 11)^2 + (x + y^2 - 7)^2")
HIMMELBLAU_MINIMA = [(-3.779310, -3.283186), (-2.805118, 3.131312), (3, 2),
                     (3.584428, -1.848126)]


# --- step_terms ----------------------------------------------------------------------


def test_gd_terms_are_the_seed_example():
    terms = step_terms(descend(BOWL, (3, 2), "gd", lr=0.1, steps=2))
    # θ1 = θ0 − η∇f(θ0) = (3, 2) − 0.1·(6, 8) = (2.4, 1.2)
    assert_allclose(terms["gradient"][0], [6, 8])
    assert_allclose(terms["plain_step"][0], [-0.6, -0.8])
    assert_allclose(terms["step"][0], [-0.6, -0.8])
    assert np.isnan(terms["step"][-1]).all() and np.isnan(terms["used_gradient"][-1]).all()
    assert set(terms) == {"gradient", "used_gradient", "plain_step", "step"}


def test_momentum_velocity_is_the_buffer_after_the_step():
    path = descend(BOWL, (3, 2), "momentum", lr=0.1, steps=3)
    terms = step_terms(path)
    assert_allclose(terms["velocity"][:3], [[6, 8], [10.2, 12], [11.94, 10.8]])
    assert_allclose(terms["step"][:3], -0.1 * terms["velocity"][:3])


@pytest.mark.parametrize("hyper", [{}, {"amsgrad": True, "betas": (0.8, 0.9)},
                                   {"eps": 0.1, "weight_decay": 0.1}])
def test_adam_step_is_effective_lr_times_m_hat(hyper):
    path = descend(HIMMELBLAU, (0, 0), "adam", lr=0.1, steps=20, **hyper)
    terms = step_terms(path)
    assert_allclose(terms["step"][:-1], -terms["effective_lr"][:-1] * terms["m_hat"][:-1],
                    rtol=1e-12)
    assert_allclose(terms["m_hat"][0], terms["used_gradient"][0], rtol=1e-12)  # m̂1 = g1
    assert_allclose(terms["v_hat"][0], terms["used_gradient"][0] ** 2, rtol=1e-12)
    assert_allclose(terms["effective_lr"][:-1],
                    0.1 / (np.sqrt(terms["v_hat"][:-1]) + path.hyper["eps"]), rtol=1e-12)


@pytest.mark.parametrize("method, hyper", [
    ("adagrad", {"lr_decay": 0.2, "initial_accumulator_value": 0.3}),
    ("rmsprop", {}), ("rmsprop", {"centered": True})])
def test_adaptive_steps_are_effective_lr_times_gradient(method, hyper):
    path = descend(HIMMELBLAU, (0, 0), method, lr=0.05, steps=15, **hyper)
    terms = step_terms(path)
    step = terms["step"][:-1]
    assert_allclose(step, -terms["effective_lr"][:-1] * terms["used_gradient"][:-1],
                    rtol=1e-12, atol=1e-12 * np.abs(step).max())


def test_terms_are_read_only():
    terms = step_terms(descend(BOWL, (3, 2), "adam", lr=0.1, steps=2))
    with pytest.raises(ValueError):
        terms["m_hat"][0, 0] = 1.0
    with pytest.raises(TypeError):
        terms["new"] = 1


# --- quadratic_model -------------------------------------------------------------------


def test_quadratic_model_of_a_quadratic_is_exact():
    f = parse("x^2 + 2y^2 + xy - 3x")  # H = [[2, 1], [1, 4]]
    q = quadratic_model(f, (3, 2))
    assert q.exact
    assert_allclose(q.hessian, [[2, 1], [1, 4]])
    assert_allclose(q.eigenvalues, [3 - math.sqrt(2), 3 + math.sqrt(2)])
    assert_allclose(q.condition, (3 + math.sqrt(2)) / (3 - math.sqrt(2)))
    assert_allclose(q.critical_lr, 2 / (3 + math.sqrt(2)))
    assert_allclose(q.newton_point, [12 / 7, -3 / 7])
    assert_allclose(q.eigenvectors.T @ q.eigenvectors, np.eye(2), atol=1e-14)
    X, Y = np.meshgrid(np.linspace(-2, 2, 5), np.linspace(-1, 3, 4), indexing="ij")
    assert_allclose(q(X, Y), f(X, Y), rtol=1e-12, atol=1e-12)
    assert q(3, 2) == f(3, 2)


def test_critical_lr_separates_convergence_from_divergence():
    q = quadratic_model(BOWL, (3, 2))  # λ_max = 4, so 2/λ_max = 0.5
    assert q.critical_lr == 0.5
    below = descend(BOWL, (3, 2), "gd", lr=0.49, steps=5000)
    above = descend(BOWL, (3, 2), "gd", lr=0.51, steps=5000)
    assert below.status == "converged" and above.status == "diverged"


def test_quadratic_model_away_from_a_quadratic():
    f = parse("x^4 - 3x^2 + x")  # f'' = 12x² − 6: negative at 0, so 2/λ_max is nan
    q = quadratic_model(f, 0)
    assert not q.exact
    assert_allclose(q.hessian, [[-6]])
    assert math.isnan(q.critical_lr)
    assert_allclose(q.newton_point, [1 / 6])  # the parabola's vertex: 0 − 1/(−6)
    assert_allclose(q(0.5), 0 + 0.5 - 3 * 0.25)
    saddle = quadratic_model(parse("x^2 - y^2"), (1, 1))
    assert saddle.condition == 1 and saddle.eigenvalues[0] == -2
    flat = quadratic_model(parse("x^2 + y"), (1, 1))
    assert flat.condition == math.inf
    assert_allclose(flat.newton_point, [0, 1])  # least squares: y left where it is


def test_quadratic_model_where_f_is_undefined_is_nan_not_an_error():
    q = quadratic_model(parse("sqrt(x) + y^2"), (-1, 0))
    assert math.isnan(q.value) and np.isnan(q.newton_point).all()
    assert np.isnan(q.eigenvalues).all() and math.isnan(q.condition)
    assert math.isnan(q.critical_lr)
    with pytest.raises(ValueError, match="coordinates"):
        quadratic_model(BOWL, (1, 2, 3))


# --- lr_sweep ---------------------------------------------------------------------------


def test_lr_sweep_equals_descend_per_rate():
    rates = np.geomspace(1e-3, 1.0, 12)
    sweep = lr_sweep(BOWL, (3, 2), "gd", rates, steps=300)
    for i, lr in enumerate(rates):
        path = descend(BOWL, (3, 2), "gd", lr=lr, steps=300)
        assert sweep.status[i] == path.status and sweep.steps[i] == path.stop_step
        assert_allclose(sweep.final_values[i], path.values[-1], rtol=1e-9, atol=1e-30)
        converged = path.status == "converged"
        assert sweep.steps_to_converge[i] == (path.stop_step if converged else -1)
    # past 2/λ_max = 0.5 every run diverges; a middle rate converges fastest
    assert all(s == "diverged" for s, lr in zip(sweep.status, rates) if lr > 0.5)
    assert sweep.steps_to_converge[rates < 0.5].max() > 0


def test_lr_sweep_takes_hyperparameters_and_refuses_nonsense():
    sweep = lr_sweep(HIMMELBLAU, (0, 0), "adam", [0.01, 0.1], steps=50, betas=(0.8, 0.99))
    assert sweep.final_values[1] == descend(HIMMELBLAU, (0, 0), "adam", lr=0.1, steps=50,
                                            betas=(0.8, 0.99)).values[-1]
    with pytest.raises(ValueError, match="lr"):
        lr_sweep(BOWL, (3, 2), "gd", [0.1, -1])
    with pytest.raises(ValueError, match="lrs"):
        lr_sweep(BOWL, (3, 2), "gd", [])


# --- basins ------------------------------------------------------------------------------


def _grid(n, lo=-5, hi=5):
    xs = np.linspace(lo, hi, n)
    X, Y = np.meshgrid(xs, xs, indexing="ij")
    return np.stack([X.ravel(), Y.ravel()], axis=1)


@pytest.mark.parametrize("method, lr", [("gd", 0.01), ("adam", 0.1)])
def test_basins_find_himmelblaus_four_minima(method, lr):
    starts = _grid(15)
    found = basins(HIMMELBLAU, starts, method, lr, steps=300)
    assert_allclose(found.attractors, HIMMELBLAU_MINIMA, atol=1e-5)
    assert found.kinds == ("minimum",) * 4
    for i in range(0, len(starts), 17):
        label = found.labels[i]
        if label >= 0:  # the run from this start does end at that minimum
            end = descend(HIMMELBLAU, starts[i], method, lr=lr, steps=300).points[-1]
            assert np.linalg.norm(end - found.attractors[label]) < 1e-2
    # a start at a minimum stays in its own basin
    corner = basins(HIMMELBLAU, [[3, 2], [-3.78, -3.28]], method, lr, steps=300)
    assert_array_equal(corner.labels, [1, 0])


def test_basins_against_given_minima_mark_diverged_and_unfinished():
    starts = np.array([[3.1, 2.1], [0.0, 0.0], [100.0, 100.0]])
    found = basins(HIMMELBLAU, starts, "gd", 0.01, steps=3, minima=HIMMELBLAU_MINIMA,
                   radius=0.5)
    # (3.1, 2.1) is near (3, 2) at once; (0, 0) is not anywhere near a minimum in 3
    # steps; from (100, 100) one step of 0.01 flies to about -4e4 and on to overflow
    assert_array_equal(found.labels, [2, UNFINISHED, DIVERGED])
    assert np.isnan(found.ends[2]).all()


def test_newton_basins_include_saddles_and_the_maximum():
    minima = [p.point for p in critical_points(HIMMELBLAU, [(-6, 6), (-6, 6)])]
    found = basins(HIMMELBLAU, _grid(20, -6, 6), "newton", 1.0, steps=60)
    assert len(found.attractors) == 9
    assert_allclose(found.attractors, minima, atol=1e-6)
    assert found.kinds.count("saddle") == 4 and found.kinds.count("maximum") == 1


@settings(max_examples=25, deadline=None)
@given(st.integers(-5, 5), st.integers(-5, 5), st.integers(-3, 3),
       st.sampled_from(["gd", "momentum", "adam", "newton"]))
def test_basins_of_a_linear_f_reach_no_critical_point(a, b, c, method):
    """A linear f has ∇f = (a, b) everywhere and H = 0: its least-squares Newton step is
    0 at every end, which once counted each of N ends as a "degenerate" attractor (the
    basin map of x + y: 2129 critical points in random colours)."""
    assume(a or b)
    f = parse(f"{a}*x + {b}*y + {c}")
    found = basins(f, _grid(12, -3, 3), method, 0.1, steps=20)
    assert len(found.attractors) == 0 and found.kinds == ()
    assert set(found.labels.tolist()) <= {UNFINISHED, DIVERGED}


def test_basins_without_a_critical_point_in_h_s_null_space():
    # x³ + y: H = [[6x, 0], [0, 0]] is singular and ∂f/∂y = 1 is never 0
    # (GD from x > 0 creeps towards x = 0, where the step (x/2, 0) drops below radius)
    found = basins(parse("x^3 + y"), _grid(20, -3, 3), "gd", 0.1, steps=200, radius=0.06)
    assert len(found.attractors) == 0


def test_basins_of_a_valley_of_minima_still_reach_it():
    # (x + y)²: H singular, but ∇f lies in its range: every end on x + y = 0 is a minimum
    starts = _grid(6, -1, 1)
    found = basins(parse("(x + y)^2"), starts, "gd", 0.1, steps=200)
    assert (found.labels >= 0).all()
    assert_allclose(found.attractors.sum(axis=1), 0, atol=1e-6)


@pytest.mark.parametrize("text, point, kind", [
    ("(x-5)^2 + (y-3)^2 + 2xy", (0, 1), "no stationary point"),   # ∇f = (−8, −4)
    ("x^2 + y", (1, 1), "no stationary point"),
    ("x + y", (0, 0), "no stationary point"),                    # H = 0
    ("(x + y)^2", (1, 1), "valley"),
    ("-(x + y)^2", (2, 1), "ridge"),
    ("x^4 + y^4", (0, 0), "flat"),
    ("x^2 - y^2", (1, 1), "saddle"),
    ("x^2 + 2y^2", (3, 2), "minimum"),
    ("-x^2 - y^2", (1, 1), "maximum"),
    ("abs(x)", (1,), "no stationary point"),                     # f″ = 0, f′ = 1
    ("log(x) + log(y)", (0, 0), "undefined"),
    ("log(x) + log(y)", (-0.1, 0.2), "undefined"),               # H finite, f nan
])
def test_quadratic_model_kind_names_its_critical_points(text, point, kind):
    q = quadratic_model(parse(text), point)
    assert q.kind == kind
    assert q.singular == (kind in ("no stationary point", "valley", "ridge", "flat"))


def test_a_singular_hessians_flat_axis_and_condition():
    q = quadratic_model(parse("(x-5)^2 + (y-3)^2 + 2xy"), (0, 1))
    assert_allclose(q.eigenvalues, [0, 4], atol=1e-12)
    assert q.flat_axes.shape == (2, 1) and q.condition == math.inf
    assert_allclose(abs(q.flat_axes[:, 0] @ [1, -1]), math.sqrt(2))


def test_the_model_where_f_is_undefined_is_nan_without_warnings():
    q = quadratic_model(parse("log(x) + log(y)"), (0, 0))   # f = −∞, ∇f = ∞
    X, Y = np.meshgrid(np.linspace(-1, 1, 5), np.linspace(-1, 1, 5), indexing="ij")
    assert np.isnan(q(X, Y)).all() and math.isnan(q(0.5, 0.5))
