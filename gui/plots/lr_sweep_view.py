"""The learning-rate sweep: f after N steps (or the steps to converge) against η on a
log axis, one curve per method of the race, from the current start. Each run's own η
is a dashed line in its colour, labelled with its η; for a quadratic, 2/λ_max marks
where GD diverges. Diverged rates are × in a band of their own at the top
(gui.plots.lr_sweep_marks).
Clicking a curve gives that method's run (the selected one, else its first) that η.

Computed by `engine.optimizer_lab.lr_sweep` (one vectorised call per method, in
`gui.plots.lr_sweep_pieces`) in `gui.compute.lab_jobs.LabJobs`, one method after
another, newest request wins; a new f drops the old f's curves and words at once.
"""
from __future__ import annotations

from dataclasses import replace

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from engine.optimizer_settings import METHODS
from gui.compute.lab_jobs import LabJobs
from gui.compute.qt_guard import qt_override
from gui.plots import runs as race
from gui.plots.canvas_settings import tune_canvas
from gui.plots.lr_sweep_marks import (DivergedBand, label_chip, label_plate,
                                      place_line_labels, slim)
from gui.plots.lr_sweep_pieces import LRS, sweep_pieces
from gui.plots.sweep_axes import CutOffMarks, cut_off_outliers, plain_log_tick_strings
from gui.plots.theme import fit_tick_room, keep_colour_on_map, set_base_pen
from gui.widgets import theme
from gui.widgets.number_text import short_text
from gui.widgets.palette import METHOD_COLOURS, METHOD_LABELS

SETTLE_MS = 200
DIVERGED_ROW_PX = 10    # px between the × rows above the curves, one per method (× text size)
# Newton in the sweep: lr_sweep gives it each η, so it steps η·H⁻¹∇f (damped Newton) and
# its curve changes with η; its run in the race takes η = 1 unless given its own (the
# shared η is not Newton's). Said beside the curve, and its run's line drawn at 1.
NEWTON_NOTE = "Newton here: θ − η·H⁻¹∇f"
AXIS_NAME = {"color": "#000000"}       # the axes' names in the ticks' black (as built)
TITLE_NUDGE_PX = 5      # pyqtgraph's AxisItem places a left axis's name this far left of it


