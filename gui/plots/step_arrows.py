"""Inside a step, on the map: at the selected run's current iterate θₖ, the arrow of
−η∇f (what plain gradient descent would do), the arrow of what the method adds to it
(momentum's velocity, Adam's per-coordinate scaling, Newton's curvature) drawn from
its tip, and the step actually taken, so the two add up to the third on screen.

The arrows' ends are θₖ + plain_step and θₖ + step from
`engine.optimizer_lab.step_terms`; nothing is computed here beyond adding θₖ.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QObject, QPointF, Qt
from PySide6.QtGui import QColor

from engine.optimizer_lab import step_terms
from gui.plots.arrow_layer import Arrow, ArrowLayer, ArrowStyle
from gui.plots.theme import keep_colour_on_map
from gui.widgets import theme
from gui.widgets.palette import COLORMAP, STEP_ARROW_COLOURS

MIN_LABELLED = 70      # pixels: shorter arrows are drawn without their label
PLATE = (255, 255, 255, 230)    # a label's plate (the theme's background on dark): the map
                                # shows through a little, never enough to unread the text
# what the part beyond −η∇f is, per method
CORRECTION_NAMES = {"momentum": "+ momentum −ημv", "nesterov": "+ momentum",
                    "adagrad": "+ AdaGrad scaling", "rmsprop": "+ RMSprop scaling",
                    "adam": "+ Adam: m̂ and 1/√v̂", "newton": "+ curvature H⁻¹"}


def arrow_segments(path, k: int, terms=None) -> dict:
    """name -> (tail (d,), head (d,)) of the arrows at step k of a Path ({} when no step
    is taken from k): "plain" θₖ → θₖ − η·g, "correction" its tip → θₖ₊₁ (only when the
    method changes the step), "step" θₖ → θₖ₊₁."""
    terms = step_terms(path) if terms is None else terms
    if not 0 <= k < len(path.points) - 1:
        return {}
    theta = path.points[k]
    plain, step = terms["plain_step"][k], terms["step"][k]
    if not (np.isfinite(plain).all() and np.isfinite(step).all()):
        return {}
    segments = {"plain": (theta, theta + plain), "step": (theta, theta + step)}
    if not np.allclose(plain, step, rtol=1e-9, atol=1e-12):
        segments["correction"] = (theta + plain, theta + step)
    return segments


def predict_only(segments) -> dict:
    """What predict mode may show: no arrow that ends at the next point — −η∇f alone,
    and only when the method adds something to it (for plain GD it is the step)."""
    return {"plain": segments["plain"]} if "correction" in segments else {}


@lru_cache(maxsize=64)       # asked every frame of a race, for the same few colours
def _label_rgba(rgba: int, plate_rgba: int) -> int:
    plate, out = QColor.fromRgba(plate_rgba), QColor.fromRgba(rgba)
    a = plate.alphaF()
    for end in pg.colormap.get(COLORMAP).map([0.0, 1.0], mode="float"):
        seen = QColor.fromRgbF(*(getattr(plate, c)() * a + v * (1 - a)
                                 for c, v in zip(("redF", "greenF", "blueF"), end[:3])))
        out = theme.readable(out, seen)
    return out.rgba()


def label_colour(colour, t) -> QColor:
    """`colour` as a label's text, 4.5:1 on its plate as seen over either end of the
    map's colours (the label may sit anywhere on it)."""
    return QColor.fromRgba(_label_rgba(QColor(colour).rgba(), t.fill(QColor(*PLATE)).rgba()))


def anchor_inside(tip: QPointF, size, anchor, bounds) -> tuple:
    """A TextItem anchor for a label of `size` (QSizeF, px) at `tip` (scene px): `anchor`,
    moved just enough that the label stays inside `bounds` (QRectF, the map). In
    presentation mode at 1280×720 "step taken = −η∇f" beside a tip near the map's right
    edge was cut there."""
    w, h = max(size.width(), 1.0), max(size.height(), 1.0)
    left = min(max(tip.x() - anchor[0] * w, bounds.left()), bounds.right() - w)
    top = min(max(tip.y() - anchor[1] * h, bounds.top()), bounds.bottom() - h)
    return (tip.x() - left) / w, (tip.y() - top) / h


