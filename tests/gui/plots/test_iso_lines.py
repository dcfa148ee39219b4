"""Iso-lines: the quick search over (level, cell) pairs finds what the full one does."""
import numpy as np
import pytest

from gui.plots.iso_lines import _crossings, _crossings_dense, iso_segments_per_level


def grids():
    rng = np.random.default_rng(7)
    xs = np.linspace(-4, 4, 120)
    X, Y = np.meshgrid(xs, 0.75 * xs, indexing="ij")
    yield (X**2 + Y - 11) ** 2 + (X + Y**2 - 7) ** 2
    yield np.sin(X) * np.cos(Y) + (X**2 + Y**2) / 20
    yield np.round(X * Y)                       # plateaus: levels equal to samples
    yield np.round(rng.standard_normal((40, 30)))


@pytest.mark.parametrize("Z", list(grids()))
def test_quick_crossings_equal_the_full_search(Z):
    for levels in (np.quantile(Z, np.arange(1, 14) / 14), np.array([1.0, -1.0, 1.0, 0.0])):
        quick = _crossings(Z, levels)
        full = _crossings_dense(Z, levels, np.isfinite(Z))
        for a, b in zip(quick, full):
            np.testing.assert_array_equal(a, b)


def test_circle_segments_lie_on_the_level():
    n = 101
    xs = np.linspace(-2, 2, n)
    X, Y = np.meshgrid(xs, xs, indexing="ij")
    (segments,) = iso_segments_per_level(X**2 + Y**2, [1.0])
    # pixel coordinates: sample i at i + 0.5
    x = -2 + (segments[:, 0] - 0.5) * (4 / (n - 1))
    y = -2 + (segments[:, 1] - 0.5) * (4 / (n - 1))
    np.testing.assert_allclose(np.hypot(x, y), 1.0, atol=2e-3)
    assert len(segments) > 2 * 100            # closed around the whole circle
