"""The learning-rate sweep's marks beside its curves, placed on the plot as it is now.

Every vertical line has its label (2/λmax and each run's η): only 2/λmax had one, and
at x² + 2y² with η = 0.6 three dashed lines stood at 0.5, 0.6 and 1 with no telling
which was which. Each label goes where its plate covers no curve, dot, × or label
placed before it (lr_sweep_label). The diverged runs' × rows lie in a band of their
own at the plot's top, named "diverged", and the f axis numbers stop below it: the ×
stood at f ≈ 19–25 beside the axis's 20 and read as values of f.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor

from gui.plots.lr_sweep_label import box_spans, free_stretches, label_place, occupied_heights
from gui.widgets import theme

DIVERGED_TEXT = "diverged ×"
DOT_PX = 4                    # a curve's dot (5 px) or an × (8 px), half
PLATE_ALPHA = 210             # a label's plate: the background, the lines faint through it
BAND_BRUSH = (128, 128, 128, 36)     # faint on the light and the dark theme alike


LABEL_MARGIN_PX = 1           # the plate's margin round a line's label (Qt's is 4)


def slim(label):
    """`label` (a line's) with a plate just round its letters: with Qt's 4 px margin
    the plate of "η = 0.6", between its line and η = 1's 15 px away, hid that line."""
    label.textItem.document().setDocumentMargin(LABEL_MARGIN_PX)
    label.updateTextPos()
    return label


def run_ink(colour) -> QColor:
    """A run's colour as its dashed line and its label's plate show it: the theme's ink
    of it (Newton's black is the foreground on the dark theme, as its line)."""
    return theme.current().ink(pg.mkColor(colour))


def label_chip(colour) -> tuple[QColor, QColor]:
    """(plate, letters) of a run's η label: a plate in the run's own colour (run_ink),
    its letters near-black or white, whichever reads better on it (theme.text_on:
    every palette colour reaches 4.5:1). The letters were the run's colour darkened to
    4.5:1 on the background, another colour than the run's: Adam's orange #E69F00 read
    #966700, the second GD run's #73B1D5 read #517C95."""
    plate = run_ink(colour)
    return plate, theme.text_on(plate)


def label_plate():
    """A label's plate as built (light@1): white, a little see-through; the theme
    makes it its background (Theme.fill)."""
    return pg.mkBrush(255, 255, 255, PLATE_ALPHA)


def place_line_labels(vb, lines, curves) -> list[tuple[float, float, float, float]]:
    """Place the label of each of `lines` (vertical InfiniteLines, in this order) along
    its line where its plate covers none of `curves` ((xs, ys) in view coordinates) and
    no label placed before it, on a side where it crosses no other line (at 0.5 and
    0.6 a label between the two lines read as either's): level on its right, else up
    the line on its right, else the same on its left; else where it covers least. The labels' boxes (x0, x1, y0, y1, view coordinates) as placed."""
    (x0, x1), (y0, y1) = vb.viewRange()
    if vb.height() <= 0 or vb.width() <= 0 or x1 <= x0 or y1 <= y0:
        return []
    per_px_x, per_px_y = (x1 - x0) / vb.width(), (y1 - y0) / vb.height()
    taken = []
    for line in lines:
        others = [other.value() for other in lines if other is not line]
        # its length and thickness: the box as it stands may be turned already
        box = line.label.boundingRect()
        length, thickness = max(box.width(), box.height()), min(box.width(), box.height())
        x = line.value()
        places = []
        # (up the line?, right of it?): across the line it takes its thickness, along it
        # its length
        # level first: turned text on a ~360×130 px plot was hard to read from the back
        # of a hall (rehearsal: "η = 0.001", "η = 1" upright); turned where a level
        # plate would cross another line or a curve (0.5, 0.6, 1: ~15 px apart); on the
        # line's right before its left (written from the line on)
        for rank, (upright, right) in enumerate(((False, True), (True, True),
                                                 (False, False), (True, False))):
            across, along = (thickness, length) if upright else (length, thickness)
            reach = across * per_px_x
            low, high = (x, x + reach) if right else (x - reach, x)
            heights = occupied_heights(curves, low, high, DOT_PX * per_px_x)
            spans = [((lo - y0) / per_px_y - DOT_PX, (hi - y0) / per_px_y + DOT_PX)
                     for lo, hi in heights]
            # (a label's plate touching the next line by a pixel is no overlap)
            touch = 2 * per_px_x
            spans += [((lo - y0) / per_px_y, (hi - y0) / per_px_y)
                      for lo, hi in box_spans(taken, low + touch, high - touch)]
            centre, fits = label_place(spans, vb.height(), along)
            room = max((hi - lo for lo, hi in free_stretches(spans, vb.height())),
                       default=0.0)
            crosses = any(low < other < high for other in others)
            # crossing a line anyway (0.5, 0.6, 1 packed): turned, it crosses least
            order = (0 if upright else 2) + (0 if right else 1) if crosses else rank
            places.append((crosses, not fits, 0 if fits else along - room, order,
                           upright, right, centre))
        *_, upright, right, centre = min(places)
        _set_place(line.label, upright, right, centre / vb.height())
        taken.append(view_box_of(vb, line.label))
    return taken


def _set_place(label, upright: bool, right: bool, position: float) -> None:
    if upright:    # turned with the line: its top (now its left) at the line
        label.rotateAxis, anchor = pg.Point(1, 0), (0.5, 0.0 if right else 1.0)
    else:          # level: its left (or right) end at the line
        label.rotateAxis, anchor = None, (0.0 if right else 1.0, 0.5)
    label.anchors = [anchor] * 2
    label.updateTransform(force=True)
    label.setPosition(min(max(position, 0.0), 1.0))


def view_box_of(vb, item) -> tuple[float, float, float, float]:
    """(x0, x1, y0, y1): `item`'s rectangle on screen in `vb`'s view coordinates."""
    rect = item.mapRectToScene(item.boundingRect())
    a, b = vb.mapSceneToView(rect.topLeft()), vb.mapSceneToView(rect.bottomRight())
    return min(a.x(), b.x()), max(a.x(), b.x()), min(a.y(), b.y()), max(a.y(), b.y())


class DivergedBand:
    """The band at the plot's top that holds the × rows, faintly shaded, its name at
    its left end; the f axis numbers and grid lines end below it."""

    def __init__(self, plot_item):
        self.region = pg.LinearRegionItem(orientation="horizontal", movable=False,
                                          brush=pg.mkBrush(*BAND_BRUSH),
                                          pen=pg.mkPen(128, 128, 128, 150, width=1))
        self.region.setZValue(-5)                  # under the curves and the ×
        self.text = pg.TextItem(DIVERGED_TEXT, color="#333", anchor=(0, 0.5))
        self.text.setZValue(15)
        for item in (self.region, self.text):
            plot_item.addItem(item, ignoreBounds=True)
            item.hide()
        self.floor = np.inf               # the band's lower edge (f units): no tick above
        axis = plot_item.getAxis("left")
        ticks_of = axis.tickValues

        def ticks_below(low, high, size):
            return [(spacing, [v for v in values if v <= self.floor])
                    for spacing, values in ticks_of(low, high, size)]
        axis.tickValues = ticks_below

    def height_px(self, rows: int, row_px: float) -> float:
        """The band's height on screen for `rows` rows: the rows', or its name's."""
        return max(rows * row_px, self.text.boundingRect().height()) if rows else 0.0

    def place(self, vb, low: float, high: float) -> None:
        """The band from `low` to `high` (f units); none where low ≥ high."""
        shown = bool(high > low)
        self.floor = low if shown else np.inf
        self.region.setVisible(shown)
        self.text.setVisible(shown)
        if shown:
            self.region.setRegion((low, high))
            (x0, x1), _ = vb.viewRange()
            self.text.setPos(QPointF(x0 + 0.01 * (x1 - x0), (low + high) / 2))
