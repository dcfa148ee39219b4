"""engine.kinks: where a derivative jumps, against values worked by hand."""
import math

import numpy as np
import pytest

from engine.expression import parse
from engine.kinks import (Jump, derivative_jump, derivative_jumps, kink_minimum, kinks_1d,
                          may_have_kinks)


@pytest.mark.parametrize("text, point, jumps", [
    ("|x|", (0.0,), [Jump(0, -1.0, 1.0)]),
    ("relu(x)", (0.0,), [Jump(0, 0.0, 1.0)]),
    ("|x^2 - 1|", (1.0,), [Jump(0, -2.0, 2.0)]),          # f′ = ±2x at x = 1
    ("max(x, 2 - x)", (1.0,), [Jump(0, -1.0, 1.0)]),
    ("|x| + |y|", (0.0, 0.0), [Jump(0, -1.0, 1.0), Jump(1, -1.0, 1.0)]),
    ("|x| + 3|y - 1|", (0.0, 1.0), [Jump(0, -1.0, 1.0), Jump(1, -3.0, 3.0)]),
    ("|x| + |y|", (0.5, 1.0), []),
    ("x^2", (0.0,), []),
    ("1e6 x^2 + x", (0.0,), []),       # f″ large, f′ continuous: no jump
    ("sqrt(|x|)", (0.0,), []),         # f′ not finite beside 0: no jump to report
])
def test_derivative_jumps(text, point, jumps):
    assert derivative_jumps(parse(text), point) == jumps


def test_a_jump_along_one_axis_only():
    f = parse("|x| + |y|")
    assert derivative_jump(f, (0.0, 2.0), axis=0) == Jump(0, -1.0, 1.0)
    assert derivative_jump(f, (0.0, 2.0), axis=1) is None


def test_kinks_in_one_variable():
    assert [(k.x, k.left, k.right, k.kind, k.value) for k in kinks_1d(parse("|x| + 2"), (-4, 4))] \
        == [(0.0, -1.0, 1.0, "minimum", 2.0)]
    assert [(k.x, k.kind) for k in kinks_1d(parse("|x^2 - 1|"), (-4, 4))] == [
        (-1.0, "minimum"), (1.0, "minimum")]
    assert [(k.x, k.kind) for k in kinks_1d(parse("-|x - 0.3|"), (-4, 4))] == [(0.3, "maximum")]
    thirds = kinks_1d(parse("|x - 1/3|"), (-4, 4))
    assert len(thirds) == 1 and thirds[0].x == pytest.approx(1 / 3, abs=1e-15)
    sines = kinks_1d(parse("|sin(3x)|"), (-4, 4))
    assert [k.x for k in sines] == pytest.approx([j * math.pi / 3 for j in range(-3, 4)],
                                                 abs=1e-14)
    # no sign change of f′ across the kink, or no kink at all: none
    for text in ("relu(x)", "x^2", "|x|^3", "1/|x|", "max(x, 2x)"):
        assert kinks_1d(parse(text), (-4, 4)) == [], text


@pytest.mark.parametrize("text, point, value", [
    ("|x| + |y| + 1", (0.0, 0.0), 1.0),
    ("|x - 1| + 2|y + 0.5|", (1.0, -0.5), 0.0),
    ("max(|x|, |y|)", (0.0, 0.0), 0.0),
    ("|x| + y^2", (0.0, 0.0), 0.0),
    ("sqrt(x^2 + y^2)", (0.0, 0.0), 0.0),            # the cone's tip
])
def test_the_lowest_kink_of_two_variables(text, point, value):
    found, f_there = kink_minimum(parse(text), [(-4, 4), (-3, 3)])
    np.testing.assert_allclose(found, point, atol=1e-12)
    assert f_there == pytest.approx(value, abs=1e-12)


@pytest.mark.parametrize("text", ["x^2 + 2y^2", "(x^2+y-11)^2 + (x+y^2-7)^2", "sin(x)cos(y)"])
def test_no_kink_minimum_for_a_smooth_f(text):
    assert kink_minimum(parse(text), [(-4, 4), (-3, 3)]) is None


_KINK_WORDS = ("abs", "max", "min", "relu", "sqrt")


@pytest.mark.parametrize("text", [
    "|x|", "|x| + |y| + 1", "max(x, 2 - x)", "min(x, y)^2", "relu(x - 1) + y^2",
    "sqrt(x^2 + y^2)", "1/sqrt(x^2 + 1)", "x^2 * sqrt(2)", "sqrt(x^2)", "x^(3/2) + y",
    "x^0.5", "x^2 + y^2*701", "(1-x)^2 + (y-x^2)^2*704", "sin(x)cos(y) + (x^2+y^2)/710",
    "exp(-x^2) + log(1 + y^2)", "sign(x) + step(y)", "softplus(x) + sigmoid(y)",
    "floor(x) + ceil(y)", "x^2 - y^2 + x^4/713", "(x^2 + 1)^(-1/2)",
])
def test_may_have_kinks_reads_the_tree_as_the_text_did(text):
    """From f's tree (printing a new f was ~1.2 ms of every edit): the same answer as
    looking for abs, max, min, relu or sqrt in str(f)."""
    f = parse(text)
    assert may_have_kinks(f) == any(word in str(f) for word in _KINK_WORDS), str(f)



@pytest.mark.parametrize("text, kinked", [("abs(x) + y^2", True), ("x^2 + 3y^2", False)])
def test_may_have_kinks_of_an_f_read_without_sympy_reads_its_text(text, kinked):
    from engine.numeric_expression import parse_numeric
    f = parse_numeric(text)
    assert f is not None and may_have_kinks(f) is kinked
