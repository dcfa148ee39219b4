"""engine.optimizers: descent paths against hand arithmetic and torch.optim's rules.

Expected iterates are worked out here, independently of the module: literal numbers
where the arithmetic is short, otherwise the torch.optim algorithm box written out with
the gradient formula of the test function.
"""

import math
import subprocess
import sys
from dataclasses import FrozenInstanceError

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose, assert_array_equal

from engine.expression import parse
from engine.optimizers import (
    DEFAULT_LR,
    HYPERPARAMETERS,
    LABELS,
    METHODS,
    Path,
    descend,
)

BOWL = parse("x^2 + 2y^2")  # gradient (2x, 4y)
# gradient (4x^3 + y, 2y + x); minima at ±(1/√8, -1/√32), a saddle at the origin
QUARTIC = parse("x^4 + y^2 + xy")


def quartic_gradient(theta):
    x, y = theta
    return np.array([4 * x**3 + y, 2 * y + x])


def bowl_gradient(theta):
    x, y = theta
    return np.array([2 * x, 4 * y])


# --- the seed examples -------------------------------------------------------------


def test_gd_seed_example_first_steps():
    path = descend(BOWL, (3, 2), "gd", lr=0.1, steps=2)
    assert_allclose(path.points, [[3, 2], [2.4, 1.2], [1.92, 0.72]])
    assert_allclose(path.values, [17, 2.4**2 + 2 * 1.2**2, 1.92**2 + 2 * 0.72**2])
    assert_allclose(path.gradients[:2], [[6, 8], [4.8, 4.8]])
    assert path.status == "max_steps"
    assert path.stop_step == 2


def test_gd_converges_to_the_minimum_and_stops_there():
    path = descend(BOWL, (3, 2), "gd", lr=0.1, steps=500)
    assert path.status == "converged"
    # x shrinks by 0.8 per step, so |grad| = 6 * 0.8^k < 1e-8 after about 92 steps
    assert 80 < path.stop_step < 100
    assert np.linalg.norm(path.gradients[-1]) < 1e-8
    assert np.all(np.linalg.norm(path.gradients[:-1], axis=1) >= 1e-8)
    assert_allclose(path.points[-1], [0, 0], atol=1e-8)


def test_one_variable_loss_reaches_its_minimum():
    loss = parse("(w - 3)^2")
    path = descend(loss, 0, "gd", lr=0.1, steps=500)
    assert path.points.shape == (path.stop_step + 1, 1)
    assert path.status == "converged"
    assert_allclose(path.points[:3, 0], [0, 0.6, 1.08])
    assert_allclose(path.points[-1], [3], atol=1e-8)


def test_start_point_already_converged():
    path = descend(BOWL, (0, 0), "adam", lr=0.1)
    assert path.status == "converged"
    assert path.stop_step == 0
    assert_allclose(path.points, [[0, 0]])


# --- first three steps of every method, by hand ----------------------------------------


def test_momentum_default_first_three_steps():
    # b1 = g1 = (6, 8); b2 = 0.9 b1 + g2; b3 = 0.9 b2 + g3; theta -= 0.1 b
    path = descend(BOWL, (3, 2), "momentum", lr=0.1, steps=3)
    expected = [[3, 2], [2.4, 1.2], [1.38, 0.0], [0.186, -1.08]]
    assert_allclose(path.points, expected, atol=1e-14)


def test_momentum_with_dampening_and_weight_decay():
    lr, mu, tau, wd = 0.05, 0.8, 0.2, 0.1
    theta, buffer = np.array([1.0, -1.0]), None
    expected = [theta]
    for _ in range(3):
        g = quartic_gradient(theta) + wd * theta
        buffer = g if buffer is None else mu * buffer + (1 - tau) * g
        theta = theta - lr * buffer
        expected.append(theta)
    path = descend(QUARTIC, (1, -1), "momentum", lr=lr, steps=3,
                   momentum=mu, dampening=tau, weight_decay=wd)
    # step 1: g = (3, -1) + 0.1 (1, -1) = (3.1, -1.1), undampened
    assert_allclose(path.points[1], [1 - 0.155, -1 + 0.055])
    assert_allclose(path.points, expected, rtol=1e-12)
    assert_allclose(path.gradients[1], quartic_gradient(expected[1]), rtol=1e-12)


