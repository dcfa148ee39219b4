"""The step arrows of one frame on the contour map, drawn by ONE graphics item: each
arrow's white halo, its shaft, its head and its label.

Why one item: a frame used to move twelve pyqtgraph items (three halo and three shaft
curves, three ArrowItems, three TextItems): each re-derived its path and bounds on
setData, each TextItem laid its text out anew on setText, and the scene re-indexed and
repainted every one. Here a frame stores the arrows (`set_arrows`) and asks for a
repaint of the old and the new arrows' rectangles only; the item's rectangle is the
visible view, fixed while the view does not move, so the scene's index is not touched.

What is drawn is what those items drew (same calls, same z: the layer sits where the
shafts sat): halos, then shafts (drawLines for an opaque solid pen wider than 1 px,
else drawPath, as PlotCurveItem does), labels (the label TextItem's own laid-out text
item on its plate, the TextItem's fill, at the head, in device pixels; laid out again
only when its text, colour or font change), then heads (the ArrowItem path in device
pixels, antialiased, no pen: drawn last, so a plate covers shafts, never a head). The
look is read from style items that draw nothing themselves (the theme and the picture
export restyle them as before): `ArrowStyle` curves for the
halo and shaft pens and hidden TextItems for the labels' font and colour.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from pyqtgraph import functions as fn
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QTransform
from PySide6.QtWidgets import QStyleOptionGraphicsItem

from gui.compute.qt_guard import qt_override

# the heads' shape, in device pixels: what ArrowItem(headLen=16, tipAngle=32) passes on
# (tailLen None: no tail; makeArrowPath's own default draws a 20 px one)
HEAD = dict(headLen=16, tipAngle=32, baseAngle=0, tailLen=None, tailWidth=3, headWidth=None)
PAD_PX = 3                               # beyond a pen's half width: antialiasing


@dataclass(frozen=True)
class Arrow:
    """One arrow as the map shows it: tail and head in data units, its colour, the
    head's angle on screen (degrees, pyqtgraph's ArrowItem convention: 0 points left)
    and whether its label shows."""
    name: str
    tail: tuple
    head: tuple
    colour: QColor
    angle: float
    labelled: bool


class ArrowStyle(pg.PlotCurveItem):
    """An arrow's halo or shaft pen, holding no data (it draws nothing); shown while the
    layer draws that arrow, and `getData()` is the arrow's (tail, head) then."""

    def __init__(self, layer, name, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._layer, self._name = layer, name

    def getData(self):
        arrow = self._layer.drawn.get(self._name)
        if arrow is None:
            return np.empty(0), np.empty(0)
        return (np.array([arrow.tail[0], arrow.head[0]]),
                np.array([arrow.tail[1], arrow.head[1]]))

    def setPen(self, *args, **kwargs):
        super().setPen(*args, **kwargs)
        layer = getattr(self, "_layer", None)      # (PlotCurveItem's __init__ sets one)
        if layer is not None:
            layer.restyled()


class ArrowLayer(pg.GraphicsObject):
    def __init__(self, halos: dict, shafts: dict, labels: dict):
        """`halos`, `shafts`: name -> ArrowStyle; `labels`: name -> pg.TextItem (hidden:
        its laid-out text is painted here). The draw order is the dicts' order."""
        super().__init__()
        self.halos, self.shafts, self.labels = halos, shafts, labels
        self.drawn: dict[str, Arrow] = {}
        self._label_key: dict = {}           # name -> (text, rgba) the label holds
        self._head_paths: dict = {}          # angle -> QPainterPath, for this frame
        self._rect = None
        # paint() is told which part is repainted (option.exposedRect)
        self.setFlag(self.GraphicsItemFlag.ItemUsesExtendedStyleOption)

    # --- what StepArrows tells it --------------------------------------------------------
    def set_label(self, name, text: str, colour: QColor, anchor=(0, 1)) -> None:
        """The label's text and colour (laid out only when they change) and its corner
        at the head (`anchor`, TextItem's: (0, 1) puts it up and to the right)."""
        key = (text, colour.rgba())
        label = self.labels[name]
        if self._label_key.get(name) != key:
            self._label_key[name] = key
            label.setText(text, color=colour)
        if tuple(label.anchor) != tuple(anchor):
            label.setAnchor(anchor)
            self.update()         # (rare) its old place is not in the next frame's reach

    def set_arrows(self, arrows: list[Arrow]) -> None:
        """Draw these arrows (none: nothing); repaints where the old ones and the new
        ones lie, and shows the style items of the arrows drawn."""
        old, self.drawn = self.drawn, {a.name: a for a in arrows}
        for name in self.shafts:
            shown = name in self.drawn
            self.shafts[name].setVisible(shown)
            self.halos[name].setVisible(shown)
        if old == self.drawn:
            return
        moved = [a for a in old.values() if self.drawn.get(a.name) != a]
        moved += [a for a in arrows if old.get(a.name) != a]
        view = self.boundingRect()
        for arrow in moved:
            self.update(self._reach(arrow).intersected(view))

    def restyled(self) -> None:
        self.update()

    def _reach(self, arrow: Arrow) -> QRectF:
        """The data rectangle an arrow may paint: its ends padded by the widest pen and
        the head, and its label at its corner by the head."""
        a = self.mapToScene(QPointF(*arrow.tail))
        b = self.mapToScene(QPointF(*arrow.head))
        pad = max(self.halos[arrow.name].opts["pen"].widthF(),
                  self.shafts[arrow.name].opts["pen"].widthF(), HEAD["headLen"]) + PAD_PX
        rect = QRectF(a, b).normalized().adjusted(-pad, -pad, pad, pad)
        if arrow.labelled:
            item = self.labels[arrow.name].textItem
            text = item.boundingRect()
            rect = rect.united(QRectF(b + item.pos(), text.size()).adjusted(
                -PAD_PX, -PAD_PX, PAD_PX, PAD_PX))
        return self.mapRectFromScene(rect)

    # --- geometry ------------------------------------------------------------------------
    def viewTransformChanged(self):
        self.prepareGeometryChange()
        self._rect = None
        super().viewTransformChanged()

    @qt_override(fallback=QRectF)
    def boundingRect(self):
        """The visible view: where any arrow may be drawn (kept until the view moves)."""
        if self._rect is None:
            view = self.viewRect()
            self._rect = QRectF() if view is None else QRectF(view)
        return self._rect

    def dataBounds(self, ax, frac=1.0, orthoRange=None):
        return None              # auto-range fits the paths, not the arrows (as before)

    # --- drawing -------------------------------------------------------------------------
    def _antialias(self, curve) -> bool:
        """As a PlotCurveItem decides (antialiased in a pyqtgraph export)."""
        if self._exportOpts is not False:
            return self._exportOpts.get("antialias", True)
        return bool(curve.opts["antialias"])

    @qt_override
    def paint(self, p, option, widget):
        if not self.drawn:
            return
        transform = p.transform()
        arrows = list(self.drawn.values())
        for arrow in arrows:
            self._stroke(p, self.halos[arrow.name], arrow, None)
        for arrow in arrows:
            self._stroke(p, self.shafts[arrow.name], arrow, arrow.colour)
        for arrow in arrows:        # plates over the shafts, under every head
            if arrow.labelled:
                self._draw_label(p, transform, arrow, widget)
        for arrow in arrows:
            tip = transform.map(QPointF(*arrow.head))
            p.setTransform(QTransform.fromTranslate(tip.x(), tip.y()))
            p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(arrow.colour)
            p.drawPath(self._head_path(arrow.angle))
        p.setTransform(transform)

    def _stroke(self, p, curve, arrow, colour):
        pen = curve.opts["pen"]
        if pen is None or pen.style() == Qt.PenStyle.NoPen:
            return
        if colour is not None:
            pen = QPen(pen)
            pen.setColor(colour)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, self._antialias(curve))
        p.setPen(pen)
        (x0, y0), (x1, y1) = arrow.tail, arrow.head
        if curve._shouldUseDrawLineSegments(pen):
            p.drawLines([QLineF(x0, y0, x1, y1)])
        else:
            path = QPainterPath(QPointF(x0, y0))
            path.lineTo(x1, y1)
            p.drawPath(path)

    def _head_path(self, angle: float) -> QPainterPath:
        path = self._head_paths.get(angle)
        if path is None:
            if len(self._head_paths) > 16:         # angles change with every frame
                self._head_paths.clear()
            rotation = QTransform()
            rotation.rotate(angle)
            path = self._head_paths[angle] = rotation.map(fn.makeArrowPath(**HEAD))
        return path

    def _draw_label(self, p, transform, arrow, widget):
        """The label's laid-out text at the head, as its TextItem placed it: anchored
        by its bottom-left corner, in device pixels, on its TextItem's plate (fill)."""
        label = self.labels[arrow.name]
        text = label.textItem
        tip = transform.map(QPointF(*arrow.head))
        offset = text.pos()                   # (the anchor, in pixels; set on layout)
        p.setTransform(QTransform.fromTranslate(tip.x() + offset.x(), tip.y() + offset.y()))
        if label.fill.style() != Qt.BrushStyle.NoBrush:
            p.fillRect(text.boundingRect(), label.fill)
        style = QStyleOptionGraphicsItem()
        style.exposedRect = text.boundingRect()
        text.paint(p, style, widget)
