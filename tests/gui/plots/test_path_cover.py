"""path_cover: the spots' counts of path points, all at once, are `covered`'s one by one
(the grid's counts sort the spots a callout may take; a race asked them every frame)."""
import numpy as np
from hypothesis import given, settings, strategies as st

from gui.plots.path_cover import _covered_on_grid, covered, least_covered


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(0, 300), on_grid=st.booleans(),
       w=st.floats(1, 80), h=st.floats(1, 40))
def test_the_grid_counts_are_those_of_covered(seed, n, on_grid, w, h):
    rng = np.random.default_rng(seed)
    ink = rng.uniform(-20, 320, size=(n, 2))
    if on_grid:                     # points on the spots' own edges: ties of ≥ and ≤
        ink = np.round(ink / 4) * 4 + np.array([[0.0, 3.0]])
    lefts, tops = np.arange(0.0, 250, 4.0), np.arange(3.0, 280, 4.0)
    grid = _covered_on_grid(lefts, tops, w, h, ink)
    assert grid.tolist() == [[covered((x, y, w, h), ink) for y in tops] for x in lefts]


def test_the_least_covered_spot_is_the_nearest_of_the_barest():
    """A path along y = 50 (points every 3 px): a box of 20×10 whose own spot sits on
    it moves to the nearest bare spot, here straight up; a spot refused by `free` is
    passed over for the next nearest."""
    xs = np.arange(0.0, 200.0, 3.0)
    ink = np.column_stack((xs, np.full_like(xs, 50.0)))
    box = (80.0, 45.0, 20.0, 10.0)
    assert covered(box, ink) > 0
    left, top, cost = least_covered(box, ink, (0, 0, 200, 200), lambda spot: True, 4.0)
    # bare: a top t with t + 10 + 3 < 50 or t − 3 > 50 (a path's half-width each side);
    # on the grid of 4 the nearest to 45 are 36 (9 px up), then 56 (11 px down)
    assert (left, top, cost) == (80.0, 36.0, 0)
    refused = least_covered(box, ink, (0, 0, 200, 200), lambda spot: spot[1] != 36.0, 4.0)
    assert refused == (80.0, 56.0, 0)


def test_a_path_is_sampled_every_few_pixels_and_cut_at_the_map():
    from gui.plots.path_cover import STEP_PX, path_pixels
    # view units of 0.5 px: (0, 0) → (10, 0) is 20 px; then a step of 10⁵ px out of the map
    pixels = path_pixels([np.array([[0.0, 0.0], [10.0, 0.0], [1e5, 0.0]]),
                          np.array([[4.0, -4.0]])], 0.5, 0.5, (-1.0, -100.0, 100.0, 100.0))
    first = pixels[:8]                       # int(20 / 3) + 1 = 7 spans: 8 points
    np.testing.assert_allclose(first[:, 0], np.linspace(0, 20, 8))
    cut = pixels[8:-1]                       # from x = 20 px to the map's edge at 100
    assert cut[0, 0] == 20 and cut[-1, 0] == 100 and np.all(np.diff(cut[:, 0]) <= STEP_PX)
    assert (pixels[-1] == [8.0, 8.0]).all()  # a one-point path: its point (y down)
    assert np.all(pixels[:, 1][:-1] == 0)