def test_nesterov_momentum_half_first_three_steps():
    # g + mu*b with mu = 0.5: (9, 12), (7.8, 6.8), (5.76, 2.52)
    path = descend(BOWL, (3, 2), "nesterov", lr=0.1, steps=3, momentum=0.5)
    assert_allclose(path.points, [[3, 2], [2.1, 0.8], [1.32, 0.12], [0.744, -0.132]],
                    atol=1e-14)


def test_adagrad_with_lr_decay_and_initial_accumulator():
    lr, decay, init, eps = 0.5, 0.1, 0.5, 1e-10
    theta, state_sum = np.array([1.0, -1.0]), init
    expected = [theta]
    for t in (1, 2, 3):
        g = quartic_gradient(theta)
        state_sum = state_sum + g**2
        theta = theta - lr / (1 + (t - 1) * decay) * g / (np.sqrt(state_sum) + eps)
        expected.append(theta)
    path = descend(QUARTIC, (1, -1), "adagrad", lr=lr, steps=3,
                   lr_decay=decay, initial_accumulator_value=init)
    assert_allclose(path.points[1], [1 - 1.5 / math.sqrt(9.5), -1 + 0.5 / math.sqrt(1.5)])
    assert_allclose(path.points, expected, rtol=1e-12)


def test_rmsprop_centered_with_momentum():
    lr, alpha, mu, eps = 0.01, 0.9, 0.5, 1e-8
    theta = np.array([1.0, -1.0])
    square_avg = grad_avg = buffer = 0.0
    expected = [theta]
    for _ in range(3):
        g = quartic_gradient(theta)
        square_avg = alpha * square_avg + (1 - alpha) * g**2
        grad_avg = alpha * grad_avg + (1 - alpha) * g
        buffer = mu * buffer + g / (np.sqrt(square_avg - grad_avg**2) + eps)
        theta = theta - lr * buffer
        expected.append(theta)
    path = descend(QUARTIC, (1, -1), "rmsprop", lr=lr, steps=3,
                   alpha=alpha, momentum=mu, centered=True)
    # step 1: variance 0.1 g^2 - 0.01 g^2 = 0.09 g^2, so the step is lr/0.3 per coordinate
    assert_allclose(path.points[1], [1 - 0.01 / 0.3, -1 + 0.01 / 0.3], rtol=1e-7)  # eps
    assert_allclose(path.points, expected, rtol=1e-12)


def test_rmsprop_default_first_three_steps():
    lr, alpha, eps = 0.01, 0.99, 1e-8
    theta, square_avg = np.array([3.0, 2.0]), 0.0
    expected = [theta]
    for _ in range(3):
        g = bowl_gradient(theta)
        square_avg = alpha * square_avg + (1 - alpha) * g**2
        theta = theta - lr * g / (np.sqrt(square_avg) + eps)
        expected.append(theta)
    path = descend(BOWL, (3, 2), "rmsprop", steps=3)  # lr defaults to 1e-2
    # first step: g / sqrt(0.01 g^2) = 10 sign(g)
    assert_allclose(path.points[1], [2.9, 1.9], rtol=1e-9)
    assert_allclose(path.points, expected, rtol=1e-12)


def test_adam_default_first_three_steps():
    lr, b1, b2, eps = 0.1, 0.9, 0.999, 1e-8
    theta, m, v = np.array([3.0, 2.0]), 0.0, 0.0
    expected = [theta]
    for t in (1, 2, 3):
        g = bowl_gradient(theta)
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g**2
        m_hat, v_hat = m / (1 - b1**t), v / (1 - b2**t)
        theta = theta - lr * m_hat / (np.sqrt(v_hat) + eps)
        expected.append(theta)
    path = descend(BOWL, (3, 2), "adam", lr=lr, steps=3)
    assert_allclose(path.points[1], [2.9, 1.9], rtol=1e-9)  # first step: lr * sign(g)
    assert_allclose(path.points, expected, rtol=1e-12)


