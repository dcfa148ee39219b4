"""f's canvas over f′ and f″'s, in a splitter that gives f's curve twice the height of
f′'s: f is the picture, its derivatives explain it.

A fixed 3 : 2 split of the canvases gave the view boxes ~1.4 : 1 at 720p, since f′'s
canvas also holds the x-axis's numbers and the legend row; the split is of the curves'
own heights, the rest of each canvas set aside. Once the user drags the handle, their
split stays.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QSplitter

from gui.compute.qt_guard import qt_override

F_SHARE = 2 / 3            # of the two view boxes' height, for f's


class CurveSplit(QSplitter):
    def __init__(self, canvas, plot, canvas_d, plot_d, parent=None):
        super().__init__(Qt.Orientation.Vertical, parent)
        self._parts = ((canvas, plot), (canvas_d, plot_d))
        self.addWidget(canvas)
        self.addWidget(canvas_d)
        self.setStretchFactor(0, 2)
        self.setStretchFactor(1, 1)
        self.user_split = False             # the user dragged the handle: their split
        self.splitterMoved.connect(self._on_user_moved)
        # a turn later: the canvases lay out their plots after they are resized
        self._share_soon = QTimer(self, singleShot=True, interval=0)
        self._share_soon.timeout.connect(self.share)
        for _canvas, plot_item in self._parts:
            plot_item.vb.sigResized.connect(self._share_soon.start)

    def _on_user_moved(self, *_):
        self.user_split = True

    def reset_split(self) -> None:
        """Back to the split a new view has (File ▸ New), even if the user chose one."""
        self.user_split = False
        self.share()

    def share(self) -> None:
        """f's view box F_SHARE of the two boxes' height (unless the user chose)."""
        if self.user_split:
            return
        sizes = self.sizes()
        total = sum(sizes)
        (canvas, plot), (canvas_d, plot_d) = self._parts
        rest_f = canvas.height() - plot.vb.height()          # margins (and axis) of f's
        rest_d = canvas_d.height() - plot_d.vb.height()      # axis numbers, legend row
        curves = total - rest_f - rest_d
        if curves <= 0 or total <= 0:
            return
        f_size = max(round(rest_f + F_SHARE * curves), canvas.minimumHeight())
        # exactly: a pixel left over (≤ 1 was let be) stayed after a text size and back
        if f_size != sizes[0]:
            self.setSizes([f_size, total - f_size])

    @qt_override
    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._share_soon.start()
