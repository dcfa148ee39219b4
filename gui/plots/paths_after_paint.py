"""A plain start's first descent paths, computed once the 3-D view has painted its
first analysed surface.

The surface and the map need f only; the paths (~40-90 ms of descent on the GUI thread
at start-up) and what shows them (the paths in both views, the loss plot, the table)
follow a turn later, so the lecturer sees the landscape that much sooner. The settled
window is the same: the paths are the model's own, computed by the same code.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent

from gui.widgets.paint_pass import AfterNextPaint

# The canvas shown but not painting (the window minimised, covered): the paths come by
# this, at the latest.
LATEST_MS = 300


class PathsAfterPaint(AfterNextPaint):
    """Called by LandscapeModel with its paths' computation (`then`) instead of running
    it: runs it in the event loop's turn after `canvas` (the 3-D view's) next paints,
    at once (next turn) when the canvas is not on screen, and after LATEST_MS anyway.
    Once only: the model lets go of it when it calls it."""

    def __init__(self, canvas):
        super().__init__(canvas, QEvent.Type.Paint, LATEST_MS)
