"""A run's current iterate outside the plot, shown at the plot's edge: an arrow in the
run's colour pointing towards it and the iterate's step and value ("step 1: x = −3.6").

x² with η = 1.5 jumps from 1.8 to −3.6 at the first step, off the window [−2, 2]: all
the students saw was one thin line leaving the plot, and it took three zooms out to see
the zig-zag. The window is not widened to follow (it is the lecturer's, and a runaway
would shrink the curve to a line): the mark says where the iterate went and how far.

Per run two items, built on first need and updated in place: `arrows[key]`
(pg.ArrowItem, its tip on the edge) and `labels[key]` (pg.TextItem, inside the plot
next to the arrow); hidden while the iterate is in view. Placed again when the range
changes. Labels at the same edge are stacked, each clear of those before it (x² with
η = 1.5 and all seven methods: Nesterov's label covered Gradient descent's, of which
only "st" showed).
"""
from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg

from gui.widgets.number_text import compact

INSET_PX = 3           # the arrow's tip this far inside the edge
LABEL_GAP_PX = 34      # the label's near corner this far inside, past the arrow
STACK_GAP_PX = 2       # between two stacked labels
INK = "#222222"


class OffPlotMarks:
    def __init__(self, plot):
        self.plot = plot
        self.arrows: dict[str, pg.ArrowItem] = {}
        self.labels: dict[str, pg.TextItem] = {}
        self._points: dict[str, tuple] = {}      # key -> ((x, y) view, text) to show
        self._colours: dict[str, object] = {}    # key -> the colour its mark wears
        self._label_at: dict[str, tuple] = {}    # key -> (x, y) view, (ax, ay) anchor, inward
        plot.getViewBox().sigRangeChanged.connect(self._place_all)

    def show(self, key, point, text: str, colour) -> None:
        """Key's current iterate at `point` (x, y) in view coordinates (None: none),
        labelled `text` when it lies outside the view."""
        if key not in self.arrows:
            self._add(key)
        if self._colours.get(key) != colour:      # (shown at every frame of a race)
            self._colours[key] = colour
            # a dark rim: the run's colour alone vanished on f's curve (both blue for GD)
            self.arrows[key].setStyle(brush=pg.mkBrush(colour), pen=pg.mkPen(INK, width=1.5))
            self.labels[key].border = pg.mkPen(colour, width=2)
        ok = point is not None and all(np.isfinite(point))
        self._points[key] = (tuple(map(float, point)), text) if ok else None
        self._place(key)
        self._stack()

    def hide(self, key) -> None:
        self._points[key] = None
        if key in self.arrows:
            self._place(key)
            self._stack()

    def shown(self) -> dict:
        """{key: label text} of the marks on screen (for tests and exports)."""
        return {k: label.toPlainText() for k, label in self.labels.items()
                if label.isVisible()}

    def _add(self, key) -> None:
        arrow = pg.ArrowItem(headLen=20, headWidth=16, tailLen=12, tailWidth=6, pxMode=True)
        label = pg.TextItem(color=INK, fill=pg.mkBrush(255, 255, 255, 220))
        for z, item in ((9, arrow), (9, label)):
            item.setZValue(z)
            item.setVisible(False)
            self.plot.addItem(item, ignoreBounds=True)   # the view never grows to hold them
        self.arrows[key], self.labels[key] = arrow, label

    def _place_all(self, *_) -> None:
        for key in self.arrows:
            self._place(key)
        self._stack()

    def _stack(self) -> None:
        """Move each shown label (in the order the runs came) inward, away from its
        edge, until it overlaps no label placed before it; on screen pixels."""
        vb = self.plot.getViewBox()
        px, py = vb.viewPixelSize()
        if px <= 0 or py <= 0:
            return
        placed = []
        for key, label in self.labels.items():
            if not label.isVisible() or key not in self._label_at:
                continue
            (x, y), (ax, ay), inward = self._label_at[key]
            size = label.textItem.boundingRect()
            w, h = size.width(), size.height()
            left, top = x / px - ax * w, -y / py - ay * h      # screen y grows downwards
            moved = True
            while moved:
                moved = False
                for l2, t2, w2, h2 in placed:
                    if left < l2 + w2 and l2 < left + w and top < t2 + h2 and t2 < top + h:
                        # past the other label, on the side away from the edge
                        top = t2 + h2 + STACK_GAP_PX if inward > 0 else t2 - h - STACK_GAP_PX
                        moved = True
            placed.append((left, top, w, h))
            label.setPos(x, -(top + ay * h) * py)

    def _place(self, key) -> None:
        arrow, label, shown = self.arrows[key], self.labels[key], self._points.get(key)
        vb = self.plot.getViewBox()
        (x0, x1), (y0, y1) = vb.viewRange()
        px, py = vb.viewPixelSize()
        if shown is None or px <= 0 or py <= 0:
            arrow.setVisible(False), label.setVisible(False)
            return
        (x, y), text = shown
        if x0 <= x <= x1 and y0 <= y <= y1:
            arrow.setVisible(False), label.setVisible(False)
            return
        inset_x, inset_y = INSET_PX * px, INSET_PX * py
        edge_x = min(max(x, x0 + inset_x), x1 - inset_x)
        edge_y = min(max(y, y0 + inset_y), y1 - inset_y)
        # pointing from the edge towards the iterate, on screen (y grows downwards);
        # an ArrowItem at angle 0 points left (its tip at pos), angles turn clockwise
        dx, dy = (x - edge_x) / px, -(y - edge_y) / py
        arrow.setStyle(angle=math.degrees(math.atan2(dy, dx)) - 180)
        arrow.setPos(edge_x, edge_y)
        # the label inward of the arrow, on the side away from the edges it touches
        right, top = x > x1, y > y1
        left, bottom = x < x0, y < y0
        lx = edge_x - LABEL_GAP_PX * px if right else edge_x + LABEL_GAP_PX * px if left else edge_x
        ly = edge_y - LABEL_GAP_PX * py if top else edge_y + LABEL_GAP_PX * py if bottom else edge_y
        label.setAnchor((1.0 if right else 0.0 if left else 0.5,
                         0.0 if top else 1.0 if bottom else 0.5))
        if label.toPlainText() != text:
            label.setText(text)
        label.setPos(lx, ly)
        # stacked downwards on screen, but upwards from the bottom edge
        anchor = (label.anchor.x(), label.anchor.y())
        self._label_at[key] = ((lx, ly), anchor, -1 if bottom else 1)
        arrow.setVisible(True), label.setVisible(True)


def iterate_text(step: int, names, point, value=None) -> str:
    """"step 1: x = −3.6, f = 12.96" (one variable; f(x_k) = `value`) or
    "step 4: (x, y) = (12.5, −3.1)", the numbers as the iterate table shows them (at 3
    digits "f = 4.1e+03" stood over the table's 4096)."""
    values = [compact(v) for v in point]
    if len(values) == 1:
        return f"step {step}: {names[0]} = {values[0]}, f = {compact(value)}"
    return f"step {step}: ({', '.join(names)}) = ({', '.join(values)})"
