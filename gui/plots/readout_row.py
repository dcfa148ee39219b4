"""The map's switches and its read-out of f and ∇f under the mouse: on one row where
the room beside the switches holds a reading of f and ∇f, else the read-out on a row of
its own under them (at 1280 × 720 presenting it had 177 px beside them and showed
"x = −3.333, y = …"). The choice follows the width only, measured on a sample reading,
so moving the mouse over the map never moves the map."""
from __future__ import annotations

from PySide6.QtWidgets import QGridLayout

# a reading of f and ∇f in the read-out's shortest form but one (gui.plots.hover_readout)
SAMPLE = "f = −20.1  ∇f = (−6.67, −8.51)"


class ReadoutRow(QGridLayout):
    def __init__(self, switches, readout):
        super().__init__()
        self.switches, self.readout = switches, readout
        self.setHorizontalSpacing(6)
        self.setVerticalSpacing(0)
        for column, widget in enumerate(switches):
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
            self.addWidget(self.readout, 1, 0, 1, n + 1)
        else:
            self.addWidget(self.readout, 0, n)
        self.setColumnStretch(n, 1)

    def setGeometry(self, rect):     # noqa: N802 - Qt's name
        margins = self.contentsMargins()
        beside = rect.width() - margins.left() - margins.right() - sum(
            w.sizeHint().width() + self.horizontalSpacing() for w in self.switches)
        self._place(beside < self.readout.fontMetrics().horizontalAdvance(SAMPLE) + 8)
        super().setGeometry(rect)
