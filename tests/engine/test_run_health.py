"""engine.run_health: a run seen diverging long before |f| passes 1e12, and f with no
minimum (the sample lecture's scenes 8 and 9), with the real numbers."""
import numpy as np
import pytest
from numpy.testing import assert_allclose

from engine.expression import parse
from engine.optimizers import METHODS, descend
from engine.run_health import (Divergence, divergence, diverging_from, kept_decreasing,
                               no_minimum, unbounded_direction)

BOWL = parse("x^2 + 2y^2")
ROUTE = parse("(x-5)^2 + (y-3)^2 + 2xy")       # H = [[2, 2], [2, 2]], no critical point


def test_gd_past_two_over_lambda_max_is_seen_diverging_at_step_4():
    # y ← (1 − 4·0.55) y = −1.2 y: f = 17, 11.61, 16.59, 23.89, 34.4 … grows ×1.44 a step
    path = descend(BOWL, (3, 2), "gd", lr=0.55, steps=30)
    assert path.status == "max_steps"                 # |f| never passed 1e12 in 30 steps
    assert diverging_from(path.values) == 4
    assert divergence(BOWL, path, 3) is None
    seen = divergence(BOWL, path, 12)
    assert seen == Divergence(step=4, growth=pytest.approx(1.44), lr=0.55,
                              lambda_max=pytest.approx(4.0), limit=pytest.approx(0.5),
                              quadratic=True)
    assert seen.above_limit


def test_gd_below_the_limit_is_not_diverging_and_other_methods_get_no_limit():
    assert divergence(BOWL, descend(BOWL, (3, 2), "gd", lr=0.45, steps=60), 60) is None
    path = descend(BOWL, (3, 2), "momentum", lr=1.0, steps=30)   # ηλ > 2(1 + μ) = 3.8
    seen = divergence(BOWL, path, 30)
    assert seen is not None and seen.lambda_max is None and seen.limit is None
    assert not seen.above_limit


@pytest.mark.parametrize("method", METHODS)
def test_converging_runs_are_never_called_diverging(method):
    # momentum climbs back up for a few steps as it swings, never above where it began
    path = descend(BOWL, (3, 2), method, lr=0.1 if method != "newton" else None, steps=200)
    assert path.status != "diverged"
    assert all(divergence(BOWL, path, k) is None for k in range(path.stop_step + 1))


def test_a_blow_up_before_three_rises_is_diverging_at_its_stop():
    path = descend(parse("exp(x^2)"), (2.0,), "gd", lr=1.0, steps=20)
    assert path.status == "diverged" and path.stop_step < 4
    seen = divergence(parse("exp(x^2)"), path, path.stop_step)
    assert seen is not None and seen.step == path.stop_step and not seen.quadratic


def test_the_delivery_route_cost_is_unbounded_below_along_1_minus_1():
    path = descend(ROUTE, (1, 1), "gd", lr=0.1, steps=40)
    assert path.status == "max_steps"
    found = no_minimum(ROUTE, path, ((-2, 6), (-4, 4)))
    assert found.unbounded and found.steps == 40
    assert_allclose(found.direction, np.array([1, -1]) / np.sqrt(2))
    # f(t·(1, −1)) = (t−5)² + (−t−3)² − 2t² = 34 − 4t: falls without end
    t = np.array([0.0, 10.0, 100.0])
    assert_allclose(ROUTE(t, -t), 34 - 4 * t)


def test_quadratics_with_a_minimum_or_a_valley_are_not_unbounded():
    assert unbounded_direction(BOWL, [(0, 0), (3, 2), (-1, 5)]) is None
    valley = parse("(x - y)^2")                       # semidefinite, ∇f in H's range
    assert unbounded_direction(valley, [(0, 0), (3, 2)]) is None
    assert_allclose(unbounded_direction(parse("x^2 - y^2"), [(0, 0), (1, 1)]), [0, 1])
    assert unbounded_direction(parse("x^4 + y^2"), [(0, 0), (1, 1)]) is None   # H varies


