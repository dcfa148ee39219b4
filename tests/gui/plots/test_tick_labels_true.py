"""Every tick label reads its own tick's number: pyqtgraph gives ticks 0.25 apart one
decimal, and the loss axis of a lecturer's rehearsal read 3.0, 3.2, 3.5, 3.7, 4.0 for
ticks at 3, 3.25, 3.5, 3.75 and 4 (gui/plots/axis_numbers.py)."""
import pyqtgraph as pg
from hypothesis import given, settings, strategies as st

import gui.plots.axis_numbers  # noqa: F401  (installs the app's tick labels)


def test_ticks_a_quarter_apart_read_their_own_numbers(qapp):
    axis = pg.AxisItem("left")
    assert axis.tickStrings([3.0, 3.25, 3.5, 3.75, 4.0], 1.0, 0.25) == \
        ["3.00", "3.25", "3.50", "3.75", "4.00"]
    assert axis.tickStrings([16.5, 17.0, 17.5], 1.0, 0.5) == ["16.5", "17.0", "17.5"]
    assert axis.tickStrings([0, 20, 40], 1.0, 20) == ["0", "20", "40"]


@settings(max_examples=200, deadline=None)
@given(mantissa=st.sampled_from([1, 2, 2.5, 5, 1.25]), power=st.integers(-6, 4),
       start=st.integers(-1000, 1000), count=st.integers(2, 7))
def test_every_label_parses_back_to_its_tick(qapp, mantissa, power, start, count):
    spacing = mantissa * 10.0 ** power
    values = [(start + k) * spacing for k in range(count)]
    axis = pg.AxisItem("left")
    for text, value in zip(axis.tickStrings(values, 1.0, spacing), values):
        assert abs(float(text.replace("−", "-")) - value) <= 1e-6 * spacing, (text, value)
