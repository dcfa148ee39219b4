"""The neuron's computational graph: x, w, b → z → output → L ← target.

Nodes are the named nodes of `engine.neuron.Neuron.graph` (x, w, b, z, output,
target, loss), in columns from left (inputs) to right (loss), folded or stacked where
the text size asks for more than the view's width (gui.neuron.graph_layout), so the
forward pass reads left to right and the backward pass back. Values appear on the
nodes, local derivatives on the edges, chain-rule products and updates on w and b,
each at its stage; the current stage is coloured and outlined thicker. All items are
built once; a change of stage or step only sets texts, pens and visibility.
"""
from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (QBrush, QColor, QFont, QFontInfo, QPainter, QPainterPath, QPen,
                           QPolygonF, QTransform)
from PySide6.QtWidgets import (QApplication, QGraphicsPathItem, QGraphicsPolygonItem,
                               QGraphicsScene, QGraphicsSimpleTextItem, QGraphicsView)

from gui.neuron.formulas import edge_lines, node_lines, output_name
from gui.neuron.graph_layout import (FOLDED, NODE_PLACES, TEXT_OVER_BODY, TEXT_UNITS,
                                     GraphLayout, choose_layout, wide_layout)
from gui.neuron.model import STAGE_KEYS, STAGES
from gui.compute.qt_guard import qt_override
from gui.widgets import theme

# Colours (Okabe–Ito): forward values blue, gradients vermillion, updates green.
KIND_COLOURS = {"value": "#0072B2", "grad": "#D55E00", "update": "#009E73"}
TITLE_COLOUR = "#000000"
OUTLINE = "#555555"
HIGHLIGHT_FILL = {"inputs": "#FFF3C4", "forward": "#D6ECFA", "backward": "#FBE0CF",
                  "update": "#D3F0E6"}
HIGHLIGHT_PEN = {"inputs": "#E69F00", "forward": "#0072B2", "backward": "#D55E00",
                 "update": "#009E73"}

# Each node's first row: its name in bold, then its definition. Inputs carry their
# value on that row too (INLINE); computed nodes show it on the next line.
NODE_NAMES = {"x": "x", "w": "w", "b": "b", "z": "z", "output": "output", "loss": "L",
              "target": "target"}
NODE_DEFINITIONS = {"z": " = w·x + b", "loss": " = ½(output − target)²"}
INLINE = {"x", "w", "b", "target"}
EDGES = (("x", "z"), ("w", "z"), ("b", "z"), ("z", "output"), ("output", "loss"),
         ("target", "loss"))

# Where an edge's label goes: above its middle, or on one line below it where above
# would cross another edge; w→z's nearer w, where b→z has fallen away below it (two
# lines there ran into b→z and into b→z's own label).
LABELS_BELOW = {("w", "z"), ("b", "z")}
LABEL_AT = {("w", "z"): 0.0}             # fraction of the way from source to target

# Stage key -> (highlighted nodes, highlighted edges).
_PATH_W = {("output", "loss"), ("z", "output"), ("w", "z")}
_PATH_B = {("output", "loss"), ("z", "output"), ("b", "z")}
HIGHLIGHTS = {
    "inputs": ({"x", "w", "b", "target"}, set()),
    "z": ({"z"}, {("x", "z"), ("w", "z"), ("b", "z")}),
    "output": ({"output"}, {("z", "output")}),
    "loss": ({"loss"}, {("output", "loss"), ("target", "loss")}),
    "dL_doutput": (set(), {("output", "loss")}),
    "doutput_dz": (set(), {("z", "output")}),
    "dz_dparams": (set(), {("w", "z"), ("b", "z")}),
    "dL_dw": ({"w"}, _PATH_W),
    "dL_db": ({"b"}, _PATH_B),
    "update_w": ({"w"}, set()),
    "update_b": ({"b"}, set()),
}
TITLE_PX, VALUE_PX, EDGE_PX = 29, TEXT_UNITS, TEXT_UNITS


def _font(px, bold=False):
    f = QFont()
    f.setPixelSize(px)
    f.setBold(bold)
    return f


