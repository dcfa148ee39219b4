"""A point picked with the mouse, rounded to what the view can resolve: a click on a map
8 units wide and 400 pixels across means x to about 0.02, so −3.00123 is −3, not a
number with six digits of mouse noise."""
from __future__ import annotations

import math


def round_to_pixel(value: float, pixel: float) -> float:
    """`value` rounded to the coarsest power of ten not larger than `pixel` (the size of
    one screen pixel in the value's units): at most half a pixel from where it was."""
    value = float(value)
    if not (math.isfinite(value) and math.isfinite(pixel)) or pixel <= 0:
        return value
    decimals = math.ceil(-math.log10(pixel))
    return round(value, decimals) + 0.0           # + 0.0: no −0