class LrSweepView(QWidget):
    def __init__(self, model, parent=None):
        super().__init__(parent)
        self.model = model
        self.sweeps: dict = {}          # method -> engine LrSweep of the newest request
        self.done = False
        self.request_id = 0
        self._asked = None              # what the newest request was computed from
        self.active = False             # computed only while the view is shown
        self.plot = tune_canvas(pg.PlotWidget(background="w", enableMenu=False))
        item = self.plot.getPlotItem()
        item.setLogMode(x=True, y=False)
        item.showGrid(x=True, y=True, alpha=0.2)
        # Axes in black as built, as the loss plot's: left to pyqtgraph's grey (#969696,
        # 2.9:1 on white) the first showing had faint text, and a theme applied later
        # made it #717171: another picture after F11 and back.
        for side in ("left", "bottom"):
            item.getAxis(side).setPen("k")
            item.getAxis(side).setTextPen("k")
        # one notation along η: pyqtgraph writes 10 as "10¹" beside "0.0001" and "1"
        item.getAxis("bottom").logTickStrings = plain_log_tick_strings
        # pyqtgraph sets the f axis's name 5 px left of the axis, which starts 1 px in:
        # "final f" began 4 px outside the plot, its letters' tops at its edge
        left, top, right, bottom = item.layout.getContentsMargins()
        item.layout.setContentsMargins(TITLE_NUDGE_PX + left, top, right, bottom)
        item.setLabel("bottom", "learning rate η (log scale)", **AXIS_NAME)
        item.setLabel("left", "final f", **AXIS_NAME)
        # The ranges are set from the sweep (_place_diverged), not auto-ranged: pyqtgraph
        # pads for the ×'s size in pixels, so the range after presenting's larger × kept
        # their room (another picture after F11 and back).
        item.hideButtons()
        item.setXRange(np.log10(LRS[0]), np.log10(LRS[-1]), padding=0.08)
        self.curves, self.markers = {}, {}
        self.cut_off = CutOffMarks(item)
        self.run_lines = []
        # its label is written along its own line, just right of it (level and centred on
        # it, it ended at the line and sat beside a run's dashed line at η = 0.1; level
        # right of it, a run's line at η = 1 crossed it)
        self.critical_line = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen(
            "#444", width=1.5, style=Qt.PenStyle.DotLine), label="2/λmax",
            labelOpts={"position": 0.3, "color": "#333", "rotateAxis": (1, 0),
                       "anchors": [(0.5, 0.0)] * 2})
        self.critical_line.setZValue(20)       # its label over the curves and the ×
        slim(self.critical_line.label)
        # on a plate over the curves and the ×, built as its light@1 look: the theme
        # restyles from an item's first look (set on each draw to the background then
        # in use, it stayed light on the dark theme: #F7F7F7 on #D4D4D4)
        self.critical_line.label.fill = label_plate()
        item.addItem(self.critical_line)
        self.critical_line.hide()
        self.diverged_band = DivergedBand(item)
        # moved along their lines to where no curve passes (_place_labels)
        item.vb.sigRangeChanged.connect(self._place_labels)
        self.quantity = QComboBox()
        self.quantity.addItems(["f after the run", "steps to converge"])
        self.quantity.setToolTip("What the sweep shows for each learning rate")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        # The controls and the note in a column beside the plot, not a row above it: in
        # the short lab strip of a 1280×720 window a row of wrapped text above left the
        # plot ~40 px high
        side = QVBoxLayout()
        title = QLabel("Sweep of η from the start:")
        title.setWordWrap(True)
        side.addWidget(title)
        side.addWidget(self.quantity)
        # beside the plot, not on it: in the short strip of a 1280×720 window a note on
        # the plot lay over the curves
        self.newton_note = QLabel()
        self.newton_note.setWordWrap(True)
        self.newton_note.setToolTip("The sweep gives Newton each η: it steps θ − η·H⁻¹∇f "
                                    "(damped Newton), so its curve changes with η. In the "
                                    "race Newton takes the full step, η = 1 (its dashed "
                                    "line), unless its run is given an η of its own.")
        self.newton_note.hide()
        side.addWidget(self.newton_note)
        side.addWidget(self.status, 1)
        column = self.side_column = QWidget()
        column.setLayout(side)
        column.setMaximumWidth(230)
        side.setContentsMargins(0, 0, 0, 0)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(column)
        layout.addWidget(self.plot, 1)

        self.jobs = LabJobs(self)
        self.jobs.progressed.connect(self._on_result)
        self.jobs.finished.connect(self._on_finished)
        self.jobs.failed.connect(self._on_failed)
        self._settle = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._settle.timeout.connect(self.request)
        self.quantity.currentIndexChanged.connect(self._draw)
        for signal in (model.expressionChanged, model.startChanged, model.settingsChanged):
            signal.connect(self._schedule)
        model.expressionChanged.connect(self._on_function)
        self.plot.scene().sigMouseClicked.connect(self._on_click)
        self._tops = (1.0, 0.0)            # the curves' highest and lowest y
        item.vb.sigResized.connect(self._place_diverged)
        item.vb.sigResized.connect(self._place_labels)
        self._column_width = 0
        theme.notifier.changed.connect(self._on_theme)

    def set_active(self, on: bool) -> None:
        self.active = bool(on)
        self.updateGeometry()            # its least height is its text's while shown
        if on:
            self.request()

    def column_height_needed(self) -> int:
        """The height the side column's wrapped text needs at its width (px)."""
        side = self.side_column
        width = side.width() if side.width() > 0 else side.maximumWidth()
        return side.layout().heightForWidth(width) if side.layout().hasHeightForWidth() \
            else side.minimumSizeHint().height()

    @qt_override
    def minimumSizeHint(self):
        # While shown, at least as tall as the side column's wrapped lines: at 1400×860
        # with Newton swept the explanation's last line ("that η.") was cut at the
        # bottom. The row under the views grows for it (the page scrolls where the views
        # have no height to spare); hidden, the lab's other tabs are not made taller.
        hint = super().minimumSizeHint()
        if self.active:
            margins = self.layout().contentsMargins()
            hint.setHeight(max(hint.height(), self.column_height_needed()
                               + margins.top() + margins.bottom()))
        return hint

    @qt_override
    def resizeEvent(self, event):
        super().resizeEvent(event)
        if self.side_column.width() != self._column_width:   # its lines wrap anew
            self._column_width = self.side_column.width()
            self.updateGeometry()

    def _schedule(self, *_) -> None:
        if self.active:
            self._settle.start()

    def _on_function(self, f) -> None:
        # a new f: the old f's curves, η lines and words go at once (its last piece and
        # "Click a curve to run that η" stayed beside the new f until the settled request)
        if self._asked is not None and f != self._asked[0]:
            self.jobs.cancel()
            self.request_id, self._asked, self.sweeps, self.done = 0, None, {}, False
            self.critical_line.hide()
            self._draw()
            self.status.setText("computing…" if self.active else "")

    def request(self) -> None:
        f, start = self.model.expression, self.model.start
        if f is None or len(start) != f.dimension:
            return
        s = self.model.settings
        plan = []
        for method in race.methods_of(s.runs):
            first = next(r for r in s.runs if r.method == method)
            plan.append((method, race.effective_hyper(first, s.hyper)))
        keywords = {"noise": s.noise, "clip": s.clip, "seed": s.seed}
        asked = (f, tuple(start), repr(plan), s.max_steps, repr(keywords))
        if asked == self._asked:         # e.g. a click changed only a run's own η
            self._draw_run_lines()
            return
        self._asked = asked
        self.done = False
        self.status.setText(f"computing {len(LRS)} learning rates × {len(plan)} method(s)…")
        self.request_id = self.jobs.request(
            lambda: sweep_pieces(f, start, plan, s.max_steps, keywords))
        self.critical_line.hide()

    def _on_result(self, request_id, result) -> None:
        if request_id == self.request_id:
            self.sweeps, critical = result
            if critical is not None:
                self.critical_line.setVisible(bool(np.isfinite(critical)))
                if self.critical_line.isVisible():
                    self.critical_line.setValue(np.log10(critical))
            self._draw()

    def _on_finished(self, request_id, result) -> None:
        if request_id == self.request_id:
            self.done = True
            self._on_result(request_id, result)
            self.status.setText(f"{len(LRS)} learning rates per method, {self.model.settings.max_steps} "
                                f"steps each, in {self.jobs.seconds:.2f} s. × = diverged, a row "
                                f"per method. Click a curve to run that η.")

    def _on_failed(self, request_id, message) -> None:
        if request_id == self.request_id:
            self.status.setText(f"The sweep failed: {message}")

    def curve_points(self, method: str):
        """(η, y) as plotted for one method: y is f after the run, or the steps to
        converge (runs that did not converge left out); diverged runs are left out."""
        sweep = self.sweeps[method]
        if self.quantity.currentIndex() == 0:
            keep = sweep.status != "diverged"
            return sweep.lrs[keep], sweep.final_values[keep]
        keep = sweep.steps_to_converge >= 0
        return sweep.lrs[keep], sweep.steps_to_converge[keep].astype(float)

    def _draw(self, *_) -> None:
        item = self.plot.getPlotItem()
        ink = theme.current().ink
        # short: the box beside the plot says it in full, and at 1280×720 the plot is
        # ~110 px tall ("f after the run" up the axis showed as "f after the ru")
        # (no style here: it is the theme's since __init__, and a style given anew drew
        # the name black on the dark theme)
        item.setLabel("left", "final f" if self.quantity.currentIndex() == 0 else "steps")
        for method in set(self.curves) - set(self.sweeps):
            self.curves[method].hide()
            self.markers[method].hide()
        tops = []
        # one value far above the rest (Newton's 4.5e5 on Himmelblau) cut off at the top
        shown, marks = cut_off_outliers({m: self.curve_points(m) for m in self.sweeps})
        for method in self.sweeps:
            if method not in self.curves:
                self.curves[method] = pg.PlotDataItem(symbol="o", symbolSize=5,
                                                      name=METHOD_LABELS[method])
                self.markers[method] = pg.ScatterPlotItem(symbol="x", size=8)
                item.addItem(self.curves[method])
                item.addItem(self.markers[method])
            colour = ink(pg.mkColor(METHOD_COLOURS[method]))
            xs, ys = shown[method]
            tops.append(ys.max() if len(ys) else 1.0)
            self.curves[method].setData(xs, ys, pen=pg.mkPen(colour, width=2.5),
                                        symbolBrush=colour, symbolPen=None)
            self.curves[method].show()
            self.markers[method].show()
        self.cut_off.show(marks)
        self._tops = (max(tops, default=1.0), min(
            (float(np.min(self.curve_points(m)[1])) for m in self.sweeps
             if len(self.curve_points(m)[1])), default=0.0))
        self._place_diverged()
        self._place_newton_note(ink)
        self._draw_run_lines()

    def _place_labels(self, *_) -> None:
        """Each line's label where it covers no curve, dot, × or other label
        (lr_sweep_marks): 2/λmax first, then the runs' η from the left."""
        if not self.sweeps:
            return
        curves = [(np.log10(xs), ys) for xs, ys in map(self.curve_points, self.sweeps)
                  if len(xs)]
        curves += [tuple(m.getData()) for m in self.markers.values() if m.isVisible()]
        runs = sorted((line for line in self.run_lines
                       if line.isVisible() and line.label.isVisible()), key=lambda l: l.value())
        lines = [self.critical_line] * self.critical_line.isVisible() + runs
        place_line_labels(self.plot.getPlotItem().vb, lines, curves)

    def _place_diverged(self, *_) -> None:
        """Diverged runs: × in a row of its own per method that diverged, in the band
        above the curves, DIVERGED_ROW_PX apart on screen (or further, to hold the
        band's name), so that no method's marks hide another's (on one row GD's were
        under Nesterov's and Newton's)."""
        if not self.sweeps:
            return
        ink = theme.current().ink
        top, bottom = self._tops
        span = top - bottom if top > bottom else max(abs(top), 1.0)
        rows = [m for m in METHODS if m in self.sweeps
                and np.any(self.sweeps[m].status == "diverged")]
        # the curves take the height less the rows: one row's step in data units
        height = self.plot.getPlotItem().vb.height()
        # rows as far apart as the ×, which grow with the text (presenting: 16 px × on
        # 10 px rows), and the floor as high as half a tick number ("0" was left out)
        row_px = theme.current().size(DIVERGED_ROW_PX)
        band_px = self.diverged_band.height_px(len(rows), row_px)
        room = max(height - band_px - row_px * 1.5, 0.3 * height, 20.0)
        step = span * row_px / room
        # the curves in `room`, a row under them (the lowest tick's text fits, or
        # pyqtgraph leaves "0" out), half a row over them, the band of rows on top
        band_low = top + 0.5 * step
        band_high = band_low + step * band_px / row_px
        self.plot.getPlotItem().setYRange(bottom - step, band_high, padding=0)
        self.diverged_band.place(self.plot.getPlotItem().vb, band_low, band_high)
        row_step = (band_high - band_low) / max(len(rows), 1)
        # its labels' room fitted to these ticks: pyqtgraph narrows it only by more
        # than 10 px, and the room of an earlier piece's wider labels stayed (seven
        # methods: 19 px, 15 after F11 and back, and the η axis showed 2 labels, not 5)
        fit_tick_room(self.plot.getPlotItem().getAxis("left"))
        for method in self.sweeps:
            sweep = self.sweeps[method]
            lrs = sweep.lrs[sweep.status == "diverged"]
            row = rows.index(method) + 0.5 if method in rows else 0.0
            colour = ink(pg.mkColor(METHOD_COLOURS[method]))
            self.markers[method].setData(np.log10(lrs), np.full(len(lrs), band_low + row_step * row),
                                         pen=pg.mkPen(colour, width=2), brush=None)

    def _place_newton_note(self, ink) -> None:
        """What η does to Newton, in its colour, while Newton is swept."""
        self.newton_note.setVisible("newton" in self.sweeps)
        colour = ink(pg.mkColor(METHOD_COLOURS["newton"])).name()
        self.newton_note.setText(f'<span style="color:{colour}">━━ {NEWTON_NOTE}</span> '
                                 "(its run: η = 1)")

    def _draw_run_lines(self) -> None:
        """One dashed line per run at its own η, in its colour, labelled "η = 0.6" (one
        label for the runs of one η). The lines are kept and moved (every piece of a
        sweep redraws, and new items cost the GUI thread)."""
        s = self.model.settings
        # Newton's run without its own η takes the full step: its line at η = 1
        wanted = [(lr, self.model.lab.colour(run.key)) for run in s.runs
                  if (lr := race.effective_lr(run, s.lr) or
                      (1.0 if run.method == "newton" else None)) is not None
                  and run.method in self.sweeps]
        while len(self.run_lines) < len(wanted):
            line = pg.InfiniteLine(angle=90, movable=False, label="", labelOpts={
                "position": 0.3, "rotateAxis": (1, 0), "anchors": [(0.5, 0.0)] * 2})
            slim(keep_colour_on_map(line.label))  # in its run's colour, in either theme
            line.label.setZValue(20)
            self.plot.getPlotItem().addItem(line)
            self.run_lines.append(line)
        labelled = set()
        for line, (lr, colour) in zip(self.run_lines, wanted):
            line.setValue(np.log10(lr))
            set_base_pen(line, pg.mkPen(colour, width=1.5, style=Qt.PenStyle.DashLine))
            line.label.setFormat(f"η = {short_text(lr)}")
            line.label.run_colour = colour
            line.label.setVisible(lr not in labelled)
            labelled.add(lr)
            line.show()
        for line in self.run_lines[len(wanted):]:
            line.hide()
        self._on_theme()
        self._place_labels()

    def _on_theme(self, *_) -> None:
        """The runs' labels on plates of their runs' colours, as their lines; Newton's
        note in its colour as this theme inks it (it kept light's black on dark)."""
        self._place_newton_note(theme.current().ink)
        self.cut_off.show(self.cut_off.marks)
        for line in self.run_lines:
            if line.label.isVisible():
                plate, letters = label_chip(line.label.run_colour)
                line.label.fill = pg.mkBrush(plate)
                line.label.setColor(letters)

    def _on_click(self, event) -> None:
        vb = self.plot.getPlotItem().vb
        if not self.sweeps or not vb.sceneBoundingRect().contains(event.scenePos()):
            return
        point = vb.mapSceneToView(event.scenePos())
        self.choose(10 ** point.x(), point.y())

    def choose(self, lr: float, y: float | None = None) -> None:
        """Give a run the swept η nearest `lr` on the curve nearest (lr, y): the selected
        run if it is of that method, else that method's first run."""
        index = int(np.argmin(np.abs(np.log10(LRS) - np.log10(lr))))
        methods = list(self.sweeps)
        if y is not None and len(methods) > 1:
            def distance(m):
                _, ys = self.curve_points(m)
                return np.min(np.abs(ys - y)) if len(ys) else np.inf
            methods.sort(key=distance)
        method = methods[0]
        runs = list(self.model.settings.runs)
        selected = self.model.lab.selected_run()
        target = selected if selected is not None and selected.method == method else \
            next(r for r in runs if r.method == method)
        i = runs.index(target)
        runs[i] = replace(target, lr=float(LRS[index]))
        self.model.set_settings(runs=tuple(runs))
        self.model.lab.select(target.key)

    def shutdown(self) -> None:
        self.jobs.shutdown()
