"""A ScatterPlotItem whose bounding rectangle is worked out once per change, not on
every ask.

Why: pyqtgraph's ScatterPlotItem recomputes its rectangle on each call (the data
bounds are cached, but the pixel padding of the symbols goes through pixelVectors and
the device transform every time), and the scene asks each item several times a frame
while it repaints and indexes. With six runs racing that was ~45 rectangles a frame on
the GUI thread. The rectangle depends only on the data bounds, the largest symbol's
pixel width and the view's scale, so it is kept until one of them changes.
"""
from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QRectF

from gui.compute.qt_guard import qt_override


class SteadyScatter(pg.ScatterPlotItem):
    def __init__(self, *args, **kwargs):
        self._view_generation = 0      # bumped whenever the view's scale may have changed
        self._rect_key = self._rect = None
        super().__init__(*args, **kwargs)

    def viewTransformChanged(self):
        self._view_generation += 1
        super().viewTransformChanged()

    @qt_override(fallback=QRectF)
    def boundingRect(self):
        key = (self.dataBounds(ax=0), self.dataBounds(ax=1), self._maxSpotPxWidth,
               self._view_generation)
        if key != self._rect_key or self._rect is None:
            self._rect_key, self._rect = key, super().boundingRect()
        return self._rect


def steady_scatter_of(item: pg.PlotDataItem) -> SteadyScatter:
    """Give a PlotDataItem a SteadyScatter for its symbols (in place of the one it built,
    wired the same way); call right after constructing the item, before any data."""
    old = item.scatter
    old.sigClicked.disconnect(item.scatterClicked)
    old.sigHovered.disconnect(item.sigPointsHovered)
    if item.scene() is not None:
        item.scene().removeItem(old)
    old.setParentItem(None)
    new = SteadyScatter()
    new.setParentItem(item)
    new.sigClicked.connect(item.scatterClicked)
    new.sigHovered.connect(item.sigPointsHovered)
    item.scatter = new
    return new