def test_adam_amsgrad_keeps_the_largest_second_moment():
    lr, b1, b2, eps = 0.1, 0.8, 0.5, 1e-8
    theta, m, v, v_max = np.array([1.0, -1.0]), 0.0, 0.0, 0.0
    expected = [theta]
    for t in (1, 2, 3):
        g = quartic_gradient(theta)
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g**2
        v_max = np.maximum(v_max, v)  # torch: max of the uncorrected v, corrected after
        theta = theta - lr * (m / (1 - b1**t)) / (np.sqrt(v_max / (1 - b2**t)) + eps)
        expected.append(theta)
    path = descend(QUARTIC, (1, -1), "adam", lr=lr, steps=3, betas=(b1, b2), amsgrad=True)
    plain = descend(QUARTIC, (1, -1), "adam", lr=lr, steps=3, betas=(b1, b2))
    assert_allclose(path.points, expected, rtol=1e-12)
    # x's gradient falls from 3 to about 2, so v shrinks and amsgrad takes smaller steps
    assert abs(path.points[3, 0] - plain.points[3, 0]) > 1e-3


def test_first_steps_of_gd_and_adagrad_on_the_quartic():
    # gd: (1, -1) - 0.05 (3, -1); adagrad's first step is lr * g / |g| = lr * sign(g)
    gd = descend(QUARTIC, (1, -1), "gd", lr=0.05, steps=1)
    adagrad = descend(QUARTIC, (1, -1), "adagrad", steps=1)
    assert_allclose(gd.points[1], [0.85, -0.95])
    assert_allclose(adagrad.points[1], [0.99, -0.99], rtol=1e-9)


def test_default_learning_rates_are_pytorchs():
    assert DEFAULT_LR == {"gd": 1e-3, "momentum": 1e-3, "nesterov": 1e-3,
                          "adagrad": 1e-2, "rmsprop": 1e-2, "adam": 1e-3, "newton": 1.0}
    path = descend(BOWL, (3, 2), "gd", steps=1)
    assert path.lr == 1e-3
    assert_allclose(path.points[1], [3 - 6e-3, 2 - 8e-3])


def test_hyperparameter_table_has_pytorchs_names_and_defaults():
    assert set(HYPERPARAMETERS) == set(LABELS) == set(METHODS)
    assert HYPERPARAMETERS["momentum"] == {"momentum": 0.9, "dampening": 0.0}
    assert HYPERPARAMETERS["nesterov"]["momentum"] == 0.9
    assert HYPERPARAMETERS["adagrad"] == {
        "lr_decay": 0.0, "initial_accumulator_value": 0.0, "eps": 1e-10}
    assert HYPERPARAMETERS["rmsprop"] == {"alpha": 0.99, "eps": 1e-8, "momentum": 0.0,
                                          "centered": False}
    assert HYPERPARAMETERS["adam"] == {
        "betas": (0.9, 0.999), "eps": 1e-8, "amsgrad": False}


# --- Newton ----------------------------------------------------------------------------


def test_newton_solves_a_quadratic_in_one_step():
    # grad = (2x + y - 3, x + 4y) = 0 at x = 12/7, y = -3/7
    f = parse("x^2 + 2y^2 + xy - 3x")
    path = descend(f, (3, 2), "newton", steps=10)
    assert path.status == "converged"
    assert path.stop_step == 1
    assert_allclose(path.points[1], [12 / 7, -3 / 7], rtol=1e-12)


@pytest.mark.parametrize("text", ["x^2 - y^2", "-x^2 - y^2"])
def test_newton_goes_to_a_saddle_or_a_maximum(text):
    path = descend(parse(text), (1, 2), "newton", steps=10)
    assert path.status == "converged"
    assert path.stop_step == 1
    assert_allclose(path.points[1], [0, 0], atol=1e-15)


def test_damped_newton_and_one_variable():
    assert_allclose(descend(BOWL, (3, 2), "newton", lr=0.5, steps=1).points[1], [1.5, 1])
    assert_allclose(descend(parse("(w - 3)^2"), 0, "newton", steps=1).points[1], [3])


def test_newton_with_a_singular_hessian_takes_the_least_squares_step():
    # H = [[2, 0], [0, 0]]: the pseudo-inverse step fixes x and leaves y alone, forever
    path = descend(parse("x^2 + y"), (2, 1), "newton", steps=5)
    assert path.status == "max_steps"
    assert_allclose(path.points, [[2, 1]] + [[0, 1]] * 5, atol=1e-15)


# --- divergence ---------------------------------------------------------------------


