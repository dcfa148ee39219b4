"""f's and f′'s left axes on the 1-D view: one width for both (f's minimum stands right
above f′'s zero), at least the width they are set to (64 px × the text size), and wider
when the numbers and the name need it. At a fixed 64 px, exp(exp(exp(x)))'s "5e+148"
ran under the axis name "f(x)" and "2e+152" under "f′(x)". Each shows at least two
numbers (gui.plots.readable_ticks)."""
from __future__ import annotations

from gui.plots.readable_ticks import at_least_two_numbers


def keep_left_axes_in_step(*axes) -> None:
    """Make pyqtgraph AxisItems `axes` (vertical, each with a fixed width) share the
    widest of: their fixed widths and the width each one's ticks and label take."""
    own_update = {axis: axis._updateWidth for axis in axes}

    def natural(axis) -> float:
        fixed, axis.fixedWidth = axis.fixedWidth, None
        try:
            own_update[axis]()              # pyqtgraph's measure: numbers + offset + name
            return axis.maximumWidth()
        finally:
            axis.fixedWidth = fixed

    def update() -> None:
        width = max(max(axis.fixedWidth or 0.0, natural(axis)) if axis.isVisible() else 0.0
                    for axis in axes)
        for axis in axes:
            if axis.maximumWidth() != width or axis.minimumWidth() != width:
                axis.setMaximumWidth(width)
                axis.setMinimumWidth(width)
            axis.picture = None

    for axis in axes:
        axis._updateWidth = update
        at_least_two_numbers(axis)
    update()
