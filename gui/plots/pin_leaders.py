"""The thin lines that tie a pin's label to its point when the label had to sit away from
it (a crowded map: three pins a unit apart, their arrows and the minimum's name, at text
size 1.5 put "∇f(1, 1) = (2, 4)" 60 px off its point with nothing linking them).

Pure geometry in scene pixels; gui.plots.gradient_pins draws the lines."""
from __future__ import annotations

import math

LEADER_FROM_PX = 12     # a label's edge farther than this from its point gets a line (× text size)


def nearest_on_box(point, box) -> tuple[float, float]:
    """The point of `box` (left, top, right, bottom) nearest `point` (x, y)."""
    return (min(max(point[0], box[0]), box[2]), min(max(point[1], box[1]), box[3]))


def leader(point, box, from_px: float, marker_px: float):
    """((x0, y0), (x1, y1)) from the rim of the pin's marker (`marker_px` round `point`) to
    the nearest point of its label's `box`, or None when the box is within `from_px`."""
    end = nearest_on_box(point, box)
    dx, dy = end[0] - point[0], end[1] - point[1]
    far = math.hypot(dx, dy)
    if far <= from_px:
        return None
    start = (point[0] + dx / far * marker_px, point[1] + dy / far * marker_px)
    return start, end
