"""Second order, visible: at the selected run's current iterate, the local quadratic
model q (engine.optimizer_lab.quadratic_model) drawn on the contour map as its contour
ellipses around Newton's next point, the Hessian's eigen-directions as axes labelled
with their eigenvalues, and one sentence on the condition number and the critical
learning rate 2/λ_max. On the 1-D curve: the parabola q(x) and Newton's point.

The numbers are the engine's; this module samples q (the engine's callable) for the
picture and writes the sentence.
"""
from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QObject, Qt, Signal

from engine.optimizer_lab import is_quadratic, quadratic_model
from gui.plots.critical_labels import GUEST_PRIORITY, GuestLabel
from gui.plots.iso_lines import iso_segments_per_level
from gui.plots.kink_marks import jumps_at
from gui.plots.steady_scatter import SteadyScatter
from gui.plots.theme import style_now
from gui.widgets import theme
from gui.widgets.palette import QUADRATIC_COLOURS
from gui.widgets.variable_names import display_name
from gui.widgets.number_text import significant_text, true_minus

SAMPLES = 120          # q is sampled on SAMPLES² points of the visible window
LEVELS = (0.04, 0.16, 0.36, 0.64, 1.0)   # fractions of q(θₖ) − q_min: evenly spaced rings


OFF_MAP = " (θₖ is off the map: zoom out to see its model.)"
NEWTON_TEXT, NEWTON_SHORT = "Newton's next point", "Newton"
# where its label goes around Newton's ×, in order: up-left first (a critical point's
# name sits below it, and for a quadratic f Newton's next point is that critical point),
# then the other corners, above, below and the sides
NEWTON_SIDES = ((-1, -1), (1, -1), (1, 1), (-1, 1), (0, -1), (0, 1), (1, 0), (-1, 0))
# a λ label at its axis' end: right, left, above, below, then the corners
AXIS_SIDES = ((1, 0), (-1, 0), (0, -1), (0, 1), (1, -1), (-1, -1), (1, 1), (-1, 1))
AXIS_GAP_PX = 4
# placed after every name (which so stay put while it moves with each frame), and
# earlier only when that finds it a place and hides no more labels (CriticalLabels):
# on Himmelblau at 1280x720 its × on a minimum or the maximum had no room left
NEWTON_PRIORITY = GUEST_PRIORITY
NEWTON_MARKER_PX = 8      # half the × (size 16)


def _inside(point, view_range) -> bool:
    (x0, x1), (y0, y1) = view_range
    return bool(x0 <= point[0] <= x1 and y0 <= point[1] <= y1)


def _num(v: float) -> str:
    return true_minus(significant_text(v, 3)) if math.isfinite(v) else "∞"


def kink_note(variables, jumps) -> str:
    """What the model panel says at a point where partial derivatives jump."""
    why = "; ".join(f"∂f/∂{display_name(variables[j.axis])} jumps from {_num(j.left)} to "
                    f"{_num(j.right)}"
                    for j in jumps)
    return (f"f is not differentiable at this point ({why}): it has no gradient or "
            "Hessian here (the formulas' sign(0) = 0 is no slope), so no quadratic model.")


def _direction(v) -> str:
    """An axis as a reader writes it: (1, −1), not (−0.707, 0.707)."""
    v = np.asarray(v, dtype=float)
    v = v / v[np.argmax(np.abs(v))]      # the largest component 1: one sign of two
    return "(" + ", ".join(_num(c + 0.0) for c in np.round(v, 12)) + ")"


def _flat_text(q) -> str:
    """Where and how a singular H's model is flat, and what that leaves of its critical
    points (engine QuadraticModel.kind)."""
    no_newton = "no Newton point (H has no inverse; a Newton run takes the least-squares step)."
    if q.flat_axes.shape[1] == len(q.eigenvalues):        # H = 0
        if q.kind == "flat":
            return f"H = 0 and ∇f = 0: the model is constant, with {no_newton}"
        return f"H = 0: the model is a sloping plane, with no minimum and {no_newton}"
    flat = " and ".join(_direction(v) for v in q.flat_axes.T)
    if q.kind == "no stationary point":
        return (f"H is singular: the model is flat along {flat} and slopes along it, so "
                f"it has no minimum, no stationary point and {no_newton}")
    shape = {"valley": "a valley of minima (a line of them, none alone)",
             "ridge": "a ridge of maxima (no minimum)",
             "saddle": "a flat saddle (curving up and down across it)"}[q.kind]
    return f"H is singular: the model is flat along {flat}, {shape}, with {no_newton}"


