"""engine.optimizers.descend_many: many starts (or learning rates) at once, equal to a
loop of descend, with diverged runs held at nan and converged ones at their end."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose, assert_array_equal

from engine.expression import parse
from engine.optimizers import METHODS, _run_many, descend, descend_many

HIMMELBLAU = parse("(x^2 + y - 11)^2 + (x + y^2 - 7)^2")
STARTS = np.random.default_rng(1).uniform(-5, 5, (12, 2))
# two rates per method: one that settles and one that throws some starts out
RATES = {"gd": (0.005, 0.03), "momentum": (0.002, 0.02), "nesterov": (0.002, 0.02),
         "adagrad": (0.5, 5.0), "rmsprop": (0.01, 0.3), "adam": (0.1, 1.0),
         "newton": (1.0, 0.5)}


def _rows_equal(points, path):
    n = len(path.points)
    assert_allclose(points[:n], path.points, rtol=1e-12, atol=1e-12)
    return n


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("which", [0, 1])
def test_each_column_equals_descend_up_to_its_stop(method, which):
    lr = RATES[method][which]
    runs = _run_many(HIMMELBLAU, STARTS, method, lr=lr, steps=60)
    points = descend_many(HIMMELBLAU, STARTS, method, lr=lr, steps=60)
    assert points.shape == (61, 12, 2)
    assert_array_equal(points, runs.points)
    for i, start in enumerate(STARTS):
        path = descend(HIMMELBLAU, start, method, lr=lr, steps=60, tol=0)
        n = _rows_equal(points[:, i], path)
        assert runs.stop[i] == path.stop_step and runs.status[i] == path.status
        assert np.isnan(points[n:, i]).all()  # only a diverged run stops before 60
        # near a minimum f is a difference of large terms: compare against its scale
        scale = np.nanmax(np.abs(path.values[np.isfinite(path.values)]))
        assert_allclose(runs.values[:n, i], path.values, rtol=1e-12, atol=1e-12 * scale)


def test_a_diverged_run_keeps_its_last_point_then_nan():
    # x <- -2x: f = 4^k first exceeds 1e12 at k = 20, as in descend
    points = descend_many(parse("x^2"), [[1.0], [0.0]], "gd", lr=1.5, steps=30)
    assert points[20, 0, 0] == 2.0**20
    assert np.isnan(points[21:, 0]).all()
    assert_array_equal(points[:, 1], 0.0)  # the other run is untouched by it
    assert_array_equal(points[:21, 0, 0], [(-2.0) ** k for k in range(21)])


def test_with_tol_a_converged_run_repeats_its_last_point():
    bowl = parse("x^2 + 2y^2")
    runs = _run_many(bowl, [[3, 2], [0, 0]], "gd", lr=0.1, steps=150, tol=1e-8)
    path = descend(bowl, (3, 2), "gd", lr=0.1, steps=150)  # tol 1e-8: converges at ~90
    assert list(runs.status) == ["converged", "converged"]
    assert runs.stop[0] == path.stop_step and runs.stop[1] == 0
    _rows_equal(runs.points[:, 0], path)
    assert_array_equal(runs.points[path.stop_step:, 0], path.points[-1:].repeat(
        151 - path.stop_step, axis=0))
    assert_array_equal(runs.points[:, 1], 0.0)


def test_one_learning_rate_per_start_is_a_sweep():
    rates = np.array([0.01, 0.1, 0.45, 0.6])  # 0.6 > 2/4: y diverges
    bowl = parse("x^2 + 2y^2")
    points = descend_many(bowl, np.tile([3.0, 2.0], (4, 1)), "momentum", lr=rates,
                          steps=40, momentum=0.5, weight_decay=0.01)
    for i, lr in enumerate(rates):
        path = descend(bowl, (3, 2), "momentum", lr=lr, steps=40, tol=0, momentum=0.5,
                       weight_decay=0.01)
        _rows_equal(points[:, i], path)


def test_noise_and_clip_match_descend_with_the_same_seed():
    points = descend_many(HIMMELBLAU, STARTS[:4], "adam", lr=0.1, steps=30, noise=2.0,
                          clip=5.0, seed=3)
    for i in range(4):
        path = descend(HIMMELBLAU, STARTS[i], "adam", lr=0.1, steps=30, tol=0, noise=2.0,
                       clip=5.0, seed=3)
        _rows_equal(points[:, i], path)


def test_one_variable_starts_may_be_a_flat_list():
    f = parse("x^4 - 3x^2 + x")
    points = descend_many(f, [2.0, -2.0, 0.1], "newton", steps=5)
    assert points.shape == (6, 3, 1)
    _rows_equal(points[:, 1], descend(f, -2.0, "newton", steps=5, tol=0))


def test_bad_arguments_are_value_errors():
    with pytest.raises(ValueError, match="shape"):
        descend_many(HIMMELBLAU, [[1, 2, 3]], "gd")
    with pytest.raises(ValueError, match="lr"):
        descend_many(HIMMELBLAU, STARTS, "gd", lr=[0.1, 0.2])  # needs 12
    with pytest.raises(ValueError, match="lr"):
        descend_many(HIMMELBLAU, STARTS[:2], "gd", lr=[0.1, np.nan])
    for lr in ("fast", True, [None, 0.1], {"a": 1}):
        with pytest.raises(ValueError, match="lr"):
            descend_many(HIMMELBLAU, STARTS[:2], "gd", lr=lr)
    with pytest.raises(ValueError, match="steps"):
        descend_many(HIMMELBLAU, STARTS, "gd", steps=10**6)
    with pytest.raises(ValueError, match="beta"):
        descend_many(HIMMELBLAU, STARTS, "adam", betas=(0.9, 1.0))


def test_ten_thousand_adam_runs_are_fast():
    import time
    starts = np.random.default_rng(0).uniform(-5, 5, (10_000, 2))
    HIMMELBLAU.compile()
    t0 = time.perf_counter()
    points = descend_many(HIMMELBLAU, starts, "adam", lr=0.1, steps=200)
    elapsed = time.perf_counter() - t0
    assert points.shape == (201, 10_000, 2)
    assert elapsed < 2.0  # ~0.12 s here; generous for a loaded test machine


# --- the batched Newton solve ------------------------------------------------------------


@pytest.mark.parametrize("d", [1, 2, 3])
def test_newton_direction_solves_stacks_like_solve_and_lstsq(d):
    from engine.update_rules import newton_direction

    rng = np.random.default_rng(d)
    h = rng.normal(size=(6, d, d))
    h = h + h.transpose(0, 2, 1)
    g = rng.normal(size=(6, d))
    h[1] = 0.0
    h[1, 0, 0] = 2.0  # singular: least squares, as np.linalg.lstsq
    h[2, 0, 0] = np.nan  # not finite: nan
    g[3, 0] = np.inf
    out = newton_direction(h, g)
    for i in (0, 4, 5):
        assert_allclose(out[i], np.linalg.solve(h[i], g[i]), rtol=1e-10)
        assert_allclose(newton_direction(h[i], g[i]), out[i], rtol=1e-15)  # one = many
    assert_allclose(out[1], np.linalg.lstsq(h[1], g[1], rcond=None)[0], atol=1e-15)
    assert np.isnan(out[2]).all() and np.isnan(out[3]).all()


@settings(max_examples=25, deadline=None)
@given(method=st.sampled_from(METHODS), lr=st.floats(1e-3, 1.0),
       starts=st.lists(st.tuples(st.floats(-4, 4), st.floats(-4, 4)), min_size=1,
                       max_size=5))
def test_descend_many_equals_descend_for_any_starts(method, lr, starts):
    f = parse("x^4 + y^2 + xy")
    points = descend_many(f, starts, method, lr=lr, steps=25)
    for i, start in enumerate(starts):
        path = descend(f, start, method, lr=lr, steps=25, tol=0)
        n = _rows_equal(points[:, i], path)
        assert np.isnan(points[n:, i]).all()
