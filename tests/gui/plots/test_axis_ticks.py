"""Ticks and labels of the 3-D box for astronomically large or non-finite f (issue 16,
item 1: nice_ticks gave [0, inf, inf, …] near 1e300 and the label of inf raised inside
SurfaceView.showEvent, which killed the app)."""
import math

import numpy as np
import pytest

from gui.plots.axis_ticks import MAX_TICKS, format_tick, nice_ticks


@pytest.mark.parametrize("lo, hi", [(0.0, 1e300), (-1e308, 1e308), (0.0, 1.7e308),
                                    (1e-320, 2e-320), (-5.0, 5.0), (1000.0, 1000.004)])
def test_ticks_are_finite_few_and_inside(lo, hi):
    ticks = nice_ticks(lo, hi)
    assert 1 <= len(ticks) <= MAX_TICKS
    assert all(math.isfinite(t) for t in ticks)
    assert all(lo - 1e-9 * abs(hi - lo if math.isfinite(hi - lo) else hi) <= t <= hi * (1 + 1e-9) + 1e-12
               for t in ticks)
    assert ticks == sorted(set(ticks))


def test_ticks_of_non_finite_ends_are_none():
    assert nice_ticks(0.0, math.inf) == []
    assert nice_ticks(math.nan, 1.0) == []
    assert nice_ticks(2.0, 2.0) == [2.0]


def test_ordinary_ticks_unchanged():
    assert nice_ticks(-5.0, 5.0) == [-4.0, -2.0, 0.0, 2.0, 4.0]
    assert nice_ticks(0.0, 1e300)[:2] == [0.0, 2e299]


def test_labels_of_any_number():
    assert format_tick(math.inf) == "∞" and format_tick(-math.inf) == "−∞"
    assert format_tick(math.nan) == "undefined"
    assert format_tick(1e300, math.inf) == "1e300"
    assert format_tick(2e299, 2e299) == "2e299"
    assert format_tick(-0.00005) == "−5e−5"
    assert format_tick(1000.001, 0.001) == "1000.001"


def test_one_to_two_variables_with_an_overflowing_surface(window, qtbot):
    """x, then x^400*y^400: the surface view is shown on data near 1e300 and draws."""
    model = window.model
    model.set_text("x")
    assert model.wait_for_analysis()
    model.set_text("x^400*y^400")
    assert model.wait_for_analysis()
    qtbot.wait(300)
    view = window.surface_view
    assert view.isVisible()
    labels = view.gl.label_texts()
    assert len(labels) > 5
    assert window.isVisible() and model.text == "x^400*y^400"
    image = view.render_image()
    pixels = np.asarray(image.constBits()).reshape(image.height(), image.bytesPerLine())
    assert pixels.std() > 0            # something is drawn, not a blank
    assert not any("inf" in t or "nan" in t for t in labels), labels


@pytest.mark.parametrize("half", [3.0000000000000004, 2.9999999999999996])
def test_float_noise_in_the_window_leaves_the_ticks(half):
    """±3 after a zoom round trip (× 0.8 × 0.8 × 1.25 × 1.25): its raw step, 1.5 give or
    take an ulp, chose between 1 and 2 by the noise, and −2.9999999999999996 lost its −3."""
    assert nice_ticks(-half, half) == nice_ticks(-3.0, 3.0) == [-3.0, -2.0, -1.0, 0.0, 1.0,
                                                                2.0, 3.0]
