"""engine.run_ends: where many runs end, without their paths and dropping stopped runs
as it goes: the same bits as _run_many (descend_many's engine), the same ends, stop
steps and statuses as a loop of descend, for runs that converge early, diverge or run
to the end."""

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal

from engine import update_rules
from engine.expression import parse
from engine.optimizer_settings import method_settings
from engine.optimizers import METHODS, _run_many, descend
from engine.run_ends import run_ends

HIMMELBLAU = parse("(x^2 + y - 11)^2 + (x + y^2 - 7)^2")
STARTS = np.random.default_rng(4).uniform(-6, 6, (40, 2))
# per method: a rate at which some of STARTS converge (tol 1e-6) before 150 steps and
# one at which some diverge
RATES = {"gd": (0.01, 0.03), "momentum": (0.002, 0.02), "nesterov": (0.002, 0.02),
         "adagrad": (0.5, 5.0), "rmsprop": (0.01, 0.3), "adam": (0.05, 1.0),
         "newton": (1.0, 0.5)}


def _assert_same_bits(ends, runs):
    n = len(runs.stop)
    assert_array_equal(ends.stop, runs.stop)
    assert_array_equal(ends.status, runs.status)
    assert_array_equal(ends.points, runs.points[runs.stop, np.arange(n)])
    assert_array_equal(ends.values, runs.values[runs.stop, np.arange(n)])


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("which", [0, 1])
def test_ends_are_run_manys_bits(method, which):
    lr = RATES[method][which]
    ends = run_ends(HIMMELBLAU, STARTS, method, lr=lr, steps=150, tol=1e-6)
    _assert_same_bits(ends, _run_many(HIMMELBLAU, STARTS, method, lr=lr, steps=150,
                                      tol=1e-6))


@pytest.mark.parametrize("method", METHODS)
def test_each_end_is_where_descend_ends(method):
    # both rates together: some runs stop early by converging, some by diverging
    lrs = np.repeat(RATES[method], 20)
    starts = STARTS[:40]
    ends = run_ends(HIMMELBLAU, starts, method, lr=lrs, steps=150, tol=1e-6)
    statuses = set()
    for i, (start, lr) in enumerate(zip(starts, lrs)):
        path = descend(HIMMELBLAU, start, method, lr=lr, steps=150, tol=1e-6)
        assert (ends.stop[i], ends.status[i]) == (path.stop_step, path.status)
        # descend evaluates f on Python floats, the many-run engines on arrays: the last
        # bits differ, and 150 steps of a run bouncing between basins (nesterov at 0.02)
        # grow that to ~1e-9; a wrong step would be off by far more
        assert_allclose(ends.points[i], path.points[-1], rtol=1e-8, atol=1e-8)
        statuses.add(path.status)
    # the cases this is about really happen (adaptive steps stay bounded: no divergence)
    assert ("diverged" in statuses) == (method in ("gd", "momentum", "nesterov"))
    assert ("converged" in statuses) == (method not in ("momentum", "adam"))


def test_early_stops_mixed_with_long_runs():
    """Runs that stop at different steps are dropped while the others go on: the ones
    left must step exactly as if nobody had left."""
    bowl = parse("x^2 + 2y^2")
    rates = np.array([0.1, 0.2, 0.45, 0.6, 0.05, 0.3, 0.01, 0.7])  # > 0.5 diverges in y
    starts = np.tile([3.0, 2.0], (8, 1))
    ends = run_ends(bowl, starts, "gd", lr=rates, steps=400, tol=1e-8,
                    weight_decay=0.01)
    stops = set()
    for i, lr in enumerate(rates):
        path = descend(bowl, (3, 2), "gd", lr=lr, steps=400, weight_decay=0.01)
        assert (ends.stop[i], ends.status[i]) == (path.stop_step, path.status)
        assert_allclose(ends.points[i], path.points[-1], rtol=1e-12, atol=1e-15)
        stops.add(path.stop_step)
    assert len(stops) >= 6                  # they really did stop at different steps
    assert {"converged", "diverged", "max_steps"} == set(ends.status)


@pytest.mark.parametrize(("method", "hyper"), [
    ("adam", {"amsgrad": True}), ("adam", {"betas": (0.3, 0.99)}),
    ("adam", {"betas": (0.7, 0.9), "amsgrad": True, "eps": 1e-3}),
    ("momentum", {"momentum": 0.5, "dampening": 0.3}), ("nesterov", {"momentum": 0.95}),
    ("rmsprop", {"centered": True, "momentum": 0.5}),
    ("adagrad", {"lr_decay": 0.01, "initial_accumulator_value": 0.1})])
