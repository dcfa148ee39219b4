"""A descent path on a plot that grows a point per animation frame: a PlotDataItem (so
the legend, the theme and tests see the usual line and symbols) whose symbols are
appended, not rebuilt, while the path only grows.

Why: `PlotDataItem.setData` hands every point to `ScatterPlotItem.setData`, which
rebuilds each symbol's record (~1 ms a run a frame at 400 steps, most of a six-run
race's map update). The line itself (a PlotCurveItem) is cheap to set whole.
New symbols are added with the scatter's own style objects: its symbol atlas caches a
drawn symbol per pen and brush *object*, so a new pen each frame meant a new drawing.
The symbols are a SteadyScatter (gui.plots.steady_scatter).
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg

from gui.plots.steady_scatter import steady_scatter_of


class GrowingPath(pg.PlotDataItem):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        steady_scatter_of(self)        # its rectangle kept, not worked out on each ask
        self._symbol_count = None    # points the scatter holds when they are xs[:k], ys[:k]

    def show_points(self, xs: np.ndarray, ys: np.ndarray, extends: bool) -> None:
        """Show the path (xs, ys), each (n,) finite. `extends`: the caller knows that
        what is shown now is a prefix of (xs, ys) (same path, more steps); then only
        the new points' symbols are added."""
        k = self._symbol_count
        if not extends or k is None or k > len(xs) or self.opts["symbol"] is None:
            self.setData(xs, ys)
            self._symbol_count = len(xs)
            return
        symbol = self.opts["symbol"]
        self.opts["symbol"] = None           # the line only: the scatter is left as it is
        try:
            self.setData(xs, ys)
        finally:
            self.opts["symbol"] = symbol
        if len(xs) > k:
            # no style arguments: the new points take the scatter's own (set by the last
            # whole setData). Passed again, symbolPen=None became a new QPen each frame,
            # and the symbol atlas, keyed by the pen object, drew the symbol anew.
            self.scatter.addPoints(x=xs[k:], y=ys[k:])
        self.scatter.show()
        self._symbol_count = len(xs)

    def updateItems(self, styleUpdate: bool = True):
        super().updateItems(styleUpdate)
        if self.opts["symbol"] is not None:      # a style change or a whole setData
            self._symbol_count = None if self.xData is None else len(self.xData)