class _Node:
    """A rounded box: a row "name = definition [value]", then up to three value lines."""

    def __init__(self, scene, key):
        self.inline = key in INLINE
        self.box = QGraphicsPathItem()
        self.box.setZValue(1)
        scene.addItem(self.box)
        self.name = self._text(scene, TITLE_COLOUR, TITLE_PX, bold=True)
        self.definition = self._text(scene, "#333333", TITLE_PX)
        self.lines = [self._text(scene, "#000000", VALUE_PX) for _ in range(4)]
        self.kinds = [None] * 4          # each value line's kind, for its colour
        self.set_highlight(None)

    def place(self, box) -> None:
        """box: (centre x, centre y, w, h); set_texts then centres the texts in it."""
        cx, cy, w, h = box
        self.rect = QRectF(cx - w / 2, cy - h / 2, w, h)
        path = QPainterPath()
        path.addRoundedRect(self.rect, 14, 14)
        self.box.setPath(path)

    @staticmethod
    def _text(scene, colour, px, bold=False):
        item = QGraphicsSimpleTextItem()
        item.setFont(_font(px, bold))
        item.setBrush(QColor(colour))
        item.setZValue(2)
        scene.addItem(item)
        return item

    def set_highlight(self, phase):
        t = theme.current()
        self.fill = _box_fill(phase, t)
        pen = QPen(_outline(phase, t), 6 if phase else 2)
        self.box.setBrush(QBrush(self.fill))
        self.box.setPen(pen)
        self._colour_texts()

    def _colour_texts(self):
        """Every text readable (4.5:1) on this box's fill in the current theme."""
        t = theme.current()
        self.name.setBrush(t.text(TITLE_COLOUR, self.fill))
        self.definition.setBrush(t.text("#333333", self.fill))
        for item, kind in zip(self.lines, self.kinds):
            if kind is not None:
                item.setBrush(t.text(KIND_COLOURS[kind], self.fill))

    def set_texts(self, name, definition, lines):
        """lines: [(text, kind)]; centred in the box, the first on the name's row if inline."""
        self.name.setText(name)
        self.definition.setText(definition + (" =" if self.inline else ""))
        for item, line in zip(self.lines, lines + [None] * 4):
            item.setText(line[0] if line else "")
        self.kinds = [line[1] if line else None for line in (lines + [None] * 4)[:4]]
        self._colour_texts()
        head = [self.name, self.definition] + self.lines[:1] * self.inline
        rows = [head] + [[it] for it in self.lines[self.inline:] if it.text()]
        heights = [max(it.boundingRect().height() for it in row) for row in rows]
        y = self.rect.center().y() - (sum(heights) + 2 * (len(rows) - 1)) / 2
        for row, height in zip(rows, heights):
            gap = _font(TITLE_PX).pixelSize() * 0.3    # a space between name= and value
            widths = [it.boundingRect().width() for it in row]
            x = self.rect.center().x() - (sum(widths) + gap * (len(row) > 2)) / 2
            for i, (item, w) in enumerate(zip(row, widths)):
                item.setPos(x, y + (height - item.boundingRect().height()) / 2)
                x += w + (gap if i == 1 else 0)
            y += height + 2

    def text(self) -> str:
        """The node's rows as shown, e.g. "w = 0.5\n∂L/∂w = 0.0188345"."""
        head = self.name.text() + self.definition.text()
        rest = [t.text() for t in self.lines if t.text()]
        if self.inline and rest:
            head, rest = f"{head} {rest[0]}", rest[1:]
        return "\n".join([head] + rest)


