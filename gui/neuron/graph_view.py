"""The neuron's computational graph: x, w, b → z → output → L ← target.

Nodes are the named nodes of `engine.neuron.Neuron.graph` (x, w, b, z, output,
target, loss), in four columns from left (inputs) to right (loss) spread over the
view's width (_layout), so the forward pass reads left to right and the backward
pass right to left. Values appear on the
nodes, local derivatives on the edges, chain-rule products and updates on w and b,
each at its stage; the current stage is coloured and outlined thicker. All items are
built once; a change of stage or step only sets texts, pens and visibility.
"""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (QBrush, QColor, QFont, QFontInfo, QPainter, QPainterPath, QPen,
                           QPolygonF)
from PySide6.QtWidgets import (QApplication, QGraphicsPathItem, QGraphicsPolygonItem,
                               QGraphicsScene, QGraphicsSimpleTextItem, QGraphicsView)

from gui.neuron.formulas import edge_lines, node_lines, output_name
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

# Scene layout: each node's column (0 inputs … 3 loss), centre height and size (w, h),
# in scene units. Rows are as low as three lines of text (w, b at the update stage) let
# them be: the view is a wide strip (1264×150 at 1280×720), and the scene, fitted by its
# height, drew its text at 7 px when it was 425 units high. The columns spread over
# whatever width the view has (_layout); COLUMN_GAP is their least gap, room for an
# edge's label clear of the arrowhead ("∂L/∂output = 0.0502601" ran into L's).
# Boxes as narrow as their widest text lets them be (∂L/∂b = 0.00941723, output =
# ReLU(z), L = ½(output − target)²), so that presenting at 1280×720 (the width binds)
# still draws the text at the body text's 18 px.
NODE_PLACES = {
    "x": (0, 29, 300, 48), "w": (0, 121, 300, 112), "b": (0, 245, 300, 112),
    "z": (1, 121, 200, 80), "output": (2, 121, 270, 80),
    "loss": (3, 121, 370, 80), "target": (3, 255, 220, 48),
}
COLUMN_WIDTHS = (300, 200, 270, 370)
# Least gaps: the first keeps b→z below w→z's one-line label, the others fit the
# widest label ("= 0.0502601", 200 units) before the arrowhead.
COLUMN_GAPS = (320, 210, 245)
MARGIN = 10
SCENE_H = 306              # every box and label fits inside
SMALLEST_W = sum(COLUMN_WIDTHS) + sum(COLUMN_GAPS) + 2 * MARGIN


def _layout(width: float) -> dict:
    """Every node's (centre x, centre y, w, h) in a scene `width` units wide (at least
    SMALLEST_W): the columns keep their widths, the gaps share what is left over."""
    extra = (max(width, SMALLEST_W) - SMALLEST_W) / 3
    lefts = [MARGIN + sum(COLUMN_WIDTHS[:c]) + sum(COLUMN_GAPS[:c]) + c * extra
             for c in range(4)]
    return {key: (lefts[c] + COLUMN_WIDTHS[c] / 2, cy, w, h)
            for key, (c, cy, w, h) in NODE_PLACES.items()}


# Folded: the loss under the output, the target left of it, in a scene nearly square
# enough for a tall view (presenting: 1264×424 px) or a large text size: the four
# columns across 2075 units drew the text at 21 px at most on a 1280-px screen (text
# size 2's body text is 24 px; presenting, 55 % of the view's height stayed blank).
# The gap under the output holds ∂L/∂output's two lines beside its arrow.
FOLDED_PLACES = dict(
    {key: _layout(SMALLEST_W)[key] for key in ("x", "w", "b", "z", "output")},
    loss=(1175, 321, 370, 80), target=(730, 321, 220, 48))
FOLDED_W, FOLDED_H = 1395, 371
LAYOUT_SWITCH = 1.05       # folded only where it draws the text this much larger


def fitted_scale(width: float, height: float, folded: bool) -> float:
    """Scene units → px when the layout is fitted into a `width`×`height` px view (the
    wide one stretches its gaps to the view's shape, never below SMALLEST_W)."""
    if folded:
        return min(width / FOLDED_W, height / FOLDED_H)
    return min(width / max(SMALLEST_W, SCENE_H * width / max(height, 1)), height / SCENE_H)


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
TITLE_PX, VALUE_PX, EDGE_PX = 29, 28, 28
SMALLEST_PX = min(TITLE_PX, VALUE_PX, EDGE_PX)
# The view asks for the height that draws its smallest text at the app's body text size
# (which follows the text size: Ctrl++, presenting), where the width lets the scene be
# that large (the page scrolls where the rest then does not fit); never below SMALLEST_H.
SMALLEST_H = 150           # px: 1280×720 at text size 1.5 fitted


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
        self._bounds = QRectF()
        self.folded = False          # the loss under the output (FOLDED_PLACES)
        self._place(SMALLEST_W)
        self.setMinimumSize(420, SMALLEST_H)
        model.stepChanged.connect(self._on_changed)
        model.stageChanged.connect(self._on_changed)
        theme.notifier.changed.connect(self._on_theme)
        self._on_changed()

    def _place(self, width, folded: bool = False) -> bool:
        """Nodes and arrows laid out over a scene `width` units wide (≥ SMALLEST_W), or
        folded; False when they already were."""
        width = FOLDED_W if folded else max(float(width), SMALLEST_W)
        if width == self._bounds.width() and folded == self.folded:
            return False
        self.folded = folded
        self._bounds = QRectF(0, 0, width, FOLDED_H if folded else SCENE_H)
        boxes = FOLDED_PLACES if folded else _layout(width)
        for key, node in self.nodes.items():
            node.place(boxes[key])
        for pair, edge in self.edges.items():
            edge.place(boxes, *pair)
        return True

    def _on_theme(self, t):
        self.setBackgroundBrush(QBrush(QColor(t.background)))
        self._on_changed()
        self._keep_text_size()

    def _keep_text_size(self) -> None:
        """A minimum height that draws the smallest text at the body text's size, no
        taller than the width lets the narrowest scene be drawn (a taller view is blank):
        the folded layout's where the wide one cannot draw it that large."""
        body_px = QFontInfo(QApplication.font()).pixelSize()
        wanted = body_px / SMALLEST_PX                     # scene units → px
        wide, folded = (self.width() / SMALLEST_W, self.width() / FOLDED_W)
        # (a little short of the body size in the wide layout is still its best look)
        scene_h = SCENE_H if wide >= 0.9 * wanted else FOLDED_H
        drawable = min(wanted, max(wide, folded) if scene_h == FOLDED_H else wide)
        height = round(max(SMALLEST_H, scene_h * drawable))
        if height != self.minimumHeight():
            self.setMinimumHeight(height)

    def _fit(self) -> None:
        """The layout that draws the text larger in the view's shape (the wide scene as
        wide as the view's shape asks, its columns spread), then fitted."""
        view = self.viewport().size()
        if view.height() > 0:
            w, h = view.width(), view.height()
            folded = fitted_scale(w, h, True) > LAYOUT_SWITCH * fitted_scale(w, h, False)
            if self._place(SCENE_H * w / h, folded):
                self._on_changed()          # the texts centred in the moved boxes
        self.setSceneRect(self._bounds)
        self.fitInView(self._bounds, Qt.AspectRatioMode.KeepAspectRatio)

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
        if event.size().width() != event.oldSize().width():
            self._keep_text_size()       # (the width caps the height worth keeping)

    @qt_override
    def showEvent(self, event):
        super().showEvent(event)
        self._fit()
