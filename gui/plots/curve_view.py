"""The one-variable view: f with a draggable point, its tangent and a secant whose
step h shrinks towards 0 (the limit definition made visible); below it f′ (left axis)
and f″ (right axis: f′'s range where they are of a size, else its own, zeros aligned where
cheap; axes in their curves' colours) on a shared x-axis: each minimum of f above a zero of f′.

Public attributes (for tests and exports; all built once, then updated in place):
  plot_f, plot_d  pg.PlotItem: f on top; f′ and f″ below (x-linked)
  vb_d2           pg.ViewBox of f″ over plot_d, on plot_d's right axis (second_axis:
                  gui.plots.curve_second_axis.SecondAxis; zeros aligned where cheap)
  curves          dict "f" | "df" | "d2f" -> PlotDataItem over `xs` (values from the engine)
  xs              (N,) the sampled x of the visible range
  handle          pg.TargetItem: the point (x, f(x)); drag it along the curve
  tangent_item    PlotDataItem: the tangent at x across the view
  secant_item     PlotDataItem: the line through (x, f(x)) and (x+h, f(x+h)) across the view
  slope_marker    ScatterPlotItem at (x, f′(x)) below: the tangent's slope as a height
  critical_item, critical_d_item   ScatterPlotItem of model.critical_points on f and on f′ = 0
  critical_labels list of TextItem ("minimum", …), visible ones first
  path_items, current_items   dict method -> PlotDataItem / ScatterPlotItem (x_k, f(x_k))
  start_item      ScatterPlotItem at (start, f(start)) (these five: gui.plots.curve_markers)
  panel           gui.plots.secant_panel.SecantPanel: point_readout, secant_readout, h_slider
  typed_point     gui.plots.point_entry.TypedPoint: x typed in the point's row (its `entry`)
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QVBoxLayout, QWidget

from engine.kinks import derivative_jump
from gui.plots.curve_point import point_to_show
from gui.plots.curve_markers import CriticalMarkers, DescentMarkers
from gui.plots.kink_marks import kink_points
from gui.plots.curve_split import CurveSplit
from gui.plots.curve_end_room import EndRoom
from gui.plots.curve_scaling import for_display, robust_range, shared_range
from gui.plots.curve_second_axis import SecondAxis, curve_ink
from gui.plots.curve_legend import CurveLegendRow
from gui.plots.resolution import next_round, snap_to_round
from gui.widgets.palette import CURVE_COLOURS
from gui.plots.curve_left_axes import keep_left_axes_in_step
from gui.plots.secant_numbers import (OVERFLOW_WORD, derivatives_at, quotient_overflows,
                                      rounding_noise, stationary_tolerance)
from gui.plots.secant_panel import SecantPanel
from gui.plots.point_entry import TypedPoint
from gui.widgets import theme
from gui.widgets.variable_names import display_name
from gui.compute.qt_guard import qt_override

SAMPLES = 1200             # points per curve over the visible range
SETTLE_MS = 150            # pan/zoom must rest this long before the model hears of it
SNAP_PX = 8                # a dragged point this close to a critical point snaps onto it
INK = "#222222"
LABEL_STYLE = {"color": INK, "font-size": "12pt"}


def _pen(key, width, style=Qt.PenStyle.SolidLine):
    return pg.mkPen(CURVE_COLOURS[key], width=width, style=style)


class CurveView(QWidget):
    def __init__(self, model, parent=None):
        super().__init__(parent)
        self.model = model
        self.xs = np.empty(0)
        self.x: float | None = None         # where the tangent touches
        self._chosen: float | None = None    # the x the user chose (a moved point is not)
        self._pushed_window = None           # the last window sent: no echo back
        self._user_moved = self._placing = False   # _placing guards handle.setPos: re-entry
        self._kinks = []                     # kink minima and maxima marked (engine.kinks)
        self._build()
        self._settle = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._settle.timeout.connect(self._on_range_settled)
        self.plot_f.vb.sigXRangeChanged.connect(self._on_x_range_changed)
        for plot in (self.plot_f, self.plot_d):
            plot.vb.sigRangeChangedManually.connect(self._on_user_moved)
        self.handle.sigPositionChanged.connect(self._on_handle_moved)
        # Shift+←/→ on the focused f plot (a click there focuses it): the window's own
        # ← → step the descent, and its shortcut sheet has no row to spare at 720 px
        self.canvas.installEventFilter(self)
        self.panel.hChanged.connect(lambda _h: self._refresh_point())
        # the legend's columns follow the text size (a bound slot: Qt drops the
        # connection when the view goes); the width, by the legend row itself
        theme.notifier.changed.connect(self._after_theme)

        model.expressionChanged.connect(self._on_expression)
        model.windowChanged.connect(self._on_window)
        model.criticalPointsChanged.connect(self._on_critical_points)
        model.pathsChanged.connect(self._on_paths)
        model.frameChanged.connect(self._on_frame)
        model.startChanged.connect(self._on_start)
        if hasattr(model, "view_states"):      # a session keeps the tangent point and h
            model.view_states.register("curve", self._get_view, self._set_view)
        self._on_window(model.window)
        if self._one_d():
            self._on_expression(model.expression)
            self._on_critical_points(model.critical_points)
            self._on_paths(model.paths)

    # --- construction ---------------------------------------------------------------
    def _build(self):
        # two canvases in a splitter: f's curve twice f′'s (gui.plots.curve_split)
        self.canvas, self.canvas_d = pg.GraphicsLayoutWidget(), pg.GraphicsLayoutWidget()
        self.plot_f = self.canvas.addPlot(row=0, col=0, enableMenu=False)
        self.plot_d = self.canvas_d.addPlot(row=0, col=0, enableMenu=False)
        # the legend shares a row with the x-axis's name, under f′ (gui.plots.curve_legend)
        self.legend_row = CurveLegendRow(self.canvas_d, 1, self.plot_d, INK,
                                         LABEL_STYLE["font-size"])
        self.legend = self.legend_row.legend
        self.plot_d.setXLink(self.plot_f)
        self.splitter = CurveSplit(self.canvas, self.plot_f, self.canvas_d, self.plot_d)
        self.end_room = EndRoom(self.plot_d, lambda: self._one_d() and self._refresh_curves())
        for canvas in (self.canvas, self.canvas_d):
            canvas.setBackground("w")
        self.canvas.scene().sigMouseClicked.connect(lambda e: self._on_click(e, self.plot_f))
        self.canvas_d.scene().sigMouseClicked.connect(lambda e: self._on_click(e, self.plot_d))
        # f keeps a readable height when the read-outs wrap in a narrow window or at a
        # large text size; the page scrolls before f is crushed (not at text size 1.5 on
        # 720p: f's ≥ 100 px, f′'s ≥ 30 and three rows of read-outs fit there)
        self.canvas.setMinimumHeight(100)
        for canvas in (self.canvas, self.canvas_d):     # 9-px margins cost f 36 px at 720p
            canvas.ci.layout.setContentsMargins(2, 0, 2, 0)
            canvas.ci.layout.setVerticalSpacing(0)
        tick_font = QFont()
        tick_font.setPointSize(10)
        for plot in (self.plot_f, self.plot_d):
            plot.hideButtons()
            plot.showGrid(x=True, y=True, alpha=0.15)
            plot.setMouseEnabled(x=True, y=False)     # y follows f: zoom and pan act on x
            plot.enableAutoRange(False)
            plot.vb.setLimits(xMin=-1e6, xMax=1e6, minXRange=1e-6)
            for side in ("bottom", "left"):
                axis = plot.getAxis(side)
                axis.setPen(INK)
                axis.setTextPen(INK)
                axis.setTickFont(tick_font)
                axis.labelStyle = dict(LABEL_STYLE)   # the light look, before the theme's
            for side in ("bottom", "left", "right", "top"):
                plot.getAxis(side).enableAutoSIPrefix(False)    # no "(x0.001)" beside x or f
            plot.getAxis("left").setWidth(64)        # both plots' x-axes line up
        keep_left_axes_in_step(self.plot_f.getAxis("left"), self.plot_d.getAxis("left"))
        # the x-axes are linked and f′'s, right below, carries the numbers: under f only
        # the ticks (its ~20 px of numbers were f's curve's)
        self.plot_f.getAxis("bottom").setStyle(showValues=False)
        f_prime_axis = self.plot_d.getAxis("left")     # f′'s numbers in f′'s colour
        f_prime_axis.setTextPen(curve_ink("df"))
        f_prime_axis.labelStyle = dict(LABEL_STYLE, color=curve_ink("df").name())
        self.plot_d.addItem(pg.InfiniteLine(pos=0, angle=0, pen=pg.mkPen("#9a9a9a", width=1)))

        dash, dot = Qt.PenStyle.DashLine, Qt.PenStyle.DotLine
        self.curves = {
            "f": pg.PlotDataItem(pen=_pen("f", 3), connect="finite"),
            "df": pg.PlotDataItem(pen=_pen("df", 2.5), connect="finite"),
            "d2f": pg.PlotDataItem(pen=_pen("d2f", 2.5, dash), connect="finite"),
        }
        self.plot_f.addItem(self.curves["f"])
        self.plot_d.addItem(self.curves["df"])
        self.second_axis = SecondAxis(self.plot_d, self.plot_f, INK, LABEL_STYLE)
        self.vb_d2 = self.second_axis.vb
        self.vb_d2.addItem(self.curves["d2f"])
        self.tangent_item, self.secant_item = (pg.PlotDataItem(pen=_pen("tangent", 2.5)),
                                               pg.PlotDataItem(pen=_pen("secant", 2.5, dot)))
        self.secant_points = pg.ScatterPlotItem(size=9, brush=CURVE_COLOURS["secant"],
                                                pen=pg.mkPen("w", width=1.5))
        self.guides = [pg.InfiniteLine(angle=90, pen=pg.mkPen("#8c8c8c", width=1, style=dash))
                       for _ in range(2)]
        for guide, plot in zip(self.guides, (self.plot_f, self.plot_d)):
            guide.setVisible(False)         # until f is known: not at x = 0, then moved
            plot.addItem(guide)
        for item in (self.tangent_item, self.secant_item, self.secant_points):
            item.setZValue(4)
            self.plot_f.addItem(item)
        self.secant_points.setZValue(9)          # above the descent markers
        self.slope_marker = pg.ScatterPlotItem(size=11, brush=CURVE_COLOURS["tangent"],
                                               pen=pg.mkPen("w", width=1.5))
        self.slope_marker.setZValue(6)
        self.plot_d.addItem(self.slope_marker)
        self.handle = pg.TargetItem(pos=(0, 0), size=18, symbol="o",
                                    pen=pg.mkPen(INK, width=2),
                                    brush=pg.mkBrush(CURVE_COLOURS["tangent"]),
                                    hoverBrush=pg.mkBrush("#ffffff"))
        self.handle.setZValue(10)
        self.handle.setToolTip("Drag along the curve (it snaps to round x and to f′ = 0), "
                               "or click it and press Shift+← / Shift+→")
        self.handle.setVisible(False)
        self.plot_f.addItem(self.handle)

        self.critical = CriticalMarkers(self.plot_f, self.plot_d, self.font().family())
        self.critical_item, self.critical_d_item = self.critical.item, self.critical.item_d
        self.critical_labels = self.critical.labels
        self.descent = DescentMarkers(self.plot_f, self.model.lab)
        self.path_items, self.current_items = self.descent.path_items, self.descent.current_items
        self.start_item = self.descent.start_item

        self.panel = SecantPanel()
        self.typed_point = TypedPoint(self)      # x typed in the point's row (X or a click)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.panel)
        self._fill_legend({})

    def _fill_legend(self, paths):
        self.legend.clear()
        for key, item in (("f", self.curves["f"]), ("f′", self.curves["df"]),
                          ("f″", self.curves["d2f"]), ("tangent", self.tangent_item),
                          ("secant", self.secant_item)):
            self.legend.addItem(item, key)
        for method in paths:
            self.legend.addItem(self.path_items[method], self.model.lab.label(method))
        self.legend.addItem(self.start_item, "start")
        self.legend_row.fit()

    def _after_theme(self, _theme=None):
        # after the new text size has reached the legend's labels (same signal)
        QTimer.singleShot(0, self, self.legend_row.fit)
        QTimer.singleShot(0, self, self.panel.fit_rows)
        self.critical.recolour()

    def _one_d(self) -> bool:
        f = self.model.expression
        return f is not None and f.dimension == 1 and len(self.model.window) == 1

    # --- the curves ----------------------------------------------------------------
    def _on_expression(self, expr):
        if not self._one_d():
            return
        (v,) = expr.variables
        # the text alone: the style, set once when built, is the theme's to change (a
        # style given here put light ink back on a dark plot at every new f)
        self.legend_row.set_name(v)     # the x-axis's name, at its right end
        self.plot_f.setLabel("left", f"f({v})")
        self.plot_d.setLabel("left", f"f′({v})")
        self.plot_d.setLabel("right", f"f″({v})")
        self.panel.set_variable(v)
        self._refresh_curves()
        self._place_point(self._chosen)       # a new f: back to the x the user chose
        self._on_start(self.model.start)

    def _place_point(self, chosen: float | None = None) -> None:
        """The point into view, at `chosen` where f reads there, and off a pole
        (gui.plots.curve_point.point_to_show); the chosen x is kept for the next f."""
        self.x = point_to_show(self.model.expression, self.xs,
                               tuple(self.plot_f.vb.viewRange()[1]), self.x, chosen)
        self._refresh_point()

    def _get_view(self) -> dict:
        return {"tangent_point": self.x, "secant_h": self.panel.h}

    def _set_view(self, state: dict) -> None:
        self.panel.set_h(float(state["secant_h"]))
        if state.get("tangent_point") is not None:
            self.set_point(float(state["tangent_point"]))
        else:           # none yet (as built): the next 1-D f places it as a fresh one does
            self.x = self._chosen = None

    def x_range(self) -> tuple[float, float]:
        lo, hi = self.plot_f.vb.viewRange()[0]
        return float(lo), float(hi)

    def _refresh_curves(self):
        f = self.model.expression
        lo, hi = self.x_range()
        self.xs = xs = np.linspace(lo, hi, SAMPLES)
        ys, dys, d2ys = f(xs), f.gradient(xs)[0], f.hessian(xs)[0, 0]
        # no f′ or f″ where f itself is undefined (1/x is not log's slope at x < 0)
        dys[~np.isfinite(ys)] = d2ys[~np.isfinite(ys)] = np.nan
        f_range = robust_range([ys])
        f_range = (f_range[0] - 0.07 * (f_range[1] - f_range[0]), f_range[1])  # labels below minima
        shared = shared_range(dys, d2ys, self.end_room.share())   # of a size: one scale
        d_range = shared or robust_range([dys], True, self.end_room.share())   # room: ±1 numbered
        self.curves["f"].setData(xs, for_display(ys, f_range))
        self.curves["df"].setData(xs, for_display(dys, d_range))
        self.plot_f.setYRange(*f_range, padding=0)
        self.plot_d.setYRange(*d_range, padding=0)
        d2_range = self.second_axis.show_range(d_range, d2ys, shared is not None)
        self.curves["d2f"].setData(xs, for_display(d2ys, d2_range))
        self._refresh_point()

    # --- the point, its tangent and the secant ----------------------------------------
    def set_point(self, x: float) -> None:
        """Put the tangent point at x (as dragging the handle does)."""
        self.x = self._chosen = float(x)
        self._refresh_point()

    def nudge_point(self, direction: int) -> None:
        """The tangent point to the next round x left (direction < 0) or right, in view
        (resolution.next_round: 0.1 apart on [−2, 2]; the keys reach 1, the mouse 1.004)."""
        lo, hi = self.x_range()
        if self._one_d() and self.x is not None and lo < (      # (the edge: half a circle)
                x := next_round(self.x, hi - lo, direction)) < hi:
            self.set_point(x)

    @qt_override
    def eventFilter(self, watched, event):
        if (watched is self.canvas and event.type() == QEvent.Type.KeyPress
                and event.modifiers() == Qt.KeyboardModifier.ShiftModifier
                and event.key() in (Qt.Key.Key_Left, Qt.Key.Key_Right)):
            self.nudge_point(1 if event.key() == Qt.Key.Key_Right else -1)
            return True
        return super().eventFilter(watched, event)

    def _on_handle_moved(self, _item):
        if self._placing or not self._one_d():
            return
        x = float(self.handle.pos().x())
        lo, hi = self.x_range()
        px = self.plot_f.vb.viewPixelSize()[0]
        r = self.handle.mapRectToScene(self.handle.boundingRect()).width() / 2 * px
        x = min(max(x, lo + r), hi - r)     # the circle whole: on the edge, half was cut
        # a round x where one is in reach (aiming at 1 gave 1.004 and f′ = −2.00843)
        x = snap_to_round(x, px)
        for cp in (*self.model.critical_points, *self._kinks):   # "f′ = 0" reachable
            if abs(cp.point[0] - x) <= SNAP_PX * px:
                x = float(cp.point[0])
        self.set_point(x)

    def _refresh_point(self):
        if not self._one_d() or self.x is None:
            return
        f, x, h = self.model.expression, self.x, self.panel.h
        fx, fxh = f(x), f(x + h)
        dfx, d2fx, beyond = derivatives_at(f, x, fx)    # exact where floats fail
        beyond.update({"quotient": OVERFLOW_WORD} if quotient_overflows(f, x, h, fx, fxh) else {})
        self._placing = True
        self.handle.setPos(x, fx if np.isfinite(fx) else 0.0)
        self._placing = False
        self.handle.setVisible(bool(np.isfinite(fx)))
        for guide in self.guides:
            guide.setValue(x)
            guide.setVisible(True)
        ends = np.array(self.x_range())
        jump = derivative_jump(f, (x,))      # a kink: no tangent (sign(0) drew a flat one)
        ok = np.isfinite(fx) and np.isfinite(dfx) and jump is None
        with np.errstate(over="ignore", invalid="ignore"):   # near a float's limit, a pole
            quotient = (fxh - fx) / h
            tangent = fx + dfx * (ends - x)
            secant = fx + quotient * (ends - x)
        self.tangent_item.setData(ends, tangent if ok else [np.nan] * 2)
        good = np.isfinite(fx) and np.isfinite(quotient)
        self.secant_item.setData(ends, secant if good else [np.nan] * 2)
        # none, not NaN: a scatter of NaN only warns "All-NaN slice" at each bounds ask
        self.secant_points.setData(*(([x, x + h], [fx, fxh]) if good else ([], [])))
        slope = np.isfinite(dfx) and jump is None
        self.slope_marker.setData(*(([x], [dfx]) if slope else ([], [])))
        # how many of the quotient's digits rounding leaves (secant_numbers.rounding_noise)
        noise = max(rounding_noise(f, x, dfx, d2fx), rounding_noise(
            f, x + h, float(f.gradient(x + h)[0]), float(f.hessian(x + h)[0, 0])))
        self.panel.show_values(x, fx, dfx, fxh, stationary_tolerance(f, x, dfx),
                               d2fx, noise, jump and (jump.left, jump.right), beyond)

    # --- window: model ↔ view range -------------------------------------------------
    def _on_window(self, window):
        framed = len(window) == 1 and window != self._pushed_window   # not a pan's echo
        if framed:
            (lo, hi), = window
            self.plot_f.setXRange(lo, hi, padding=0)
        if self._one_d() and len(window) == 1:
            self._refresh_curves()
            if framed:      # a typed f is framed after it shows: its point follows on screen
                self._place_point()

    def _on_x_range_changed(self, *_):
        if self._one_d():
            self._refresh_curves()      # 1200 samples: cheap enough for every pan step
        self._settle.start()

    def _on_user_moved(self, *_):
        self._user_moved = True

    def _on_range_settled(self):
        if self._user_moved and self._one_d():
            self._user_moved = False
            self._pushed_window = (self.x_range(),)
            self.model.set_window(self._pushed_window)

    # --- critical points and descent (drawn by curve_markers) ---------------------------
    def _on_critical_points(self, points):
        if self._one_d():
            # |x|'s minimum at 0 is no critical point (f′ jumps there, is never 0): its
            # kinks across which f′ changes sign are marked as the minima and maxima they are
            self._kinks = kink_points(self.model.expression, self.model.window)
            self.critical.show([*points, *self._kinks])

    def _on_paths(self, paths):
        if self._one_d():
            paths = {m: p for m, p in paths.items() if p.points.shape[1] == 1}
            self.descent.set_methods(paths, self.model.lab.colour)
            self._fill_legend(paths)
            self._on_frame(self.model.frame)

    def _on_frame(self, frame):
        if self._one_d():
            name = display_name(self.model.expression.variables[0])
            self.descent.show_frame(self.model.paths, frame, name)

    def _on_start(self, start):
        if self._one_d() and len(start) == 1:
            value = self.model.expression(start[0])
            self.descent.show_start(start[0], value)
            self.critical.set_start(start[0], value)      # no label over the star

    # --- mouse: a click (not on the handle) sets the start --------------------------------
    def _on_click(self, event, plot):
        if event.button() != Qt.MouseButton.LeftButton or event.double() or not self._one_d():
            return
        pos = event.scenePos()
        if plot is self.plot_f and self.handle.isVisible():
            if (self.handle.mapToScene(0, 0) - pos).manhattanLength() < 16:
                return                                   # a click on the point itself
        if plot.vb.sceneBoundingRect().contains(pos):
            x = plot.vb.mapSceneToView(pos).x()
            self.model.set_start((snap_to_round(x, plot.vb.viewPixelSize()[0]),))

    @qt_override
    def closeEvent(self, event):
        self._settle.stop()
        super().closeEvent(event)
