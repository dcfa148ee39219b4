"""landscape.sample reads its quantiles off the sorted grid: the same numbers as numpy's."""
import numpy as np
import pytest
from numpy.testing import assert_array_equal

from engine.expression import parse
from gui.plots.landscape import quantiles_of_sorted, sample


@pytest.mark.parametrize("seed", range(5))
def test_quantiles_of_sorted_are_numpys_bit_for_bit(seed):
    rng = np.random.default_rng(seed)
    for n in (1, 2, 3, 7, 40_000):
        a = np.sort(rng.standard_normal(n) * 10.0 ** rng.integers(-5, 8))
        for values in (a, np.sort(np.round(a))):          # with ties too
            for q in (0.99, np.linspace(0, 1, 65), np.arange(1, 14) / 14, 1.0, 0.0):
                assert_array_equal(quantiles_of_sorted(values, q), np.quantile(values, q))


def test_sample_levels_and_knots_are_quantiles_of_f():
    f = parse("(1-x)^2 + 100(y-x^2)^2")
    scape = sample(f, ((-2, 2), (-1, 3)), 200, 13)
    Z = f(*np.meshgrid(scape.xs, scape.ys, indexing="ij"))
    assert_array_equal(scape.Z, Z)
    clipped = np.clip(Z, scape.lo, scape.hi).ravel()
    expected = np.quantile(clipped, np.arange(1, 14) / 14)
    assert_array_equal(scape.levels, expected[(expected > scape.lo) & (expected < scape.hi)])
    # level k of 13 encloses k/14 of the area (to a grid cell)
    for k, level in enumerate(scape.levels, 1):
        assert np.mean(Z <= level) == pytest.approx(k / 14, abs=1e-3)
