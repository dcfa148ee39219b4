"""f(θ_k) against step k for every path, racing as the animation plays.

One PlotDataItem per run, built on first use and fed with setData; each curve runs up to
the current frame, with a dot on its newest point and a vertical line at the frame.
The axes span the whole runs (not the part drawn so far), so they stay still while
the curves grow.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QBrush, QFont, QFontMetricsF, QPainter, QPicture
from PySide6.QtWidgets import (QCheckBox, QGridLayout, QLabel, QSplitter,
                               QVBoxLayout, QWidget)

from gui.compute.qt_guard import qt_override
from gui.plots.axis_cache import cache_as_pixmap
from gui.plots.canvas_settings import tune_canvas
from gui.plots.loss_legend import LossLegend
from gui.plots.readable_ticks import labels_never_touch
from gui.plots.loss_ranges import edge_padding, flat_range_widened, predicted_steps_end
from gui.plots.steady_scatter import steady_scatter_of
from gui.plots.theme import steady_width
from gui.plots.view_range import RANGE_LIMIT, settable_range
from gui.plots.whole_ticks import whole_number_ticks
from gui.widgets import theme
from gui.widgets.number_text import short_text

_AXIS_FONT_PT = 11
LEGEND_GAP_PX = 4        # free pixels between the legend's last row and the plot
# the curves' own height at least (× the text size), under however many legend rows.
# Under the views 80: at 1280×720 the row has 172 px, and 100 px under a legend row of
# its own (three runs) took 18 px of the map's and 3-D view's 45 %. Beside "Inside a
# step" (set_curves_least; the row grows for the step anyway) 100: a fixed 170 px for
# the widget left 72 px of curves under seven runs' three-row legend.
CURVES_LEAST_PX = 80
# The colour as the ticks' ("k"), given: without one the axis names drew in pyqtgraph's
# #111 until a theme was applied, which gives them the ticks' colour (a window differed
# after dark → light, tests/gui/app/test_look_round_trip.py).
_AXIS_LABEL_STYLE = {"font-size": f"{_AXIS_FONT_PT}pt", "color": "#000000"}


class LossPlot(QWidget):
    def __init__(self, model, parent=None):
        super().__init__(parent)
        self.model = model
        self._shift = 0.0            # what log mode subtracts (0 when every f > 0)
        self._axis_label = None      # the left axis's text, set when it changes
        self._drawn: dict = {}       # method -> (path, points shown, last value shown)
        self._y_fitted = None        # (lo, hi, px, label px) the f axis was last sized to
        self._brushes = {}           # colour -> its QBrush for the heads

        self.plot = tune_canvas(pg.PlotWidget(background="w", enableMenu=False))
        item = self.plot.getPlotItem()
        item.showGrid(x=True, y=True, alpha=0.15)
        for side in ("right", "top"):
            item.getAxis(side).enableAutoSIPrefix(False)
        for side in ("left", "bottom"):
            axis = item.getAxis(side)
            # The grid is drawn by the axes and spans the plot, so every frame's new
            # curve point repainted both (~3 ms each, replaying their ticks, labels and
            # lines); cached as a pixmap, they are drawn anew only when they change.
            cache_as_pixmap(axis)
            axis.setPen("k")
            axis.setTextPen("k")
            axis.setTickFont(QFont(self.font().family(), _AXIS_FONT_PT - 1))
            axis.enableAutoSIPrefix(False)      # "(x0.001)" beside f would only confuse
        item.setLabel("bottom", "step k", **_AXIS_LABEL_STYLE)
        whole_number_ticks(item.getAxis("bottom"))
        steady_width(item.getAxis("left"))
        labels_never_touch(item.getAxis("left"))    # a log axis's minor ticks crowd
        self.curves = {}             # run key -> its curve, built on first use
        self._pen_colours = {}       # run key -> the colour its curve's pen has
        # a dot on each curve's newest point (a PlotDataItem, so log mode maps it too)
        self.heads = pg.PlotDataItem(pen=None, symbol="o", symbolSize=9,
                                     symbolPen=pg.mkPen("w", width=1))
        steady_scatter_of(self.heads)
        item.addItem(self.heads)
        self.frame_line = pg.InfiniteLine(
            angle=90, movable=False, pen=pg.mkPen("#555", width=1.5, style=Qt.PenStyle.DashLine),
            label="k = {value:.0f}", labelOpts={"position": 0.93, "color": "#333",
                                                 "fill": (255, 255, 255, 200)})
        item.addItem(self.frame_line)

        self.log_check = QCheckBox("log scale")
        self.log_check.setToolTip("Logarithmic f axis: steady (linear) convergence shows "
                                  "as a straight line going down")
        # The legend sits above the plot, not on it: in the short strip the window
        # gives this plot, an in-plot legend would cover the curves.
        self.legend = LossLegend()
        # a wrapped second row ("Adam" of four runs) sat on the plot's frame: room below it
        self.legend.setContentsMargins(0, 0, 0, LEGEND_GAP_PX)
        self.note = QLabel()
        self.note.setStyleSheet("color: #555;")
        self.note.setWordWrap(True)
        self.note.hide()
        self.title = QLabel("Loss f(θₖ)")
        self.title.setStyleSheet("font-weight: 600;")
        # title, legend, log box in a row; a legend that would wrap there gets a row of its
        # own below them, the whole width (fewer rows: large text, four runs)
        self._bar = bar = QGridLayout()
        bar.setHorizontalSpacing(12)
        bar.setVerticalSpacing(0)
        top = Qt.AlignmentFlag.AlignTop
        bar.addWidget(self.title, 0, 0, top)
        bar.addWidget(self.log_check, 0, 2, top)
        bar.setColumnStretch(1, 1)
        self._legend_below = None
        self._place_legend()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(2)
        layout.addLayout(bar)
        layout.addWidget(self.note)
        layout.addWidget(self.plot, 1)

        self._least_height = 170       # below this the curves are a flat smear
        self._curves_least_px = CURVES_LEAST_PX
        self.log_check.toggled.connect(self._on_log)
        # the ends' padding is in pixels too (edge_padding): a new size fits it again
        item.getViewBox().sigResized.connect(self._on_view_resized)
        model.pathsChanged.connect(self._on_paths)
        model.frameChanged.connect(self._on_frame)
        model.lab.predictChanged.connect(self._on_predict)
        theme.notifier.changed.connect(self._on_theme)
        self._on_paths(model.paths)
        if hasattr(model, "view_states"):      # a session keeps the log scale
            model.view_states.register(
                "loss", lambda: {"log_scale": self.log_check.isChecked()},
                lambda s: self.log_check.setChecked(bool(s["log_scale"])))

    # --- model → view ------------------------------------------------------------
    def _on_paths(self, paths) -> None:
        self._drawn = {}             # new paths or a new shift: every curve anew
        self._y_fitted = None        # (lo, hi, px, label px) the f axis was last sized to
        for key in paths:
            colour = self.model.lab.colour(key)
            # only a new colour: setPen re-set the curve's old data too (then _on_frame
            # set the new f's), every curve twice per edit
            if self._pen_colours.get(key) != colour:
                self._pen_colours[key] = colour
                self._curve(key).setPen(pg.mkPen(colour, width=2.5))
        for method, curve in self.curves.items():
            curve.setVisible(method in paths)
        self._show_legend(paths)
        self._choose_shift(paths)
        self._on_frame(self.model.frame)     # (fits the axes to the curves it draws)
        if not paths:
            self._fit_range(paths)

    def _curve(self, key):
        if key not in self.curves:
            curve = pg.PlotDataItem(connect="finite")
            # 5000 steps on a few hundred pixels: draw each pixel column's min and max only
            curve.setDownsampling(auto=True, method="peak")
            curve.setClipToView(True)
            self.plot.getPlotItem().addItem(curve)
            self.curves[key] = curve
        return self.curves[key]

    def _on_predict(self, _on) -> None:
        self._on_paths(self.model.paths)

    def _on_view_resized(self, _view) -> None:
        self._fit_range(self.model.paths)

    def _on_theme(self, _theme) -> None:
        self._show_legend(self.model.paths, new_look=True)

    @qt_override
    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._place_legend()
        self._ask_least_height()

    @qt_override
    def minimumSizeHint(self):
        hint = super().minimumSizeHint()
        hint.setHeight(max(hint.height(), self._least_height))
        return hint

    def set_curves_least(self, px: int) -> None:
        """The curves' least height inside the axes, px at text size 1."""
        self._curves_least_px = px
        self._ask_least_height()

    def least_height(self) -> int:
        """px the widget needs for its title, legend rows (at its width) and note, and
        the curves' least (set_curves_least) inside the plot's axes; at least 170."""
        layout = self.layout()
        margins = layout.contentsMargins()
        width = max(self.width() - margins.left() - margins.right(), 1)
        bar = self._bar.heightForWidth(width) if self._bar.hasHeightForWidth() \
            else self._bar.minimumSize().height()
        note = self.note.sizeHint().height() + layout.spacing() \
            if not self.note.isHidden() else 0
        vb = self.plot.getPlotItem().vb
        axes = self.plot.height() - vb.height() if self.plot.height() > 0 else 50
        # the rows short names save go to the curves, not to the views above
        scale = theme.current().scale
        curves = max(round(self._curves_least_px * scale),
                     round(CURVES_LEAST_PX * scale) + self.legend.saved_px)
        return max(170, round(margins.top() + margins.bottom() + bar + layout.spacing()
                              + note + axes + curves))

    def _ask_least_height(self) -> None:
        least = self.least_height()
        if least != self._least_height:
            self._least_height = least
            self.updateGeometry()
            # a splitter takes a child's new minimum but does not pass its own on: the
            # row's splitter grew, the views' splitter above it kept the old split
            widget = self.parentWidget()
            while isinstance(widget, QSplitter):
                widget.updateGeometry()
                widget = widget.parentWidget()

    def _place_legend(self) -> None:
        """The legend beside the title if it fits there in one row, else below them."""
        spacing = self._bar.horizontalSpacing()
        self.legend.fit_names(self.width() - 8)     # short names where they save a row
        beside = (self.width() - 8 - self.title.sizeHint().width()
                  - self.log_check.sizeHint().width() - 2 * spacing)
        one_row = self.legend.fontMetrics().lineSpacing() * 1.5 + LEGEND_GAP_PX
        below = bool(self.legend.text()) and (
            beside < self.legend.minimumSizeHint().width()
            or self.legend.heightForWidth(max(beside, 1)) > one_row)
        if below != self._legend_below:
            self._legend_below = below
            self._bar.removeWidget(self.legend)
            if below:
                self._bar.addWidget(self.legend, 1, 0, 1, 3)
            else:
                self._bar.addWidget(self.legend, 0, 1)
            # Beside the title the legend's widest entry does not widen the plot: it
            # moves below when the row gets narrower (at text size 2 on a 1280-px screen
            # title + legend + log box held the Explorer 177 px wider than the screen).
            # Below, the row is the plot's whole width and its widest entry its minimum.
            self.legend.setMinimumWidth(0 if below else 1)

    def _show_legend(self, paths, new_look: bool = False) -> None:
        ink = theme.current().ink    # swatches inked as their curves, not text-darkened
        lab = self.model.lab
        methods = {run.key: run.method for run in self.model.settings.runs}
        changed = self.legend.set_entries(
            [(ink(lab.colour(key)).name(), lab.label(key), methods.get(key, key))
             for key in paths])
        if not changed and not new_look:
            return             # (each edit: the rich text laid out again, ~2 ms)
        self._place_legend()
        self._ask_least_height()

    def _on_frame(self, frame: int) -> None:
        paths = self.model.paths
        xs, ys, brushes = [], [], []
        changed = list(self._drawn) != list(paths)
        for method, path in paths.items():
            n = min(frame + 1, len(path.values))
            last = self._drawn.get(method)
            if last is None or last[0] is not path or last[1] != n:
                # a curve whose path already ended keeps its data: no new setData
                values = self._display(path.values[:n])
                self.curves[method].setData(np.arange(n, dtype=float), values)
                self._drawn[method] = (path, n, float(values[-1]))
                changed = True
            head = self._drawn[method][2]
            if np.isfinite(head):
                xs.append(float(n - 1))
                ys.append(head)
                brushes.append(self._brush(self.model.lab.colour(method)))
        self._drawn = {m: self._drawn[m] for m in paths}
        if changed:
            self.heads.setData(xs, ys, symbolBrush=brushes)
        self.frame_line.setValue(frame)
        if changed or self.model.lab.predict:   # predict: the axes grow with the steps shown
            self._fit_range(paths)

    def _brush(self, colour) -> QBrush:
        """One QBrush per colour, kept: the heads' symbol atlas caches a drawn symbol per
        brush object, so a new brush each frame drew six new symbols each frame."""
        if colour not in self._brushes:
            self._brushes[colour] = pg.mkBrush(colour)
        return self._brushes[colour]

    def _on_log(self, on: bool) -> None:
        item = self.plot.getPlotItem()
        # the old linear range (up to 1e12 for a diverging path) would be read as
        # exponents in log mode: overflow. Start from a harmless range, then fit.
        item.setYRange(0, 1, padding=0)
        self.heads.setData([], [])   # (f ≤ 0, not yet shifted, logs to NaN: All-NaN bounds)
        item.setLogMode(y=on)
        self._on_paths(self.model.paths)

    # --- helpers -----------------------------------------------------------------
    def _choose_shift(self, paths) -> None:
        """Linear: f itself. Log: f, or f − f_min when some f ≤ 0 (log needs f > 0).

        f_min is the lowest value any path reaches; a tiny offset keeps that point
        itself on the axis (it would be log 0 = −∞). The axis label says so.
        """
        finite = [v[np.isfinite(v)] for v in (p.values for p in paths.values())]
        finite = np.concatenate(finite) if finite else np.empty(0)
        lowest = float(finite.min()) if finite.size else 1.0
        log = self.log_check.isChecked()
        if log and lowest <= 0:
            self._shift = lowest - 1e-12 * max(1.0, abs(lowest))
            label = "f(θₖ) − f_min"
            shown = short_text(lowest, ".6g")
            self.note.setText(f"f ≤ 0 has no log: plotted is f − f_min, "
                              f"f_min = {shown} (lowest value reached)")
            self.note.setToolTip("A log axis needs positive numbers, so the curves show how "
                                 "far each step is above the lowest value any path reached "
                                 "(plus 1e−12 of it, so that point itself can be drawn).")
        else:
            self._shift = 0.0
            label = "f(θₖ)"
            self.note.setText("")
        if (huge := finite[np.abs(finite) > RANGE_LIMIT]).size:    # 1e308·x² at x = 1
            peak = short_text(float(huge[np.argmax(np.abs(huge))]), ".3g")
            self.note.setText(" ".join(filter(None, (
                self.note.text(), f"f = {peak} lies off the plot (past ±1e307)"))))
        self.note.setVisible(bool(self.note.text()))
        if label != self._axis_label:
            # Only on a change: setLabel redraws the axis, and the style given once stays,
            # so the theme's restyling of it (gui.plots.theme) does too.
            style = {} if self._axis_label else _AXIS_LABEL_STYLE
            self._axis_label = label
            self.plot.getPlotItem().setLabel("left", label, **style)

    def _display(self, values: np.ndarray) -> np.ndarray:
        return values - self._shift if self._shift else values

    def _fit_range(self, paths) -> None:
        item = self.plot.getPlotItem()
        view = item.getViewBox()
        # predict, then reveal: no range that gives away where the runs will go
        end = self.model.frame + 1
        right = max(predicted_steps_end(end) if self.model.lab.predict
                    else self.model.last_frame, 1)
        # set only when it differs from the range the view holds (a user's pan is undone
        # at the next frame as before): setXRange with an unchanged range still went
        # through the view box's whole update, ~14 % of a frame's loss-plot work.
        # Padded here as setXRange / setYRange pad (2 %, 5 %), and both set in one
        # setRange: each set alone updated the view box, every curve clipped to it and
        # the frame line (a new f set both: that work twice)
        bottom, left = item.getAxis("bottom"), item.getAxis("left")
        steps = QFontMetricsF(bottom.style["tickFont"] or bottom.font())
        before, after = edge_padding(0.0, right, view.width(),
                                     steps.horizontalAdvance("0") / 2 + 1,
                                     steps.horizontalAdvance(str(int(right))) / 2 + 1, 0.02)
        x_range = [-before, right + after]
        # against the range the view shows (not the one it was asked for): a set that
        # failed half-way left the asked one changed and the shown one old, and the
        # plot then never set it again (frozen at k = 0 for a new f's whole run)
        x_range = x_range if view.state["viewRange"][0] != x_range else None
        # f as far as shown, always: x³ reaches −8e17 at step 60, an axis sized to that
        # at step 0 would flatten every value shown so far to one line
        shown = [self._display(p.values[:end]) for p in paths.values()]
        y = np.concatenate(shown) if shown else np.empty(0)
        beyond = y[np.isfinite(y) & (np.abs(y) > RANGE_LIMIT)]
        y = y[np.abs(y) <= RANGE_LIMIT]     # also no inf, nan: f = 1e308 has no drawable range
        if self.log_check.isChecked():
            y = np.log10(y[y > 0])
        y_range = None
        if not y.size and beyond.size and not self.log_check.isChecked():
            # only f past the drawable range: an axis towards it, not the last f's
            y = np.array([0.0, float(np.copysign(RANGE_LIMIT, beyond[0]))])
        if y.size:
            lo, hi = float(y.min()), float(y.max())
            lo, hi = flat_range_widened(lo, hi)
            # (pyqtgraph measures a label 0.8 of its font's height)
            tall = 0.4 * QFontMetricsF(left.style["tickFont"] or left.font()).height() + 1
            fitted = (lo, hi, view.height(), tall)
            if fitted != self._y_fitted:
                below, above = edge_padding(lo, hi, view.height(), tall, tall, 0.05)
                y_range = settable_range(lo - below, hi + above)
        if x_range is None and y_range is None:
            return
        view.setRange(xRange=x_range, yRange=y_range, padding=0)
        if y_range is not None:      # remembered once the view holds it, not before
            self._y_fitted = fitted
            self._draw_f_axis_now()
        # the frame line's label takes the view's new scale before the paint, not in
        # it (pyqtgraph sets it on the scene's prepare-for-paint: a second, small
        # paint around it after each new range)
        view.updateMatrix()
        self.frame_line.label.updateTransform()

    def _draw_f_axis_now(self) -> None:
        """The f axis's picture drawn now, as its paint would draw it, and the plot laid
        out for the width its new labels take, before anything is painted. (Found at the
        paint, a new width re-laid the plot out after it was painted: a second full paint
        and both axes drawn twice, ~3 edits in 5.) Without a new width the paint plays
        this picture; with one, the axis is drawn once more for its new size."""
        axis = self.plot.getPlotItem().getAxis("left")
        if axis.picture is not None or not self.plot.isVisible() or axis.height() < 1:
            return
        width = axis.maximumWidth()
        picture = QPicture()
        painter = QPainter(picture)
        try:      # as pyqtgraph's AxisItem.paint draws it
            if axis.style["tickFont"]:
                painter.setFont(axis.style["tickFont"])
            specs = axis.generateDrawSpecs(painter)
            if specs is not None:
                axis.drawPicture(painter, *specs)
        finally:
            painter.end()
        axis.picture = picture
        if axis.maximumWidth() != width:     # the labels took another width: laid out now
            for _ in range(3):   # the plot item's layout, then the view's: each asks the next
                QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)

    def curve_data(self, method: str) -> tuple[np.ndarray, np.ndarray]:
        """(steps, values) the curve of `method` holds, before any log mapping."""
        curve = self.curves[method]
        return curve.xData, curve.yData
