"""Ticks on whole numbers only, for an axis that counts steps: a run of one step showed
0, 0.2, 0.4, … 1 under the loss curve (pyqtgraph's spacing fits the range, not the
quantity), and a step 0.4 is not a thing a lecturer can point at."""
from __future__ import annotations

import math


def whole_number_ticks(axis) -> None:
    """Make a pyqtgraph `AxisItem` tick (and draw its grid) at whole numbers only, for
    any range: pyqtgraph's tick levels spaced by a fraction are left out, and where none
    is left (a range of a few steps) every whole number is a tick."""
    spacing_of = axis.tickSpacing

    def whole_spacing(min_value: float, max_value: float, size: float):
        levels = [(spacing, offset) for spacing, offset in spacing_of(min_value, max_value, size)
                  if spacing >= 1 and float(spacing).is_integer()
                  and float(offset).is_integer()]
        if levels or not (math.isfinite(min_value) and math.isfinite(max_value)) \
                or max_value == min_value:
            return levels
        return [(1.0, 0.0)]

    axis.tickSpacing = whole_spacing
    axis.picture = None           # drawn again with these ticks
    axis.update()
