"""The decision boundary: a^L over the plane as a heat map, its 0.5 level line, the data.

Click a data point (or any spot) to choose the input x that the diagram and the
Jacobian view show.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QApplication

from gui.network.plots import light
from gui.plots.axis_numbers import write_true_minus
from gui.plots.map_axes import draw_bar_smoothly
from gui.plots.theme import keep_colour_on_map
from gui.widgets.number_text import true_minus
from gui.widgets.palette import OKABE_ITO

EXTENT = (-1.75, 1.75)               # every toy data set lies in about [-1.5, 1.5]^2
CLASS_STYLE = {0: ("o", OKABE_ITO[0]), 1: ("t1", OKABE_ITO[1])}    # shape and colour differ


def legend_html(boundary_drawn: bool) -> str:
    """The map's legend (it sits under the map: inside it would hide data in the
    corners), naming only what is drawn: a sigmoid network at initialisation has aᴸ
    0.283–0.336, no 0.5 line, and "—— aᴸ = 0.5: the boundary" named a line not there."""
    # (short: "… not reached yet: no boundary" took the legend a third line at 1280×720)
    line = ("<b>——</b> a<sup>L</sup> = 0.5: the boundary" if boundary_drawn
            else "a<sup>L</sup> = 0.5 not reached yet")
    return (f"<span style='color:{OKABE_ITO[0]}'>●</span> class 0 (y = 0) &nbsp;&nbsp; "
            f"<span style='color:{OKABE_ITO[1]}'>▲</span> class 1 (y = 1) &nbsp;&nbsp; "
            f"{line}<br>"
            "<span style='color:#B8A800'>★</span> chosen input x (click) &nbsp;&nbsp; "
            f"shade: a<sup>L</sup> below 0.5 <span style='color:{OKABE_ITO[0]}'>blue</span>, "
            f"above <span style='color:{OKABE_ITO[1]}'>orange</span>")


SNAP_PIXELS = 12                     # a click this close to a data point picks the point
# The widest tick label the map's axes give room for (a true minus, one decimal at
# most in these ranges): every label of ±1.75 (±10 on a very tall map) fits.
WIDEST_TICK = "−8.8"


def _tint(hex_colour: str, amount: float) -> tuple:
    """The colour mixed with white: amount 1 = the colour, 0 = white."""
    rgb = np.array([int(hex_colour[k:k + 2], 16) for k in (1, 3, 5)], dtype=float)
    return tuple(int(v) for v in 255 - amount * (255 - rgb))


# Diverging and colour-blind safe: blue (a^L near 0, class 0) - white (0.5) - orange.
# Tints, so that the saturated data points stay visible on top.
SHADE_COLOURS = [_tint(OKABE_ITO[0], 0.55), (255, 255, 255), _tint(OKABE_ITO[1], 0.55)]
BOUNDARY_CMAP = pg.ColorMap([0.0, 0.5, 1.0], SHADE_COLOURS)
SHADE_STEP = 0.5        # a shade range beyond [0, 1] ends on a multiple of this


def shade_range(values) -> tuple[float, float]:
    """The a^L the shading spans: [0, 1] (the targets; a sigmoid output's whole range),
    widened to the finite `values`' range rounded out to SHADE_STEP. A linear output
    ran −0.576 … 0.576 under a 0 … 1 bar: every a^L below 0 got the bottom colour."""
    finite = np.asarray(values, dtype=float)
    finite = finite[np.isfinite(finite)]
    if not finite.size:
        return 0.0, 1.0
    low = min(0.0, float(np.floor(finite.min() / SHADE_STEP)) * SHADE_STEP)
    high = max(1.0, float(np.ceil(finite.max() / SHADE_STEP)) * SHADE_STEP)
    return low, high


def shade_map(low: float, high: float) -> pg.ColorMap:
    """BOUNDARY_CMAP over [low, high] (low ≤ 0.5 ≤ high): blue at low, white at a^L = 0.5,
    the boundary, orange at high."""
    return pg.ColorMap([0.0, (0.5 - low) / (high - low), 1.0], SHADE_COLOURS)


def level_segments(Z, xs, ys, level=0.5):
    """Marching squares, vectorised: the level set of Z[i, j] = f(xs[i], ys[j]) as line
    segments, an array (2m, 2) of endpoint pairs for PlotDataItem(connect="pairs").

    (pyqtgraph's IsocurveItem walks the cells in Python: ~10 ms per 100x100 frame here,
    a third of the frame budget while training plays.)
    """
    above = Z >= level
    with np.errstate(divide="ignore", invalid="ignore"):
        # crossings on edges along x (between i and i+1, at ys[j]) and along y
        tx = (level - Z[:-1, :]) / (Z[1:, :] - Z[:-1, :])
        ty = (level - Z[:, :-1]) / (Z[:, 1:] - Z[:, :-1])
    px = np.stack(np.broadcast_arrays(xs[:-1, None] + tx * np.diff(xs)[:, None], ys[None, :]), -1)
    py = np.stack(np.broadcast_arrays(xs[:, None], ys[None, :-1] + ty * np.diff(ys)[None, :]), -1)
    cx = above[:-1, :] != above[1:, :]
    cy = above[:, :-1] != above[:, 1:]
    # The four edges of cell (i, j): bottom (y = ys[j]), top, left (x = xs[i]), right.
    pts = np.stack([px[:, :-1], px[:, 1:], py[:-1, :], py[1:, :]], axis=2).reshape(-1, 4, 2)
    hit = np.stack([cx[:, :-1], cx[:, 1:], cy[:-1, :], cy[1:, :]], axis=2).reshape(-1, 4)
    count = hit.sum(axis=1)
    two = count == 2
    order = np.argsort(~hit[two], axis=1, kind="stable")[:, :2]   # the two crossed edges
    simple = np.take_along_axis(pts[two], order[:, :, None], axis=1).reshape(-1, 2)
    # Saddle cells (all four edges crossed): the centre value decides the pairing.
    four = np.flatnonzero(count == 4)
    i, j = np.unravel_index(four, (Z.shape[0] - 1, Z.shape[1] - 1))
    centre_above = (Z[i, j] + Z[i + 1, j] + Z[i, j + 1] + Z[i + 1, j + 1]) / 4 >= level
    corner_joined = centre_above == above[i, j]
    first = np.where(corner_joined[:, None], [[0, 3, 1, 2]], [[0, 2, 1, 3]])
    saddle = np.take_along_axis(pts[four], first[:, :, None], axis=1).reshape(-1, 2)
    return np.concatenate([simple, saddle])


def steady_tick_room(axis, widest: str = WIDEST_TICK) -> None:
    """The room for `axis`'s tick labels from its font alone: as wide (a left axis) or as
    tall (a bottom one) as the label `widest`, more only if the labels shown need more.

    pyqtgraph widens the room at once but narrows it only by more than 10 px, and a
    restyle starts it afresh at a guess (gui/plots/theme.reset_tick_room) that only the
    next paint corrects. With the aspect locked the room sets the view's width, so its
    range, so its labels, so the room: the map kept what the sizes, labels and paints it
    came through left (a theme toggled at text size 1.5 showed y ±1.85 where a fresh
    window showed ±2.05, at the same size). This room is the same whenever it is asked."""
    vertical = axis.orientation in ("left", "right")
    lay_out = axis._updateWidth if vertical else axis._updateHeight
    shown = {"font": None, "px": 0.0}      # the labels last drawn: their font and size

    def room() -> float:
        font = axis.style.get("tickFont") or QApplication.font()
        # measured as pyqtgraph measures its labels (AxisItem.generateDrawSpecs)
        box = QFontMetricsF(font).boundingRect(QRectF(0, 0, 100, 100),
                                               Qt.AlignmentFlag.AlignCenter, widest)
        labels = shown["px"] if shown["font"] == font.key() else 0.0
        return max(labels, box.width() if vertical else box.height())

    def lay_out_in_room():
        if vertical:
            axis.textWidth = room()
        else:
            axis.textHeight = room()
        lay_out()

    def labels_drawn(px):                  # pyqtgraph's call at a paint
        font = axis.style.get("tickFont") or QApplication.font()
        shown.update(font=font.key(), px=float(px))
        if abs(room() - (axis.textWidth if vertical else axis.textHeight)) > 0.5:
            lay_out_in_room()

    axis._updateMaxTextSize = labels_drawn
    if vertical:
        axis._updateWidth = lay_out_in_room
    else:
        axis._updateHeight = lay_out_in_room
    lay_out_in_room()


class BoundaryView(pg.PlotWidget):
    boundaryDrawn = Signal(bool)     # whether the aᴸ = 0.5 line is on the map, on change

    def __init__(self, model, resolution=100, parent=None):
        super().__init__(parent)
        self.model = model
        # the grid's spacing; the grid itself covers the view (see _fit_grid_to_view)
        self.step = (EXTENT[1] - EXTENT[0]) / (resolution - 1)
        self.xs = self.ys = np.linspace(*EXTENT, resolution)
        self.values = np.zeros((resolution, resolution))    # a^L on the grid, as drawn
        self.redraws = 0                                     # for the benchmark

        plot = light(self, ("Decision boundary: the output a<sup>L</sup>(x) over the plane",
                            "Decision boundary: a<sup>L</sup>(x) over the plane",
                            "Decision boundary: a<sup>L</sup>(x)", "Decision boundary"),
                     "x₁", "x₂")
        plot.setAspectLocked(True)
        plot.setRange(xRange=EXTENT, yRange=EXTENT, padding=0.02)
        for side in ("left", "bottom"):
            write_true_minus(plot.getAxis(side))
            steady_tick_room(plot.getAxis(side))
        plot.setMenuEnabled(False)
        plot.hideButtons()
        plot.getViewBox().setMouseEnabled(False, False)
        self.image = pg.ImageItem(axisOrder="col-major")
        self.image.setLookupTable(BOUNDARY_CMAP.getLookupTable(nPts=256))
        self.image.setLevels((0.0, 1.0))
        self.image.setZValue(-10)
        self.image.setImage(self.values, autoLevels=False)     # setRect needs the shape first
        self._place_image()
        plot.addItem(self.image)
        # black on the map's white a = 0.5 in both themes: the map does not change with them
        self.boundary_drawn = False         # whether level_line holds any segment
        self.level_line = keep_colour_on_map(
            pg.PlotDataItem(connect="pairs", pen=pg.mkPen("k", width=3)))
        plot.addItem(self.level_line)
        self.points = {}
        for cls, (symbol, colour) in CLASS_STYLE.items():
            item = keep_colour_on_map(pg.ScatterPlotItem(symbol=symbol, size=9, brush=colour,
                                                         pen=pg.mkPen("#1a1a1a", width=0.8)))
            plot.addItem(item)
            self.points[cls] = item
        self.marker = keep_colour_on_map(pg.ScatterPlotItem(
            symbol="star", size=24, brush=OKABE_ITO[6], pen=pg.mkPen("k", width=1.5)))
        self.marker.setZValue(10)
        plot.addItem(self.marker)
        # The range of a^L on the map: says why a map is all white (a^L ≈ 0.5 everywhere).
        self.range_text = pg.TextItem(color="k", anchor=(0, 0), fill=(255, 255, 255, 200))
        self.range_text.setPos(EXTENT[0], EXTENT[1])
        self.range_text.setZValue(5)
        plot.addItem(self.range_text)
        self.shade_range = (0.0, 1.0)       # the a^L the image's and the bar's colours span
        self.colour_bar = pg.ColorBarItem(values=self.shade_range, colorMap=BOUNDARY_CMAP,
                                          width=14, interactive=False)
        self.colour_bar.setImageItem(self.image, insert_in=plot)
        draw_bar_smoothly(self.colour_bar)        # the same in a partial repaint as a whole
        self.colour_bar.axis.setTextPen("k")
        write_true_minus(self.colour_bar.axis)       # a linear output's a^L runs below 0
        self.colour_bar.axis.setPen("k")
        for side in ("left", "right", "top", "bottom"):    # a ColorBarItem is a PlotItem
            self.colour_bar.getAxis(side).enableAutoSIPrefix(False)

        self.scene().sigMouseClicked.connect(self._on_click)
        plot.getViewBox().sigRangeChanged.connect(self._fit_grid_to_view)
        model.dataChanged.connect(self._on_data)
        model.trainingChanged.connect(self._on_training)
        model.inputChanged.connect(self._on_input)
        self._on_data((model.X, model.Y))
        self._on_training()
        self._on_input(model.input_point)

    def _place_image(self) -> None:
        """Pixel (i, j) centred on (xs[i], ys[j]): the image reaches half a step past
        the grid's outer points."""
        half = self.step / 2
        self.image.setRect(self.xs[0] - half, self.ys[0] - half,
                           self.xs[-1] - self.xs[0] + self.step,
                           self.ys[-1] - self.ys[0] + self.step)

    def _fit_grid_to_view(self, *_) -> None:
        """The grid covers what the view shows, EXTENT at least, on the same lattice.

        With the aspect locked the view is wider (or taller) than EXTENT whenever the plot
        is not square, and a grid over EXTENT alone left a white band beside the shading
        (at 1280×720 the top and bottom ~25 px of the map)."""
        (x_lo, x_hi), (y_lo, y_hi) = self.getPlotItem().getViewBox().viewRange()

        def axis(lo, hi):
            first = np.floor((min(lo, EXTENT[0]) - EXTENT[0]) / self.step)
            last = np.ceil((max(hi, EXTENT[1]) - EXTENT[0]) / self.step)
            return EXTENT[0] + self.step * np.arange(first, last + 1)

        xs, ys = axis(x_lo, x_hi), axis(y_lo, y_hi)
        if xs.shape == self.xs.shape and ys.shape == self.ys.shape and \
                xs[0] == self.xs[0] and ys[0] == self.ys[0]:
            return
        self.xs, self.ys = xs, ys
        self._on_training()
        self._place_image()

    def _on_data(self, data):
        X, Y = data
        for cls, item in self.points.items():
            item.setData(pos=X[Y[:, 0] == cls])

    def _on_training(self, _step=None):
        self.values = self.model.network.predict_grid(self.xs, self.ys)
        # autoLevels off: the colours keep meaning a^L in [0, 1], or the range a linear
        # output takes, rounded out (shade_range: steady while training moves it a little)
        self.image.setImage(self.values, autoLevels=False)
        shade = shade_range(self.values)
        if shade != self.shade_range:
            self.shade_range = shade
            self.colour_bar.setLevels(values=shade, update_items=False)
            self.colour_bar.setColorMap(shade_map(*shade))     # (the image's levels too)
        seg = level_segments(np.nan_to_num(self.values), self.xs, self.ys)
        self.level_line.setData(seg[:, 0], seg[:, 1])
        if bool(len(seg)) != self.boundary_drawn:
            self.boundary_drawn = bool(len(seg))
            self.boundaryDrawn.emit(self.boundary_drawn)
        finite = self.values[np.isfinite(self.values)]
        if finite.size:
            low, high = (true_minus(f"{end:.3f}") for end in (finite.min(), finite.max()))
            self.range_text.setText(f"aᴸ on this map: {low} to {high}")
        else:
            self.range_text.setText("aᴸ is not finite (diverged)")
        self.redraws += 1

    def _on_input(self, point):
        self.marker.setData(pos=[point])

    def _on_click(self, event):
        vb = self.getPlotItem().getViewBox()
        if event.button() != Qt.MouseButton.LeftButton or not vb.sceneBoundingRect().contains(event.scenePos()):
            return
        spot = vb.mapSceneToView(event.scenePos())
        point = np.array([spot.x(), spot.y()])
        # Snap to the nearest data point if it is within a few pixels on screen.
        px = vb.viewPixelSize()
        d = np.hypot((self.model.X[:, 0] - point[0]) / px[0], (self.model.X[:, 1] - point[1]) / px[1])
        if d.min() <= SNAP_PIXELS:
            point = self.model.X[int(d.argmin())]
        self.model.set_input(np.round(point, 3) if d.min() > SNAP_PIXELS else point)
