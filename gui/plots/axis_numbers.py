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
"""
from __future__ import annotations

import pyqtgraph as pg


def _plain_numbers(axis) -> None:
    """Replaces AxisItem.updateAutoSIPrefix: scale 1, no prefix, feature off."""
    axis.autoSIPrefix = False     # later setRange calls skip the update altogether
    axis.autoSIPrefixScale = 1.0
    axis.labelUnitPrefix = ""
    axis._updateLabel()


def install() -> None:
    """Idempotent; affects every pyqtgraph AxisItem in the process."""
    pg.AxisItem.updateAutoSIPrefix = _plain_numbers


install()
