"""Room at the ends of f′'s panel for the numbers of its extreme values.

pyqtgraph leaves out a tick's number whose text (0.8 of a line high) would reach past
the axis's end. |x|'s f′ = ±1 on a range padded by 8 % put its ±1 ticks 5-8 px from the
ends of a 77-111 px panel: the numbers were left out, only "0" was written, and the
jump from −1 to 1 could not be read. f′'s range is padded so that its extremes sit half
a number's height inside (for the panel's height and tick font now), and worked out
again when either changes (F11, a text size, a resize).
"""
from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QApplication

from gui.widgets import theme

TEXT_HEIGHT_SHARE = 0.8    # of a line: the height pyqtgraph gives a tick's number
GAP_PX = 1.0               # and this much more between the number and the axis's end


class EndRoom:
    """The share of `plot`'s height to keep beyond its range's extremes (`share()`);
    `refresh` is called when a resize or a new look changes it."""

    def __init__(self, plot, refresh):
        self.plot, self._refresh = plot, refresh
        self._given = None            # the share the last range was padded for
        # a turn later, once per burst; owned by the view box: it goes with the plot,
        # never firing on a deleted one
        self._soon = QTimer(plot.vb, singleShot=True, interval=0)
        self._soon.timeout.connect(self._check)
        plot.vb.sigResized.connect(self._soon.start)
        theme.notifier.changed.connect(self._soon.start)

    def share(self) -> float:
        """Half a number's height and GAP_PX, as a share of the panel's height."""
        axis = self.plot.getAxis("left")
        line = QFontMetricsF(axis.style.get("tickFont") or QApplication.font()).height()
        height = self.plot.vb.height()
        room = TEXT_HEIGHT_SHARE * line / 2 + GAP_PX
        self._given = 0.0 if height <= 0 else min(room / height, 0.3)
        return self._given

    def _check(self, *_) -> None:
        if self._given is not None and abs(self._current() - self._given) > 1e-3:
            self._refresh()

    def _current(self) -> float:
        given = self._given
        try:
            return self.share()
        finally:
            self._given = given
