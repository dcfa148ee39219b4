"""How each neuron's activation is written on the layer diagram: inside its circle when
the number fits there at a size one reads from the back of a room, else beside it.

At 1280×720 the diagram's circles are ~9–12 px in radius: "−0.88" centred in a box 2r
wide was cut to "−0.8" (a wrong number on screen). A shown number is never cut: it is
written as large as the row allows, inside the circle if it fits there at no less than
INSIDE_SHARE of that size, else beside the circle on a background-coloured plate; with
two decimals if they fit, else one (Python's formatting rounds correctly), else not at all
(the shade still shows the activation).
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QFont, QFontMetricsF

from gui.widgets.number_text import true_minus

LARGEST_PX = 18          # at scale 1: a neuron's number, however much room there is
READABLE_PX = 11         # at scale 1: no number is written smaller (9 px was unreadable)
# the numbers' least size stops growing here: at text size 2 on 720p the diagram's
# column (~385 px) had no room beside the circles for 22-px numbers, and showed none
SMALLEST_STOPS_AT = 1.5
INSIDE_SHARE = 0.85      # inside only when not much smaller than beside would be
PAD = 3                  # px between a circle and a number beside it


@dataclass(frozen=True)
class NeuronLabels:
    """The font, where the numbers go and the decimals they keep."""
    pixel_size: int
    beside: bool          # True: right of the circle (left of it for the inputs)
    decimals: int         # 2, 1, or -1: no number is written
    widest: float         # px, the widest number at this size

    def text(self, a: float) -> str:
        return _number(a, self.decimals)


def _number(a: float, decimals: int) -> str:
    return true_minus(f"{a:.{decimals}f}") if decimals >= 0 else ""


def _font(family: str, pixel_size: int) -> QFont:
    font = QFont(family)
    font.setPixelSize(pixel_size)
    return font


def widest(family: str, pixel_size: int, values, decimals: int) -> float:
    metrics = QFontMetricsF(_font(family, pixel_size))
    return max((metrics.horizontalAdvance(_number(a, decimals)) for a in values), default=0.0)


def font(family: str, labels: NeuronLabels) -> QFont:
    return _font(family, labels.pixel_size)


def fit(family: str, values, radius: float, spacing: float, beside_room: float,
        scale: float, largest_px: int | None = None) -> NeuronLabels:
    """The labels' layout for activations `values` (all of them: one size for the
    diagram), circles of `radius` px whose centres are `spacing` px apart in a column,
    and `beside_room` px free beside a circle (towards the next column); no larger than
    `largest_px` where given."""
    largest = round(LARGEST_PX * scale)
    smallest = round(READABLE_PX * min(scale, SMALLEST_STOPS_AT))
    if largest_px is not None:
        largest = max(smallest, min(largest, largest_px))
    # beside: as tall as the row allows (neighbouring numbers must not touch)
    row_size = max(smallest, min(largest, int((spacing - 2) / 1.3)))
    inside_room = 2 * radius - 4            # the circle's chord near its middle, less a rim
    for size in range(min(largest, int(1.3 * radius)), smallest - 1, -1):
        if size < INSIDE_SHARE * row_size:
            break
        if widest(family, size, values, 2) <= inside_room:
            return NeuronLabels(size, False, 2, widest(family, size, values, 2))
    for decimals in (2, 1):
        for size in range(row_size, smallest - 1, -1):
            wide = widest(family, size, values, decimals)
            if PAD + wide <= beside_room:
                return NeuronLabels(size, True, decimals, wide)
    return NeuronLabels(smallest, True, -1, 0.0)