def describe(q) -> str:
    """One or two sentences on what the model says about gradient descent."""
    lam = q.eigenvalues
    if q.kind == "undefined":
        return "The quadratic model is not defined here (f or its Hessian is not finite)."
    where = "" if q.exact else " here (f is not quadratic: this is the local picture)"
    if len(lam) == 1:
        if q.kind == "minimum":
            return (f"Curvature f″ = {_num(lam[0])}{where}: GD converges for η < 2/f″ = "
                    f"{_num(q.critical_lr)} and jumps to the minimum at η = 1/f″.")
        if q.kind == "maximum":
            return (f"Curvature f″ = {_num(lam[0])} < 0{where}: the parabola has no "
                    "minimum; Newton's point is its top.")
        if q.kind == "flat":
            return (f"Curvature f″ = 0 and f′ = 0{where}: the model is constant. There is "
                    "no Newton point (f′/f″ does not exist).")
        return (f"Curvature f″ = 0{where}: the model is a straight line of slope f′ = "
                f"{_num(q.gradient[0])}, with no minimum and no Newton point "
                "(f′/f″ does not exist).")
    text = f"Hessian eigenvalues λ = {', '.join(_num(v) for v in lam)}{where}. "
    if q.singular:
        text += _flat_text(q)
    elif q.kind == "minimum":
        text += (f"Condition number κ = λmax/λmin = {_num(q.condition)}: GD's η must stay "
                 f"below 2/λmax = {_num(q.critical_lr)} (else it diverges along the "
                 f"steepest axis), so along the flattest axis it moves only "
                 f"{_num(q.condition)}× slower" + (" — a zig-zag down a narrow valley."
                                                    if q.condition > 3 else "."))
    elif q.kind == "saddle":
        text += ("A saddle: the model curves up along one axis and down along the other; "
                 "Newton's point is the saddle itself, GD slides away from it.")
    else:
        text += "The model curves down in every direction: no minimum here."
    return text


