"""One paint pass for all that one turn of the event loop changed.

Qt paints a window when its UpdateRequest comes, and posts that request at the first
`update()` of a turn. What is queued behind it repaints in a pass of its own: a layout
request (a table's new column widths, a label's new size: widgets move, and what they
uncover repaints) and a QGraphicsScene's changes, which it hands to its views by a queued
call. An edit's analysis applied at once (gui.compute.analysis_worker) showed three
passes: the 3-D view and the panels, then the map (its scene's call), then the iterate
table (its layout), each repainting the overlays above them again. (A plot that a layout
resizes still paints again: pyqtgraph lays its axes out anew when it paints them.)

Each plot's canvas is also painted whole on a change that is not a race frame (a new f,
new paths, a new start, a step or reset by hand): `repaint_plots_whole`. A
QGraphicsScene repaints only the rectangles its items report, and in a long lecture
some items' reports were lost before they reached the view (the same with this pass
turned off, with the canvases' tuning off, with the view's full update mode and
with no edit answered inside set_text): in one driven sequence of 69 keys the loss plot
kept an old f's curve through a reset and a new f until something repainted it whole
(a lecturer saw the 1-D curve keep an old quartic under a new x² until a tab switch). A whole viewport painted
repaints whatever the scene lost, in the same pass, and costs an edit little: a new f
repaints most of each plot anyway. Race frames keep their small repaints.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QGraphicsView, QWidget

from gui.compute.qt_guard import qt_override


def gather_pending_changes(window: QWidget) -> None:
    """Deliver, before `window` paints, the layout requests and the scene updates already
    queued, so that what they change is painted in this pass and not in the next."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    for view in window.findChildren(QGraphicsView):
        scene = view.scene()
        if scene is not None and view.isVisible():
            # the scene's queued dirty-item processing and its `changed` to the views
            QCoreApplication.sendPostedEvents(scene, QEvent.Type.MetaCall)


def repaint_plots_whole(window: QWidget, but: QGraphicsView | None = None) -> int:
    """Ask every shown plot canvas (QGraphicsView) in `window` but `but` to paint its
    whole viewport in the next paint pass; returns how many were asked."""
    asked = 0
    for view in window.findChildren(QGraphicsView):
        if view.isVisible() and view.scene() is not None and view is not but:
            view.viewport().update()
            asked += 1
    return asked


_NOT_ASKED = object()


class PaintPass:
    """A window's side of its paint passes: `gather_next()` (a new f: what its turn queued
    is gathered into the pass, gather_pending_changes), `plots_whole(but)`
    (repaint_plots_whole, once a pass: an edit asked with its new f and again with its
    paths, each a search of the window's ~280 widgets, ~0.4 ms) and `before_paint()`,
    the window's UpdateRequest. (Its plots paint in its passes: none is in a window of
    its own, whose pass would not reset the once.)"""

    def __init__(self, window: QWidget):
        self.window = window
        self._gather = False
        self._whole_but = _NOT_ASKED      # the `but` of this pass's whole repaint (None: all)

    def gather_next(self, *_) -> None:
        self._gather = True

    def plots_whole(self, but: QGraphicsView | None = None) -> None:
        if self._whole_but is None or self._whole_but is but:
            return                        # this pass paints them whole already
        if repaint_plots_whole(self.window, but):    # (asked: a pass comes, and resets it)
            self._whole_but = but if self._whole_but is _NOT_ASKED else None

    def before_paint(self) -> None:
        self._whole_but = _NOT_ASKED
        if self._gather:
            self._gather = False
            gather_pending_changes(self.window)


class AfterNextPaint(QObject):
    """`after(then)`: run `then` in the event loop's turn after `widget`'s next paint (its
    `event`: a window's UpdateRequest starts its paint pass, a widget's Paint its own
    paint); at once, next turn, when it is not shown; after `latest_ms` anyway (a turn
    that changed nothing on screen has no paint). Only the newest `then` waiting runs.

    A window's: the helper processes' part of an edit (formulas, critical points), which
    asked before the paint took the 2-core machine's second core from the X server and
    the software OpenGL while the numeric views painted; a canvas's: a plain start's
    first paths (gui.plots.paths_after_paint)."""

    def __init__(self, widget: QWidget, event=QEvent.Type.UpdateRequest, latest_ms: int = 200):
        super().__init__(widget)
        self.widget, self._event = widget, event
        self._then = None
        self._latest = QTimer(self, singleShot=True, interval=latest_ms)
        self._latest.timeout.connect(self._run)

    def __call__(self, then) -> None:
        self._then = then
        if self.widget.isVisible():
            self.widget.installEventFilter(self)
            self._latest.start()
        else:
            QTimer.singleShot(0, self, self._run)

    def cancel(self) -> None:
        """The `then` waiting does not run."""
        self._then = None
        self.widget.removeEventFilter(self)
        self._latest.stop()

    @qt_override
    def eventFilter(self, obj, event):
        if event.type() == self._event:
            obj.removeEventFilter(self)
            self._latest.stop()
            # the filter sees the event before the paint: `then` as the next posted event
            # (a zero timer waited ~0.2 s behind a start's other paints)
            QTimer.singleShot(0, self, self._run)
        return False

    def _run(self):
        self.widget.removeEventFilter(self)
        self._latest.stop()
        then, self._then = self._then, None
        if then is not None:
            then()
