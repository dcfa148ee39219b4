"""∇f pinned at points the lecturer names on the contour map (Shift+click; the seed's
Exercise 2: ∇f at (1, 0), (0, 1), (1, 1) of x² + y², perpendicular to the contours).

Each pin shows, in its own colour (palette.GRADIENT_PIN_COLOUR, over a black halo):
an arrow of ∇f from the point, the iso-line of f through the point, a right-angle mark
between the two, and a label "∇f(1, 1) = (2, 2)" with the engine's numbers, placed with
the critical points' names (a guest of gui.plots.critical_labels: no label covers another,
the start's star or a name), as near its point as the map has room for; one farther than
LEADER_FROM_PX is tied to its point by a thin line in the pins' colour (gui.plots.pin_leaders).
All labels show one form: when one must shorten to "∇f = (2, 2)", all do.

Arrow length: one scale for every pin, so their lengths compare as |∇f| does — true length
(tip at p + ∇f) when the longest fits in ARROW_SHARE of the map's shorter side, else all
shrunk by one factor so that it does; an arrow that would leave the map ends EDGE_PX inside
it (its label keeps the exact value); none is shorter than MIN_ARROW_PX (the direction must
read where f is nearly flat, and at a pin on the map's very edge).

A new f recomputes the pins at the same points (the points are the lecturer's question;
comparing f's at the same points is the lesson), the map's switches leave them, the
Delete key (window_commands "clear_pins") and File ▸ New clear them (ViewStates "pins").

Public: `points` (the pinned (x, y), in order), `values` (per pin: (f, ∇f) from the engine),
`texts` (the labels' texts), `arrows` ((k, 2, 2): base and tip drawn), `contours` (per pin
(m, 2) segment pairs of its iso-line, view coordinates), `labels` (their TextItems),
`leaders` (per label shown away from its point: (label index, start, end) in scene px).
"""
from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QObject, QTimer

from gui.plots import landscape
from gui.plots.critical_labels import Z_LABELS, GuestLabel
from gui.plots.gradient_field import HEAD_ANGLE
from gui.plots.hover_readout import number
from gui.plots.iso_lines import iso_segments_per_level
from gui.plots.kink_marks import jumps_at
from gui.plots.pin_leaders import LEADER_FROM_PX, leader
from gui.plots.theme import keep_colour_on_map, style_now
from gui.widgets import theme
from gui.widgets.palette import GRADIENT_PIN_COLOUR, GRADIENT_PIN_HALO

MAX_PINS = 12              # a thirteenth pin drops the oldest
ARROW_SHARE = 0.3          # the longest arrow at most this share of the map's shorter side
MIN_ARROW_PX, EDGE_PX = 28, 6
HEAD_PX, CORNER_PX = 13, 9  # arrow head; the right-angle mark's side (both at text size 1)
UNPIN_PX = 10              # a Shift+click this near a pin removes it
GRID = 160                 # samples per side for the pins' iso-lines
Z_PINS = 9.5               # above the runs (7–8) and the start (9), under the labels (10)
LABEL_GAP_PX, BASE_PX = 6, 5
# a label's farther gaps when the near ones are taken, nearest first: three pins a unit
# apart at text size 1.5 (45 px a unit) left only places 60 px and more from a point
FARTHER_PX = (12, 18, 26, 34, 44, 56, 70, 86, 104, 124)
# the label's sides, tried most opposite the arrow first (it never lies on its own arrow)
SIDES = ((0, 1), (0, -1), (1, 0), (-1, 0), (1, 1), (-1, 1), (1, -1), (-1, -1))


def pin_text(name: str, point, grad, jumps=()) -> tuple[str, str]:
    """("∇f(1, 1) = (2, 2)", its short form "∇f = (2, 2)") for ∇`name` at `point`; where ∇f has
    no value ("∇f(0, 0): none (kink)" at a kink, "undefined" outside f's domain)."""
    at = f"∇{name}({number(point[0])}, {number(point[1])})"
    if jumps:
        return f"{at}: none (kink)", "kink"
    if not all(math.isfinite(g) for g in grad):
        return f"{at} undefined", "undefined"
    vector = f"({number(grad[0])}, {number(grad[1])})"
    return f"{at} = {vector}", f"∇{name} = {vector}"


