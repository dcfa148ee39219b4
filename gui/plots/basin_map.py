"""Basins of attraction on the contour map: every start point of the visible window
(RESOLUTION² of them) coloured by the critical point the selected run's settings reach
from it, diverged starts dark, unfinished ones light.

Computed by `engine.optimizer_lab.basins` (one vectorised engine.run_ends per piece) in
`gui.compute.lab_jobs.LabJobs`: a coarse map first, then the full one row block by row
block, so the window stays responsive; a newer request (another window, run, f)
abandons the old one.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QObject, QRectF, QTimer, Signal

from engine.optimizer_lab import DIVERGED, UNFINISHED, basins
from gui.compute.lab_jobs import LabJobs
from gui.plots import runs as race
from gui.widgets.number_text import share_text
from gui.widgets.palette import BASIN_COLOURS, BASIN_DIVERGED, BASIN_UNFINISHED

RESOLUTION = 200        # starts per side of the window
COARSE = 50             # the first, quick pass
ROWS_PER_PIECE = 25     # then the full grid in blocks of this many rows
MAX_STEPS = 500         # a basin map runs at most this many steps per start
NOT_YET = -3            # a start not computed yet (transparent)
SETTLE_MS = 150
ONE_VARIABLE_NOTE = ("Basins colour every start point of the contour map by where the "
                     "selected run ends: a map needs a function of two variables.")


def _rgba(colour: str, alpha: int) -> list[int]:
    c = pg.mkColor(colour)
    return [c.red(), c.green(), c.blue(), alpha]


def basin_pieces(f, window, run_settings, candidates, resolution=RESOLUTION):
    """Generator of (labels (res, res) with NOT_YET where unknown, attractors (M, 2)):
    a coarse pass, then blocks of rows. run_settings: (method, lr, steps, keywords).
    candidates: critical points (M, 2) the runs are matched to, or None (then the
    engine finds the attractors and they are merged across pieces by distance)."""
    (x0, x1), (y0, y1) = window
    method, lr, steps, keywords = run_settings
    radius = 1e-2 * max(x1 - x0, y1 - y0)
    known = [] if candidates is None else [np.asarray(c, float) for c in candidates]

    def run(xs, ys):
        X, Y = np.meshgrid(xs, ys, indexing="ij")
        starts = np.column_stack([X.ravel(), Y.ravel()])
        result = basins(f, starts, method, lr=lr, steps=steps, radius=radius,
                        minima=None if candidates is None else np.asarray(candidates),
                        **keywords)
        labels = result.labels.copy()
        if candidates is None:      # this piece's attractors -> the map's numbering
            for i, point in enumerate(result.attractors):
                near = [j for j, p in enumerate(known) if np.linalg.norm(p - point) <= radius]
                if not near:
                    known.append(point)
                    near = [len(known) - 1]
                labels[result.labels == i] = near[0]
        return labels.reshape(len(xs), len(ys))

    coarse = run(np.linspace(x0, x1, COARSE), np.linspace(y0, y1, COARSE))
    factor = -(-resolution // COARSE)
    labels = np.kron(coarse, np.ones((factor, factor), dtype=int))[:resolution, :resolution]
    yield labels.copy(), np.array(known).reshape(-1, 2)
    xs, ys = np.linspace(x0, x1, resolution), np.linspace(y0, y1, resolution)
    for top in range(0, resolution, ROWS_PER_PIECE):
        labels[top:top + ROWS_PER_PIECE] = run(xs[top:top + ROWS_PER_PIECE], ys)
        yield labels.copy(), np.array(known).reshape(-1, 2)


class BasinMap(QObject):
    """The basin image under a ContourView's iso-lines; `changed(text)` describes it."""

    changed = Signal(str)

    def __init__(self, model, plot, parent=None):
        super().__init__(parent)
        self.model, self.plot = model, plot
        self.enabled = False
        self.labels = None              # the newest (res, res) labels shown
        self.attractors = np.empty((0, 2))
        self.done = False               # the full map of the newest request is in
        self._asked_f = self._shown_f = None    # the f asked for / of the map shown
        self.request_id = 0
        self._window_asked = self._settings_asked = None
        self.image = pg.ImageItem(axisOrder="col-major")
        self.image.setZValue(1)         # over the colour map, under iso-lines and paths
        self.image.setOpacity(0.6)
        self.markers = pg.ScatterPlotItem(size=14, symbol="star", pen=pg.mkPen("k", width=1))
        self.markers.setZValue(8.5)
        for item in (self.image, self.markers):
            plot.addItem(item)
            item.hide()
        # the plot can go before this object (its panel, another widget, lives on until
        # collected): then no more requests (a settle timer fired into the deleted ★)
        self.markers.destroyed.connect(self._on_plot_gone)
        self._said = ""                 # the words last sent by `changed`
        self.changed.connect(self._remember_said)
        self.jobs = LabJobs(self)
        self.jobs.progressed.connect(self._on_result)
        self.jobs.finished.connect(self._on_finished)
        self.jobs.failed.connect(self._on_failed)
        self._settle = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._settle.timeout.connect(self._request)
        for signal in (model.expressionChanged, model.windowChanged, model.settingsChanged,
                       model.criticalPointsChanged, model.lab.selectedChanged,
                       plot.vb.sigRangeChanged):
            signal.connect(self._schedule)
        # the old f's map and ★ are not the new f's: gone as soon as the new f is drawn
        # (x² + 2y² → x + y left the minimum's ★ at (0, 0) under "computing…")
        for signal in (model.sketchChanged, model.expressionChanged):
            signal.connect(self._on_function)

    def _on_plot_gone(self, *_) -> None:
        self.enabled, self._shown_f = False, None
        self._settle.stop()
        self.jobs.cancel()

    def _remember_said(self, text: str) -> None:
        self._said = text

    def set_enabled(self, on: bool) -> None:
        self.enabled = bool(on)
        self.image.setVisible(self.enabled and self.labels is not None)
        self.markers.setVisible(self.enabled and self.labels is not None)
        if self.enabled:
            self._request()
        else:
            self.jobs.cancel()
            self._window_asked = None
            self.changed.emit("")

    def _schedule(self, *_) -> None:
        if self.enabled:
            self._settle.start()
            if not self.covers_view():
                # a map computed for a narrower window left stripes of bare map at the
                # sides (x in [-3.5, 3.9] on a -5..5 map, ~200 ms after leaving F11):
                # none until the new window's first pass comes
                self.image.hide()

    def _on_function(self, f) -> None:
        if self._shown_f is not None and f != self._shown_f:
            self._drop_map()
        if f is None or f == self._asked_f:
            return
        # the old f's pieces and words are not the new f's: Himmelblau's "4 critical
        # point(s) reached" (its last piece, or its words) stayed ~3 s beside x²'s curve
        # under load, until the settled request said what is on screen now
        self.jobs.cancel()
        self.request_id, self._window_asked, self._asked_f, self.done = 0, None, f, False
        if self.enabled:
            self.changed.emit(self._pending_text(f))

    def _pending_text(self, f) -> str:
        """What the page says of `f` before its map comes."""
        if f.dimension != 2:
            return ONE_VARIABLE_NOTE
        run = self.model.lab.selected_run()
        return "" if run is None else f"Basins of {self.model.lab.label(run.key)}: computing…"

    def _drop_map(self) -> None:
        """No basins and no ★ until a map of the current f comes."""
        self.labels, self.attractors, self._shown_f = None, np.empty((0, 2)), None
        self.markers.setData([], [])
        self.image.hide()
        self.markers.hide()

    def covers_view(self) -> bool:
        """Whether the image shown (if any) spans the whole window the map shows."""
        if not self.image.isVisible():
            return True
        shown = self.image.mapRectToParent(self.image.boundingRect())
        (x0, x1), (y0, y1) = self.plot.vb.viewRange()
        slack = 1e-6 * max(x1 - x0, y1 - y0)
        return (shown.left() <= x0 + slack and shown.right() >= x1 - slack
                and shown.top() <= y0 + slack and shown.bottom() >= y1 - slack)

    def _settings_key(self):
        m = self.model
        return (m.expression, m.settings, m.lab.selected, m.critical_points)

    def _request(self) -> None:
        f, run = self.model.expression, self.model.lab.selected_run()
        if f is not None and f.dimension != 2:
            self.jobs.cancel()
            self._window_asked = None        # (asked anew when f has two again)
            self._drop_map()
            self.changed.emit(ONE_VARIABLE_NOTE)     # not the page's "Switch on …"
            return
        if f is None or len(self.model.window) != 2 or run is None:
            return
        # what the map shows (wider than the model's window when the aspect is locked)
        window = tuple(tuple(map(float, r)) for r in self.plot.vb.viewRange())
        if window == self._window_asked and self._settings_asked == self._settings_key():
            return
        self._window_asked, self._settings_asked = window, self._settings_key()
        s = self.model.settings
        keywords = dict(race.effective_hyper(run, s.hyper), noise=s.noise, clip=s.clip,
                        seed=s.seed)
        settings = (run.method, race.effective_lr(run, s.lr), min(s.max_steps, MAX_STEPS),
                    keywords)
        points = [cp.point for cp in self.model.critical_points
                  if np.all(np.isfinite(cp.point))]
        candidates = np.array(points, dtype=float).reshape(-1, 2) if points else None
        self.done = False
        self._label = self.model.lab.label(run.key)
        self._asked_f = f
        self.request_id = self.jobs.request(
            lambda: basin_pieces(f, window, settings, candidates))
        self._say_progress()

    def _say_progress(self) -> None:
        # what is on screen while the map computes: a session reopened showed
        # "computing…" over the coloured map of the same f (a first pass, or the map
        # before the critical points came) for a second and more
        shown = self.image.isVisible() and self._shown_f == self._asked_f
        text = f"Basins of {self._label}: " + ("refining the map shown…" if shown
                                               else "computing…")
        if text != self._said:
            self.changed.emit(text)

    def _on_result(self, request_id, result) -> None:
        if request_id != self.request_id or self._window_asked is None:
            return                       # a stale answer, or one after Basins went off
        self._show(result)
        self._say_progress()

    def _show(self, result) -> None:
        labels, attractors = result
        self.labels, self.attractors, self._shown_f = labels, attractors, self._asked_f
        table = np.zeros((len(attractors) + 3, 4), dtype=np.ubyte)  # index = label + 3
        table[NOT_YET + 3] = (0, 0, 0, 0)
        table[DIVERGED + 3] = _rgba(BASIN_DIVERGED, 200)
        table[UNFINISHED + 3] = _rgba(BASIN_UNFINISHED, 230)
        for i in range(len(attractors)):
            table[i + 3] = _rgba(BASIN_COLOURS[i % len(BASIN_COLOURS)], 255)
        self.image.setImage(table[labels + 3], levels=None)
        (x0, x1), (y0, y1) = self._window_asked
        dx, dy = (x1 - x0) / (RESOLUTION - 1), (y1 - y0) / (RESOLUTION - 1)
        self.image.setRect(QRectF(x0 - dx / 2, y0 - dy / 2, x1 - x0 + dx, y1 - y0 + dy))
        reached = self.reached()          # ★ only where some start ended
        brushes = [pg.mkBrush(BASIN_COLOURS[i % len(BASIN_COLOURS)]) for i in reached]
        self.markers.setData(attractors[reached, 0], attractors[reached, 1], brush=brushes)
        self.image.setVisible(self.enabled)
        self.markers.setVisible(self.enabled)

    def reached(self) -> list[int]:
        """The indices of the attractors some start of the map reached."""
        if self.labels is None:
            return []
        return [int(i) for i in np.unique(self.labels) if i >= 0]

    def _on_finished(self, request_id, result) -> None:
        # (the same guard as a piece's: a map dropped since — Basins off, or a scene of
        # one variable — left its "finished" reading labels that were gone)
        if request_id != self.request_id or self._window_asked is None:
            return
        self._show(result)
        self.done = True
        labels = self.labels
        # (a share that rounds to 0 % or 100 % says so: "(100%)" beside a point reached)
        diverged = share_text(int((labels == DIVERGED).sum()), labels.size)
        unfinished = share_text(int((labels == UNFINISHED).sum()), labels.size)
        self.changed.emit(
            f"Basins of {self._label}: {len(self.reached())} critical point(s) reached "
            f"(★ in its basin's colour); dark = diverged ({diverged}), "
            f"light = unfinished ({unfinished}). {labels.size:,} starts "
            f"in {self.jobs.seconds:.1f} s.")

    def _on_failed(self, request_id, message) -> None:
        if request_id == self.request_id:
            self.changed.emit(f"Basins could not be computed: {message}")

    def shutdown(self) -> None:
        self.jobs.shutdown()
