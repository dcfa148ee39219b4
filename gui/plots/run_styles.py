"""The look of one run on the contour map, held by three ordinary pyqtgraph items that
draw nothing themselves: `gui.plots.race_layer.RaceLayer` draws every run with their
pens, brushes and sizes.

Why items that draw nothing: the legend samples a PlotDataItem's line and symbol, the
theme (gui.plots.theme) restyles the items it finds in the scene (widths and marker
sizes × the scale, ink), the picture export (gui.plots.picture_pens) widens curves'
pens and puts scatters in export mode; tests and exports read `getData()` and `opts`.
All of that works on these items unchanged, while the drawing is one item.
They hold no data (so they cost nothing per frame); `getData()` answers what the
layer shows. A style change tells the layer (`style_changed`) to draw anew.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg


class _Notifying:
    style_changed = staticmethod(lambda: None)     # set by the layer that draws the run


def _draws_nothing(item) -> None:
    """Tell the scene not to paint `item`: empty, a pyqtgraph scatter still reported a
    rectangle round the origin and was painted (to no effect) in every race frame that
    repainted near it, ~0.5 ms a frame for a race's style items."""
    item.setFlag(pg.QtWidgets.QGraphicsItem.GraphicsItemFlag.ItemHasNoContents)


class RunHalo(_Notifying, pg.PlotCurveItem):
    """The light band under a run's line: its pen."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _draws_nothing(self)

    def setPen(self, *args, **kwargs):
        super().setPen(*args, **kwargs)
        self.style_changed()


class RunLine(_Notifying, pg.PlotDataItem):
    """A run's line and dots: pen, symbol, symbolSize, symbolPen, symbolBrush in `opts`,
    and copied to its curve (pen: what the picture export widens) and its scatter."""

    def __init__(self, layer, key, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._layer, self._key = layer, key
        for item in (self.curve, self.scatter):
            _draws_nothing(item)

    def getData(self):
        """(xs, ys) of the points the map shows for this run."""
        return self._layer.shown_points(self._key)

    def updateItems(self, styleUpdate=True):
        super().updateItems(styleUpdate)
        # With no data a PlotDataItem passes no style on to its curve and scatter; the
        # legend's sample reads the scatter's, the layer both (stable objects, so its
        # symbol atlas draws each dot style once)
        o, scatter = self.opts, self.scatter
        self.curve.setPen(o["pen"])
        scatter.setSymbol(o["symbol"] or "o")
        scatter.setSize(o["symbolSize"])
        scatter.setPen(o["symbolPen"])
        scatter.setBrush(o["symbolBrush"])
        self.style_changed()


class RunCurrent(_Notifying, pg.ScatterPlotItem):
    """A run's current point: symbol, size, pen and brush in `opts`."""

    def __init__(self, layer, key, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._layer, self._key = layer, key
        _draws_nothing(self)

    def getData(self):
        """(x, y) of the current point, each (1,) (empty before the run shows)."""
        xs, ys = self._layer.shown_points(self._key)
        return np.asarray(xs[-1:]), np.asarray(ys[-1:])

    def setPen(self, *args, **kwargs):
        super().setPen(*args, **kwargs)
        self.style_changed()

    def setBrush(self, *args, **kwargs):
        super().setBrush(*args, **kwargs)
        self.style_changed()

    def setSize(self, *args, **kwargs):
        super().setSize(*args, **kwargs)
        self.style_changed()
