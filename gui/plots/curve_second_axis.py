"""f″ on its own scale over f′'s plot: a second ViewBox on plot_d's right axis
(pyqtgraph's multiple-axes recipe), x-linked, no mouse of its own. On one shared axis a
large f″ flattened f′ into a line; with its zero always at f′'s zero's height a small f″
was flattened instead (x³: f″ = ±12 on an axis to ~170), so the zeros line up only where
that costs f″ little (gui.plots.curve_scaling.second_range), and f″ then draws its own
zero line."""
from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from gui.plots.curve_scaling import constant_of, second_range
from gui.plots.axis_ticks import format_tick
from gui.widgets.palette import CURVE_COLOURS


class SecondAxis:
    """Public: vb (pg.ViewBox of f″), zero_line (pg.InfiniteLine at f″ = 0, shown while
    the zeros are not aligned), aligned (bool: f″'s zero at f′'s)."""

    def __init__(self, plot_d, plot_f, ink, label_style):
        self.plot_d = plot_d
        self.aligned = True
        self.vb = pg.ViewBox(enableMenu=False)
        self.vb.setMouseEnabled(x=False, y=False)
        self.vb.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        plot_d.scene().addItem(self.vb)
        self.vb.setZValue(plot_d.vb.zValue() - 1)     # under f′ and its markers
        self.vb.setXLink(plot_d)
        self.zero_line = pg.InfiniteLine(pos=0, angle=0, pen=pg.mkPen(
            CURVE_COLOURS["d2f"], width=1, style=Qt.PenStyle.DotLine))
        self.zero_line.setVisible(False)
        self.vb.addItem(self.zero_line)
        right = self.axis = plot_d.getAxis("right")
        right.linkToView(self.vb)
        plot_d.showAxis("right")
        right.enableAutoSIPrefix(False)
        right.setWidth(64)
        right.setPen(ink)
        right.setTextPen(ink)
        right.labelStyle = dict(label_style)
        right.setTickFont(plot_d.getAxis("left").style["tickFont"] or QFont())
        plot_d.vb.sigResized.connect(self.fit)
        # an empty right axis as wide on f's plot: both x-axes stay aligned, so a
        # minimum of f sits right above the zero of f′
        plot_f.showAxis("right")
        plot_f.getAxis("right").setWidth(64)
        plot_f.getAxis("right").setStyle(showValues=False)
        plot_f.getAxis("right").setPen(ink)

    def fit(self):
        self.vb.setGeometry(self.plot_d.vb.sceneBoundingRect())

    def show_range(self, d_range, d2ys) -> tuple[float, float]:
        """Scale f″'s axis for the values `d2ys` beside f′ on `d_range`; the range."""
        d2_range, self.aligned = second_range(d_range, d2ys)
        self.zero_line.setVisible(not self.aligned)
        # a constant f″ gets a tick at its value (and at 0): "2" read off the axis
        c = constant_of(d2ys)
        ticks = None if c is None else [[(0.0, "0")] + ([(c, format_tick(c))] if c else []), []]
        self.axis.setTicks(ticks)
        self.vb.setYRange(*d2_range, padding=0)
        self.fit()
        return d2_range
