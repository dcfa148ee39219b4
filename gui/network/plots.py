"""Training curves: the cost C over steps, and the per-layer gradient norms ||dC/dW^l||."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont, QFontMetrics

from gui.plots.legend_corner import place_clear
from gui.plots.view_range import settable_range
from gui.plots.whole_ticks import whole_number_ticks
from gui.widgets.palette import OKABE_ITO

# Layer l's colour (1-based); black last so the output layer stands apart in deep nets.
LAYER_COLOURS = [OKABE_ITO[k] for k in (0, 4, 2, 3, 5, 1, 6)] + ["#000000"]
HEADROOM = 1.15       # a linear cost axis reaches this much over the highest cost
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def sup(n) -> str:
    return str(n).translate(SUPERSCRIPT)


class Throttle:
    """Calls `update` at most every `interval_ms` while the model plays (bursts of ticks
    are merged by a single-shot timer), and at once otherwise (Step, Reset, tests).

    The boundary map redraws every frame; the curves, diagram and Jacobian change less
    visibly per frame and would cost the training a third of its time.
    """

    def __init__(self, model, update, interval_ms=150):
        self.model, self.update = model, update
        self.timer = QTimer(model)
        self.timer.setSingleShot(True)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._on_timeout)
        model.playingChanged.connect(self._on_playing)

    def __call__(self, *_):
        if not self.model.playing:
            self.timer.stop()
            self.update()
        elif not self.timer.isActive():
            self.timer.start()

    def _on_timeout(self):
        self.update()

    def _on_playing(self, playing):
        if not playing and self.timer.isActive():    # show the final state at once
            self.timer.stop()
            self.update()


def light(widget, title=None, bottom=None, left=None):
    """Black on white (projectors wash out dark themes); readable axis fonts; no SI prefix.
    `title`: a text, or texts longest first (see fitting_title)."""
    widget.setBackground("w")
    plot = widget.getPlotItem()
    if title:
        titles = (title,) if isinstance(title, str) else tuple(title)
        plot.setTitle(titles[0], size="11pt", color="k")
        if len(titles) > 1:
            fitting_title(widget, plot, titles)
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


def fitting_title(widget, plot, titles) -> None:
    """Show the first of `titles` (longest first) that fits over the plot, chosen again
    whenever the canvas resizes: a title never wraps, and one wider than its canvas held
    the plot wider than the canvas and was cut at both edges (beside the lecture's scene
    list, "Gradient norms … per l"). Only the text changes: size and colour stay the
    theme's."""
    label = plot.titleLabel

    def fit(*_):
        # the title's column, less what the plot sticks out past the canvas
        shown = label.mapRectToScene(label.boundingRect())
        room = widget.viewport().width() - shown.left() - max(
            0.0, plot.mapRectToScene(plot.boundingRect()).right() - shown.right())
        before = label.text
        for text in titles:
            if label.text != text:
                label.setText(text)
            if label.item.boundingRect().width() <= room:
                break
        if label.text != before:        # the canvas sets its plot's size on a resize only:
            plot.setGeometry(widget.range)      # a shorter title lets it back inside now
    widget.sigDeviceRangeChanged.connect(fit)
    plot.vb.sigResized.connect(fit)
    # and once the plot has its new size: at the view's resize the plot's own geometry is
    # still the old one, so a title that held the plot wider than its canvas (its axis
    # grew after the title was chosen) looked as if it fitted and stayed (the map 2 px
    # wider, its range another than a fresh window's at the same size)
    plot.geometryChanged.connect(fit)


def _style(widget, title, left):
    plot = light(widget, title, "training step", left)
    whole_number_ticks(plot.getAxis("bottom"))
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
        plot = _style(self, ("Cost C = 1/(2n) Σ ‖y − a<sup>L</sup>‖²", "Cost C"), "C")
        self.curve = plot.plot(pen=pg.mkPen(OKABE_ITO[0], width=2))
        # a dot on the newest cost: at step 0 the curve is one point, which a line never draws
        self.head = plot.plot(pen=None, symbol="o", symbolSize=8, symbolBrush=OKABE_ITO[0],
                              symbolPen=pg.mkPen("w", width=1))
        self.log = False
        model.trainingChanged.connect(Throttle(model, self._on_training))
        self._on_training()

    def set_log(self, on: bool) -> None:
        self.log = bool(on)
        self.getPlotItem().setLogMode(y=self.log)
        self._on_training()

    def _on_training(self, _step=None):
        costs = self.model.cost_history
        # Non-finite costs (a diverged run) are left out of the curve; the tab says why.
        finite = np.isfinite(costs) & (costs > 0)
        steps = np.flatnonzero(finite)
        self.curve.setData(steps, costs[finite])
        self.head.setData(steps[-1:], costs[finite][-1:])
        _fit_ranges(self.getPlotItem(), len(costs) - 1, costs[finite], self.log)


