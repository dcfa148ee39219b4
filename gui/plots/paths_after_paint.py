"""A plain start's first descent paths, computed once the 3-D view has painted its
first analysed surface.

The surface and the map need f only; the paths (~40-90 ms of descent on the GUI thread
at start-up) and what shows them (the paths in both views, the loss plot, the table)
follow a turn later, so the lecturer sees the landscape that much sooner. The settled
window is the same: the paths are the model's own, computed by the same code.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer

from gui.compute.qt_guard import qt_override

# The canvas shown but not painting (the window minimised, covered): the paths come by
# this, at the latest.
LATEST_MS = 300


class PathsAfterPaint(QObject):
    """Called by LandscapeModel with its paths' computation (`then`) instead of running
    it: runs it in the event loop's turn after `canvas` (the 3-D view's) next paints,
    at once (next turn) when the canvas is not on screen, and after LATEST_MS anyway.
    Once only: the model lets go of it when it calls it."""

    def __init__(self, canvas):
        super().__init__(canvas)
        self.canvas = canvas
        self._then = None
        self._latest = QTimer(self, singleShot=True)
        self._latest.timeout.connect(self._run)

    def __call__(self, then) -> None:
        self._then = then
        if self.canvas.isVisible():
            self.canvas.installEventFilter(self)
            self._latest.start(LATEST_MS)
        else:
            QTimer.singleShot(0, self, self._run)

    @qt_override
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            # the filter runs before the paint: the paths after it, as the next posted
            # event (a zero timer waited ~0.2 s behind the start's other paints)
            self._latest.stop()
            QTimer.singleShot(0, self, self._run)
        return False

    def _run(self):
        self.canvas.removeEventFilter(self)
        then, self._then = self._then, None
        if then is not None:
            then()
