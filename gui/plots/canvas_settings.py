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

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView

from gui.compute.qt_guard import qt_override


class _RepaintAfterLayout(QObject):
    """The whole canvas painted anew once its items are laid out anew (a new text size,
    a legend of more rows): Qt repaints only what the moved items say they cover, and an
    axis's tick labels reach past that (pyqtgraph's 15-px allowance), so at a larger text
    the map kept pieces of its old axes on the screen (a grey dash left of its x-axis, a
    sliver of the colour bar under the bar). A layout changes a few times an edit, never
    per frame of a race."""

    def __init__(self, view: QGraphicsView, layout_item):
        super().__init__(view)
        self._view = view
        self.repaints = 0        # full repaints asked (the tests count them)
        layout_item.installEventFilter(self)

    @qt_override
    def eventFilter(self, watched, event):
        # asked now, painted after the layout this event runs: the paint that follows
        # it is whole (asked on the next turn of the loop, it came after a paint the
        # layout was laid out for, and the loss plot was painted twice for a new f)
        if event.type() == QEvent.Type.LayoutRequest:
            self._view.viewport().update()
            self.repaints += 1
        return False


def tune_canvas(view: QGraphicsView) -> QGraphicsView:
    """Set `view` (a pg.PlotWidget / GraphicsLayoutWidget) up for animated items; returns it."""
    view.scene().setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
    # the item whose layout places the axes: a GraphicsLayoutWidget's `ci`, a
    # PlotWidget's PlotItem (its `ci` is None: the loss plot had no repaint, and a
    # "0" of its step axis stayed on the screen where a narrower f axis had put it)
    layout_item = getattr(view, "ci", None) or getattr(view, "plotItem", None)
    if layout_item is not None:
        view.repaint_after_layout = _RepaintAfterLayout(view, layout_item)
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
