"""f″ on its own scale over f′'s plot: a second ViewBox on plot_d's right axis
(pyqtgraph's multiple-axes recipe), x-linked, no mouse of its own. On one shared axis a
large f″ flattened f′ into a line; with its zero always at f′'s zero's height a small f″
was flattened instead (x³: f″ = ±12 on an axis to ~170), so the zeros line up only where
that costs f″ little (gui.plots.curve_scaling.second_range), and f″ then draws its own
zero line. Where f′ and f″ are of a size (curve_scaling.shared_range) both take one
range, the same numbers on both sides (`shared`). Each axis's numbers and name are in
its curve's colour: which scale is whose is never a guess.

The axis is as wide as its numbers and name (pyqtgraph's own measure), so its name sits
next to its numbers as the other axes' do: at a fixed 64 px (× the text size) "f″(x)"
stood 50–80 px right of a "2". f's plot above has an empty right axis made as wide, so
both plots' x-axes line up."""
from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from gui.plots.curve_scaling import constant_of, second_range
from gui.plots.axis_ticks import format_tick
from gui.plots.readable_ticks import at_least_two_numbers
from gui.plots.theme import fit_tick_room
from gui.widgets import theme
from gui.widgets.palette import CURVE_COLOURS


def curve_ink(key: str):
    """The curve's colour as text on the light plot (4.5:1; the theme adapts it)."""
    return theme.LIGHT.text(CURVE_COLOURS[key], theme.LIGHT.background)


class SecondAxis:
    """Public: vb (pg.ViewBox of f″), zero_line (pg.InfiniteLine at f″ = 0, shown while
    the zeros are not aligned), aligned (bool: f″'s zero at f′'s), shared (bool: f″ on
    f′'s range)."""

    def __init__(self, plot_d, plot_f, ink, label_style):
        self.plot_d = plot_d
        self.aligned, self.shared = True, False
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
        right.setPen(ink)
        right.setTextPen(curve_ink("d2f"))
        right.labelStyle = dict(label_style, color=curve_ink("d2f").name())
        right.setTickFont(plot_d.getAxis("left").style["tickFont"] or QFont())
        at_least_two_numbers(right)       # exp(x²)·1e300's f″ read only "0"
        plot_d.vb.sigResized.connect(self.fit)
        # an empty right axis as wide on f's plot: both x-axes stay aligned, so a
        # minimum of f sits right above the zero of f′
        plot_f.showAxis("right")
        self.mirror = plot_f.getAxis("right")
        self.mirror.setStyle(showValues=False)
        self.mirror.setPen(ink)
        # its width is f″'s axis's, set whenever either measures its own (new numbers, a
        # text size, a theme: gui.plots.theme restyles both, in either order)
        self._own_width, self._measuring = right._updateWidth, False
        right._updateWidth = self._update_width
        self.mirror._updateWidth = self._match_width
        self._match_width()

    def _update_width(self) -> None:
        """f″'s axis as wide as the numbers it shows now, measured now: left to its
        paint (pyqtgraph's way), a text size's first guess stood a frame, and the
        layout and legend below followed it a few event-loop turns late."""
        if not self._measuring:
            self._measuring = True
            try:
                fit_tick_room(self.axis)       # (calls this again: measured then)
            finally:
                self._measuring = False
        self._own_width()
        self._match_width()

    def _match_width(self) -> None:
        width = self.axis.maximumWidth() if self.axis.isVisible() else 0.0
        self.mirror.setMaximumWidth(width)
        self.mirror.setMinimumWidth(width)
        self.mirror.picture = None

    def fit(self):
        self.vb.setGeometry(self.plot_d.vb.sceneBoundingRect())

    def show_range(self, d_range, d2ys, shared: bool = False) -> tuple[float, float]:
        """Scale f″'s axis for the values `d2ys` beside f′ on `d_range` (`shared`: on
        that very range); the range."""
        self.shared = shared
        d2_range, self.aligned = (d_range, True) if shared else second_range(d_range, d2ys)
        self.zero_line.setVisible(not self.aligned)
        # a constant f″ gets a tick at its value (and at 0): "2" read off the axis
        c = constant_of(d2ys)
        ticks = None if c is None else [[(0.0, "0")] + ([(c, format_tick(c))] if c else []), []]
        self.axis.setTicks(ticks)
        self.vb.setYRange(*d2_range, padding=0)
        # the room for these numbers now (pyqtgraph narrows it only by more than 10 px
        # at a paint: a name left that far from shorter numbers)
        self._update_width()
        self.fit()
        return d2_range