def test_gd_with_too_large_a_step_diverges():
    # x <- x - 1.5 * 2x = -2x, so f = 4^k, first above 1e12 at k = 20
    path = descend(parse("x^2"), 1, "gd", lr=1.5, steps=100)
    assert path.status == "diverged"
    assert path.stop_step == 20
    assert path.points[-1, 0] == 2.0**20
    assert path.values[-1] == 4.0**20


def test_undefined_value_ends_the_path_without_raising():
    # log(1) - 10 * 1 = -9, where log is undefined
    path = descend(parse("log(x)"), 1, "gd", lr=10, steps=50)
    assert path.status == "diverged"
    assert path.stop_step == 1
    assert path.points[-1, 0] == -9
    assert np.isnan(path.values[-1])


@pytest.mark.parametrize("method", METHODS)
def test_overflow_never_raises(method):
    # f(5) = e^25 and f'(5) = 7e11: one plain step of lr 10 lands where exp overflows
    path = descend(parse("exp(x^2)"), 5, method, lr=10, steps=50)
    assert path.status in ("converged", "diverged", "max_steps")
    if method in ("gd", "momentum", "nesterov"):
        assert path.status == "diverged" and path.stop_step == 1
        assert path.values[-1] == np.inf


# --- noise and clipping ------------------------------------------------------------


def test_noise_is_reproducible_and_recorded_gradients_stay_true():
    a = descend(BOWL, (3, 2), "gd", lr=0.1, steps=20, noise=0.5, seed=7)
    b = descend(BOWL, (3, 2), "gd", lr=0.1, steps=20, noise=0.5, seed=7)
    c = descend(BOWL, (3, 2), "gd", lr=0.1, steps=20, noise=0.5, seed=8)
    assert_array_equal(a.points, b.points)
    assert not np.allclose(a.points, c.points)
    z = np.random.default_rng(7).standard_normal(2)
    assert_allclose(a.points[1], [3, 2] - 0.1 * ([6, 8] + 0.5 * z))
    assert_allclose(a.gradients, [bowl_gradient(p) for p in a.points])


def test_zero_noise_and_loose_clip_equal_the_plain_path():
    plain = descend(QUARTIC, (1, -1), "adam", lr=0.05, steps=30)
    for other in (descend(QUARTIC, (1, -1), "adam", lr=0.05, steps=30, noise=0.0, seed=3),
                  descend(QUARTIC, (1, -1), "adam", lr=0.05, steps=30, clip=100.0)):
        assert_array_equal(other.points, plain.points)


def test_clip_bounds_every_gd_step_even_after_noise():
    path = descend(BOWL, (3, 2), "gd", lr=0.1, steps=30, clip=1.0)
    # |grad| = 10 at the start: rescaled by 1 / (10 + 1e-6) as clip_grad_norm_ does
    expected = [3 - 0.06 / (1 + 1e-7), 2 - 0.08 / (1 + 1e-7)]
    assert_allclose(path.points[1], expected, rtol=1e-14)
    noisy = descend(BOWL, (3, 2), "gd", lr=0.1, steps=30, clip=1.0, noise=100.0)
    for p in (path, noisy):
        assert np.all(np.linalg.norm(np.diff(p.points, axis=0), axis=1) <= 0.1 * 1.0)


# --- the Path and argument checking -------------------------------------------------


def test_path_is_frozen_and_repeatable_from_its_own_settings():
    path = descend(QUARTIC, (1, -1), "rmsprop", lr=0.02, steps=15, noise=0.3, seed=4,
                   centered=True, weight_decay=0.01)
    assert isinstance(path, Path)
    assert path.hyper["centered"] is True and path.hyper["alpha"] == 0.99
    with pytest.raises(FrozenInstanceError):
        path.status = "converged"
    with pytest.raises(ValueError):
        path.points[0, 0] = 1.0  # read-only array
    again = descend(QUARTIC, path.points[0], path.method, lr=path.lr, steps=15,
                    **path.hyper)
    assert_array_equal(again.points, path.points)


def test_unknown_method_or_hyperparameter_is_a_value_error_naming_it():
    with pytest.raises(ValueError, match="sgd"):
        descend(BOWL, (3, 2), "sgd")
    with pytest.raises(ValueError, match="beta1"):
        descend(BOWL, (3, 2), "adam", beta1=0.5)
    with pytest.raises(ValueError, match="momentum"):
        descend(BOWL, (3, 2), "gd", momentum=0.5)  # gd has no momentum; use "momentum"
    with pytest.raises(ValueError, match="coordinates"):
        descend(BOWL, (3, 2, 1), "gd")


