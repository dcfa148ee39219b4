"""The layer diagram: the network as a chain x → a¹ → … → a^L.

Each neuron shows its activation for the chosen input x (number and shade); each
weight is a line coloured by sign (blue > 0, orange < 0: Okabe–Ito) and as wide as its
size. The band of the layer whose Jacobian is shown is highlighted; click a band to
choose another layer. Painted with QPainter: a few hundred lines, redrawn per frame.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from gui.widgets import theme
from gui.network import neuron_labels
from gui.network.plots import Throttle, sup
from gui.widgets.palette import OKABE_ITO
from gui.compute.qt_guard import qt_override

POSITIVE, NEGATIVE = QColor(OKABE_ITO[0]), QColor(OKABE_ITO[1])
ACT_SYMBOL = {"sigmoid": "σ", "tanh": "tanh", "relu": "ReLU", "none": ""}   # none: identity
MARGIN_TOP, MARGIN_BOTTOM = 58, 44
WEIGHT_LEVELS = 16          # line widths drawn (|w| / max |w| rounded to 1/15)
# px per neuron of the widest layer, at text size 1: circles of r ≈ 10 and numbers of
# neuron_labels.READABLE_PX apart (at text size 1.5 on 720p a fixed 240-px minimum left
# the four hidden neurons ~60 px: 8-px circles, their numbers over each other)
READABLE_ROW_PX = 24
PRESENTING_LEAST_PX = 160   # the diagram's least height presenting, × the text size
# activations as wide as any of a sigmoid's or tanh's written with two decimals: the
# width asked for does not follow the numbers shown (the map would jump while training)
WIDEST_ACTIVATIONS = (-0.88, 0.88)


class NetworkDiagram(QWidget):
    presenting = False      # set by the tab: readable_height is then the plain least
    LEAST_WIDTH = 260
    # set by the tab: the most width (px) the diagram may ask for, or None (no limit)
    room = staticmethod(lambda: None)

    def __init__(self, model, parent=None):
        super().__init__(parent)
        self.model = model
        self.setMinimumSize(360, 280)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.activations: list[np.ndarray] = []   # a^0 .. a^L at the chosen input
        self._weights: list[np.ndarray] = []
        for signal in (model.architectureChanged, model.inputChanged, model.jacobianLayerChanged):
            signal.connect(self._on_change)
        model.trainingChanged.connect(Throttle(model, self._on_change))
        theme.notifier.changed.connect(self.update)
        self._on_change()

    def _on_change(self, *_):
        net = self.model.network
        self.activations = [a[0] for a in net.forward(self.model.input_point[None, :])]
        self._weights = [W.copy() for W in net.weights]
        self.update()

    # --- geometry -------------------------------------------------------------
    def _column_x(self, margin=46.0, width=None):
        n = len(self.model.sizes)
        left, right = margin, (self.width() if width is None else width) - margin
        return [left + (right - left) * k / (n - 1) for k in range(n)]

    @staticmethod
    def _margins():
        """(top, bottom): room for the titles and the key, growing with the theme's scale."""
        s = theme.current().scale
        return MARGIN_TOP * s, MARGIN_BOTTOM * s

    def readable_height(self) -> int:
        """The least height (px) that draws the widest layer's neurons and numbers
        readably under the titles and over the key, at the current text size."""
        if self.presenting:     # presenting fits the page to the screen (it folds panels):
            # the readable least pushed the Jacobian scene's chain rule 69 px below 720p
            return round(PRESENTING_LEAST_PX * theme.current().scale)
        top, bottom = self._margins()
        rows = max(self.model.sizes) * READABLE_ROW_PX * theme.current().scale
        return int(np.ceil(top + bottom + 28 + rows))

    def readable_width(self) -> int:
        """The least width (px) that writes the neurons' numbers at their full size at the
        current text size (neuron_labels.LARGEST_PX × the text size, two decimals, for
        activations as wide as "−0.88") beside their circles, at any height (measured
        where the rows are tall enough for the circles' largest radius, 30 px, which
        takes the most width): in a column of a fixed width they shrank with each Ctrl++
        (presenting at 1280×720: 27 px at text size 1.5, 23 at 1.75, 20 at 2.0). No
        wider than the numbers the diagram's height lets the rows hold need (presenting
        at text size 3 the map was squeezed for numbers the rows could not hold)."""
        top, bottom = self._margins()
        rows = max(self.model.sizes)
        spacing = (max(self.height(), self.readable_height()) - top - bottom - 28) / rows
        full = min(round(neuron_labels.LARGEST_PX * theme.current().scale),
                   int((spacing - 2) / 1.3))        # (neuron_labels.fit's row size)
        row = max(1.3 * full + 4, 30 / 0.42 + 1)
        height = top + bottom + 28 + rows * row

        def enough(width: int) -> bool:
            labels = self._layout(width, height, WIDEST_ACTIVATIONS, full)[2]
            return labels.pixel_size >= full and labels.decimals == 2
        narrow, wide = 0, 4000           # (the labels only grow with the width)
        while wide - narrow > 2:
            middle = (narrow + wide) // 2
            narrow, wide = (narrow, middle) if enough(middle) else (middle, wide)
        room = self.room()      # (never so wide that the page scrolls sideways)
        return max(self.LEAST_WIDTH, wide if room is None else min(wide, room))

    def keep_readable_size(self) -> None:
        """A minimum size that draws the neurons and their numbers readably at the text
        size: the page scrolls, or the map beside the diagram narrows, rather."""
        self.setMinimumHeight(self.readable_height())
        self.setMinimumWidth(self.readable_width())

    def _neuron_positions(self):
        """([[QPointF per neuron] per layer], circle radius in px)."""
        positions, radius, _labels = self._layout()
        return positions, radius

    def _layout(self, width=None, height=None, values=None, largest_px=None):
        """The neurons' centres, their radius and how their numbers are written
        (neuron_labels), in the view or in one `width`×`height` px for `values`, numbers
        no larger than `largest_px` where given. Numbers beside the circles widen the
        side margins, so that the inputs' (left of them) and the outputs' (right of
        them) stay inside the view."""
        margin_top, margin_bottom = self._margins()
        height = self.height() if height is None else height
        top, bottom = margin_top + 14, height - margin_bottom - 14
        spacing = (bottom - top) / max(self.model.sizes)
        if values is None:
            values = [float(a) for acts in self.activations for a in acts if np.isfinite(a)]
        margin, cap, shown = 46.0, largest_px, None
        for _ in range(12):
            cols = self._column_x(margin, width)
            gap = cols[1] - cols[0]
            # up to 30 px: room for "−0.88" inside at the numbers' largest size
            radius = min(30.0, 0.42 * spacing, 0.22 * gap)
            labels = neuron_labels.fit(self.font().family(), values, radius, spacing,
                                       gap - 2 * radius - neuron_labels.PAD,
                                       theme.current().scale, cap)
            if labels.decimals < 0 and shown is not None:
                # the margins taken for large numbers left no room for them between the
                # columns (text size 2 at 720p: no number at all): smaller ones, anew
                cap, margin, shown = shown.pixel_size - 2, 46.0, None
                continue
            wanted = radius + 2 * neuron_labels.PAD + labels.widest + 2
            if not labels.beside or wanted <= margin:
                break
            margin, shown = wanted, labels
        positions = []
        for x, n in zip(cols, self.model.sizes):
            mid = (top + bottom) / 2
            positions.append([QPointF(x, mid + (k - (n - 1) / 2) * spacing) for k in range(n)])
        self._label_margin = margin
        return positions, radius, labels

    @qt_override
    def resizeEvent(self, event):
        super().resizeEvent(event)
        # (it follows the height, and the page's room: ~8 ms)
        self.setMinimumWidth(self.readable_width())

    @qt_override
    def mousePressEvent(self, event):
        self._layout()
        cols = self._column_x(self._label_margin)
        x = event.position().x()
        for l in range(1, len(cols)):
            if cols[l - 1] <= x <= cols[l]:
                self.model.set_jacobian_layer(l)
                return

    # --- painting -------------------------------------------------------------
    @qt_override
    def paintEvent(self, _event):
        if len(self.activations) != len(self.model.sizes):
            return
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor(theme.current().background))
        positions, r, labels = self._layout()
        cols = self._column_x(self._label_margin)
        self._paint_band(p, cols)
        self._paint_weights(p, self._line_starts(positions, r, labels), positions)
        self._paint_neurons(p, positions, r, labels)
        self._paint_labels(p, cols)
        p.end()

    def _paint_band(self, p, cols):
        l = self.model.jacobian_layer
        t = theme.current()
        margin_top, margin_bottom = self._margins()
        band = QRectF(cols[l - 1], margin_top - 2, cols[l] - cols[l - 1],
                      self.height() - margin_top - margin_bottom + 4)
        p.fillRect(band, QColor(240, 228, 66, 60))          # Okabe–Ito yellow, faint
        p.setPen(t.ink("#555555"))
        p.setFont(QFont(self.font().family(), round(10 * t.scale)))
        p.drawText(band.adjusted(0, 2, 0, 0), Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                   _fit(p, band.width(), f"J{sup(l)} = ∂a{sup(l)}/∂a{sup(l - 1)}", f"J{sup(l)}"))

    def _line_starts(self, positions, r, labels):
        """Where each neuron's outgoing weight lines start: at its centre (under its
        circle), or, for a hidden neuron whose number is written beside it (to its right,
        where its lines go), at the right end of the capsule holding circle and number
        (under its outline): a line from the centre showed on both sides of the number,
        crossing it out ("0.15" on its line to the output, at 1280×720)."""
        if not labels.beside:
            return positions
        metrics = QFontMetrics(neuron_labels.font(self.font().family(), labels), self)
        starts = [positions[0]]
        for points, acts in zip(positions[1:-1], self.activations[1:-1]):
            starts.append([QPointF(point.x() + r + neuron_labels.PAD
                                   + metrics.horizontalAdvance(labels.text(a)) + 2, point.y())
                           if labels.text(a) else point for point, a in zip(points, acts)])
        return starts

    def _paint_weights(self, p, starts, positions):
        """Lines bucketed by sign and size: one pen and one drawLines call per bucket
        (hundreds of single drawLine calls cost ~40 ms a frame for a deep net); layer l's
        lines from `starts[l]` to the neurons' `positions` in layer l + 1."""
        biggest = max((np.max(np.abs(W[np.isfinite(W)]), initial=0.0) for W in self._weights),
                      default=0.0)
        biggest = biggest if biggest > 0 else 1.0
        buckets = {}
        for l, W in enumerate(self._weights):
            level = np.rint(np.clip(np.nan_to_num(np.abs(W) / biggest, nan=1.0), 0, 1)
                            * (WEIGHT_LEVELS - 1)).astype(int)
            for i, j in np.ndindex(W.shape):
                key = (level[i, j], bool(W[i, j] >= 0))
                buckets.setdefault(key, []).append(QLineF(starts[l][j], positions[l + 1][i]))
        for (level, positive), lines in sorted(buckets.items()):      # strong lines on top
            t = level / (WEIGHT_LEVELS - 1)
            # Faint = mixed with the background (opaque pens draw much faster than
            # translucent ones).
            base, fade = (POSITIVE if positive else NEGATIVE), 0.65 * (1 - t)
            bg = QColor(theme.current().background)
            colour = QColor(*(int(c + (b - c) * fade) for c, b in
                              ((base.red(), bg.red()), (base.green(), bg.green()),
                               (base.blue(), bg.blue()))))
            p.setPen(QPen(colour, (0.6 + 6.0 * t) * theme.current().scale))
            p.drawLines(lines)

    def _paint_neurons(self, p, positions, r, labels):
        t = theme.current()
        p.setFont(neuron_labels.font(self.font().family(), labels))
        height = p.fontMetrics().height()
        # opaque: a thick weight line through a translucent plate crossed its number out
        plate = QColor(t.background)
        last = len(positions) - 1
        for l, (points, acts) in enumerate(zip(positions, self.activations)):
            lo, hi = self._range(l, acts)
            for point, a in zip(points, acts):
                u = float(np.clip((a - lo) / (hi - lo), 0, 1)) if np.isfinite(a) else 0.0
                shade = int(255 - 150 * u)                    # white (low) to grey (high)
                p.setBrush(QColor(shade, shade, shade))
                p.setPen(QPen(t.ink("#222222"), 1.4 * t.scale))
                p.drawEllipse(point, r, r)
                text = labels.text(a)
                if not text:
                    continue
                if not labels.beside:
                    p.setPen(QColor("#000000"))             # on the light grey shades
                    box = QRectF(point.x() - r, point.y() - r, 2 * r, 2 * r)
                    p.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
                    continue
                width = p.fontMetrics().horizontalAdvance(text) + 2
                # the inputs' numbers left of them (no lines there), the rest right
                on_left = l == 0 and l != last
                left = (point.x() - r - neuron_labels.PAD - width if on_left
                        else point.x() + r + neuron_labels.PAD)
                box = QRectF(left, point.y() - height / 2, width, height)
                # the plate is the neuron's tag, outlined with it as one capsule: the
                # lines leave from its end (_line_starts), so they touch the neuron (on
                # a loose plate they began ~40 px right of a hidden circle, at 1280×720)
                half = max(r, height / 2 + 1)
                ends = (box.left() - 1, point.x()) if on_left else (point.x(), box.right() + 1)
                p.setPen(QPen(t.ink("#222222"), 1.4 * t.scale))
                p.setBrush(plate)
                p.drawRoundedRect(QRectF(ends[0], point.y() - half, ends[1] - ends[0], 2 * half)
                                  .adjusted(-r if not on_left else 0, 0, r if on_left else 0, 0),
                                  min(half, r), min(half, r))
                p.setBrush(QColor(shade, shade, shade))
                p.drawEllipse(point, r, r)
                p.setPen(t.ink("#000000"))
                p.drawText(box, Qt.AlignmentFlag.AlignCenter, text)

    def _range(self, l, acts):
        """The span the shade maps to: the activation's range (inputs: the data window)."""
        if l == 0:
            return -1.75, 1.75
        name = self.model.network.layer_activations()[l - 1]
        if name == "sigmoid":
            return 0.0, 1.0
        if name == "tanh":
            return -1.0, 1.0
        finite = acts[np.isfinite(acts)]
        top = max(1e-9, float(np.max(np.abs(finite)))) if finite.size else 1.0
        return (0.0, top) if name == "relu" else (-top, top)

    def _paint_labels(self, p, cols):
        net = self.model.network
        t = theme.current()
        s = t.scale
        margin_bottom = self._margins()[1]
        p.setPen(t.ink("#000000"))
        bold = QFont(self.font().family(), round(12 * s))
        bold.setBold(True)
        small = QFont(self.font().family(), round(10 * s))
        L = net.n_layers
        gap = cols[1] - cols[0]
        for l, x in enumerate(cols):
            p.setFont(bold)
            name = "x" if l == 0 else f"a{sup(l)}"
            word = "input " if l == 0 else ("output " if l == L else "")
            title = _fit(p, gap - 4, word + name, name)
            # centred on its column, but kept inside the view: the first and last
            # columns sit near the edges ("output a" was cut in half at the right)
            width = p.fontMetrics().horizontalAdvance(title) + 4
            left = min(max(2.0, x - width / 2), self.width() - width - 2)
            p.drawText(QRectF(left, 4 * s, width, 20 * s), Qt.AlignmentFlag.AlignCenter, title)
            if l > 0:
                act = ACT_SYMBOL[net.layer_activations()[l - 1]]
                affine = f"W{sup(l)}a{sup(l - 1)} + b{sup(l)}"
                p.setFont(small)
                mid = (cols[l - 1] + x) / 2
                p.drawText(QRectF(mid - gap / 2, 24 * s, gap, 18 * s), Qt.AlignmentFlag.AlignCenter,
                           _fit(p, gap - 6, f"f{_sub(l)}: {act}({affine})" if act else f"f{_sub(l)}: {affine}",
                                f"f{_sub(l)}: {act or 'affine'}", f"f{_sub(l)}"))
        p.setFont(small)
        p.setPen(t.ink("#333333"))
        # two lines, each the longest wording that fits: wrapped, a narrow diagram (beside
        # the lecture's scene list) made three lines of the key and cut the last in half
        room = self.width() - 8
        key = "\n".join((_fit(p, room, "weight: blue w > 0, orange w < 0, width ∝ |w|",
                                "blue w > 0, orange w < 0, width ∝ |w|", "width ∝ |w|"),
                           _fit(p, room, "neuron: aˡ at the chosen input x (darker = larger)",
                                "neuron: aˡ at x (darker = larger)", "darker = larger aˡ")))
        p.drawText(QRectF(4, self.height() - margin_bottom + 4, room, margin_bottom - 4),
                   Qt.AlignmentFlag.AlignCenter, key)


def _fit(p, width, *texts) -> str:
    """The first (longest) text that fits in width pixels with the painter's font."""
    metrics = p.fontMetrics()
    return next((t for t in texts if metrics.horizontalAdvance(t) <= width), texts[-1])


def _sub(n) -> str:
    return str(n).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))
