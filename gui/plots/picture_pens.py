"""Lines and markers as thick in a picture as on the screen, at any picture scale.

pyqtgraph draws with cosmetic pens (widths in device pixels) and pixel-sized markers,
so a plot rendered through a painter scaled 2× keeps 1-px contour lines and arrows:
hairlines on a slide. `thick_lines(scene, ratio)` widens every pen in a scene by
`ratio` (a 0-width cosmetic pen counts as 1 px) and puts items in pyqtgraph's export
mode, in which scatter markers scale with the picture and are drawn as shapes (vector
in an SVG), then restores everything as it was.
"""
from __future__ import annotations

from contextlib import contextmanager

import pyqtgraph as pg
from PySide6.QtGui import QPen


def _wider(pen, ratio: float):
    if pen is None:
        return None
    pen = QPen(pen)
    if pen.style() == pen.style().NoPen:
        return pen
    pen.setWidthF(max(pen.widthF(), 1.0) * ratio)
    return pen


def _pen_slots(item):
    """(getter, setter) pairs of the pens one item draws with."""
    if isinstance(item, pg.PlotCurveItem):
        return [(lambda i=item: i.opts["pen"], item.setPen),
                (lambda i=item: i.opts.get("shadowPen"), item.setShadowPen)]
    if isinstance(item, pg.IsocurveItem):
        return [(lambda i=item: i.pen, item.setPen)]
    if isinstance(item, pg.InfiniteLine):
        return [(lambda i=item: i.pen, item.setPen)]
    if isinstance(item, pg.AxisItem):
        return [(lambda i=item: i.pen(), item.setPen)]
    return []


@contextmanager
def thick_lines(scene, ratio: float):
    """Inside: every pen of `scene` `ratio` × wider and markers scaled by `ratio`."""
    if scene is None:
        yield
        return
    undo = []
    # markers are drawn one by one in device pixels, which the picture's device pixel
    # ratio already scales: no resolutionScale on top
    options = {"antialias": True, "resolutionScale": 1.0, "background": None}
    try:
        for item in scene.items():
            if isinstance(item, pg.ScatterPlotItem) and item.isVisible():
                item.setExportMode(True, dict(options))
                undo.append(lambda i=item: i.setExportMode(False))
            if ratio == 1.0:
                continue
            for get, set_ in _pen_slots(item):
                pen = get()
                if pen is None:
                    continue
                pen = QPen(pg.mkPen(pen))
                set_(_wider(pen, ratio))
                undo.append(lambda s=set_, p=pen: s(p))
        yield
    finally:
        for restore in reversed(undo):
            restore()
