"""The contour map of a two-variable f: colours and iso-lines, the gradient field, critical
points and the descent paths. A view of `LandscapeModel`. Public attributes (all built once):
  plot            pg.PlotItem, aspect locked so a right angle on screen is a right angle
  landscape       gui.plots.landscape.Landscape last drawn: xs (nx,), ys (ny,), Z[i, j] = f(xs[i], ys[j])
                  on the visible range (model.window widened by the aspect lock: no blank margins)
  image           pg.ImageItem of colour_position(Z) (monotone in f), setRect on the window
  iso_lines       IsoLinesItem, child of `image`: every level's lines; colour_bar  pg.ColorBarItem
  field_item, field_heads   PlotDataItems (connect="pairs"): shafts (base, tip, …), two barbs each
  field_base, field_gradient   (k, 2): arrow bases and ∇f there (from the engine)
  field_toggle    QCheckBox showing/hiding the field; critical_item  ScatterPlotItem of the points
  labels          gui.plots.critical_labels.CriticalLabels: their names, placed without overlap above the paths; critical_labels its TextItems; labels_toggle QCheckBox
  marks           gui.plots.race_marks.RaceMarks: every run, drawn by one item; path_items      dict method -> RunLine (a PlotDataItem holding the look; getData() is the
                  path up to model.frame); current_items  dict method -> RunCurrent (a
                  ScatterPlotItem), the current iterate; start_item  ScatterPlotItem at model.start
  readout         QLabel: (x, y), f and ∇f under the mouse; hover_values: ((x, y), f, ∇f) shown;
                  pins: gui.plots.gradient_pins.GradientPins, ∇f pinned where Shift+click put it
"""
from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QCheckBox, QSizePolicy, QVBoxLayout, QWidget

from gui.plots import canvas_settings, landscape
from gui.plots.critical_labels import CriticalLabels
from gui.plots.kink_marks import jumps_at, kink_points
from gui.plots.theme import fit_tick_room
from gui.widgets import theme
from gui.widgets.elided_label import ElidedLabel
from gui.plots.hover_readout import HINT_FORMS, MouseLeaveWatch, readout_forms
from gui.plots.readout_row import ReadoutRow
from gui.plots.gradient_field import GradientField, field_toggle
from gui.plots.gradient_pins import GradientPins
from gui.plots.iso_lines import IsoLinesItem
from gui.plots.legend_columns import map_canvas_height
from gui.plots.map_axes import ColourBarTicks, style_map_axes
from gui.plots.map_fit import MapFit
from gui.plots.race_marks import RaceMarks
from gui.plots.resolution import snap_to_round
from gui.widgets.none_refcount_guard import guard_none_refcount
from gui.widgets.palette import COLORMAP, CRITICAL_STYLE
from gui.compute.qt_guard import qt_override
from gui.widgets.variable_names import display_name

# Animation repaints many items per frame: without this, PySide6 6.12.0 on Python 3.11
# aborts after a few thousand Qt calls (see none_refcount_guard).
guard_none_refcount()

GRID, N_LEVELS = 200, 13   # image samples per side; iso-levels
SETTLE_MS = 120            # a wheel or drag burst must rest this long before the model hears of it
INK = "#222222"
MAP_MIN_PX = 100           # the Explorer's map's height at least, under the legend's rows


