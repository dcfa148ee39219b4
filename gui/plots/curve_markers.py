"""What sits on the curves of the 1-D view besides the tangent: critical points
(labelled by kind, and again at f′ = 0 below) and the descent iterates (x_k, f(x_k)).

Items are built once (labels and per-method items on first need) and updated in place.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QObject
from PySide6.QtGui import QFont

from gui.plots.critical_labels import PRIORITY, SHORT, Z_LABELS
from gui.plots.label_layout import LabelRequest, anchors_around, place_labels
from gui.plots.off_plot_marks import OffPlotMarks, iterate_text, point_text
from gui.plots.step_shadow import StepShadow
from gui.plots.theme import keep_colour_on_map, style_now
from gui.widgets import theme
from gui.widgets.palette import CRITICAL_STYLE, METHOD_COLOURS

INK = "#222222"

# TextItem anchors, (0, 0) the label's top-left corner at the point: centred, then
# turned inward (to the right of, to the left of the point), below or above
BELOW, ABOVE = (0.5, -0.25), (0.5, 1.25)
_SIDES = (0.5, -0.1, 1.1)
MIN_PLACES = tuple((ax, BELOW[1]) for ax in _SIDES) + tuple((ax, ABOVE[1]) for ax in _SIDES)
MAX_PLACES = MIN_PLACES[3:] + MIN_PLACES[:3]


def readable_on_background(colour):
    """`colour` as a label's text on the plot's background (a near-white fill): 4.5:1."""
    t = theme.current()
    return t.text(colour, t.background)


STAR_PX = 10        # half the start star's box (18 px and its pen)
CURRENT_HALF_PX = 11   # a current iterate (17 px and its rim) and a margin
SHADOWED_RUNS = 2   # more runs than this: only the selected one's steps as shadows


class CriticalMarkers:
    """model.critical_points on f (with a "minimum"/"maximum"/… label) and on f′ = 0.
    Other labels on f's plot (the quadratic model's "Newton's next point") join the
    names' placement as guests (`set_guests`, as on the map: critical_labels.GuestLabel):
    on (x² + 1)³ with six runs it sat on "minimum", and presenting cut it at the edge."""

    def __init__(self, plot_f, plot_d, font_family: str):
        self.plot_f, self.font_family = plot_f, font_family
        self.item = pg.ScatterPlotItem(size=14, pen=pg.mkPen("w", width=1.5))
        self.item_d = pg.ScatterPlotItem(size=12, pen=pg.mkPen("w", width=1.5))
        for item, plot in ((self.item, plot_f), (self.item_d, plot_d)):
            item.setZValue(5)
            plot.addItem(item)
        self.labels: list[pg.TextItem] = []          # visible ones placed, never overlapping
        self._points = []      # the labelled critical points, in label order
        self._start = None     # (x, f(x)) of the start's star, which no label covers
        self._guests: dict = {}   # owner -> [GuestLabel], placed after the names
        # a label must stay inside the view: place again whenever the range or size changes
        plot_f.getViewBox().sigRangeChanged.connect(self._place_labels)
        plot_f.getViewBox().sigResized.connect(self._place_labels)

    def show(self, points) -> None:
        points = [cp for cp in points if len(cp.point) == 1]
        styles = [CRITICAL_STYLE.get(cp.kind, CRITICAL_STYLE["degenerate"]) for cp in points]
        self.item.setData([{"pos": (cp.point[0], cp.value), "symbol": s, "brush": c}
                           for cp, (s, c) in zip(points, styles)])
        self.item_d.setData([{"pos": (cp.point[0], 0.0), "symbol": s, "brush": c}
                             for cp, (s, c) in zip(points, styles)])
        while len(self.labels) < len(points):
            label = pg.TextItem(color=INK, fill=pg.mkBrush(255, 255, 255, 200))
            label.setFont(QFont(self.font_family, 10))
            # coloured here for its kind (recolour), not by the theme from the kind it
            # showed first: a fresh window drew the raw colour, a restyled one the readable
            keep_colour_on_map(label)
            style_now(label)        # measured and placed below in the look's font
            label.setZValue(Z_LABELS)                      # above the descent's iterates
            self.plot_f.addItem(label)
            self.labels.append(label)
        self._points = points
        for i, label in enumerate(self.labels):
            label.setVisible(False)           # placed (and shown) by _place_labels
            if i < len(points):
                cp = points[i]
                label.setColor(readable_on_background(styles[i][1]))
                label.setText(cp.kind)
                label.setPos(cp.point[0], cp.value)
        self._place_labels()

    def recolour(self) -> None:
        """The labels' colours for the theme now in use (call on a theme change)."""
        for label, cp in zip(self.labels, self._points):
            colour = CRITICAL_STYLE.get(cp.kind, CRITICAL_STYLE["degenerate"])[1]
            label.setColor(readable_on_background(colour))
        self._place_labels()      # the new look's fonts (restyled before this call)

    def set_start(self, x: float, value: float) -> None:
        """The start's star at (x, value): no label covers it (at x⁴ − 4x³ + 4x² from 0.9
        "maximum" sat on it); the labels are placed again."""
        self._start = (x, value) if np.isfinite(value) else None
        self._place_labels()

    def set_guests(self, owner: str, labels) -> None:
        """`owner`'s labels (critical_labels.GuestLabel) from now on, all placed again;
        [] removes them (their owner hides them)."""
        self._guests[owner] = list(labels)
        self._place_labels()

    def _place_labels(self, *_) -> None:
        """Below a minimum, above a maximum (never on the curve itself); else the other
        side, turned inward near an edge; labels never cover one another or another
        point's marker (gui.plots.label_layout): the lower-priority one is shortened
        or hidden. Placed again whenever the range or size changes."""
        vb = self.plot_f.getViewBox()
        guests = [g for owned in self._guests.values() for g in owned]
        if vb.width() < 2 or vb.height() < 2 or not (self._points or guests):
            return
        area = vb.sceneBoundingRect()
        requests, markers = [], []
        for cp, label in zip(self._points, self.labels):
            p = vb.mapViewToScene(pg.Point(cp.point[0], cp.value))
            label.setText(SHORT.get(cp.kind, cp.kind))
            short = label.boundingRect()          # pixels: a TextItem ignores the view's scale
            label.setText(cp.kind)
            full = label.boundingRect()
            places = MAX_PLACES if cp.kind == "maximum" else MIN_PLACES
            requests.append(LabelRequest(p.x(), p.y(), (full.width(), full.height()),
                                         (short.width(), short.height()),
                                         PRIORITY.get(cp.kind, 3), places))
            markers.append((p.x() - 7, p.y() - 7, p.x() + 7, p.y() + 7))
        for g in guests:
            p = vb.mapViewToScene(pg.Point(*g.point))
            g.item.setText(g.short)
            short = g.item.boundingRect()
            g.item.setText(g.text)
            full = g.item.boundingRect()
            full, short = (full.width(), full.height()), (short.width(), short.height())
            requests.append(LabelRequest(p.x(), p.y(), full, short, g.priority,
                                         anchors_around(g.sides, full, g.gap),
                                         anchors_around(g.sides, short, g.gap)))
            m = g.marker_px
            markers.append(None if m is None else (p.x() - m, p.y() - m, p.x() + m, p.y() + m))
        if self._start is not None:          # a marker past the requests': no label of its own
            p = vb.mapViewToScene(pg.Point(*self._start))
            markers.append((p.x() - STAR_PX, p.y() - STAR_PX, p.x() + STAR_PX, p.y() + STAR_PX))
        placements = place_labels(requests, (area.left(), area.top(), area.right(),
                                             area.bottom()), markers)
        for cp, label, placed in zip(self._points, self.labels, placements):
            label.setVisible(placed.anchor is not None)
            if placed.anchor is not None:
                label.setText(SHORT.get(cp.kind, cp.kind) if placed.short else cp.kind)
                label.setAnchor(placed.anchor)
        for g, placed in zip(guests, placements[len(self._points):]):
            g.item.setVisible(placed.anchor is not None)
            if placed.anchor is not None:
                g.item.setText(g.short if placed.short else g.text)
                g.item.setAnchor(placed.anchor)