def arrow_scale(norms, side: float) -> float:
    """The one factor from ∇f to the drawn arrows (view units per unit of ∇f): 1 when the
    longest |∇f| fits in ARROW_SHARE · `side`, else that share over the longest."""
    longest = max((n for n in norms if math.isfinite(n)), default=0.0)
    return 1.0 if longest <= ARROW_SHARE * side else ARROW_SHARE * side / longest


class GradientPins(QObject):
    """The pins of a contour map (`plot`, a pg.PlotItem with locked aspect) of `model`'s f;
    labels placed by `names` (the map's CriticalLabels)."""

    def __init__(self, plot, model, names, parent=None):
        super().__init__(parent)
        self.plot, self.model, self.names = plot, model, names
        self.points: list[tuple[float, float]] = []
        self.values, self.texts, self.labels = [], [], []
        self.arrows = np.empty((0, 2, 2))
        self.contours: list[np.ndarray] = []
        self._of = None              # the f the values are of
        self._drawn = False          # whether anything of the pins is on the map
        self._halo = self._line(GRADIENT_PIN_HALO, 6.5, Z_PINS - 0.1)
        self._ink = self._line(GRADIENT_PIN_COLOUR, 3, Z_PINS)
        self.leaders: list = []
        self._leader_halo = self._line(GRADIENT_PIN_HALO, 3.5, Z_LABELS - 0.2)
        self._leader_ink = self._line(GRADIENT_PIN_COLOUR, 1.5, Z_LABELS - 0.1)
        names.on_placed.append(self._draw_leaders)     # the labels moved: their lines follow
        self._bases = keep_colour_on_map(pg.ScatterPlotItem(
            size=2 * BASE_PX, brush=GRADIENT_PIN_COLOUR, pen=pg.mkPen(GRADIENT_PIN_HALO, width=1.5)))
        self._bases.setZValue(Z_PINS + 0.1)
        plot.addItem(self._bases)
        # a zoom, a resize or a new look (head and mark sizes in pixels): drawn again once
        self._redraw = QTimer(self, singleShot=True, interval=0, timeout=self.draw)
        plot.vb.sigRangeChanged.connect(self._redraw.start)
        plot.vb.sigResized.connect(self._redraw.start)
        theme.notifier.changed.connect(self._redraw.start)
        model.expressionChanged.connect(self._on_expression)
        if hasattr(model, "sketchChanged"):      # a newer f than the values: none shown
            model.sketchChanged.connect(self._on_sketch)

    def _line(self, colour, width, z):
        item = keep_colour_on_map(pg.PlotDataItem(connect="pairs", pen=pg.mkPen(colour, width=width)))
        item.setZValue(z)
        self.plot.addItem(item)
        return item

    # --- the pins ---------------------------------------------------------------------
    def toggle(self, point) -> None:
        """Pin ∇f at `point` (view coordinates, already snapped to a round point), or
        remove the pin within UNPIN_PX of it."""
        px = self.plot.vb.viewPixelSize()[0]
        near = [i for i, p in enumerate(self.points) if math.dist(p, point) <= UNPIN_PX * px]
        if near:
            del self.points[near[0]]
        else:
            self.points = (self.points + [tuple(map(float, point))])[-MAX_PINS:]
        self._compute()

    def clear(self) -> None:
        self.points = []
        self._compute()

    def get_state(self) -> list:
        return [list(p) for p in self.points]

    def set_state(self, points) -> None:
        """Pins from a session or scene: a list of [x, y] finite numbers (else refused)."""
        pins = [(float(x), float(y)) for x, y in points]
        if not all(math.isfinite(v) for p in pins for v in p):
            raise ValueError("a pin's point is not a finite number")
        self.points = pins[-MAX_PINS:]
        self._compute()

    def _on_expression(self, _expr=None) -> None:
        self._compute()

    def _on_sketch(self, *_):
        self._of = None
        self._hide()

    def _f(self):
        f = self.model.expression
        return f if f is not None and f.dimension == 2 else None

    def _compute(self) -> None:
        """f and ∇f at every pin, from the engine, and their labels' texts."""
        f = self._of = self._f()
        self.values, self.texts = [], []
        if f is not None:
            name = getattr(self.model, "VALUE_NAME", "f")
            for p in self.points:
                value, grad = f.value_and_gradient(*p)
                grad = np.asarray(grad, dtype=float)
                self.values.append((float(value), grad))
                self.texts.append(pin_text(name, p, grad if math.isfinite(value)
                                           else (math.nan, math.nan), jumps_at(f, p)))
        while len(self.labels) < len(self.texts):
            label = pg.TextItem(color="#222222", fill=pg.mkBrush(255, 255, 255),
                                border=pg.mkPen(GRADIENT_PIN_COLOUR, width=2))
            label.setZValue(Z_LABELS)
            style_now(label)          # measured in the look's font before it is placed
            self.plot.addItem(label)
            self.labels.append(label)
        self.draw()

    # --- drawing --------------------------------------------------------------------------
    def draw(self) -> None:
        """Arrows, iso-lines, right-angle marks and labels for the map as it is on screen."""
        vb = self.plot.vb
        if self._of is None or self._of is not self._f() or not self.points \
                or vb.width() < 2 or vb.height() < 2:
            return self._hide()
        (xlo, xhi), (ylo, yhi) = vb.viewRange()
        px = vb.viewPixelSize()[0]               # aspect locked: one size for x and y
        s = theme.current().scale
        grads = [g if math.isfinite(v) else np.full(2, np.nan) for v, g in self.values]
        norms = [float(np.hypot(*g)) for g in grads]
        scale = arrow_scale(norms, min(xhi - xlo, yhi - ylo))
        ink, arrows, guests, marks = [], [], [], []
        for i, (p, g, n, texts) in enumerate(zip(self.points, grads, norms, self.texts)):
            base = np.asarray(p, dtype=float)
            if not (math.isfinite(n) and n > 0):
                direction = None
            else:
                direction = g / n
                length = min(n * scale, _room(base, direction, (xlo, xhi, ylo, yhi), EDGE_PX * px))
                length = max(length, MIN_ARROW_PX * s * px)   # (a pin at the edge: its shaft reads)
                tip = base + direction * max(length, 0.0)
                arrows.append((base, tip))
                ink += _arrow_pairs(base, tip, direction, HEAD_PX * s * px)
                ink += _corner_pairs(base, direction, CORNER_PX * s * px)
                marks += [(tuple((base + tip) / 2), 6 * s), (tuple(tip), 8 * s)]
            self.labels[i].setPos(*p)       # (the placement sets its anchor only)
            guests.append(GuestLabel(self.labels[i], p, texts[0], texts[1], _sides(direction),
                                     LABEL_GAP_PX * s, marker_px=BASE_PX * s, insist=True,
                                     farther=tuple(g * s for g in FARTHER_PX), same_form=True,
                                     leader_px=LEADER_FROM_PX * s))
        self.contours = self._iso_lines((xlo, xhi), (ylo, yhi))
        line = np.concatenate(self.contours + [np.reshape(ink, (-1, 2))]) if ink or \
            any(len(c) for c in self.contours) else np.empty((0, 2))
        for item in (self._halo, self._ink):
            item.setData(line[:, 0], line[:, 1])
            item.setVisible(True)
        self.arrows = np.array(arrows, dtype=float).reshape(-1, 2, 2)
        self._bases.setData(pos=np.array(self.points, dtype=float))
        self._bases.setVisible(True)
        for label in self.labels[len(guests):]:
            label.setVisible(False)
        self._drawn = True
        self.names.set_markers("pins", marks, relayout=False)
        self.names.set_guests("pins", guests)
        self._draw_leaders()          # (the same boxes for other points call no hook)

    def _draw_leaders(self) -> None:
        """A line from each pin to its label where the label sits away from it."""
        vb, s = self.plot.vb, theme.current().scale
        self.leaders, pairs = [], []
        for i, (label, p) in enumerate(zip(self.labels, self.points if self._drawn else ())):
            box = self.names.box_of.get(id(label)) if label.isVisible() else None
            at = vb.mapViewToScene(pg.Point(*p))
            line = box and leader((at.x(), at.y()), box, LEADER_FROM_PX * s, BASE_PX * s)
            if line:
                self.leaders.append((i, *line))
                pairs += [vb.mapSceneToView(pg.Point(*end)) for end in line]
        xy = np.array([(q.x(), q.y()) for q in pairs], dtype=float).reshape(-1, 2)
        for item in (self._leader_halo, self._leader_ink):
            item.setData(xy[:, 0], xy[:, 1])
            item.setVisible(bool(pairs))

    def _iso_lines(self, xs_range, ys_range) -> list[np.ndarray]:
        """Per pin, its iso-line f = f(p) over the visible map, as (2m, 2) segment pairs."""
        levels = [v for v, _ in self.values]
        finite = [math.isfinite(v) for v in levels]
        if not any(finite):
            return [np.empty((0, 2)) for _ in levels]
        (xlo, xhi), (ylo, yhi) = xs_range, ys_range
        xs, ys = (landscape.cell_centres(xlo, xhi, GRID), landscape.cell_centres(ylo, yhi, GRID))
        X, Y = np.meshgrid(xs, ys, indexing="ij")
        with np.errstate(all="ignore"):
            Z = np.asarray(self._of(X, Y), dtype=float)
        per_level = iso_segments_per_level(Z, [v if ok else 0.0 for v, ok in zip(levels, finite)])
        # pixel coordinates (sample [i, j] at i + 0.5) to the view's
        scale = np.array([(xhi - xlo) / GRID, (yhi - ylo) / GRID])
        return [seg * scale + (xlo, ylo) if ok else np.empty((0, 2))
                for seg, ok in zip(per_level, finite)]

    def _hide(self) -> None:
        if self._drawn:              # (a zoom with no pins places no label again)
            self._drawn = False
            self.arrows, self.contours = np.empty((0, 2, 2)), []
            for item in (self._halo, self._ink, self._bases):
                item.setVisible(False)
            for label in self.labels:
                label.setVisible(False)
            self.names.set_markers("pins", [], relayout=False)
            self.names.set_guests("pins", [])
            self._draw_leaders()