class ContourView(QWidget):
    # a new f's map is sampled and about to be painted (at once): what others draw of the
    # old f on it goes now, in that paint, not in one more after it
    sketchSampled = Signal()
    barResized = Signal()   # the colour bar's new width laid out: a holder may resize us now

    def __init__(self, model, parent=None):
        super().__init__(parent)
        self.model = model
        self.landscape = self.hover_values = None
        self._drawn_expression = None
        self._map_of = self._field_of = None   # the f whose map / arrows are shown
        self._sketch = None          # a newer f than the model's, with f alone compiled
        self._axis_names = None      # the variables the axes are labelled with
        self._pushed_window = None   # the last window this view sent: no echo back to setRange
        self._user_moved = False
        self._stale = False          # the landscape waits for the view to be shown
        self._build()
        self._settle = QTimer(self, singleShot=True, interval=SETTLE_MS, timeout=self._on_range_settled)
        self.plot.vb.sigRangeChanged.connect(self._on_range_changed)
        self.plot.vb.sigRangeChangedManually.connect(self._on_user_moved)
        scene = self.plot.scene()
        scene.sigMouseClicked.connect(self._on_click)
        self._hover = pg.SignalProxy(scene.sigMouseMoved, rateLimit=30, slot=self._on_hover)
        MouseLeaveWatch(self.canvas.viewport()).left.connect(self._on_mouse_left)

        model.expressionChanged.connect(self._on_expression)
        if hasattr(model, "sketchChanged"):     # the map first, from f alone (or with ∇f)
            model.sketchChanged.connect(self._on_sketch)
            model.firstPicture.connect(self._on_first_picture)
        model.windowChanged.connect(self._on_window)
        model.criticalPointsChanged.connect(self._on_critical_points)
        model.pathsChanged.connect(self._on_paths)
        model.frameChanged.connect(self._on_frame)
        model.startChanged.connect(self._on_start)
        if self._two_d():
            self._on_window(model.window)
            self._on_expression(model.expression)
            self._on_critical_points(model.critical_points)
            self._on_paths(model.paths)
            self._on_start(model.start)

    # --- construction ---------------------------------------------------------
    def _build(self):
        self.field_toggle = field_toggle(self.model.VALUE_NAME)
        # a long read-out is cut with "…", never drawn over the check box
        self.readout = ElidedLabel()
        self.readout.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._show_hint()
        self.labels_toggle = QCheckBox("Labels", checked=True)
        self.labels_toggle.setToolTip("Names of the critical points (minimum, saddle, …)")
        bar = ReadoutRow((self.field_toggle, self.labels_toggle), self.readout)
        bar.setContentsMargins(6, 2, 6, 0)

        self.canvas = canvas_settings.tune_canvas(pg.GraphicsLayoutWidget())
        self.canvas.setBackground("w")
        # the legend sits in a row above the map, so it never hides a path or a minimum;
        # tight (no 9-px margins, 12 px between columns, 1 px around a label's text): at
        # text size 2 on a 720p screen its four rows took 178 px of the map's 240
        self.legend = pg.LegendItem(colCount=5, labelTextColor=INK, labelTextSize="10pt",
                                    frame=False, horSpacing=12)
        self.legend.layout.setContentsMargins(0, 0, 0, 2)
        self.canvas.addItem(self.legend, row=0, col=0)
        self.legend.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.canvas.ci.layout.setAlignment(self.legend, Qt.AlignmentFlag.AlignLeft)
        self.plot = self.canvas.addPlot(row=1, col=0, enableMenu=False)
        self.plot.setAspectLocked(True)
        self.map_fit = MapFit(self.plot, self.canvas.ci, lambda: self.model.window, self.legend)
        # Fitted to the canvas on its resize: on the plot's, a legend too wide for a
        # narrower canvas held the plot at its own width, so neither changed (4 columns
        # where 3 fit, after 1400 → 1280 px); and after a new text size has reached the
        # labels (the plots restyle on the same signal, maybe after this view).
        self.canvas.installEventFilter(self)
        # and a turn later, the view box laid out (at the resize the room was a passing
        # range's: Ctrl+−'s first paint narrowed the axis 13 px); a paint hold waits for it
        self._refit = QTimer(self, singleShot=True, interval=0)
        self._refit.timeout.connect(self._on_canvas_resized)
        theme.notifier.changed.connect(self._after_theme)   # (bound: dropped with the view)
        self.plot.hideButtons()
        self.image = pg.ImageItem(axisOrder="col-major")
        self.plot.addItem(self.image)
        iso_pen = pg.mkPen(255, 255, 255, 150, width=1)
        self.iso_lines = IsoLinesItem(pen=iso_pen)
        self.iso_lines.setParentItem(self.image)
        self.colour_bar = pg.ColorBarItem(values=(0.0, 1.0), interactive=False, width=16,
                                          colorMapMenu=False, colorMap=COLORMAP)
        self.colour_bar.setImageItem(self.image, insert_in=self.plot)
        style_map_axes(self.plot, self.colour_bar, INK, self.model.VALUE_NAME)   # cached: repainted only when changed
        self.bar_ticks = ColourBarTicks(self.colour_bar.axis)   # chosen for the bar's height

        self.field = GradientField(self.plot)
        self.field_item, self.field_heads = self.field.shafts, self.field.heads
        self.field_toggle.toggled.connect(self.field.setVisible)

        self.critical_item = pg.ScatterPlotItem(size=15, pen=pg.mkPen("w", width=1.5))
        self.critical_item.setZValue(5)
        self.plot.addItem(self.critical_item)
        # opaque plates: through translucent ones the model's rings crossed the names out
        self.labels = CriticalLabels(self.plot, QFont(self.font().family(), 9), INK,
                                     pg.mkBrush(255, 255, 255))
        self.labels_toggle.toggled.connect(self.labels.set_shown)
        self.pins = GradientPins(self.plot, self.model, self.labels, self)

        self.marks = RaceMarks(self.plot, self.model.lab.short_label, self.labels)   # the runs
        self.path_items, self.current_items = self.marks.path_items, self.marks.current_items
        self._legend_methods = None   # the methods the legend lists, in order
        self.start_item = pg.ScatterPlotItem(symbol="star", size=20, brush="w",
                                             pen=pg.mkPen(INK, width=1.5))
        self.start_item.setZValue(9)
        self.plot.addItem(self.start_item)
        # its row from the first picture: added with the first paths, it moved the map down
        self.legend.addItem(self.start_item, "start")
        self._legend_methods = ((), ())

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(self.canvas, 1)

    @qt_override
    def sizeHint(self):
        return QSize(620, 520)          # room for the map, its colour bar and the legend

    @qt_override
    def eventFilter(self, watched, event):
        if watched is self.canvas and event.type() == event.Type.Resize:  # tick room: at the
            # refit; a first size's at once (the first picture has it)
            (self._on_canvas_resized if event.oldSize().isEmpty() else self._fit_legend_and_height)()
            self._refit.start()
        return False

    def _after_theme(self, _theme=None):
        self._refit.start()
        self._on_start(self.model.start)     # the star as large as the new look draws it

    def _on_canvas_resized(self):
        """The legend's columns and tick room for the canvas as it is (kept, an F11 round trip moved the map)."""
        self._fit_legend_and_height()
        fit_tick_room(self.plot.getAxis("left"), self.plot.getAxis("bottom"))

    map_min_px = 0     # px of map the canvas asks for under the legend (the Explorer's)

    def _fit_legend_and_height(self):
        """The legend's columns; the canvas asks for their rows, the x-axis and `map_min_px`
        of map: where they do not fit (text size 2 on 720p) the page scrolls, the map is not
        crushed. (Not the tick room: ~10 ms, at each of a text-size step's ~9 resizes.)"""
        self.map_fit.fit_legend()
        legend = None if self.map_fit.legend_beside else self.legend
        need = map_canvas_height(self.canvas, legend, self.plot, self.map_min_px, self.font())
        if self.map_min_px and self.canvas.minimumHeight() != need:
            self.canvas.setMinimumHeight(need)

    def _two_d(self) -> bool:
        f = self.model.expression
        return f is not None and f.dimension == 2 and len(self.model.window) == 2

    # --- the landscape: colours, iso-lines, field -------------------------------
    def _on_expression(self, expr):
        if not self._two_d():
            return
        if any(self.plot.vb.state["autoRange"]):   # made before a 2-D f, window unchanged:
            self._show_window(self.model.window)     # auto range followed the runs at paint
        if expr.variables != self._axis_names:
            # Only on a change: setLabel redraws the axis (~2 ms a paint); no style given,
            # so the theme's (gui.plots.theme) stays
            self._axis_names = expr.variables
            self.plot.setLabel("bottom", display_name(expr.variables[0]))
            self.plot.setLabel("left", display_name(expr.variables[1]))
        self._drawn_expression, self._sketch = expr, None
        self._refresh_landscape()
        if self.hover_values is not None:      # the read-out is of the new function now
            self._show_at(self.hover_values[0])

    def _grid_window(self):
        """The visible range when the view has a size (aspect lock widens the window), else the window."""
        vb = self.plot.vb
        if vb.width() > 1 and vb.height() > 1:
            (xlo, xhi), (ylo, yhi) = vb.viewRange()
            return (float(xlo), float(xhi)), (float(ylo), float(yhi))
        return self.model.window

    def _on_sketch(self, expr, field=False):
        """A new f's colours and iso-lines now, the old f's critical points gone; f alone:
        its arrows and paths follow; `field` (firstPicture: ∇f too): its arrows now."""
        self._sketch = expr          # a zoom meanwhile redraws it, never the older f
        if len(self.model.window) == 2:
            self._refresh_landscape(field)
            if not field:            # (the old paths' step arrows stay while they do)
                self.sketchSampled.emit()
            if self.isVisible():     # painted now: f's analysis may be queued behind it
                canvas_settings.paint_now(self.canvas)

    def _on_first_picture(self, expr):
        self._on_sketch(expr, field=True)

    def _refresh_landscape(self, field=False):
        if not self.isVisible():
            # a hidden view (the neuron tab at start-up: ~0.5 s for its loss on the grid)
            # samples when it is first shown
            self._stale = True
            return
        self._stale = False
        sketch = self._sketch
        f = sketch if sketch is not None else self.model.expression
        window = self._grid_window()
        # a new f (not its sketch, whose map is drawn) or window: a new grid
        if self.landscape is None or self.landscape.window != window or self._map_of is not f:
            self._map_of, self._field_of = f, None
            flat = landscape.flat_share(self.model)
            self.landscape = scape = landscape.sample(f, window, GRID, N_LEVELS, flat)
            asked = (f, self.model.window, self.canvas.width())   # the bar's room is held for it
            if self.bar_ticks.set_landscape(scape, asked):
                self.barResized.emit()      # (the map's splitter gives it its width now)
                if self._grid_window() != window:
                    # the bar's new width gave the map a new range: sampled for it before any paint
                    window = self._grid_window()
                    self.landscape = scape = landscape.sample(f, window, GRID, N_LEVELS, flat)
                    self.bar_ticks.set_landscape(scape, asked)
            (xlo, xhi), (ylo, yhi) = window
            self.image.setImage(scape.colour_position(scape.Z), levels=(0.0, 1.0))
            self.image.setRect(QRectF(xlo, ylo, xhi - xlo, yhi - ylo))
            self.iso_lines.set_levels(scape.Z, scape.levels)
        if sketch is not None:       # no critical points yet; f alone: no ∇f or paths
            self._on_critical_points(())
            if not field:
                self.field.clear()
                return self.marks.hide()        # (the old f's paths; _on_paths shows them)
        if self._field_of is not f:        # a new map, or the map of a sketch of f
            self._field_of = f
            self.field.update(f, window)

    pictured = property(lambda self: self._map_of if self._field_of is self._map_of else None)
    field_base = property(lambda self: self.field.base)
    field_gradient = property(lambda self: self.field.gradient)

    # --- window: model ↔ view range ---------------------------------------------
    def _on_window(self, window):
        if len(window) != 2:
            return
        if window != self._pushed_window:
            self._show_window(window)
        if self._two_d():
            self._refresh_landscape()

    def _show_window(self, window):
        (xlo, xhi), (ylo, yhi) = window
        self.plot.vb.setRange(xRange=(xlo, xhi), yRange=(ylo, yhi), padding=0)
        fit_tick_room(self.plot.getAxis("left"), self.plot.getAxis("bottom"))  # its ticks'
        self.map_fit.fit()          # (contour only) the plot narrowed to the window

    def _on_range_changed(self, *_):
        self._settle.start()

    def _on_user_moved(self, *_):
        self._user_moved = True

    def _on_range_settled(self):
        if not self._two_d():
            return
        if self._user_moved:
            self._user_moved = False
            self._pushed_window = self._grid_window()
            self.model.set_window(self._pushed_window)
        self._refresh_landscape()

    # --- critical points -----------------------------------------------------------
    def _on_critical_points(self, points):
        if not self._two_d():
            return
        # |x| + |y|'s minimum at (0, 0) is no critical point (∇f jumps there): marked too
        points = [*points, *kink_points(self.model.expression, self.model.window)]
        styles = [CRITICAL_STYLE.get(cp.kind, CRITICAL_STYLE["degenerate"]) for cp in points]
        self.critical_item.setData([{"pos": tuple(cp.point), "symbol": symbol, "brush": colour}
                                    for cp, (symbol, colour) in zip(points, styles)])
        self.labels.set_points(points)

    @property
    def critical_labels(self) -> list[pg.TextItem]:
        return self.labels.items

    # --- descent paths -------------------------------------------------------------
    def _on_paths(self, paths):
        if not self._two_d():
            return
        for method in paths:
            if method not in self.path_items:
                self.marks.add(method, self.model.lab.colour(method, INK))
        for method in paths:         # a run's colour follows its place among its method's
            self.marks.colour(method, self.model.lab.colour(method, INK))
        labels = tuple(self.model.lab.label(m) for m in paths)
        if (tuple(paths), labels) != self._legend_methods:
            # new legend rows only for new runs or labels: each row costs ~3 ms to build
            self._legend_methods = (tuple(paths), labels)
            self.legend.clear()
            for method in paths:
                self.legend.addItem(self.path_items[method], self.model.lab.label(method))
            self.legend.addItem(self.start_item, "start")
            self._fit_legend_and_height()
        self.marks.set_paths(paths)
        self._on_frame(self.model.frame)

    def _on_frame(self, frame):
        if self._two_d():
            self.marks.show_frame(self.model.paths, frame, self.model.expression.variables)
            self.labels.show_runs(self.marks)             # names never hide them

    def _on_start(self, start):
        if len(start) == 2:
            self.start_item.setData([start[0]], [start[1]])
            self.labels.set_markers("start", [(tuple(start), 8 * theme.current().scale)])   # the star (20 px × text size) but its tips

    # --- mouse: click sets the start (Shift+click pins ∇f), hover reads f and ∇f -------
    def _map_to_view(self, scene_pos):
        vb = self.plot.vb
        if not vb.sceneBoundingRect().contains(scene_pos):
            return None
        p = vb.mapSceneToView(scene_pos)
        return p.x(), p.y()

    def _on_click(self, event):
        if event.button() != Qt.MouseButton.LeftButton or event.double() or not self._two_d():
            return
        point = self._map_to_view(event.scenePos())
        if point is not None:
            # the roundest numbers in reach: a click 2 px from (1, 1) is (1, 1), not (0.99, 0.99)
            point = tuple(snap_to_round(v, p) for v, p in zip(point, self.plot.vb.viewPixelSize()))
            shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier   # ∇f pinned there
            (self.pins.toggle if shift else self.model.set_start)(point)

    def _on_hover(self, args):
        self._show_at(self._map_to_view(args[0]) if self._two_d() else None)

    def _on_mouse_left(self):
        self._hover.flush()      # a move still held by the rate limit: not shown after
        self._show_at(None)

    def _show_at(self, point):
        """The read-out of f and ∇f at `point` (view coordinates), or the hint."""
        if point is None:
            self.hover_values = None
            return self._show_hint()
        f = self.model.expression
        # read where a click would start: on x = 0 of |x| + |y|, its kink is named
        point = tuple(snap_to_round(v, p) for v, p in zip(point, self.plot.vb.viewPixelSize()))
        value, grad = f.value_and_gradient(*point)
        self.hover_values = (point, value, grad)
        self.readout.set_texts(*readout_forms(f.variables, point, value, grad, jumps_at(f, point),
                                                  self.model.VALUE_NAME))

    def _show_hint(self):
        # narrow: whole phrases dropped, not "… · dr…"; none fits, none shown
        self.readout.set_texts(*HINT_FORMS, cut=False)

    @qt_override
    def showEvent(self, event):
        super().showEvent(event)
        if self._stale and self._two_d():    # a new f at once; the range alone once laid
            new_f = self._map_of is not self.model.expression  # out (else: other bar labels,
            self._refresh_landscape() if new_f else self._settle.start()    # width, range)

    @qt_override
    def closeEvent(self, event):
        self._settle.stop()
        super().closeEvent(event)
