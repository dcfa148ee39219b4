"""Axis numbers are the data's own numbers: no pyqtgraph axis ever rescales them by an
SI prefix (a lecturer reading "200–800" for w = 0.2–0.8 cannot recover in class).

Why a patch of pyqtgraph, in one place, rather than a call in every view: in pyqtgraph
0.14 `AxisItem.updateAutoSIPrefix` ignores the `autoSIPrefix` flag. So
`enableAutoSIPrefix(False)` — which calls it — computes a ×1000 scale for a range such
as 0–0.13 (no units: SI prefixes are on in (0, 1)) and stores it, and because the flag is
now off, no later range change ever resets it and the label hides the "(x0.001)" note.
Every view called `enableAutoSIPrefix(False)`, and the theme called it again on each
restyle: the numbers went ×1000 the moment a theme, text size or presentation changed.

`install()` (run when gui.plots is imported, before any plot exists) makes the update
keep the scale at 1 and switch the feature off, so every axis — ours, colour bars',
any made later — shows plain numbers whatever is called on it.

It also keeps tick labels distinct: pyqtgraph writes |v| >= 1e4 with "%g", six
significant digits whatever the spacing, so a flat loss at f = 1.446e12 had four ticks
0.2 apart all labelled "1.44626e+12". Where six digits cannot tell ticks `spacing` apart,
a level's labels get as many digits as that takes (axis_ticks.format_tick); so do they
where a label would read another number than its tick's (3.25 as "3.2").

`write_true_minus(axis)` makes an axis write a true minus (−) as the app's other numbers
do: pyqtgraph writes the hyphen ("-0.5").
"""
from __future__ import annotations

import math

import pyqtgraph as pg

from gui.plots.axis_ticks import format_tick
from gui.widgets.number_text import short_exponent, true_minus

_PYQTGRAPH_TICK_STRINGS = pg.AxisItem.tickStrings
# "%g" tells apart numbers this many times their spacing (six significant digits)
_G_RESOLVES = 1e5


def _plain_numbers(axis) -> None:
    """Replaces AxisItem.updateAutoSIPrefix: scale 1, no prefix, feature off."""
    axis.autoSIPrefix = False     # later setRange calls skip the update altogether
    axis.autoSIPrefixScale = 1.0
    axis.labelUnitPrefix = ""
    axis._updateLabel()


def _distinct_tick_strings(axis, values, scale, spacing):
    """Replaces AxisItem.tickStrings: pyqtgraph's labels, unless "%g" cannot tell
    ticks `spacing` apart; then every label of the level with the digits it needs."""
    # pyqtgraph's "%g" wrote "2.5e+292" under x^1000's curve: the app's short exponent
    strings = [short_exponent(s) for s in _PYQTGRAPH_TICK_STRINGS(axis, values, scale, spacing)]
    if axis.logMode or not spacing or not scale:      # (log mode: spacing None)
        return strings
    step = abs(spacing * scale)
    if not math.isfinite(step):
        return strings
    if any(abs(v * scale) / step > _G_RESOLVES for v in values
           if math.isfinite(v * scale)):
        return [format_tick(v * scale, step) for v in values]
    if any(_misstates(text, v * scale, step) for text, v in zip(strings, values)):
        return _exact_level([v * scale for v in values], step)
    return strings


def _exact_level(values, step: float) -> list[str]:
    """Each tick's own number, every label of the level with the decimals the one that
    needs most takes (3.00, 3.25, 3.50: as a lecturer writes a scale)."""
    def decimals(v):
        return next((d for d in range(16) if abs(round(v, d) - v) <= 1e-6 * step), 15)
    d = max((decimals(v) for v in values if math.isfinite(v)), default=0)
    return [f"{v:.{d}f}" if math.isfinite(v) else format_tick(v, step)
            for v in values]


def _misstates(text: str, value: float, step: float) -> bool:
    """Whether the label `text` reads another number than its tick's `value`: pyqtgraph
    gives ticks 0.25 apart one decimal, and the loss axis read 3.0, 3.2, 3.5, 3.7, 4.0
    for 3, 3.25, 3.5, 3.75, 4 (a lecturer's rehearsal)."""
    try:
        read = float(text.replace("−", "-"))
    except ValueError:
        return False
    return math.isfinite(value) and abs(read - value) > 1e-6 * step


def write_true_minus(axis) -> None:
    """Make the pyqtgraph AxisItem `axis` write its tick labels with a true minus (−)
    and no sign on a zero (number_text.true_minus). Per axis, not for every one: "−" is
    wider than "-", and the Explorer's map, a few px narrower, had no room for a name."""
    strings = axis.tickStrings

    def with_true_minus(values, scale, spacing):
        return [true_minus(text) for text in strings(values, scale, spacing)]
    axis.tickStrings = with_true_minus


def install() -> None:
    """Idempotent; affects every pyqtgraph AxisItem in the process."""
    pg.AxisItem.updateAutoSIPrefix = _plain_numbers
    pg.AxisItem.tickStrings = _distinct_tick_strings


install()
