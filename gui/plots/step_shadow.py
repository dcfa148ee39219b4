"""A 1-D run's steps as their shadow on the x-axis: x_k → x_{k+1} an arrow along the
bottom of f's plot, each iterate on the curve joined to its arrow by a dotted drop line.

A step used to be drawn as a straight segment from (x_k, f(x_k)) to (x_{k+1}, f(x_{k+1})):
exactly the secant of the limit definition drawn in the same plot, and students took one
for the other. A step of gradient descent moves x only (x_{k+1} = x_k − η f′(x_k)); the
shadow shows that move, and nothing joins two points of the curve.

Three items per run, built once and updated in place: `shafts` (PlotDataItem,
connect="pairs"), `heads` (ScatterPlotItem, ▶ or ◀ at x_{k+1}), `drops` (PlotDataItem,
connect="pairs", dotted). Their height is in pixels above the view's bottom (placed
again when it changes), scaled with the look's text: as fractions of the view's height
the lower lane sat 4 px up in a 110 px plot, and the 11 px heads were cut by the axis
(a dark PNG export). Steps alternate between two lanes, so the back-and-forth of a
large η shows as two rows rather than arrows on top of one another; a second run
shadowed (`set_lane_pair(1)`) has two lanes above the first's.

Many small steps (x⁴ − 4x³ + 4x², η = 0.02, step 80: ~80 heads of 11 px in 300 px) piled
into one solid blob: a head is drawn only a head's width from the next one drawn in its
lane, counted back from the newest step (always drawn), and so are the drop lines; the
shafts all stay, so the path is still one line.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from gui.widgets import theme

LANES_PX = (18.0, 8.0)   # the two lanes' heights above the view's bottom, px at scale 1
PAIR_PX = 22.0           # a second run's lanes this much higher
HEAD_PX = 11


def spaced_from_newest(px, min_px: float, groups=None) -> np.ndarray:
    """(n,) bool: which of the positions `px` (screen px along one axis, in step order)
    to draw so that no two drawn ones in the same group (a lane) are closer than
    `min_px`, counted from the newest (always drawn) back."""
    px = np.asarray(px, dtype=float)
    groups = np.zeros(len(px), dtype=int) if groups is None else np.asarray(groups)
    keep = np.zeros(len(px), dtype=bool)
    last_kept: dict = {}
    for i in range(len(px) - 1, -1, -1):
        kept = last_kept.get(groups[i])
        if kept is None or abs(px[i] - kept) >= min_px:
            keep[i] = True
            last_kept[groups[i]] = px[i]
    return keep


class StepShadow:
    def __init__(self, plot, colour):
        self.plot = plot
        self.shafts = pg.PlotDataItem(connect="pairs")
        self.heads = pg.ScatterPlotItem(size=HEAD_PX, pen=None)
        self.drops = pg.PlotDataItem(connect="pairs")
        self.recolour(colour)
        for z, item in ((6, self.drops), (7, self.shafts), (7, self.heads)):
            item.setZValue(z)
            plot.addItem(item)
        self._xs, self._ys = np.empty(0), np.empty(0)
        self._pair = 0           # which pair of lanes, from the bottom

    def set_lane_pair(self, pair: int) -> None:
        if pair != self._pair:
            self._pair = pair
            self.place()

    def recolour(self, colour) -> None:
        faint = pg.mkColor(colour)
        faint.setAlpha(120)
        self.shafts.setPen(pg.mkPen(colour, width=2))
        self.heads.setBrush(pg.mkBrush(colour))
        self.drops.setPen(pg.mkPen(faint, width=1, style=Qt.PenStyle.DotLine))

    def setVisible(self, visible: bool) -> None:
        for item in (self.shafts, self.heads, self.drops):
            item.setVisible(visible)

    def show(self, xs, ys) -> None:
        """The iterates x_0..x_k (finite) and their values f(x_k), in order."""
        self._xs, self._ys = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
        self.place()

    def lane_heights(self) -> np.ndarray:
        """(n − 1,) the height of each step's arrow, in f's units (the view now)."""
        vb = self.plot.getViewBox()
        bottom = vb.viewRange()[1][0]
        pixel = vb.viewPixelSize()[1] * theme.current().scale
        lanes = bottom + (np.array(LANES_PX) + self._pair * PAIR_PX) * pixel
        return lanes[np.arange(max(len(self._xs) - 1, 0)) % len(lanes)]

    def place(self, *_) -> None:
        xs, ys = self._xs, self._ys
        if len(xs) < 2:
            for item in (self.shafts, self.drops):
                item.setData([], [])
            self.heads.setData([], [])
            return
        lanes = self.lane_heights()
        self.shafts.setData(np.column_stack([xs[:-1], xs[1:]]).ravel(), np.repeat(lanes, 2))
        right = xs[1:] >= xs[:-1]
        head_px = HEAD_PX * theme.current().scale
        x_px = xs / max(self.plot.getViewBox().viewPixelSize()[0], 1e-300)
        steps = np.arange(len(xs) - 1)
        shown = spaced_from_newest(x_px[1:], head_px, steps % len(LANES_PX))
        self.heads.setData(xs[1:][shown], lanes[shown],
                           symbol=np.where(right, "t2", "t3")[shown].tolist())
        # each iterate down to the arrow that leaves it (the last: the one that came)
        lane_of = np.append(lanes, lanes[-1])
        dropped = spaced_from_newest(x_px, head_px)
        dropped[0] = True                       # the start's drop: where the path begins
        self.drops.setData(np.repeat(xs[dropped], 2),
                           np.column_stack([ys[dropped], lane_of[dropped]]).ravel())
