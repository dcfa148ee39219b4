"""Training curves: the cost C over steps, and the per-layer gradient norms ||dC/dW^l||."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QFont

from .palette import OKABE_ITO

# Layer l's colour (1-based); black last so the output layer stands apart in deep nets.
LAYER_COLOURS = [OKABE_ITO[k] for k in (0, 4, 2, 3, 5, 1, 6)] + ["#000000"]
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def sup(n) -> str:
    return str(n).translate(SUPERSCRIPT)


def light(widget, title=None, bottom=None, left=None):
    """Black on white (projectors wash out dark themes); readable axis fonts; no SI prefix."""
    widget.setBackground("w")
    plot = widget.getPlotItem()
    if title:
        plot.setTitle(title, size="12pt", color="k")
    tick_font = QFont()
    tick_font.setPointSize(10)
    for name in ("bottom", "left", "right", "top"):
        axis = plot.getAxis(name)
        axis.setPen("k")
        axis.setTextPen("k")
        axis.setTickFont(tick_font)
        axis.enableAutoSIPrefix(False)
    for name, text in (("bottom", bottom), ("left", left)):
        if text:
            plot.setLabel(name, text, **{"font-size": "11pt", "color": "#000"})
    return plot


def _style(widget, title, left):
    plot = light(widget, title, "training step", left)
    plot.showGrid(x=True, y=True, alpha=0.25)
    plot.setMenuEnabled(False)
    plot.hideButtons()
    plot.setClipToView(True)
    plot.setDownsampling(auto=True, mode="peak")
    return plot


class CostPlot(pg.PlotWidget):
    """C = 1/(2n) Σ ||y − a^L||² on all the data, before each step."""

    def __init__(self, model, parent=None):
        super().__init__(parent)
        self.model = model
        plot = _style(self, "Cost C = 1/(2n) Σ ‖y − a<sup>L</sup>‖² on all the data", "C")
        self.curve = plot.plot(pen=pg.mkPen(OKABE_ITO[0], width=2))
        model.trainingChanged.connect(self._on_training)
        self._on_training()

    def set_log(self, on: bool) -> None:
        self.getPlotItem().setLogMode(y=bool(on))
        self.getPlotItem().enableAutoRange()

    def _on_training(self, _step=None):
        costs = self.model.cost_history
        # Non-finite costs (a diverged run) are left out of the curve; the tab says why.
        finite = np.isfinite(costs)
        self.curve.setData(np.flatnonzero(finite), costs[finite])


class GradientNormPlot(pg.PlotWidget):
    """||dC/dW^l|| for each layer, on a log scale: vanishing gradients show as a fan."""

    def __init__(self, model, parent=None):
        super().__init__(parent)
        self.model = model
        plot = _style(self, "Gradient norms ‖∂C/∂W<sup>l</sup>‖ per layer, log scale", "‖∂C/∂Wˡ‖")
        plot.setLogMode(y=True)
        self.legend = plot.addLegend(offset=(-6, 6), labelTextSize="10pt", colCount=1,
                                     labelTextColor="k", brush=(255, 255, 255, 220), pen="#999")
        self.curves = []
        model.architectureChanged.connect(self._on_architecture)
        model.trainingChanged.connect(self._on_training)
        self._on_architecture()

    def _on_architecture(self, _arch=None):
        plot = self.getPlotItem()
        for curve in self.curves:
            plot.removeItem(curve)
        self.legend.clear()
        L = self.model.network.n_layers
        self.legend.setColumnCount(1 if L <= 3 else 2)
        self.curves = [plot.plot(pen=pg.mkPen(LAYER_COLOURS[l % len(LAYER_COLOURS)], width=2),
                                 name=f"W{sup(l + 1)}") for l in range(L)]
        self._on_training()

    def _on_training(self, _step=None):
        steps, norms = self.model.gradient_history
        if norms.shape[1:] != (len(self.curves),):
            return        # the architecture signal is on its way
        for l, curve in enumerate(self.curves):
            # log scale: zero (dead ReLU layer) and non-finite norms cannot be drawn
            ok = np.isfinite(norms[:, l]) & (norms[:, l] > 0)
            curve.setData(steps[ok], norms[ok, l])