class StepArrows(QObject):
    """The three arrows on a ContourView's plot, following frame, paths and selection."""

    def __init__(self, model, plot, parent=None, labels=None):
        """`labels`: the map's CriticalLabels, which then keep the critical points' names
        off the arrows' labels (exp(x² + y²)'s "step taken = −η∇f" lay over "minimum")."""
        super().__init__(parent)
        self.model, self.plot, self.critical_labels = model, plot, labels
        self._label_marks = []
        self.enabled = True
        self.segments: dict = {}
        self._terms_for = (None, None)
        # the pens and label fonts live in style items the theme and the picture export
        # restyle; one ArrowLayer draws all three arrows (gui.plots.arrow_layer)
        self.shafts, self.labels, self.halos = {}, {}, {}
        self.layer = ArrowLayer(self.halos, self.shafts, self.labels)
        for name, style, width in (("plain", Qt.PenStyle.DashLine, 2.5),
                                   ("correction", Qt.PenStyle.DotLine, 2.5),
                                   ("step", Qt.PenStyle.SolidLine, 4.0)):
            self.shafts[name] = ArrowStyle(self.layer, name,
                                           pen=pg.mkPen("k", width=width, style=style))
            # a light band under each arrow: readable on the dark and the bright
            # parts of the map alike
            self.halos[name] = ArrowStyle(self.layer, name,
                                          pen=pg.mkPen(255, 255, 255, 170, width=width + 4))
            # on a plate, as the critical points' names: a label in the arrow's colour
            # straight on the map (blue on blue-grey, crossed by arrows) was unreadable
            # its colour is ours (label_colour, on the plate over the map): the theme
            # restyled it from the colour it first saw (TextItem's grey, before a text
            # was set), and the layer, whose text and colour had not changed, never set
            # it again (presenting, Ctrl++ then Ctrl− left "step taken" grey)
            self.labels[name] = keep_colour_on_map(
                pg.TextItem(anchor=(0, 1), fill=pg.mkBrush(*PLATE)))
            for item in (self.halos[name], self.shafts[name], self.labels[name]):
                item.setZValue(9)
                plot.addItem(item)
                item.hide()
        # where the shafts were (z 9, after the start marker): halos, shafts, heads and
        # labels on top of it
        self.layer.setZValue(9)
        plot.addItem(self.layer)
        model.pathsChanged.connect(self.refresh)
        if hasattr(model, "sketchChanged"):     # a new f's first map: the old f's step is not on it
            model.sketchChanged.connect(self.clear)
        model.frameChanged.connect(self.refresh)
        model.lab.selectedChanged.connect(self.refresh)
        model.lab.predictChanged.connect(self.refresh)
        theme.notifier.changed.connect(self.refresh)
        plot.vb.sigRangeChanged.connect(self.refresh)     # head angles are on screen
        self.refresh()

    def set_enabled(self, on: bool) -> None:
        self.enabled = bool(on)
        self.refresh()

    def _terms(self, path):
        if self._terms_for[0] is not path:
            self._terms_for = (path, step_terms(path))
        return self._terms_for[1]

    def clear(self, *_) -> None:
        """No arrows (the old f's step is not on a new f's map) until the next refresh."""
        self.segments = {}
        self.layer.set_arrows([])
        self._keep_names_off([])

    def refresh(self, *_) -> None:
        key = self.model.lab.selected
        path = self.model.paths.get(key)
        self.segments = {}
        if self.enabled and path is not None and path.points.shape[1] == 2:
            k = min(self.model.frame, path.stop_step)
            self.segments = arrow_segments(path, k, self._terms(path))
            if self.model.lab.predict:
                self.segments = predict_only(self.segments)
        t = theme.current()
        ink = t.ink
        colours = {"plain": STEP_ARROW_COLOURS["plain"],
                   "correction": STEP_ARROW_COLOURS["correction"],
                   "step": self.model.lab.colour(key)}
        texts = {"plain": "−η∇f",
                 "correction": CORRECTION_NAMES.get(path.method if path else "", "+ method"),
                 "step": "step taken"}
        if "correction" not in self.segments:   # −η∇f is the step: one name, not two stacked
            texts["step"] = "step taken = −η∇f"
        arrows = []
        bounds = self.plot.vb.sceneBoundingRect()
        for name in self.shafts:
            segment = self.segments.get(name)
            if segment is None:
                continue
            colour = ink(pg.mkColor(colours[name]))
            # the head is drawn in pixels: its angle is the shaft's on screen (y down;
            # pyqtgraph's angle 0 points left), whatever the axes' scales
            a, b = (self.plot.vb.mapViewToScene(QPointF(x, y)) for x, y in segment)
            angle = 180 + np.degrees(np.arctan2(b.y() - a.y(), b.x() - a.x()))
            # a label on a short arrow would only cover the others (the inspector's
            # title names the arrows anyway)
            # (nor one whose tip is off the map: it would name an arrow out of sight)
            labelled = bool(np.hypot(b.x() - a.x(), b.y() - a.y()) > MIN_LABELLED) and not (
                name == "plain" and "correction" not in self.segments and "step" in self.segments
            ) and bounds.contains(b)
            if labelled:     # beside the tip, away from the shaft and the head (y down)
                anchor = (float(a.x() > b.x()), float(a.y() >= b.y()))
                self.layer.set_label(name, texts[name], label_colour(colour, t), anchor)
                size = self.labels[name].textItem.boundingRect().size()
                self.layer.set_label(name, texts[name], label_colour(colour, t),
                                     anchor_inside(b, size, anchor, bounds))
            (x0, y0), (x1, y1) = segment
            arrows.append(Arrow(name, (float(x0), float(y0)), (float(x1), float(y1)),
                                colour, float(angle), labelled))
        self.layer.set_arrows(arrows)
        self._keep_names_off(arrows)

    def _keep_names_off(self, arrows) -> None:
        """The labelled arrows' label rectangles as markers of the critical points' names:
        squares a label high, side by side along each label (markers are squares)."""
        if self.critical_labels is None:
            return
        vb, marks = self.plot.vb, []
        for arrow in arrows:
            if not arrow.labelled:
                continue
            text = self.labels[arrow.name].textItem
            size = text.boundingRect().size()
            corner = vb.mapViewToScene(QPointF(*arrow.head)) + text.pos()
            half = size.height() / 2
            count = max(1, int(np.ceil(size.width() / size.height())))
            for k in range(count):      # the last square's right edge on the label's
                x = corner.x() + half + k * (size.width() - 2 * half) / max(count - 1, 1)
                centre = vb.mapSceneToView(QPointF(x, corner.y() + half))
                marks.append(((round(centre.x(), 9), round(centre.y(), 9)), half))
        if marks != self._label_marks:          # (each frame: laid out only on a change)
            self._label_marks = marks
            self.critical_labels.set_markers("step labels", marks)
