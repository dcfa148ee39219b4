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


SNAP_REACH_PX = 3      # a click or drag this close to a round number lands on it
# the steps a round number is a multiple of, coarsest first within a decade: 2, 1.5, 1.2
# before 1.23 (a 2.5 is no rounder to a lecturer than a 2.4)
_NICE_MULTIPLES = (1.0, 0.5)


def snap_to_round(value: float, pixel: float, reach_px: float = SNAP_REACH_PX) -> float:
    """The roundest number within `reach_px` pixels of `value` (`pixel`: one screen
    pixel in the value's units): the multiple of the largest step 10ᵏ or 5·10ᵏ⁻¹ that
    lies that near, so a click 2 px from x = 1 gives 1, not 0.99 or 1.004. Where no
    step coarser than a pixel is in reach: round_to_pixel's value."""
    value = float(value)
    if not (math.isfinite(value) and math.isfinite(pixel)) or pixel <= 0:
        return value
    reach = reach_px * pixel
    if abs(value) <= reach:          # 0 is the roundest of all (no decade's step finds it)
        return 0.0
    top = math.floor(math.log10(max(abs(value) + reach, reach)))
    for exponent in range(top, math.floor(math.log10(pixel)) - 1, -1):
        for multiple in _NICE_MULTIPLES:
            step = multiple * 10.0 ** exponent
            if step < pixel:
                break
            candidate = round(value / step) * step
            if abs(candidate - value) <= reach:
                # round(…, digits): 0.30000000000000004 (3·0.1) reads as 0.3
                return round(candidate, max(0, 1 - exponent)) + 0.0
    return round_to_pixel(value, pixel)


def next_round(value: float, width: float, direction: int) -> float:
    """The next multiple of a tenth of `width`'s order of magnitude (0.1 for a width of
    4) left of `value` (direction < 0) or right of it: the keys' steps along an axis."""
    exponent = math.floor(math.log10(width)) - 1
    step = 10.0 ** exponent
    k = value / step
    k = math.floor(k + 1e-9) + 1 if direction > 0 else math.ceil(k - 1e-9) - 1
    return round(k * step, max(0, -exponent)) + 0.0
