"""An axis drawn from a pixmap cache (QGraphicsItem.DeviceCoordinateCache), drawn anew
when a layout moves it by a fraction of a pixel.

Qt reuses an item's cached pixmap when the item only moved, blitted at the new place
rounded to whole pixels: the pixmap keeps the sub-pixel rounding of the place it was
drawn at. The Neuron tab's colour bar was drawn at x = …333.95, then moved 8.27 px
when its labels narrowed (the landscape's levels came), and showed its frame line a
column left of where a fresh paint puts it, until a round trip through presentation
drew it anew: the tab's picture changed in one pixel column. A move by whole pixels
keeps the cache (the same pixels, shifted)."""
from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QGraphicsItem


def cache_as_pixmap(axis) -> None:
    """`axis` (a pyqtgraph AxisItem, already in its plot) drawn from a pixmap cache, anew
    when it changes itself (pyqtgraph calls its update()) or moves by part of a pixel."""
    axis.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
    _RedrawOnSubPixelMove(axis)


class _RedrawOnSubPixelMove(QObject):
    """Drops `axis`'s cache when its place's fraction of a pixel changes. It moves with
    its own geometry and with each widget holding it (the plot, the colour bar, the
    canvas's layout), so each of their geometry changes is checked (a layout's few per
    edit, none per frame of a race)."""

    def __init__(self, axis):
        super().__init__(axis)        # goes with the axis: Qt drops the connections
        self._axis = axis
        self._fraction = self._place_fraction()
        item = axis
        while item is not None:
            item.geometryChanged.connect(self._on_geometry_changed)
            item = item.parentWidget()

    def _place_fraction(self) -> tuple[float, float]:
        # the views show the scene unscaled, whole pixels apart: the scene's fraction
        # is the screen's
        place = self._axis.sceneTransform()
        return place.dx() % 1.0, place.dy() % 1.0

    def _on_geometry_changed(self) -> None:
        # a window closing: a holder's geometry changes after the axis itself is deleted
        # (its C++ part gone before this child of it), "AxisItem already deleted"
        if not shiboken6.isValid(self._axis):
            return
        fraction = self._place_fraction()
        if fraction != self._fraction:
            self._fraction = fraction
            self._axis.update()
