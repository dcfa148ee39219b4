"""One paint pass for all that one turn of the event loop changed.

Qt paints a window when its UpdateRequest comes, and posts that request at the first
`update()` of a turn. What is queued behind it repaints in a pass of its own: a layout
request (a table's new column widths, a label's new size: widgets move, and what they
uncover repaints) and a QGraphicsScene's changes, which it hands to its views by a queued
call. An edit's analysis applied at once (gui.compute.analysis_worker) showed three
passes: the 3-D view and the panels, then the map (its scene's call), then the iterate
table (its layout), each repainting the overlays above them again. (A plot that a layout
resizes still paints again: pyqtgraph lays its axes out anew when it paints them.)
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QGraphicsView, QWidget


def gather_pending_changes(window: QWidget) -> None:
    """Deliver, before `window` paints, the layout requests and the scene updates already
    queued, so that what they change is painted in this pass and not in the next."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    for view in window.findChildren(QGraphicsView):
        scene = view.scene()
        if scene is not None and view.isVisible():
            # the scene's queued dirty-item processing and its `changed` to the views
            QCoreApplication.sendPostedEvents(scene, QEvent.Type.MetaCall)
