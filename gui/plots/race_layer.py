"""Every run of a race on the contour map, drawn by ONE graphics item: each run's white
halo, its line, its dots (one per visited point) and its current point.

Why one item: a frame used to touch three pyqtgraph items per run (a halo curve, a
PlotDataItem with its line and scatter, the current point's scatter): each re-derived
its data and bounds in Python on setData, and the scene asked each for its rectangle
and painted it separately (~18 items a frame with six runs). Here a frame only stores
each moved run's points (`show_points`) and asks for one repaint; the rectangle is
fixed for the whole race (every point of every path), so the scene's index is not
touched per frame.

What is drawn is what those items drew, pixel for pixel (same calls, same order): per
run in the order the runs first appeared, halos (QPainter.drawPath of the polyline), then
each run's line (drawLines of its segments, as PlotCurveItem does for an opaque solid
pen wider than 1 px) and dots (drawPixmapFragments from a symbol atlas in device
pixels, as ScatterPlotItem does), then every current point. The look is read from
the run's style items (`gui.plots.run_styles`), which the legend, the theme and the
picture export see and change as before.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from pyqtgraph import functions as fn
from pyqtgraph.graphicsItems.PlotCurveItem import arrayToLineSegments
from pyqtgraph.graphicsItems.ScatterPlotItem import SymbolAtlas, drawSymbol
from pyqtgraph.Qt import internals
from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter

from gui.compute.qt_guard import qt_override

PAD_PX = 4          # beyond the largest marker's half width: its pen and antialiasing


class _Run:
    """One run's styles and the points shown (finite, (n,) each), with what is derived
    from them for drawing, made when first painted after a change."""

    def __init__(self, halo, line, current):
        self.halo, self.line, self.current = halo, line, current
        self.xs = self.ys = np.empty(0)
        self.segments = internals.PrimitiveArray(pg.QtCore.QLineF, 4)
        self.halo_path = None          # QPainterPath of the halo, None: to be made
        self.drawn = False             # segments made for the current points

    def set_points(self, xs, ys):
        self.xs, self.ys = xs, ys
        self.halo_path, self.drawn = None, False


class RaceLayer(pg.GraphicsObject):
    def __init__(self):
        super().__init__()
        self.runs: dict[str, _Run] = {}
        self._extent = QRectF()        # the data rectangle of every point of every path
        self._rect = None              # cached boundingRect (depends on the view's scale)
        self._pad_xy = (0.0, 0.0)      # the repaint margin around a change, data units
        self._changed: list = []       # (k, 2) points whose neighbourhood changed
        self._changed_all = False
        self._atlas = SymbolAtlas()
        # paint() is told which part is repainted (option.exposedRect)
        self.setFlag(self.GraphicsItemFlag.ItemUsesExtendedStyleOption)
        self._fragments = internals.PrimitiveArray(QPainter.PixmapFragment, 10)

    # --- what the view tells it --------------------------------------------------------
    def add_run(self, key, halo, line, current) -> None:
        """Draw run `key` with the look of these style items (a PlotCurveItem, a
        PlotDataItem with symbols, a ScatterPlotItem); hiding one hides that part."""
        self.runs[key] = _Run(halo, line, current)
        for style in (halo, line, current):
            style.visibleChanged.connect(self.update)
            style.style_changed = self._on_style_changed

    def _on_style_changed(self) -> None:
        self.prepareGeometryChange()      # (a marker's size pads the rectangle)
        self._rect = None
        self.update()

    def set_extent(self, points: np.ndarray) -> None:
        """Every point that a frame may show, (k, 2) (non-finite rows ignored)."""
        finite = points[np.all(np.isfinite(points), axis=1)] if len(points) else points
        if len(finite):
            (x0, y0), (x1, y1) = finite.min(axis=0), finite.max(axis=0)
            extent = QRectF(float(x0), float(y0), float(x1 - x0), float(y1 - y0))
        else:
            extent = QRectF()
        if extent != self._extent:
            self.prepareGeometryChange()
            self._extent, self._rect = extent, None

    def show_points(self, key, xs: np.ndarray, ys: np.ndarray, extends: bool = False) -> None:
        """Run `key` now shows the points (xs, ys), each (n,) finite. `extends`: what it
        showed is a prefix of them (the race went on), so only the part from its last
        current point on changes on screen. Drawn after `repaint_changed()`."""
        run = self.runs[key]
        if extends and 0 < len(run.xs) <= len(xs):
            k = len(run.xs) - 1           # the old current point: it becomes a dot
            self._changed.append(np.column_stack([xs[k:], ys[k:]]))
        else:
            self._changed_all = True
        run.set_points(xs, ys)

    def repaint_changed(self) -> None:
        """Ask for a repaint of what changed since the last call: per moved run, its
        new steps and the current point it moved from, a marker's width around them (a
        frame of a race touches a few hundred pixels, and the colour map, iso-lines and
        arrows under them are redrawn only there), or all of the layer."""
        changed, everything = self._changed, self._changed_all
        self._changed, self._changed_all = [], False
        if everything:
            self.update()
            return
        if not changed:
            return
        rect = self.boundingRect()          # (sets the margin for this view scale)
        dx, dy = self._pad_xy
        for points in changed:   # one rectangle a run: runs far apart leave the rest alone
            (x0, y0), (x1, y1) = points.min(axis=0), points.max(axis=0)
            self.update(QRectF(float(x0) - dx, float(y0) - dy, float(x1 - x0) + 2 * dx,
                               float(y1 - y0) + 2 * dy).intersected(rect))

    def shown_points(self, key) -> tuple[np.ndarray, np.ndarray]:
        run = self.runs[key]
        return run.xs, run.ys

    # --- geometry ------------------------------------------------------------------------
    def viewTransformChanged(self):
        self.prepareGeometryChange()
        self._rect = None
        super().viewTransformChanged()

    @qt_override(fallback=QRectF)
    def boundingRect(self):
        """Every path's points within the visible range, and a marker's width around
        them. Kept until the paths or the view change: a frame does not move it. (Not
        the paths' own extent: a diverging run reaches 1e8 and beyond, which in device
        pixels overflows Qt's integer regions and the whole layer went undrawn.)"""
        if self._rect is None:
            view = self.viewRect()
            if view is None or self._extent.isNull() and not self._extent.width():
                self._rect = QRectF()
            else:
                pad = self._pad_px()
                px, py = self.pixelVectors()
                dx = 0.0 if px is None else pad * px.length()
                dy = 0.0 if py is None else pad * py.length()
                # a change's margin: also a halo's miter join (up to twice its width)
                # and its cap beyond the moved point
                margin = pad + 2 * self._widest_pen()
                self._pad_xy = tuple(0.0 if v is None else margin * v.length() for v in (px, py))
                self._rect = self._extent.adjusted(-dx, -dy, dx, dy).intersected(
                    view.adjusted(-dx, -dy, dx, dy))
        return self._rect

    def _pad_px(self) -> float:
        widest = 0.0
        for run in self.runs.values():
            o = run.line.opts
            widest = max(widest, float(o["symbolSize"] or 0), run.current.opts["size"],
                         run.halo.opts["pen"].widthF(), o["pen"].widthF() if o["pen"] else 0)
        return widest / 2 + PAD_PX

    def _widest_pen(self) -> float:
        return max((max(run.halo.opts["pen"].widthF(), run.line.opts["pen"].widthF()
                        if run.line.opts["pen"] else 0) for run in self.runs.values()),
                   default=0.0)

    def dataBounds(self, ax, frac=1.0, orthoRange=None):
        """The points shown (what auto-range fits), as the path items' bounds were."""
        shown = [run.xs if ax == 0 else run.ys for run in self.runs.values()
                 if run.line.isVisible() and len(run.xs)]
        if not shown:
            return None
        values = np.concatenate(shown)
        return float(values.min()), float(values.max())

    # --- drawing ------------------------------------------------------------------------
    @staticmethod
    def _dot_style(run):
        o = run.line.scatter.opts          # (RunLine keeps it in step with its symbol opts)
        return o["symbol"], o["size"], o["pen"], o["brush"]

    def _current_style(self, run):
        o = run.current.opts
        return "o" if o["symbol"] is None else o["symbol"], o["size"], o["pen"], o["brush"]

    def _picture(self):
        """Export options when drawn for a picture (set on this item by pyqtgraph's
        exporters, on the scatter style items by gui.plots.picture_pens), else False."""
        if self._exportOpts is not False:
            return self._exportOpts
        for run in self.runs.values():
            if run.current._exportOpts is not False:
                return run.current._exportOpts
        return False

    @qt_override
    def paint(self, p, option, widget):
        runs = [run for run in self.runs.values() if len(run.xs)]
        if not runs:
            return
        picture = self._picture()
        transform = p.transform()
        for run in runs:                                    # halos: under every line
            if run.halo.isVisible() and len(run.xs) > 1:
                self._draw_halo(p, run, option.exposedRect)
        for run in runs:
            if run.line.isVisible():
                self._draw_line(p, run)
                if run.line.opts["symbol"] is not None:
                    # only the dots in the repainted part: a frame repaints a few small
                    # rectangles, and placing hundreds of dots was most of this paint
                    near = self._near(run, option.exposedRect)
                    if near.any():
                        self._draw_markers(p, widget, run.xs[near], run.ys[near],
                                           [self._dot_style(run)], picture)
                        p.setTransform(transform)
        ends = [run for run in runs if run.current.isVisible()]
        if ends:
            self._draw_markers(p, widget, np.array([run.xs[-1] for run in ends]),
                               np.array([run.ys[-1] for run in ends]),
                               [self._current_style(run) for run in ends], picture)
            p.setTransform(transform)

    def _near(self, run, exposed: QRectF) -> np.ndarray:
        """(n,) bool: the run's points within a marker's reach of `exposed`."""
        self.boundingRect()                    # (the margin for this view scale)
        dx, dy = self._pad_xy
        return ((run.xs >= exposed.left() - dx) & (run.xs <= exposed.right() + dx)
                & (run.ys >= exposed.top() - dy) & (run.ys <= exposed.bottom() + dy))

    def _curve_antialias(self, curve) -> bool:
        """As a PlotCurveItem decides: antialiased in a pyqtgraph export of the scene
        (which puts every item in export mode), else as the curve's options say."""
        if self._exportOpts is not False:
            return self._exportOpts.get("antialias", True)
        return bool(curve.opts["antialias"])

    def _draw_halo(self, p, run, exposed: QRectF):
        pen = run.halo.opts["pen"]
        if pen is None or pen.style() == pg.QtCore.Qt.PenStyle.NoPen:
            return
        p.setRenderHint(QPainter.RenderHint.Antialiasing, self._curve_antialias(run.halo))
        p.setPen(pen)
        kept = self._segments_near(run, exposed)
        if kept.all():
            if run.halo_path is None:
                run.halo_path = fn.arrayToQPath(run.xs, run.ys, connect="all", finiteCheck=False)
            p.drawPath(run.halo_path)
        elif kept.any():
            # only the part of the polyline near the repainted rectangle: stroking all of
            # a translucent wide halo was the map's largest cost a frame (a diverged
            # run's reaches 1e8). Its pieces end a margin away, so the joins and the
            # union of the overlaps inside the rectangle are those of the whole.
            points = np.zeros(len(run.xs), bool)
            points[:-1] |= kept
            points[1:] |= kept
            connect = np.append(kept, False)[points]      # point i on to i+1: segment i kept
            p.drawPath(fn.arrayToQPath(run.xs[points], run.ys[points], connect=connect,
                                       finiteCheck=False))

    def _segments_near(self, run, exposed: QRectF) -> np.ndarray:
        """(n-1,) bool: segments within a margin of `exposed`, and their neighbours
        (whose joins with them reach into it)."""
        self.boundingRect()                    # (the margin for this view scale)
        dx, dy = self._pad_xy
        x0, x1, y0, y1 = run.xs[:-1], run.xs[1:], run.ys[:-1], run.ys[1:]
        hit = ((np.maximum(x0, x1) >= exposed.left() - dx)
               & (np.minimum(x0, x1) <= exposed.right() + dx)
               & (np.maximum(y0, y1) >= exposed.top() - dy)
               & (np.minimum(y0, y1) <= exposed.bottom() + dy))
        kept = hit.copy()
        kept[1:] |= hit[:-1]
        kept[:-1] |= hit[1:]
        return kept

    def _draw_line(self, p, run):
        # the pen the line's own curve holds: the picture export widens that one
        pen = run.line.curve.opts["pen"]
        if len(run.xs) < 2 or pen is None or pen.style() == pg.QtCore.Qt.PenStyle.NoPen:
            return
        p.setRenderHint(QPainter.RenderHint.Antialiasing, self._curve_antialias(run.line.curve))
        p.setPen(pen)
        if run.line.curve._shouldUseDrawLineSegments(pen):
            if not run.drawn:
                run.segments = arrayToLineSegments(run.xs, run.ys, connect="all",
                                                   finiteCheck=False, out=run.segments)
                run.drawn = True
            p.drawLines(*run.segments.drawargs())
        else:
            p.drawPath(fn.arrayToQPath(run.xs, run.ys, connect="all", finiteCheck=False))

    def _draw_markers(self, p, widget, xs, ys, styles, picture):
        """Markers at (xs, ys), sized in device pixels, as ScatterPlotItem draws them (from
        its atlas on screen; one by one, antialiased, for a picture). `styles`: one
        (symbol, size, pen, brush) for every point, or one per point. Leaves the
        painter's transform reset."""
        pts = fn.transformCoordinates(p.transform(), np.vstack([xs, ys]))
        pts = fn.clip_array(pts, -2 ** 30, 2 ** 30)   # (Qt crashes on huge coordinates)
        p.resetTransform()
        if picture:
            p.setRenderHint(QPainter.RenderHint.Antialiasing, picture.get("antialias", True))
            per_point = styles if len(styles) == len(xs) else styles * len(xs)
            for pt, style in zip(pts.T, per_point):
                p.resetTransform()
                p.translate(*pt)
                drawSymbol(p, *style)
            return
        dpr = self._atlas.devicePixelRatio()
        if widget is not None and (dpr_new := widget.devicePixelRatioF()) != dpr:
            dpr = dpr_new
            self._atlas.setDevicePixelRatio(dpr)
            self._atlas.clear()
        if len(self._atlas) > 1000:                 # styles changed many times over
            self._atlas.clear()
        self._fragments.resize(len(xs))
        frags = self._fragments.ndarray()
        frags[:, 0:2] = pts.T
        frags[:, 2:6] = self._atlas[styles]         # (sx, sy, sw, sh) in the atlas
        frags[:, 6:10] = [1 / dpr, 1 / dpr, 0.0, 1.0]
        p.drawPixmapFragments(*self._fragments.drawargs(), self._atlas.pixmap)
