"""engine.unbounded: a polynomial's top-degree part proves it unbounded below, with a
checked direction; functions that have a minimum, or that it cannot decide, get None."""
import numpy as np
import pytest
from numpy.testing import assert_allclose

from engine.expression import parse
from engine.unbounded import falling_direction

R = np.sqrt(0.5)


@pytest.mark.parametrize("text, direction", [
    ("x^3 + y^3", (-R, -R)),            # showed only "ready to start"
    ("x^3", (-1,)),
    ("x", (-1,)),
    ("x y", (-R, R)),
    ("-(x^2 + y^2)^2", (-R, -R)),
    ("x^4 - 3x^2 y^2 + y^4 + x", (-R, -R)),   # P_4(−1, −1) = −1
])
def test_unbounded_below_along_a_checked_direction(text, direction):
    f = parse(text)
    v = falling_direction(f)
    assert_allclose(v, direction, atol=1e-12)
    # f really falls without end along it
    values = [f(*(t * v)) for t in (1e2, 1e3, 1e4)]
    assert values[0] > values[1] > values[2] and values[2] < -1e3


@pytest.mark.parametrize("text", [
    "x^4 - x^2", "x^2 + y^2", "x^4 + y^4 - x y", "exp(x) + x^2",   # have a minimum
    "(x-5)^2 + (y-3)^2 + 2x y",    # P_2 = (x + y)² ≥ 0: undecided here (the quadratic rule says it)
    "x^2 y^2",                     # P_4 ≥ 0, min 0: undecided
    "1/x", "log(x)",               # not polynomials: no claim
])
def test_no_claim_without_proof(text):
    assert falling_direction(parse(text)) is None