class GradientNormPlot(pg.PlotWidget):
    """||dC/dW^l|| for each layer, on a log scale: vanishing gradients show as a fan."""

    def __init__(self, model, parent=None):
        super().__init__(parent)
        self.model = model
        plot = _style(self, ("Gradient norms ‖∂C/∂W<sup>l</sup>‖ per layer",
                             "‖∂C/∂W<sup>l</sup>‖ per layer", "‖∂C/∂W<sup>l</sup>‖"), "‖∂C/∂Wˡ‖")
        plot.setLogMode(y=True)
        self.legend = plot.addLegend(offset=(-6, 6), labelTextSize="10pt", colCount=1,
                                     labelTextColor="k", brush=(255, 255, 255, 220), pen="#999")
        self.curves = []
        self.legend_corner = "top right"     # moved where the curves leave room (legend_corner)
        model.architectureChanged.connect(self._on_architecture)
        model.trainingChanged.connect(Throttle(model, self._on_training))
        plot.vb.sigResized.connect(self._on_training)     # how many decade labels fit
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
        drawn = norms[np.isfinite(norms) & (norms > 0)]
        _fit_ranges(self.getPlotItem(), int(steps[-1]) if len(steps) else 0, drawn, True)
        self.legend_corner = place_clear(self.legend, self.curves, self.legend_corner)


def _fit_ranges(plot, last_step, values, log):
    """x from step 0 (at least 0..50, so step 0 is not a lone point in a void); y from
    0 on a linear axis, whole decades on a log one (pyqtgraph labels no tick on a log
    axis spanning less than a decade: a plateau at C = 0.125 would be unlabelled)."""
    plot.setXRange(0, max(50, last_step), padding=0.02)
    if values.size == 0:
        return
    if log:
        logs = np.log10(values)
        lo, hi = int(np.floor(logs.min())), int(np.ceil(logs.max()))
        hi = max(hi, lo + 1)
        plot.setYRange(lo, hi, padding=0.06)        # room for the edge decades' labels
        axis = plot.getAxis("left")
        line_px = QFontMetrics(axis.style.get("tickFont") or QFont()).height()
        axis.setTicks(_log_ticks(lo, hi, plot.vb.height() / (1.6 * line_px)))
    else:
        plot.getAxis("left").setTicks(None)
        # headroom over the highest cost: a flat start (0.1254, 0.1254, …) lay on the frame
        ends = settable_range(0, HEADROOM * float(values.max()))   # (a cost near 1.8e308)
        if ends is not None:
            plot.setYRange(*ends, padding=0.02)


# labelled decades: every one, or every 2nd, 3rd, ... when they would not fit
DECADE_STRIDES = (1, 2, 3, 5, 10, 20, 50, 100)


def _log_ticks(lo, hi, labels_fit=float("inf")):
    """Ticks for a log10 axis from 10^lo to 10^hi: every decade labelled (and 2, 5 when
    there are at most two decades); pyqtgraph's own labels every 2..9 and they collide.
    Past `labels_fit` labels (the axis' height in label lines, with a gap), every n-th
    decade is labelled, the rest ticked: 18 decades of a vanishing gradient were 18
    labels stacked on one another."""
    stride = next((n for n in DECADE_STRIDES if (hi - lo) // n + 1 <= max(labels_fit, 2)),
                  DECADE_STRIDES[-1])
    major, minor = [], []
    for k in range(lo, hi + 1):
        major.append((k, _decade_label(1, k) if k % stride == 0 else ""))
        for m in range(2, 10):
            if k < hi:
                labelled = hi - lo <= 2 and m in (2, 5)
                (major if labelled else minor).append(
                    (k + np.log10(m), _decade_label(m, k) if labelled else ""))
    return [major, minor]


def _decade_label(m, k):
    value = m * 10.0 ** k
    return f"{value:g}".replace("-", "−") if -3 <= k <= 3 else f"{m}e{k}".replace("-", "−")
