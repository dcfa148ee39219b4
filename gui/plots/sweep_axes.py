"""The learning-rate sweep's axes: η's numbers as decimals, and the "final f" axis
kept readable when one value is far above the rest.

On Himmelblau from (3.5, −0.6) Newton's f after 300 steps at η ≈ 3 is 4.5·10⁵ while
every other method's values lie in 0 … 41: a linear axis to 400,000 drew every curve
flat on 0. The axis ends above the rest instead, and the few values cut off are marked
at its top edge, "↑ 4.5e5" in their method's colour, where they are (the curve runs up
to the edge there).

A log axis was not chosen: converged runs end at f = 0 (or 1e−30 of rounding), which a
log axis cannot place, and a lecturer reads "f went to 0" off a linear one at a glance.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg

from gui.widgets import theme
from gui.widgets.number_text import short_text, true_minus
from gui.widgets.palette import METHOD_COLOURS

OUTLIER_JUMP = 10.0       # a cut only at a gap of more than ×10 between sorted values
OUTLIER_SHARE = 0.05      # … and only the top 5 % of the values (at least one) cut off


def plain_log_tick_strings(values, scale, _spacing) -> list[str]:
    """The η axis's numbers (`values`: powers of ten) as decimals, all alike: "0.0001",
    "1", "10" (pyqtgraph's %0.1g made 10 "1e+01", written "10¹")."""
    return [true_minus(np.format_float_positional(float(f"{10.0 ** v * scale:.3g}"),
                                                  trim="-")) for v in values]


def outlier_ceiling(values) -> float | None:
    """The top of a readable linear axis for all `values` (finite floats), or None when
    none stands out: the value under the widest gap (ratio > OUTLIER_JUMP) among the
    largest OUTLIER_SHARE of them, the values above it being cut off."""
    v = np.sort(np.asarray(values, dtype=float)[np.isfinite(values)])
    if len(v) < 3 or v[-1] <= 0:
        return None
    first = max(len(v) - max(int(OUTLIER_SHARE * len(v)), 1), 1)   # the lowest cut-off
    below, above = v[first - 1:-1], v[first:]
    positive = below > 0
    if not positive.any():
        return None
    ratios = np.where(positive, above / np.where(positive, below, 1.0), 0.0)
    widest = int(ratios.argmax())
    return float(below[widest]) if ratios[widest] > OUTLIER_JUMP else None


def cut_off_outliers(curves) -> tuple[dict, dict]:
    """curves {method: (η (n,), y (n,))} as drawn: y capped at `outlier_ceiling` of them
    all, and {method: (log10 η, the ceiling, its largest value cut off, the method's
    colour)} for CutOffMarks.show."""
    ceiling = outlier_ceiling(np.concatenate([ys for _, ys in curves.values()] or [[]]))
    if ceiling is None:
        return curves, {}
    shown, marks = {}, {}
    for method, (xs, ys) in curves.items():
        if len(ys) and ys.max() > ceiling:
            cut = int(ys.argmax())
            marks[method] = (float(np.log10(xs[cut])), ceiling, float(ys[cut]),
                             METHOD_COLOURS[method])
        shown[method] = (xs, np.minimum(ys, ceiling))
    return shown, marks


class CutOffMarks:
    """"↑ value" at the axis's top edge over each method's values cut off (its largest),
    on the sweep's plot; items kept and reused."""

    def __init__(self, plot_item):
        self.plot_item, self.items, self.marks = plot_item, {}, {}

    def show(self, marks) -> None:
        """marks: {method: (x (log10 η), y (the ceiling), value cut off, its colour)},
        inked for the theme now."""
        self.marks = marks
        for method, item in self.items.items():
            item.setVisible(method in marks)
        for method, (x, y, value, colour) in marks.items():
            if method not in self.items:
                self.items[method] = pg.TextItem(anchor=(0.5, 0.0))
                self.items[method].setZValue(15)
                self.plot_item.addItem(self.items[method])
            look = theme.current()
            # on a plate of the background: the curve runs up to the edge beneath it
            self.items[method].fill = pg.mkBrush(look.background)
            self.items[method].setText(f"↑ {short_text(value, '.2g')}",
                                       color=look.ink(pg.mkColor(colour)))
            self.items[method].setPos(x, y)