class DescentMarkers(QObject):
    """Each method's iterates (x_k, f(x_k)) up to the frame as dots on the curve, the
    current one large, its steps as their shadow on the x-axis (`shadows`:
    gui.plots.step_shadow; no segment joins two iterates: it read as a secant), and the
    start as a star; a current iterate outside the view as a mark at its edge
    (`off_plot`: gui.plots.off_plot_marks).

    Shadows: up to SHADOWED_RUNS runs each on lanes of their own; more runs show only
    the selected run's (`lab.selected`): six runs' arrows on two shared lanes were a
    ~15 px smear along the bottom of (x² + 1)³, no run's steps readable."""

    def __init__(self, plot_f, lab=None):
        super().__init__(plot_f)       # goes with the plot (and off the lab's signal)
        self.plot_f, self.lab = plot_f, lab
        # key -> the run's short name ("GD", "Adam")
        self.name_of = lab.short_label if lab is not None else str
        self._methods: tuple = ()      # the runs raced now, in order
        if lab is not None:
            lab.selectedChanged.connect(self._show_shadows)
        self.path_items: dict[str, pg.PlotDataItem] = {}
        self.current_items: dict[str, pg.ScatterPlotItem] = {}
        self.shadows: dict[str, StepShadow] = {}
        self.colours: dict[str, object] = {}
        self.off_plot = OffPlotMarks(plot_f)
        self.off_plot.keep_clear = self._currents         # callouts off the runs in view
        plot_f.getViewBox().sigRangeChanged.connect(self._place_shadows)
        plot_f.getViewBox().sigResized.connect(self._place_shadows)    # lanes are in px
        self.start_item = pg.ScatterPlotItem(symbol="star", size=18, brush="w",
                                             pen=pg.mkPen(INK, width=1.5))
        self.start_item.setZValue(9)
        plot_f.addItem(self.start_item)

    def set_methods(self, methods, colour=None) -> None:
        """Make items for new runs (`colour(key)` their colour; default the method's);
        hide those of runs no longer raced."""
        for method in methods:
            if method not in self.path_items:
                self._add(method, colour(method) if colour else None)
        self._methods = tuple(m for m in methods if m in self.path_items)
        for method, item in self.path_items.items():
            item.setVisible(method in methods)
            self.current_items[method].setVisible(method in methods)
            if method not in methods:
                self.off_plot.hide(method, place=False)
        self.off_plot.place()
        self._show_shadows()

    def _currents(self) -> list:
        """[((x, f(x)) view, half-size px)] of the runs' current points shown."""
        out = []
        for item in self.current_items.values():
            xs, ys = item.getData()
            if item.isVisible() and len(xs):
                out.append(((float(xs[0]), float(ys[0])), CURRENT_HALF_PX))
        return out

    def shadowed(self) -> list:
        """The runs whose steps show as shadows, in lane order."""
        if len(self._methods) <= SHADOWED_RUNS:
            return list(self._methods)
        selected = self.lab.selected if self.lab is not None else ""
        return [selected if selected in self._methods else self._methods[0]]

    def _show_shadows(self, *_) -> None:
        shadowed = self.shadowed()
        for method, shadow in self.shadows.items():
            shadow.setVisible(method in shadowed)
            if method in shadowed:
                shadow.set_lane_pair(shadowed.index(method))

    def _add(self, method, colour=None):
        colour = colour or METHOD_COLOURS.get(method, INK)
        line = pg.PlotDataItem(pen=None, symbol="o", symbolSize=8,
                               symbolBrush=colour, symbolPen=pg.mkPen("w", width=1))
        current = pg.ScatterPlotItem(size=17, brush=colour, pen=pg.mkPen("w", width=2))
        line.setZValue(7)
        current.setZValue(8)
        self.plot_f.addItem(line)
        self.plot_f.addItem(current)
        self.path_items[method], self.current_items[method] = line, current
        self.colours[method] = colour
        self.shadows[method] = StepShadow(self.plot_f, colour)

    def _place_shadows(self, *_) -> None:
        for shadow in self.shadows.values():
            shadow.place()

    def show_frame(self, paths, frame: int, name: str = "x") -> None:
        """The iterates 0..frame of each 1-D path (values from the engine's Path);
        `name` the variable's, for the mark of an iterate outside the view."""
        for method, path in paths.items():
            if method not in self.path_items or path.points.shape[1] != 1:
                continue
            xs, ys = path.points[: frame + 1, 0], path.values[: frame + 1]
            ok = np.isfinite(xs) & np.isfinite(ys)               # a diverged last point
            steps = np.flatnonzero(ok)
            xs, ys = xs[ok], ys[ok]
            self.path_items[method].setData(xs, ys)
            self.current_items[method].setData(xs[-1:], ys[-1:])
            self.shadows[method].show(xs, ys)
            if len(steps):
                text = iterate_text(int(steps[-1]), [name], xs[-1:], ys[-1])
                self.off_plot.show(method, (xs[-1], ys[-1]), text, self.colours[method],
                                   self.name_of(method), point_text([name], xs[-1:]),
                                   place=False)
            else:
                self.off_plot.hide(method, place=False)
        self.off_plot.place()             # once for all the runs that moved

    def show_start(self, x: float, value: float) -> None:
        # none, not NaN: a scatter of NaN only warns "All-NaN slice" at every bounds ask
        self.start_item.setData(*(([x], [value]) if np.isfinite(value) else ([], [])))
