"""whole_number_ticks: a step axis (loss curve, the Neuron's and Network's training
curves) ticks at whole numbers for any run length, on any width."""
import pyqtgraph as pg
import pytest

from gui.plots.whole_ticks import whole_number_ticks


@pytest.mark.parametrize("steps", [1, 2, 3, 7, 200, 5000])
@pytest.mark.parametrize("width", [160, 700])
def test_ticks_are_whole_numbers(shown, steps, width):
    widget = shown(pg.PlotWidget(), width, 200)
    axis = widget.getPlotItem().getAxis("bottom")
    whole_number_ticks(axis)
    widget.setXRange(-0.02 * steps, 1.02 * steps, padding=0)
    lo, hi = axis.range
    levels = axis.tickValues(lo, hi, axis.width())
    ticks = [v for _spacing, values in levels for v in values]
    assert all(float(v).is_integer() for v in ticks), ticks
    major = levels[0][1]
    assert 2 <= len(major) <= 12 and min(major) == 0 and max(major) >= steps / 2
    # the labels read as whole numbers too ("1", not "1.0")
    assert all(text.isdigit() for text in axis.tickStrings(major, 1.0, levels[0][0]))


def test_an_axis_with_a_fixed_spacing_keeps_it_when_whole(shown):
    widget = shown(pg.PlotWidget(), 400, 200)
    axis = widget.getPlotItem().getAxis("bottom")
    axis.setTickSpacing(5, 1)
    whole_number_ticks(axis)
    widget.setXRange(0, 20, padding=0)
    assert [spacing for spacing, _ in axis.tickSpacing(0, 20, 400)] == [5, 1]
