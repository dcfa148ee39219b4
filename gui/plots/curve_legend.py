"""The row under the one-variable view's plots: the legend (f, f′, f″, tangent, secant,
the descent methods, start) from the left end of the x-axis; and the variable's name
at the x-axis's right end, beside its last number (under f″'s axis), where a
blackboard puts it.

On a row of its own above f the legend took ~45 px, and the x-axis's name a row of its
own under f′: at 1280×720 f's curve was left ~55 px. The name then shared the legend's
row, where it read as one more legend entry; the corner beside the axis's numbers was
empty and costs no height.
"""
from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QSizePolicy

from gui.plots.legend_columns import fit_legend, tighten

MOST_COLUMNS = 8          # f, f′, f″, tangent, secant, a method and start: one row
MIN_CURVE_PX = 30         # f′'s view box at least, whatever the legend's rows (least_box)
LEFT_PX = 8               # the legend's first sample from the canvas's left edge
NAME_GAP = 8              # px between the view box's right end and the variable's name


def least_box(plot: pg.PlotItem) -> float:
    """The least height of `plot`'s view box that keeps it readable: its side axes'
    names whole (presenting at 720p, 30 px clipped "f″(x)" to "f″(:") and room for three
    tick numbers apart (there "0" and "20" overlapped); at least MIN_CURVE_PX."""
    need = MIN_CURVE_PX
    for side in ("left", "right"):
        axis = plot.getAxis(side)
        if axis.isVisible() and axis.label.isVisible():
            need = max(need, axis.label.boundingRect().width() + 6)
        font = axis.style["tickFont"]
        if font is not None and axis.isVisible():
            need = max(need, 3.5 * QFontMetricsF(font).height())
    return need


class CurveLegendRow:
    """Built into `canvas` at `row` under `plot`; `legend` (a pg.LegendItem) and
    `name` (a pg.LabelItem: the variable, right of the view box at the x-axis's
    numbers) are its parts; the canvas's minimum height keeps the plot's view box ≥ MIN_CURVE_PX."""

    def __init__(self, canvas: pg.GraphicsLayoutWidget, row: int, plot: pg.PlotItem,
                 ink: str, name_size: str):
        self._canvas, self._plot = canvas, plot
        self.row = canvas.addLayout(row=row, col=0)
        self.row.layout.setContentsMargins(0, 0, 0, 0)
        self.row.layout.setHorizontalSpacing(0)
        self.legend = pg.LegendItem(colCount=MOST_COLUMNS, labelTextColor=ink,
                                    labelTextSize="10pt", frame=False, horSpacing=10)
        self.legend.layout.setContentsMargins(0, 0, 0, 0)
        self.legend.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.name = pg.LabelItem("x", color=ink, size=name_size, justify="right")
        tighten(self.name)
        canvas.scene().addItem(self.name)          # placed by fit, outside the layout
        self.row.addItem(self.legend, row=0, col=0)
        self.row.layout.setAlignment(self.legend, Qt.AlignmentFlag.AlignLeft
                                     | Qt.AlignmentFlag.AlignTop)
        plot.vb.sigResized.connect(self.fit)
        # a turn after a fit: the legend's layout has its new least height by then
        self._fill_soon = QTimer(canvas, singleShot=True, interval=0)
        self._fill_soon.timeout.connect(self._fill_canvas)

    def set_name(self, text: str) -> None:
        self.name.setText(text)
        self.fit()

    def fit(self, *_):
        """The name beside the x-axis's right end, and the legend from the canvas's left
        in as many columns as fit under the view box (from the view box's left, at text
        size 2 it took four rows where three do)."""
        box = self._plot.vb.sceneBoundingRect()
        # the axis's own cell: its bounding rect spans the plot with the grid's lines
        axis = self._plot.mapRectToScene(self._plot.getAxis("bottom").geometry())
        text = self.name.itemRect()
        self.name.setPos(box.right() + NAME_GAP - text.left(),
                         axis.center().y() - text.center().y())
        right = self._canvas.ci.boundingRect().width() - box.right()
        margins = self.row.layout.getContentsMargins()
        if (round(margins[0]), round(margins[2])) != (LEFT_PX, round(right)):
            self.row.layout.setContentsMargins(LEFT_PX, 0, round(right), 0)
        # from the canvas's own width: a legend too wide for it widened the layout past
        # the canvas, which then drew it squeezed (and the view box as wide), for good
        room = self._canvas.width() - right - LEFT_PX
        fit_legend(self.legend, room, MOST_COLUMNS)
        # f′'s curve keeps some height under a legend of several rows (large text): the
        # canvas asks for it, and the page scrolls before the curve is crushed to nothing
        need = round(self.legend.boundingRect().height() + self._plot.getAxis("bottom").height() + least_box(self._plot) + 4)
        if self._canvas.minimumHeight() != need:
            self._canvas.setMinimumHeight(need)
        self._fill_soon.start()

    def _fill_canvas(self):
        """The canvas's layout exactly as tall as the canvas. Resized while the legend
        still had more rows (a text size changed, the legend not yet refitted), the layout
        kept that taller least height, and the canvas cut off its legend row, until the
        next resize: a picture that depended on the order the steps came in."""
        canvas = self._canvas
        if canvas.viewport().size() != canvas.contentsRect().size():
            # the viewport kept its size of before a growth (its scroll area laid it out
            # while the canvas was on its way to the new height: seen at text size 2, the
            # legend going from two rows to three): lay it out again
            canvas.setViewportMargins(canvas.viewportMargins())
        view = self._canvas.range
        if self._canvas.ci.geometry() != view:
            self._canvas.ci.setGeometry(view)