class QuadraticModelOverlay(QObject):
    """Ellipses, eigen-axes and Newton's point on a ContourView's plot (2-D), or the
    parabola on a CurveView's plot (1-D); `described` carries the sentence."""

    described = Signal(str)

    def __init__(self, model, plot, parent=None, labels=None):
        """`labels`: the map's CriticalLabels, which then places this overlay's labels
        with the critical points' names, none covering another (None: placed as set).
        With no `parent` it is the plot's, and goes with it: connected to the process-wide
        theme, an overlay left after its plot was deleted drew on deleted items."""
        super().__init__(parent if parent is not None else plot)
        self.model, self.plot, self.labels = model, plot, labels
        self.enabled = False
        self.quadratic = None          # the engine's QuadraticModel shown, or None
        self.text = ""
        self._exact_of = (None, False)   # (f, is_quadratic(f)): sympy work, once per f
        self._drawn_key = None           # what the items show: no redraw for the same
        self._newton_colour = None       # the Newton marker's colour, styled once per colour
        self._shown: set = set()         # ids of the items the last drawing shows
        self._newton_at = (0.0, 0.0)     # where Newton's × is, view coordinates
        self.rings = pg.PlotCurveItem(connect="pairs")
        self.axes = pg.PlotCurveItem(connect="pairs")
        self.newton = SteadyScatter(size=16, symbol="x")
        # on a box like the critical points' names: the bare text was lost among the
        # field's arrows and the iso-lines
        self.axis_labels = [pg.TextItem(anchor=(-0.1, 0.5), fill=pg.mkBrush(255, 255, 255))
                            for _ in range(2)]
        # up and to the left of its ×: a critical point's label sits down and to the right,
        # and for a quadratic f Newton's next point is that critical point
        # (on a box like theirs, so it reads over dark contours and paths)
        self.newton_label = pg.TextItem(NEWTON_TEXT, anchor=(1.05, 1.1),
                                        fill=pg.mkBrush(255, 255, 255))
        self.items = [self.rings, self.axes, self.newton, *self.axis_labels, self.newton_label]
        for item in self.items:
            item.setZValue(8.8)
            if isinstance(item, pg.TextItem):   # the look in use before the names measure it
                style_now(item)
            plot.addItem(item)
            item.hide()
        model.pathsChanged.connect(self.refresh)
        model.frameChanged.connect(self.refresh)
        model.lab.selectedChanged.connect(self.refresh)
        theme.notifier.changed.connect(self.refresh)

    def set_enabled(self, on: bool) -> None:
        self.enabled = bool(on)
        self.refresh()

    def point(self):
        """The selected run's current iterate, or the start."""
        path = self.model.paths.get(self.model.lab.selected)
        if path is None:
            return np.asarray(self.model.start, dtype=float)
        return path.points[min(self.model.frame, path.stop_step)]

    def refresh(self, *_) -> None:
        if not self.enabled and self.quadratic is None:
            return                        # off and already cleared: nothing per frame
        f = self.model.expression
        p = self.point()
        ok = self.enabled and f is not None and len(p) == f.dimension == len(self.model.window) \
            and np.isfinite(p).all()
        ink = theme.current().ink
        ring_colour = ink(pg.mkColor(QUADRATIC_COLOURS["ellipse"]))
        axis_colour = ink(pg.mkColor(QUADRATIC_COLOURS["axis"]))
        # A run that ended (or a frame repeated) keeps its iterate: the same picture
        key = (ok, f, p.tobytes(), tuple(map(tuple, self.plot.vb.viewRange())),
               ring_colour.rgba(), axis_colour.rgba())
        if key == self._drawn_key:
            return
        self._drawn_key = key
        # at a kink (|x| + |y| at (0, 0)) the formulas' H = 0 is no curvature of f: no model
        jumps = jumps_at(f, p) if ok else []
        self.quadratic = quadratic_model(f, p, exact=self._exact(f)) if ok and not jumps else None
        self._shown = set()         # the items this drawing shows; the others are hidden
        off_map = False
        # nothing to draw of a model that is not defined (f = −∞ at (0, 0) on log x + log y)
        if self.quadratic is not None and self.quadratic.kind != "undefined":
            if f.dimension == 2:
                off_map = not _inside(p, self.plot.vb.viewRange())
                if not off_map:
                    self._draw_2d(self.quadratic, ring_colour, axis_colour)
            else:
                self._draw_1d(self.quadratic, ring_colour, axis_colour)
        # (not all hidden first and shown again: each hide and show asked the scene for
        # a repaint and re-placed the labels, with every new iterate)
        placed = [*self.axis_labels, self.newton_label] if self.labels is not None else []
        for item in self.items:
            if item not in placed:
                item.setVisible(id(item) in self._shown)
        if self.labels is not None:
            self._place_labels()
        # TextItem undoes the view's scaling only when painted, and it is painted only
        # where its rectangle meets the view: up-left of its anchor, the unscaled text
        # lay far off the map (thousands of px at 1920×1080) and never came back
        self.newton_label.updateTransform()          # (a no-op while hidden)
        # A model taken far off the map (a diverged run) would cross the map only as
        # straight lines (its ellipses are thousands of windows long): say it, draw nothing
        self._say(kink_note(f.variables, jumps) if jumps else "" if self.quadratic is None
                  else describe(self.quadratic) + (OFF_MAP if off_map else ""))

    def _place_labels(self) -> None:
        """Hand the shown labels to the map's placement (it shows, anchors and may
        shorten them), hide the others."""
        guests = []
        if id(self.newton_label) in self._shown:
            guests.append(GuestLabel(self.newton_label, tuple(self._newton_at), NEWTON_TEXT,
                                     NEWTON_SHORT, NEWTON_SIDES, NEWTON_MARKER_PX + 1,
                                     NEWTON_PRIORITY, NEWTON_MARKER_PX, insist=True))
        for label in self.axis_labels:
            if id(label) in self._shown:
                text = label.toPlainText()
                guests.append(GuestLabel(label, (label.pos().x(), label.pos().y()), text,
                                         text, AXIS_SIDES, AXIS_GAP_PX,
                                         GUEST_PRIORITY + 1))
        for label in (*self.axis_labels, self.newton_label):
            if not any(g.item is label for g in guests):
                label.setVisible(False)
        self.labels.set_guests("quadratic", guests)

    def _show(self, item) -> None:
        self._shown.add(id(item))

    def _exact(self, f) -> bool:
        if self._exact_of[0] is not f:
            self._exact_of = (f, is_quadratic(f))
        return self._exact_of[1]

    def _say(self, text: str) -> None:
        if text != self.text:
            self.text = text
            self.described.emit(text)

    def _draw_1d(self, q, ring_colour, axis_colour) -> None:
        (lo, hi), = self.model.window
        xs = np.linspace(lo, hi, 400)
        ys = q(xs)
        self.rings.setData(np.repeat(xs, 2)[1:-1], np.repeat(ys, 2)[1:-1],
                           pen=pg.mkPen(ring_colour, width=2, style=Qt.PenStyle.DashLine))
        self._show(self.rings)
        self._show_newton(q, [float(q(q.newton_point[0]))], axis_colour)

    def _draw_2d(self, q, ring_colour, axis_colour) -> None:
        (x0, x1), (y0, y1) = self.plot.vb.viewRange()     # what the map shows
        xs, ys = np.linspace(x0, x1, SAMPLES), np.linspace(y0, y1, SAMPLES)
        X, Y = np.meshgrid(xs, ys, indexing="ij")
        Z = q(X, Y)
        centre = float(q(*q.newton_point))
        top = q.value
        if top > centre:
            levels = centre + (top - centre) * np.asarray(LEVELS)
        else:            # a saddle or a maximum: rings at equal steps around q(θₖ)
            spread = max(abs(top - centre), 1e-9)
            levels = top + spread * np.array([-1.0, -0.5, 0.0, 0.5, 1.0])
        segments = [s for s in iso_segments_per_level(Z, levels) if len(s)]
        if segments:
            pts = np.concatenate(segments)
            sx, sy = (x1 - x0) / (SAMPLES - 1), (y1 - y0) / (SAMPLES - 1)
            self.rings.setData(x0 + (pts[:, 0] - 0.5) * sx, y0 + (pts[:, 1] - 0.5) * sy,
                               pen=pg.mkPen(ring_colour, width=1.8))
            self._show(self.rings)
        # eigen-axes through Newton's point, a fifth of the window long each way
        half = 0.2 * min(x1 - x0, y1 - y0)
        ends = []
        c = q.point if q.singular or not np.isfinite(q.newton_point).all() \
            else q.newton_point
        for i, label in enumerate(self.axis_labels):
            v = q.eigenvectors[:, i]
            a, b = c - half * v, c + half * v
            ends += [a, b]
            text = f"λ{'₁₂'[i]} = {_num(q.eigenvalues[i])}"
            if getattr(label, "_shows", None) != (text, axis_colour.rgba()):
                # laid out again only when the text changes (3 digits: rarely, step by step)
                label._shows = (text, axis_colour.rgba())
                label.setText(text, color=axis_colour)
            label.setPos(*b)
            self._show(label)
        ends = np.array(ends)
        self.axes.setData(ends[:, 0], ends[:, 1], pen=pg.mkPen(axis_colour, width=2))
        self._show(self.axes)
        self._show_newton(q, None, axis_colour)

    def _show_newton(self, q, y, colour) -> None:
        point = q.newton_point
        # where H is singular newton_point is a least-squares step, no point of the
        # model's own ((x-5)² + (y-3)² + 2xy: an ✕ where q has no stationary point)
        if q.singular or not np.isfinite(point).all():
            return
        pos = (point[0], y[0]) if y is not None else (point[0], point[1])
        if colour.rgba() != self._newton_colour:
            # style set once per colour: a new pen each frame made the symbol atlas draw
            # the cross anew every frame
            self._newton_colour = colour.rgba()
            self.newton.setPen(pg.mkPen(colour, width=2))
            self.newton.setBrush(colour)
            self.newton_label.setColor(colour)
        self.newton.setData([pos[0]], [pos[1]])
        self.newton_label.setPos(*pos)
        self._newton_at = pos
        self._show(self.newton)
        self._show(self.newton_label)
