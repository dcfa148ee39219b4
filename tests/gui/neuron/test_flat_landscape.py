"""A saturated neuron (w = 7, x = 2) has a loss that hardly changes: L runs from
0.0449995 to 0.0449999 over the map's window. It was drawn with the whole colour scale
and the 3-D box's whole height (a flat loss looking steep, the vanishing-gradient
lesson hidden), and the colour bar had no labels at all. It must look flat, labelled."""
import numpy as np
import pytest

from engine.expression import parse
from gui.neuron.training_panel import loss_text
from gui.plots import landscape
from gui.plots.surface_box import HEIGHT
from tests.gui.neuron.test_presenting_landscape import tick_label_rects

SATURATED = ((-0.2, 0.4), (6.7, 7.3))      # (b, w) around w = 7, b = 0.1


def test_the_saturated_neurons_landscape_looks_flat_and_labelled(window, qtbot):
    window.show_tab("neuron")
    training = window.neuron.training
    assert training.landscape_model.wait_for_analysis(60000)
    window.neuron.model.set_w(7.0)
    model = training.landscape_model
    qtbot.waitUntil(lambda: model.wait_for_analysis() and model.window[1][0] > 6, timeout=60000)
    contour, surface = training.contour_view, training.surface_view
    qtbot.waitUntil(lambda: contour.landscape is not None
                    and contour.landscape.window[1][0] > 6, timeout=60000)
    qtbot.wait(100)
    Z = contour.landscape.Z
    assert np.nanmax(Z) - np.nanmin(Z) < 1e-5          # the loss really is that flat
    # the map: one narrow band of colours, not the whole scale
    colours = contour.image.image
    assert np.nanmax(colours) - np.nanmin(colours) < 0.02
    # the colour bar: labelled, with values L takes (near 0.045)
    labels = tick_label_rects(contour.colour_bar.axis)
    assert labels, "the colour bar has no labels"
    # the 3-D view: a sheet, not a slope filling the box's height
    surface._rebuild()
    heights = surface.mapping.bz(surface.landscape.Z)
    assert np.nanmax(heights) - np.nanmin(heights) < 0.02 * HEIGHT


def test_a_trained_neurons_landscape_still_fills_the_scale():
    """Where L changes by more than 1 % of itself (w = 0.5), nothing is flattened."""
    f = parse(loss_text(2.0, 0.7, "sigmoid"))
    scape = landscape.sample(f, ((-0.2, 0.4), (0.2, 0.8)), 60, 13, 0.01)
    positions = scape.colour_position(scape.Z)
    assert positions.min() == pytest.approx(0, abs=1e-9)
    assert positions.max() == pytest.approx(1, abs=1e-9)


def test_a_flat_range_is_widened_about_its_middle():
    assert landscape.least_range(0.0449995, 0.0449999, 0.01) == pytest.approx(
        (0.0449997 - 0.000225, 0.0449997 + 0.000225))
    assert landscape.least_range(1.0, 3.0, 0.01) == (1.0, 3.0)
    assert landscape.least_range(0.0, 1e-30) == (0.0, 1e-30)   # near 0: its own range


def test_the_colour_bar_is_labelled_even_without_a_round_value():
    """The saturated loss's own numbers in the Explorer, 0.0449995 to 0.0449999 (not
    flattened there: 1e-5 of its size is more than float noise): no round value of 3
    digits lies on the bar, which had no label at all; now its middle is named."""
    f = parse("0.0449997 + 1e-7*(x + y)/3")
    scape = landscape.sample(f, ((-3, 3), (-3, 3)), 50)
    ticks = scape.colour_ticks(280, 14)
    assert len(ticks) >= 1
    for position, text in ticks:
        value = float(text.replace("−", "-"))
        assert value == pytest.approx(float(np.interp(position, np.linspace(0, 1, len(
            scape.knots)), scape.knots)), rel=1e-5)