def test_engine_optimizers_imports_no_qt():
    code = ("import sys, engine.optimizers; "
            "sys.exit(any(m.split('.')[0] in ('PySide6', 'PyQt5', 'PyQt6', 'pyqtgraph') "
            "for m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


# --- properties ---------------------------------------------------------------------


@settings(max_examples=30, deadline=None)
@given(
    a=st.floats(0.1, 5), c=st.floats(0.1, 5), r=st.floats(-0.9, 0.9),
    fraction=st.floats(0.05, 0.95),
    start=st.tuples(st.floats(-10, 10), st.floats(-10, 10)),
)
def test_gd_never_goes_uphill_on_a_positive_definite_quadratic(a, c, r, fraction, start):
    a, c, b = round(a, 6), round(c, 6), round(r * 2 * math.sqrt(a * c), 6)  # b^2 < 4ac
    f = parse(f"{a}*x^2 + ({b})*x*y + {c}*y^2")
    largest = np.linalg.eigvalsh([[2 * a, b], [b, 2 * c]])[-1]
    # below lr = 2/lambda_max every gd step on a quadratic decreases f
    path = descend(f, start, "gd", lr=fraction * 2 / largest, steps=60)
    assert path.status in ("converged", "max_steps")
    assert np.all(np.diff(path.values) <= 1e-12 * (1 + path.values[:-1]))


@settings(max_examples=60, deadline=None)
@given(method=st.sampled_from(METHODS),
       start=st.tuples(st.floats(-3, 3), st.floats(-3, 3)),
       lr=st.floats(1e-3, 2.0), noise=st.sampled_from([0.0, 0.5]),
       clip=st.sampled_from([None, 1.0]))
def test_path_invariants_for_every_method(method, start, lr, noise, clip):
    path = descend(QUARTIC, start, method, lr=lr, steps=40, noise=noise, clip=clip)
    n = path.stop_step + 1
    assert path.points.shape == (n, 2) and path.gradients.shape == (n, 2)
    assert path.values.shape == (n,)
    assert_allclose(path.points[0], start)
    finite = np.isfinite(path.points).all(axis=1) & (np.abs(path.values) <= 1e12)
    norms = np.linalg.norm(path.gradients, axis=1)
    assert finite[:-1].all() and (norms[:-1] >= 1e-8).all()  # nothing stopped it earlier
    if path.status == "diverged":
        assert not finite[-1]
    elif path.status == "converged":
        assert norms[-1] < 1e-8
    else:
        assert path.status == "max_steps" and path.stop_step == 40
    assert_allclose(path.values[finite], [QUARTIC(*p) for p in path.points[finite]])
    true_gradients = [quartic_gradient(p) for p in path.points[finite]]
    assert_allclose(path.gradients[finite], true_gradients, rtol=1e-12, atol=1e-12)


# --- Path.state and the gradient used (the torch comparisons are in test_torch_reference) --


@pytest.mark.parametrize("method, hyper, names", [
    ("gd", {}, set()),
    ("newton", {}, set()),
    ("momentum", {}, {"momentum_buffer"}),
    ("nesterov", {}, {"momentum_buffer"}),
    ("adagrad", {}, {"sum"}),
    ("rmsprop", {}, {"square_avg"}),
    ("rmsprop", {"centered": True, "momentum": 0.5},
     {"square_avg", "grad_avg", "momentum_buffer"}),
    ("adam", {}, {"exp_avg", "exp_avg_sq"}),
    ("adam", {"amsgrad": True}, {"exp_avg", "exp_avg_sq", "max_exp_avg_sq"}),
])
def test_state_has_torchs_names_one_row_per_point(method, hyper, names):
    path = descend(QUARTIC, (1, -1), method, lr=0.01, steps=7, **hyper)
    assert set(path.state) == names
    for rows in path.state.values():
        assert rows.shape == (8, 2)
        with pytest.raises(ValueError):
            rows[0, 0] = 1.0  # read-only
    with pytest.raises(TypeError):
        path.state["sum"] = np.zeros((8, 2))  # a read-only mapping


def test_momentum_state_by_hand_row_zero_is_zeros():
    path = descend(BOWL, (3, 2), "momentum", lr=0.1, steps=3)
    # b1 = (6, 8), b2 = 0.9 b1 + (4.8, 4.8), b3 = 0.9 b2 + (2.76, 0)
    assert_allclose(path.state["momentum_buffer"],
                    [[0, 0], [6, 8], [10.2, 12], [11.94, 10.8]], rtol=1e-14)


def test_adagrad_state_starts_at_the_initial_accumulator_value():
    path = descend(BOWL, (3, 2), "adagrad", lr=0.1, steps=2, initial_accumulator_value=0.5)
    assert_allclose(path.state["sum"][:2], [[0.5, 0.5], [36.5, 64.5]])


def test_used_gradients_include_noise_clip_and_weight_decay():
    plain = descend(BOWL, (3, 2), "gd", lr=0.1, steps=4)
    assert_array_equal(plain.used_gradients[:-1], plain.gradients[:-1])
    assert np.isnan(plain.used_gradients[-1]).all()  # no step from the last point
    decayed = descend(BOWL, (3, 2), "gd", lr=0.1, steps=4, weight_decay=0.5, clip=1.0)
    g = np.array([6.0, 8.0]) / (10 + 1e-6) + 0.5 * np.array([3.0, 2.0])
    assert_allclose(decayed.used_gradients[0], g, rtol=1e-14)
    # for gd the step taken is exactly -lr times the gradient used
    assert_allclose(np.diff(decayed.points, axis=0), -0.1 * decayed.used_gradients[:-1])


def test_a_converged_or_diverged_path_has_state_rows_to_its_end():
    path = descend(parse("x^2"), 1, "adam", lr=2.0, steps=500, betas=(0.0, 0.0))
    assert all(rows.shape == (len(path.points), 1) for rows in path.state.values())
    assert len(path.used_gradients) == len(path.points)


# --- every bad argument is a ValueError (issue 16) -----------------------------------


@pytest.mark.parametrize("method, keywords, words", [
    ("gd", {"seed": "abc"}, "seed"),
    ("gd", {"seed": -1}, "seed"),
    ("gd", {"seed": 1.5}, "seed"),
    ("adagrad", {"lr_decay": -1}, "lr_decay"),
    ("gd", {"lr": np.nan}, "lr"),
    ("gd", {"lr": np.inf}, "lr"),
    ("gd", {"lr": -0.1}, "lr"),
    ("gd", {"lr": "fast"}, "lr"),
    ("adam", {"eps": -1e-8}, "eps"),
    ("adam", {"betas": (0.9, 1.0)}, "betas"),
    ("adam", {"betas": (-0.1, 0.9)}, "betas"),
    ("adam", {"betas": 0.9}, "betas"),
    ("adam", {"amsgrad": "yes"}, "amsgrad"),
    ("momentum", {"momentum": -0.5}, "momentum"),
    ("momentum", {"dampening": 2}, "dampening"),
    ("rmsprop", {"alpha": 1.5}, "alpha"),
    ("rmsprop", {"momentum": None}, "momentum"),
    ("adagrad", {"initial_accumulator_value": -1}, "initial_accumulator_value"),
    ("gd", {"steps": 2.5}, "steps"),
    ("gd", {"steps": "10"}, "steps"),
    ("gd", {"steps": -1}, "steps"),
    ("gd", {"steps": 5_000_000}, "100,000"),
    ("gd", {"tol": np.nan}, "tol"),
    ("gd", {"noise": -1}, "noise"),
    ("gd", {"clip": 0}, "clip"),
    ("gd", {"clip": np.nan}, "clip"),
    ("gd", {"weight_decay": np.inf}, "weight_decay"),
])
def test_bad_arguments_raise_value_error_naming_them(method, keywords, words):
    with pytest.raises(ValueError, match=words):
        descend(BOWL, (3, 2), method, **keywords)


def test_arguments_at_the_edges_are_accepted():
    descend(BOWL, (3, 2), "gd", lr=0.0, steps=0, seed=2**80)
    descend(BOWL, (3, 2), "adam", betas=(0.0, 0.0), eps=0.0, amsgrad=np.bool_(True))
    descend(BOWL, (3, 2), "rmsprop", alpha=1.0, momentum=0.0, steps=np.int64(3))
    path = descend(BOWL, (3, 2), "gd", lr=0.1, steps=100_000, tol=1e-8)
    assert path.status == "converged"
