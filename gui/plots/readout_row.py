"""A view's bar: its switches and a text beside them (the map's read-out of f and ∇f
under the mouse, the 3-D view's hint), on one row where the room beside the switches
holds a sample of that text, else the text on a row of its own under them (at 1280 × 720
presenting the map's read-out had 177 px beside them and showed "x = −3.333, y = …",
and the 3-D view's hint lost "wheel: zoom" beside "Reset view", or read nothing). The
choice follows the width only, measured on the sample, so moving the mouse over the map
never moves the map."""
from __future__ import annotations

from PySide6.QtWidgets import QGridLayout

# a reading of f and ∇f in the read-out's shortest form but one (gui.plots.hover_readout)
SAMPLE = "f = −20.1  ∇f = (−6.67, −8.51)"


class ReadoutRow(QGridLayout):
    def __init__(self, switches, readout, sample: str = SAMPLE, after=()):
        """`switches` left of the text, `after` (a button) right of it on the first row;
        `sample`: the text that must fit beside them, else it gets a row of its own."""
        super().__init__()
        self.switches, self.readout, self.after = tuple(switches), readout, tuple(after)
        self.sample = sample
        self.setHorizontalSpacing(6)
        self.setVerticalSpacing(0)
        for column, widget in enumerate(switches):
            self.addWidget(widget, 0, column)
        for column, widget in enumerate(self.after, start=len(switches) + 1):
            self.addWidget(widget, 0, column)
        self.own_row = None
        self._place(False)

    def _place(self, own_row: bool) -> None:
        if own_row == self.own_row:
            return
        self.own_row = own_row
        self.removeWidget(self.readout)
        n = len(self.switches)
        if own_row:
            self.addWidget(self.readout, 1, 0, 1, n + 1 + len(self.after))
        else:
            self.addWidget(self.readout, 0, n)
        self.setColumnStretch(n, 1)

    def setGeometry(self, rect):     # noqa: N802 - Qt's name
        margins = self.contentsMargins()
        beside = rect.width() - margins.left() - margins.right() - sum(
            w.sizeHint().width() + self.horizontalSpacing() for w in self.switches + self.after)
        self._place(beside < self.readout.fontMetrics().horizontalAdvance(self.sample) + 8)
        super().setGeometry(rect)
