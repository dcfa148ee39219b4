"""How every pyqtgraph canvas (a QGraphicsView) is set up for animation: one place, so
the contour map and the loss plot draw a race frame the same way.

No BSP index (`QGraphicsScene.NoIndex`), Qt's advice for scenes whose items move on
every frame: with the index, each frame's new path point, dot or label re-filed its item
(its bounding rectangle asked again) before anything was painted; our scenes hold a few
dozen items, which a linear walk finds as fast.

Measured and left off (no difference above the noise of a shared machine, six runs
racing, in-process interleaved): `DontAdjustForAntialiasing`, `DontSavePainterState`
(pyqtgraph's own items change pens and render hints without restoring them) and the
Smart / BoundingRect viewport update modes.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView


def tune_canvas(view: QGraphicsView) -> QGraphicsView:
    """Set `view` (a pg.PlotWidget / GraphicsLayoutWidget) up for animated items; returns it."""
    view.scene().setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
    return view


def paint_now(view: QGraphicsView) -> None:
    """Paint `view` at once with every change made to its scene so far, once.

    A QGraphicsScene hands its items' changes to its views on a later turn of the event
    loop (a queued call): after a bare `viewport().repaint()` (the whole view drawn) that
    call still asked for the changed rectangles, and the map of every new f was painted
    twice. Delivering the scene's queued calls first makes them the viewport's pending
    update; the window's update request, sent now, paints just that, and nothing is left
    for later.
    """
    QCoreApplication.sendPostedEvents(view.scene(), QEvent.Type.MetaCall)
    QCoreApplication.sendPostedEvents(view.window(), QEvent.Type.UpdateRequest)
