"""The Jacobian J^l = ∂a^l/∂a^{l-1} of one layer at the chosen input, as a matrix heat map
with its values, and the chain rule: ∂a^L/∂x = J^L ⋯ J^1 (engine.network.input_jacobian).
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from gui.network.boundary import _tint
from gui.network.plots import Throttle, light, sup
from gui.plots.theme import keep_colour_on_map
from gui.widgets import theme
from gui.widgets.palette import OKABE_ITO
from gui.widgets.wrapping_label import WrappingLabel
from gui.widgets.number_text import one_precision, true_minus

# Same sign colours as the diagram's weights: blue > 0, orange < 0 (J^l = diag(act') W^l).
JACOBIAN_CMAP = pg.ColorMap([0.0, 0.5, 1.0], [_tint(OKABE_ITO[1], 0.7), (255, 255, 255),
                                              _tint(OKABE_ITO[0], 0.7)])


LABEL_GAP_PX = 2     # beyond the label's whole height, between it and the row numbers


def clear_of_ticks(axis) -> None:
    """The left axis as wide as its numbers and the whole height of its (turned) label:
    pyqtgraph counts 0.8 of the label's height, and at a presentation's text size the
    "a¹" of "i: unit of a¹" touched the row number 1."""
    reserve = axis._updateWidth

    def update_width():
        reserve()
        if axis.fixedWidth is None and axis.isVisible() and axis.label.isVisible():
            width = axis.minimumWidth() + 0.2 * axis.label.boundingRect().height() + LABEL_GAP_PX
            axis.setMaximumWidth(width)
            axis.setMinimumWidth(width)
    axis._updateWidth = update_width


def fmt(v, digits=3) -> str:
    return true_minus(f"{v:.{digits}f}")


class JacobianView(QWidget):
    def __init__(self, model, parent=None):
        super().__init__(parent)
        self.model = model
        self.matrix = np.zeros((1, 1))      # J^l as shown
        self.product = np.zeros((1, 2))     # ∂a^L/∂x as shown
        self.layer_box = QComboBox()
        self.layer_box.setToolTip("The layer whose Jacobian is shown (or click a band of the diagram)")
        # wraps (at a presentation scale it must not widen the tab), and asks for the
        # height its lines need, so that it is never drawn over the matrix
        self.title = WrappingLabel()
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.plot_widget = pg.PlotWidget(enableMenu=False)
        plot = light(self.plot_widget)
        plot.hideButtons()
        plot.getViewBox().setMouseEnabled(False, False)
        plot.getViewBox().invertY(True)          # row 1 on top, as a matrix is written
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setLookupTable(JACOBIAN_CMAP.getLookupTable(nPts=256))
        plot.addItem(self.image)
        clear_of_ticks(plot.getAxis("left"))
        self.cells: list[pg.TextItem] = []
        self.chain = WrappingLabel()
        self.chain.setTextFormat(Qt.TextFormat.RichText)
        self.chain.setStyleSheet("font-size: 11pt;")

        row = QHBoxLayout()
        row.addWidget(QLabel("Jacobian of layer"))
        row.addWidget(self.layer_box)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(3)         # the title's own row must not cost a 720p screen its fit
        layout.addLayout(row)
        # the definition on a row of its own, the column's width: beside the layer's box
        # it was a strip of four lines at text size 1.3 on a 720p screen
        layout.addWidget(self.title)
        layout.addWidget(self.plot_widget, 1)
        layout.addWidget(self.chain)

        self.layer_box.currentIndexChanged.connect(self._on_box)
        model.architectureChanged.connect(self._on_architecture)
        for signal in (model.inputChanged, model.jacobianLayerChanged):
            signal.connect(self._on_change)
        model.trainingChanged.connect(Throttle(model, self._on_change))
        theme.notifier.changed.connect(self._on_change)     # the chain's muted shapes
        self._on_architecture()

    def _on_architecture(self, _arch=None):
        self.layer_box.blockSignals(True)
        self.layer_box.clear()
        for l in range(1, self.model.network.n_layers + 1):
            self.layer_box.addItem(f"l = {l}:  J{sup(l)}")
        self.layer_box.blockSignals(False)
        self._on_change()

    def _on_box(self, index):
        if index >= 0:
            self.model.set_jacobian_layer(index + 1)

    def _on_change(self, *_):
        net, x, l = self.model.network, self.model.input_point, self.model.jacobian_layer
        if l > net.n_layers:
            return                                 # the architecture signal is on its way
        self.layer_box.blockSignals(True)
        self.layer_box.setCurrentIndex(l - 1)
        self.layer_box.blockSignals(False)
        J = net.layer_jacobian(x, l)
        self.matrix = J
        self.product = net.input_jacobian(x)
        self._show_matrix(J, l)
        self._show_chain(net, x)

    def _show_matrix(self, J, l):
        rows, cols = J.shape
        plot = self.plot_widget.getPlotItem()
        finite = J[np.isfinite(J)]
        top = float(np.max(np.abs(finite))) if finite.size else 1.0
        top = top if top > 0 else 1.0
        self.image.setImage(np.nan_to_num(J), levels=(-top, top))
        self.image.setRect(0, 0, cols, rows)
        if len(self.cells) != rows * cols:
            for item in self.cells:
                plot.removeItem(item)
            size = 13 if max(rows, cols) <= 3 else (11 if max(rows, cols) <= 6 else 9)
            font = QFont()
            font.setPixelSize(size + 3)
            self.cells = []
            for i, j in np.ndindex(rows, cols):
                # its colour follows its cell, not the theme (set below)
                item = keep_colour_on_map(pg.TextItem(color="k", anchor=(0.5, 0.5)))
                item.setFont(font)
                item.setPos(j + 0.5, i + 0.5)
                plot.addItem(item)
                self.cells.append(item)
            plot.setRange(xRange=(0, cols), yRange=(0, rows), padding=0.02)
            bottom, left = plot.getAxis("bottom"), plot.getAxis("left")
            bottom.setTicks([[(j + 0.5, f"{j + 1}") for j in range(cols)]])
            left.setTicks([[(i + 0.5, f"{i + 1}") for i in range(rows)]])
        # the matrix's entries written alike: one number of decimals (number_text), more
        # for its small entries where its cells have room (an 8×8 cell at 1280×720 is
        # ~41 px: "−0.23" in it, not "−0.0813")
        texts = one_precision(J.ravel(), 3, extra=2) if cols <= 4 else \
            one_precision(J.ravel(), 2, extra=0)
        # Each value in near-black or white, whichever reads better on its own cell's
        # colour (a pale cell in the dark theme had white text on it)
        cell_colours = JACOBIAN_CMAP.map((np.nan_to_num(J.ravel()) / top + 1) / 2, mode="qcolor")
        for item, text, colour in zip(self.cells, texts, cell_colours):
            item.setText(text)
            item.setColor(theme.text_on(colour))
        plot.setLabel("bottom", f"j: unit of a{sup(l - 1)} (input of layer {l})")  # style kept
        plot.setLabel("left", f"i: unit of a{sup(l)}")
        self.title.setText(f"J{sup(l)}<sub>ij</sub> = ∂a{sup(l)}<sub>i</sub>/∂a{sup(l - 1)}<sub>j</sub>"
                           f" = act′(z{sup(l)}<sub>i</sub>) W{sup(l)}<sub>ij</sub>  ({rows}×{cols})")

    def _show_chain(self, net, x):
        L = net.n_layers
        factors = "·".join(f"J{sup(l)}" for l in range(L, 0, -1))
        shapes = "".join(f"({net.sizes[l]}×{net.sizes[l - 1]})" for l in range(L, 0, -1))
        values = "&nbsp;&nbsp;".join(one_precision(self.product.ravel(), 4))
        self.chain.setText(
            # three lines, not four: the product J³·J²·J¹ says what "the product of the
            # layer Jacobians" said, and the Jacobian scene at 1280×720 presenting had its
            # last line below the page's edge
            # no break inside the brackets (it read "[" on one line, the numbers on the
            # next; "x = (0.50," / "−0.50):" with F9 open at larger text)
            f"<b>Chain rule</b> at x&nbsp;=&nbsp;({fmt(x[0], 2)},&nbsp;{fmt(x[1], 2)}):<br>"
            f"&nbsp;&nbsp;∂a{sup(L)}/∂x = {factors} = <b>[&nbsp;{values}&nbsp;]</b><br>"
            f"&nbsp;&nbsp;<span style='color:{theme.current().muted}'>shapes {shapes} → (1×2)</span>")
