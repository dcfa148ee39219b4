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


@pytest.mark.parametrize("text, window", [
    ("(x^2+y-11)^2 + (x+y^2-7)^2", ((-6, 6), (-5, 5))),
    ("exp(x^2+y^2)", ((-6.5, 6.5), (-3, 3))),
    ("max(x+y, 0)", ((-2, 2), (-2, 2))),
    ("1/2 (1/(1+exp(-(2 y + x))) - 0.7)^2", ((-1.2, 1.3), (0.2, 0.8))),
])
@pytest.mark.parametrize("bar_px, label_px", [(50, 15), (68, 15), (171, 15), (171, 30), (660, 23)])
def test_colour_ticks_fit_the_bar_and_name_distinct_values_f_takes(text, window, bar_px, label_px):
    from gui.plots.landscape import LABEL_GAP_PX, MAX_TICKS
    scape = sample(parse(text), window, 200, 13)
    ticks = scape.colour_ticks(bar_px, label_px)
    positions = np.array([p for p, _ in ticks])
    labels = [t for _, t in ticks]
    assert 1 <= len(ticks) <= MAX_TICKS
    assert len(set(labels)) == len(labels), labels
    # label rectangles (label_px high, centred on their ticks) inside the bar and apart
    assert positions.min() * bar_px >= label_px / 2 - 1e-6
    assert (1 - positions.max()) * bar_px >= label_px / 2 - 1e-6
    assert np.all(np.diff(positions) * bar_px >= label_px + LABEL_GAP_PX - 1e-6), labels
    # each label is a value f takes on the grid, drawn where the bar has its colour
    Z = scape.Z[np.isfinite(scape.Z)]
    for position, label in ticks:
        value = float(label.replace("−", "-"))
        assert Z.min() - 1e-9 <= value <= Z.max()
        if value > scape.knots[0]:
            assert scape.colour_position(value) == pytest.approx(position, abs=1e-6)
    if bar_px >= 171 and label_px <= 15:
        assert len(ticks) >= 4


def test_a_huge_range_is_coloured_through_its_quantiles():
    """exp(x² + y²) from 1 to 1e20: the knots are f's quantiles (a ramp of 1e-9 of the
    range, 1e11, had put every value below 1e10 at the bottom colour)."""
    scape = sample(parse("exp(x^2+y^2)"), ((-6.5, 6.5), (-3, 3)), 200, 13)
    clipped = np.clip(scape.Z, scape.lo, scape.hi).ravel()
    quantiles = np.quantile(clipped, np.linspace(0, 1, len(scape.knots)))
    np.testing.assert_allclose(scape.knots[1:-1], quantiles[1:-1], rtol=1e-6)
    assert np.all(np.diff(scape.knots) > 0)
    assert np.all(np.diff(scape.colour_position([1.5, 10, 1e3, 1e6, 1e9])) > 0.03)


def _is_round(value: float) -> bool:
    """One significant digit (1, 5, 20, 3e5), or two ending in 5 (15, 250)."""
    mantissa = abs(value) / 10.0 ** np.floor(np.log10(abs(value))) if value else 0.0
    return any(abs(mantissa - m) < 1e-9 for m in (0, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5, 6, 7, 8, 9))


@pytest.mark.parametrize("text", ["x^2+2y^2", "x^2 - y^2"])
def test_colour_ticks_are_round_and_the_same_for_a_bar_a_few_pixels_longer(text):
    """The walkthrough's x² + 2y² bar read 30, 20, 17, 13, 10, 5, 1 and, a few pixels
    longer after a presentation round trip, 16 for 17; the saddle's read 0.1 next to 0.
    One f and window: round labels, and the same ones at every length from 200 to 230 px."""
    scape = sample(parse(text), ((-4.5, 4.5), (-3, 3)), 200, 13)
    shown = {tuple(label for _, label in scape.colour_ticks(bar_px, 15)) for bar_px in range(200, 231)}
    assert len(shown) == 1, shown
    values = [float(label.replace("−", "-")) for label in shown.pop()]
    assert len(values) >= 5 and all(_is_round(v) for v in values), values
    # the labels are multiples of one step on the bar's linear part (no 13, 16, 17)
    assert all(v % 5 == 0 for v in values if abs(v) >= 5), values