class _Edge:
    """A straight arrow from box edge to box edge, with a label above its middle."""

    def __init__(self, scene, source, target):
        self.line = QGraphicsPathItem()
        self.head = QGraphicsPolygonItem()
        for item in (self.line, self.head):
            item.setZValue(0)
            scene.addItem(item)
        self.labels = [_Node._text(scene, KIND_COLOURS["grad"], EDGE_PX) for _ in range(2)]
        for item in self.labels:
            item.setFont(_font(EDGE_PX, bold=True))
        self.set_highlight(None)

    def place(self, boxes, source, target) -> None:
        """From box edge to box edge of `boxes` (key -> centre x, centre y, w, h)."""
        a, b = _border_point(boxes, source, target), _border_point(boxes, target, source)
        self.a, self.b = a, b
        path = QPainterPath(a)
        path.lineTo(b)
        self.line.setPath(path)
        d = b - a
        length = max((d.x() ** 2 + d.y() ** 2) ** 0.5, 1e-9)
        ux, uy = d.x() / length, d.y() / length
        back, side = b - QPointF(ux, uy) * 22, QPointF(-uy, ux) * 10
        self.head.setPolygon(QPolygonF([b, back + side, back - side]))

    def set_highlight(self, phase):
        colour = _outline(phase, theme.current())
        self.line.setPen(QPen(colour, 6 if phase else 2.5))
        self.head.setPen(QPen(colour, 1))
        self.head.setBrush(QBrush(colour))

    def set_texts(self, lines, below=False, at=0.5):
        """Two label lines beside the edge, `at` of the way along, clear of it, above;
        or one line below."""
        t = theme.current()
        if below and lines:
            lines = [(" ".join(text for text, _ in lines), lines[0][1])]
        for item, line in zip(self.labels, lines + [None] * 2):
            item.setText(line[0] if line else "")
            if line:
                item.setBrush(t.text(KIND_COLOURS[line[1]], t.background))
        widths = [it.boundingRect().width() for it in self.labels]
        heights = [it.boundingRect().height() for it in self.labels]
        hw, hh = max(widths) / 2, sum(heights) / 2
        d = self.b - self.a
        length = max((d.x() ** 2 + d.y() ** 2) ** 0.5, 1e-9)
        nx, ny = d.y() / length, -d.x() / length          # a unit normal ...
        if (ny > 0) != below:                              # ... on the requested side
            nx, ny = -nx, -ny
        reach = abs(nx) * hw + abs(ny) * hh + 6            # the block's extent along it
        centre = self.a + (self.b - self.a) * at + QPointF(nx, ny) * reach
        # between the boxes and clear of the arrowhead, where the gap is wide enough
        lo, hi = min(self.a.x(), self.b.x()) + 12 + hw, max(self.a.x(), self.b.x()) - 30 - hw
        if lo <= hi:
            centre.setX(min(max(centre.x(), lo), hi))
        y = centre.y() - hh
        for item, w, h in zip(self.labels, widths, heights):
            item.setPos(centre.x() - w / 2, y)
            y += h

    def text(self) -> str:
        return "\n".join(t.text() for t in self.labels if t.text())


def _box_fill(phase, t) -> QColor:
    """A box's fill: white (the background) when unlit; the stage's pale tint when lit,
    which on the dark theme is the stage's colour faintly over the background."""
    if phase is None:
        return QColor(t.background)
    if not t.dark:
        return QColor(HIGHLIGHT_FILL[phase])
    pen, back, a = QColor(HIGHLIGHT_PEN[phase]), QColor(t.background), 0.28
    return QColor.fromRgbF(*(getattr(pen, c)() * a + getattr(back, c)() * (1 - a)
                             for c in ("redF", "greenF", "blueF")))


def _outline(phase, t) -> QColor:
    """Box frames and arrows: the stage's colour when lit, else grey readable at 3:1."""
    colour = HIGHLIGHT_PEN[phase] if phase else OUTLINE
    return theme.readable(colour, t.background, theme.AA_GRAPHICS)


def _border_point(boxes, key, towards) -> QPointF:
    """Where the segment from the centre of `key` to the centre of `towards` leaves its box."""
    cx, cy, w, h = boxes[key]
    tx, ty = boxes[towards][:2]
    dx, dy = tx - cx, ty - cy
    scale = min((w / 2) / abs(dx) if dx else 1e9, (h / 2) / abs(dy) if dy else 1e9)
    return QPointF(cx + dx * scale, cy + dy * scale)