def test_a_run_that_keeps_falling_at_a_steady_rate_says_f_may_have_no_minimum():
    slide = parse("x + 0.1 sin(y)^2")                 # H varies; f falls by lr per step
    path = descend(slide, (0, 1), "gd", lr=0.1, steps=50)
    assert kept_decreasing(path)
    found = no_minimum(slide, path, ((-2, 2), (-2, 2)))
    assert not found.unbounded and found.direction is None and found.steps == 50


def test_a_slow_run_towards_a_minimum_is_not_said_to_have_none():
    slow = descend(BOWL, (3, 2), "gd", lr=0.001, steps=100)   # f falls all 100 steps
    assert slow.status == "max_steps" and np.all(np.diff(slow.values) < 0)
    assert not kept_decreasing(slow)
    assert no_minimum(BOWL, slow, ((-4, 4), (-3, 3))) is None


def test_a_climb_to_a_maximum_or_saddle_is_not_diverging():
    # Newton goes to the nearest critical point, uphill too: Himmelblau's maximum from
    # (0, 0) (f 170 → 181.617 in 4 steps, ×1.02 a step) read "diverging, ×1 per step"
    himmelblau = parse("(x^2 + y - 11)^2 + (x + y^2 - 7)^2")
    path = descend(himmelblau, (0, 0), "newton", steps=50)
    assert path.status == "converged" and path.values[path.stop_step] == pytest.approx(181.617, abs=1e-3)
    assert all(divergence(himmelblau, path, k) is None for k in range(path.stop_step + 1))
    cubic = parse("x^3 - 3x + y^2")                  # a saddle at (−1, 0)
    path = descend(cubic, (-0.5, 0.3), "newton", steps=50)
    assert path.status == "converged"
    assert_allclose(path.points[path.stop_step], (-1, 0), atol=1e-6)
    assert divergence(cubic, path, path.stop_step) is None


def test_a_run_that_rose_then_settled_is_not_diverging_any_more():
    # RMSprop's first steps climb (f 2.67 → 6.11 → 13.7 → 16.9), then it settles into a
    # bounded 2-cycle near f = −1.2: the warning stayed on to step 200
    bumpy = parse("sin(3x) + cos(3y) + 0.1x^2 + 0.1y^2")
    path = descend(bumpy, (3, 2), "rmsprop", lr=0.45, steps=200)
    assert divergence(bumpy, path, 3) is not None           # while it climbs: said
    assert path.values[-1] < path.values[0]
    assert divergence(bumpy, path, path.stop_step) is None


@pytest.mark.parametrize("text, start, window", [
    ("abs(x)", (2.8,), ((-3.0, 3.0),)),
    ("abs(x) + abs(y)", (1.0, 1.0), ((-2.0, 2.0), (-2.0, 2.0))),
    ("abs(x - 1) + y^2", (2.0, 1.0), ((-3.0, 3.0), (-3.0, 3.0))),
])
def test_a_kinked_f_with_a_minimum_is_not_called_unbounded(text, start, window):
    """|x|: H = 0 wherever it exists, as a linear f's, but ∇f jumps from −1 to 1 at the
    minimum: typed, the status said "no minimum: f is unbounded below along (−1)"."""
    from engine.run_health import unbounded_from_start
    assert unbounded_from_start(parse(text), start, window) is None


def test_linear_and_saddle_quadratics_are_still_unbounded():
    from engine.run_health import unbounded_from_start
    direction = unbounded_from_start(parse("2x + y"), (1.0, 1.0), ((-2.0, 2.0), (-2.0, 2.0)))
    assert_allclose(direction, -np.array([2.0, 1.0]) / np.sqrt(5.0))
    assert_allclose(np.abs(unbounded_from_start(parse("x^2 - y^2"), (1.0, 1.0),
                                                ((-2.0, 2.0), (-2.0, 2.0)))), [0.0, 1.0])
    assert_allclose(unbounded_from_start(ROUTE, (0.0, 1.0), ((-4.0, 4.0), (-3.0, 3.0))),
                    np.array([1.0, -1.0]) / np.sqrt(2.0))
