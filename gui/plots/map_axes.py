"""The contour map's axes: x and y, and the colour bar's f axis.

Each is drawn from a pixmap cache (QGraphicsItem.DeviceCoordinateCache), as the loss
plot's are. Their ticks reach into the plot, so any change inside it (a new f's image
and iso-lines, its arrows, paths and points) repainted all six by replaying their
tick labels (~4 ms each, five repaints an edit); cached, an axis is drawn anew only
when it changes itself (range, ticks, pen: pyqtgraph then calls its update()), and a
scaled export (2×, 3×) re-renders it at that scale.
"""
from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGraphicsItem

SIDES = ("left", "right", "top", "bottom")


def style_map_axes(plot, colour_bar, ink: str) -> None:
    """Ink and fonts of the map's axes (plot: its PlotItem; colour_bar: its
    ColorBarItem, a PlotItem too), each one cached as a pixmap."""
    tick_font = QFont()
    tick_font.setPointSize(10)
    for side in ("bottom", "left"):
        axis = plot.getAxis(side)
        axis.setPen(ink)
        axis.setTextPen(ink)
        axis.setTickFont(tick_font)
        # The label's style is given here, before the theme first records it: set on
        # the first expression, it overwrote a theme applied before (dark "w" on dark)
        axis.labelStyle = {"color": ink, "font-size": "12pt"}
    bar_axis = colour_bar.axis
    bar_axis.setPen(ink)
    bar_axis.setTextPen(ink)
    bar_axis.setTickFont(tick_font)
    for side in SIDES:
        colour_bar.getAxis(side).enableAutoSIPrefix(False)
    bar_axis.setLabel("f", color=ink, **{"font-size": "12pt"})
    bar_axis.setWidth(64)
    for item in (plot, colour_bar):
        for side in SIDES:
            item.getAxis(side).setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