class NeuronGraphView(QGraphicsView):
    """Observes a NeuronModel; shows its step at its stage."""

    def __init__(self, model, parent=None):
        super().__init__(parent)
        self.model = model
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setScene(QGraphicsScene(self))
        self.setBackgroundBrush(QBrush(QColor(theme.current().background)))
        self.nodes = {key: _Node(self.scene(), key) for key in NODE_PLACES}
        self.edges = {pair: _Edge(self.scene(), *pair) for pair in EDGES}
        self.arrangement = None      # the GraphLayout drawn (graph_layout)
        self.px_per_unit = 0.0       # scene units → px, from the text size (_fit)
        self._place(wide_layout(0))
        self.setMinimumWidth(420)
        model.stepChanged.connect(self._on_changed)
        model.stageChanged.connect(self._on_changed)
        theme.notifier.changed.connect(self._on_theme)
        self._on_changed()

    def _place(self, layout: GraphLayout) -> bool:
        """Nodes and arrows laid out as `layout`; False when they already were."""
        if layout == self.arrangement:
            return False
        self.arrangement = layout
        for key, node in self.nodes.items():
            node.place(layout.places[key])
        for pair, edge in self.edges.items():
            edge.place(layout.places, *pair)
        return True

    def _on_theme(self, t):
        self.setBackgroundBrush(QBrush(QColor(t.background)))
        self._on_changed()
        self._fit()

    def text_px_wanted(self) -> float:
        """The height (px) the smallest text is drawn at: TEXT_OVER_BODY × the body
        text's, which follows the text size (Ctrl++, presenting) as the Explorer's does."""
        return TEXT_OVER_BODY * QFontInfo(QApplication.font()).pixelSize()

    def _fit(self) -> None:
        """The widest layout that fits the view's width with the text at its size, and a
        minimum height that shows all of it (the page scrolls where the rest then does
        not fit); drawn larger where the view has room for the wide or folded layout at
        a larger scale (presenting at text size 1.5 drew the text at ~20 px in a
        1264×420 view that holds it at 26: the room, not only the text size, counts)."""
        wanted = self.text_px_wanted() / TEXT_UNITS
        view = self.viewport()
        room = max(min(view.width() / shape.width, view.height() / shape.height)
                   for shape in (wide_layout(0), FOLDED))
        least, least_scale = choose_layout(view.width(), wanted)
        layout, self.px_per_unit = choose_layout(view.width(), max(wanted, room))
        if self._place(layout):
            self._on_changed()              # the texts centred in the moved boxes
        self.setSceneRect(QRectF(0, 0, layout.width, layout.height))
        self.setTransform(QTransform.fromScale(self.px_per_unit, self.px_per_unit))
        height = 2 * self.frameWidth() + math.ceil(least.height * least_scale)
        if height != self.minimumHeight():
            self.setMinimumHeight(height)

    def drawing_height(self) -> int:
        """px the drawing needs: more height leaves blank room (presenting gives the
        main view its share of the screen only where it can use it)."""
        return self.minimumHeight()

    def _on_changed(self, *_):
        step, stage = self.model.step, self.model.stage
        shown = lambda first: STAGE_KEYS.index(first) <= stage   # noqa: E731
        definitions = dict(NODE_DEFINITIONS, output=output_name(step.activation))
        for key, lines in node_lines(step).items():
            self.nodes[key].set_texts(NODE_NAMES[key], definitions.get(key, ""),
                                      [(t, k) for t, k, f in lines if shown(f)])
        for pair, lines in edge_lines(step).items():
            self.edges[pair].set_texts([(t, k) for t, k, f in lines if shown(f)],
                                       below=pair in LABELS_BELOW, at=LABEL_AT.get(pair, 0.5))
        phase = STAGES[stage].phase
        lit_nodes, lit_edges = HIGHLIGHTS[STAGES[stage].key]
        for key, node in self.nodes.items():
            node.set_highlight(phase if key in lit_nodes else None)
        for pair, edge in self.edges.items():
            edge.set_highlight(phase if pair in lit_edges else None)

    # --- for tests and the tab -------------------------------------------------------
    def node_text(self, key) -> str:
        """Everything written on node `key` now, one line each."""
        return self.nodes[key].text()

    def edge_text(self, source, target) -> str:
        return self.edges[(source, target)].text()

    @qt_override
    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._fit()

    @qt_override
    def showEvent(self, event):
        super().showEvent(event)
        self._fit()