def _room(base, direction, bounds, margin) -> float:
    """How far from `base` along `direction` the map goes, `margin` short of its edge."""
    xlo, xhi, ylo, yhi = bounds
    reach = math.inf
    for d, lo, hi, b in ((direction[0], xlo, xhi, base[0]), (direction[1], ylo, yhi, base[1])):
        if d > 0:
            reach = min(reach, (hi - margin - b) / d)
        elif d < 0:
            reach = min(reach, (lo + margin - b) / d)
    return reach


def _arrow_pairs(base, tip, unit, head) -> list:
    """Shaft and two barbs as segment end points (pairs)."""
    c, s = math.cos(HEAD_ANGLE), math.sin(HEAD_ANGLE)
    left = np.array([c * unit[0] - s * unit[1], s * unit[0] + c * unit[1]])
    right = np.array([c * unit[0] + s * unit[1], -s * unit[0] + c * unit[1]])
    return [base, tip, tip, tip - head * left, tip, tip - head * right]


def _corner_pairs(base, unit, side) -> list:
    """A right-angle mark at `base` between ∇f (`unit`) and the iso-line's tangent."""
    tangent = np.array([-unit[1], unit[0]])
    a, b = base + side * tangent, base + side * unit
    corner = a + side * unit
    return [a, corner, corner, b]


def _sides(direction) -> tuple:
    """SIDES (screen: y down) ordered most opposite the arrow first."""
    if direction is None:
        return SIDES
    on_screen = np.array([direction[0], -direction[1]])
    return tuple(sorted(SIDES, key=lambda d: float(np.dot(d, on_screen)) / math.hypot(*d)))