@pytest.mark.parametrize("text", ["x^4 + y^2 + x*y + (z - 1)^2 + sin(x*z)",
                                  "x^4 - 3x^2 + x"])
def test_hyperparameters_noise_clip_and_dimensions(method, hyper, text):
    f = parse(text)
    starts = np.random.default_rng(5).uniform(-3, 3, (30, f.dimension))
    lrs = np.geomspace(1e-3, 2.0, 30)
    for keywords in ({"tol": 1e-6}, {"noise": 0.5, "clip": 2.0, "weight_decay": 0.05,
                                      "seed": 7}):
        ends = run_ends(f, starts, method, lr=lrs, steps=120, **keywords, **hyper)
        runs = _run_many(f, starts, method, lr=lrs, steps=120, **keywords, **hyper)
        _assert_same_bits(ends, runs)


@pytest.mark.parametrize(("method", "hyper"), [
    ("gd", {}), ("momentum", {"dampening": 0.3}), ("nesterov", {"momentum": 0.8}),
    ("adam", {"amsgrad": True}), ("adam", {"betas": (0.3, 0.99)}),
    ("adagrad", {"lr_decay": 0.1, "initial_accumulator_value": 0.2}), ("rmsprop", {}),
    ("rmsprop", {"centered": True, "momentum": 0.5}),
    ("rmsprop", {"centered": True, "alpha": 0.3})])      # lerp's other form
def test_in_place_rules_step_to_the_same_bits(method, hyper):
    rng = np.random.default_rng(6)
    theta, lr = rng.normal(size=(2, 50)), rng.uniform(0.01, 0.5, 50)
    settings = method_settings(method, {"momentum": 0.9, **hyper}
                               if method == "momentum" else hyper)
    fresh = update_rules.make(method, lr, (2, 50), settings)
    in_place = update_rules.make(method, lr, (2, 50), settings)
    in_place.in_place = True
    a, b = theta.copy(), theta.copy()
    for _ in range(20):
        g = np.sin(3 * a) + a            # some gradient that depends on where we are
        a = fresh.step(a, g)
        b = in_place.step(b, g.copy())
        assert_array_equal(a, b)
    for name, value in fresh.state().items():
        assert_array_equal(in_place.state()[name], value)


def test_keep_runs_drops_columns_of_state_and_rates():
    rule = update_rules.make("adam", np.array([0.1, 0.2, 0.3]), (2, 3),
                             method_settings("adam", {}))
    theta = rule.step(np.ones((2, 3)), np.array([[1.0, 2, 3], [4, 5, 6]]))
    update_rules.keep_runs(rule, np.array([True, False, True]))
    assert_array_equal(rule.lr, [0.1, 0.3])
    assert rule.exp_avg.shape == rule.exp_avg_sq.shape == (2, 2)
    assert_allclose(rule.exp_avg, [[0.1, 0.3], [0.4, 0.6]], rtol=1e-15)
    assert theta.shape == (2, 3)


def test_all_runs_stopped_at_once_and_zero_steps():
    ends = run_ends(parse("x^2 + y^2"), [[0.0, 0.0], [0.0, 0.0]], "gd", lr=0.1,
                    steps=50, tol=1e-8)
    assert list(ends.status) == ["converged"] * 2 and list(ends.stop) == [0, 0]
    ends = run_ends(HIMMELBLAU, STARTS[:3], "adam", lr=0.1, steps=0)
    assert_array_equal(ends.points, STARTS[:3])
    assert list(ends.status) == ["max_steps"] * 3


@pytest.mark.parametrize("text", ["x + y^2", "x^2/2 + y", "sqrt(x) + y^2", "3", "log(x*y)"])
def test_functions_whose_compiled_code_returns_constants_inputs_or_nan(text):
    """A constant partial derivative, ∇f passing x straight through, nan where f is
    undefined: what f's compiled code hands back in these cases goes the public way."""
    f = parse(text)
    starts = np.random.default_rng(8).uniform(-2, 2, (25, f.dimension))
    ends = run_ends(f, starts, "adam", lr=0.2, steps=40, tol=1e-6)
    runs = _run_many(f, starts, "adam", lr=0.2, steps=40, tol=1e-6)
    _assert_same_bits(ends, runs)
    if text.startswith(("sqrt", "log")):
        assert "diverged" in set(ends.status)
