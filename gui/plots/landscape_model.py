"""The explorer's state: one QObject whose signals fire only on real change.

Views subscribe in their __init__ (model → view) and push edits back through the
setters here (view → model). Numbers come from the engine; slow symbolic work goes
to `AnalysisWorker`, and only the newest answer is applied.
"""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QDeadlineTimer, QObject, Signal

from engine.errors import ExpressionError
from engine.optimizers import METHODS, Path
if TYPE_CHECKING:   # engine.expression brings sympy: imported at the first parse
    from engine.expression import Expression

from gui.compute.analysis_worker import AnalysisWorker
from gui.compute.playback import Playback
from gui.plots import runs as race
from gui.plots.descent_settings import DescentSettings, descend_runs, preset_settings  # noqa: F401
from gui.plots.falling_state import FallingState
from gui.plots.lab_state import LabState
from gui.plots.map_first import MapFirst
from gui.plots.landscape_session import SessionState
from gui.plots.landscape_state import capped_range
from gui.plots.setup_memory import SetupMemory
from gui.plots.view_states import ViewStates
from gui.plots.frame_steps import FrameSteps
from gui.plots.typed_framing import TypedFraming, search_box
from gui.plots.framing import (DEFAULT_WINDOW_1D, DEFAULT_WINDOW_2D,  # noqa: F401 - re-exported
                               default_start, frame_at_once, settled_frame, window_for)

DEFAULT_TEXT = "x^2 + 2y^2"


class LandscapeModel(FrameSteps, MapFirst, SessionState, QObject):
    # Subclasses that show only numbers (the neuron's loss landscape) set False: their
    # worker compiles f, ∇f and H but skips typesetting and the critical-point search.
    SYMBOLIC = True
    # The function's name where the views write it beside its values (colour bar, 3-D
    # axis, ∇ and the hover read-out): the neuron's loss landscape is L, not f.
    VALUE_NAME = "f"

    textChanged = Signal(str)
    errorChanged = Signal(object)          # ExpressionError, or None when the text is valid
    expressionChanged = Signal(object)     # a compiled Expression (valid ones only)
    # The newest 2-D f with only f compiled, before expressionChanged: the map can show
    # it in a few ms while ∇f is compiled (no derivative of it may be used yet).
    sketchChanged = Signal(object)
    firstPicture = Signal(object)  # instead, a typed f answered at once (gui.plots.map_first)
    formulasChanged = Signal(object)       # tuple[engine.analysis.Formula]
    typedLine = Signal(object, object)     # (f, its f line typeset) ahead of formulasChanged
    criticalPointsChanged = Signal(object) # tuple[engine.calculus.CriticalPoint]
    windowChanged = Signal(object)         # ((lo, hi),) or ((xlo, xhi), (ylo, yhi))
    startChanged = Signal(object)          # tuple, one coordinate per variable
    settingsChanged = Signal(object)       # DescentSettings
    pathsChanged = Signal(object)          # dict run key -> engine.optimizers.Path
    frameChanged = Signal(int)             # how many steps of each path are shown
    playingChanged = Signal(bool)
    busyChanged = Signal(bool)             # symbolic work under way
    notice = Signal(str)                   # symbolic work cut short: what is missing
    presetChanged = Signal(object)         # the preset dict last loaded, or None
    sliceAxesChanged = Signal(object)      # (name, name) shown by the map for d > 2, or None
    parsed_ahead = None     # {text: Expression or NumericExpression}: a plain start's load
    paths_later = None      # gui.plots.paths_after_paint: a plain start's first paths

    def __init__(self, parent=None):
        super().__init__(parent)
        self._text = ""
        self._error: ExpressionError | None = None
        self._expression: Expression | None = None
        self._formulas: tuple = ()
        self._critical: tuple = ()
        self._window: tuple = DEFAULT_WINDOW_2D
        self._start: tuple = (3.0, 2.0)
        self._settings = DescentSettings()
        self._paths: dict[str, Path] = {}
        self._frame = 0
        self._speed = 10.0                 # steps per second while playing
        self._preset = None
        self._start_given = None       # the text whose start a preset or session gave
        self._slice_axes: tuple[str, str] | None = None   # None: the first two variables
        self._user_window = False     # the user zoomed or panned: typing keeps the window
        self._setups, self._back = SetupMemory(), None   # the set-up an edit left, to come back to
        self._frame_for = None        # a typed 1-D f: (expr, frame_at_once(text) or None)
        self.view_states = ViewStates()   # the views' part of a session (camera, switches)
        self._requested = None                  # the expression last sent to the worker
        self._requested_text = ""               # ... and the text it was parsed from
        self._points_box = None                 # ... and where its points are searched
        self._sketched, self._sketch_waits = None, False   # the f last sketched; unanswered
        self._restore_frame: int | None = None   # a loaded session's frame, once paths exist
        self.playback = Playback(self, self._interval(), lambda: self.last_frame > 0)
        self.playback.ticked.connect(self._on_tick)
        self.playback.playingChanged.connect(self.playingChanged)
        self._worker = AnalysisWorker(self, symbolic=self.SYMBOLIC)
        self.falling = FallingState(self, self._worker)   # f's "no minimum" direction, if proved
        self._worker.finished.connect(self._on_analysis)
        self._worker.sketched.connect(self._on_sketch)
        self._worker.failed.connect(self._on_failed)
        self._worker.busyChanged.connect(self.busyChanged)
        self._worker.notice.connect(self.notice)
        self._worker.typedLine.connect(self.typedLine)
        self.lab = LabState(self)     # selected run, predict mode, run colours and labels
        self._typed_framing = TypedFraming(self)    # a typed 2-D f framed to show its features
        self._worker.searched.connect(self._typed_framing.found)

    # --- read-only state ------------------------------------------------------
    text = property(lambda self: self._text)
    error = property(lambda self: self._error)
    expression = property(lambda self: self._expression)
    formulas = property(lambda self: self._formulas)
    critical_points = property(lambda self: self._critical)
    window = property(lambda self: self._window)
    user_window = property(lambda self: self._user_window)   # the user zoomed or panned
    start = property(lambda self: self._start)
    settings = property(lambda self: self._settings)
    paths = property(lambda self: self._paths)
    frame = property(lambda self: self._frame)
    speed = property(lambda self: self._speed)
    preset = property(lambda self: self._preset)
    slice_axes = property(lambda self: self._slice_axes)
    playing = property(lambda self: self.playback.playing)
    requests_held = property(lambda self: self._worker.held)    # AnalysisWorker.held
    # the f last sent to the worker has neither its sketch nor its analysis shown yet
    awaiting = property(lambda self: self._requested is not self._expression
                        and self._requested is not self._sketched)

    dimension = property(lambda self: self._expression.dimension if self._expression else 2)

    def current_point(self) -> tuple | None:
        """The first path's point at the current frame (the start before any path, or
        where that point is not finite); None before f is known."""
        f = self._expression
        if f is None:
            return None
        for path in self._paths.values():
            if path.points.shape[1] == f.dimension:
                point = path.points[min(self._frame, len(path.points) - 1)]
                if np.all(np.isfinite(point)):
                    return tuple(float(v) for v in point)
        return self._start if len(self._start) == f.dimension else None

    # --- expression -----------------------------------------------------------
    def set_text(self, text: str) -> None:
        """Parse now (fast and guarded); compile and analyse in the worker.

        Invalid text only sets `error`: the last valid expression stays on screen."""
        if text == self._text:
            return
        self._text = text
        self.textChanged.emit(text)
        from engine.expression import parse      # sympy: after the app's first paint
        try:
            expr = parse(text)
        except ExpressionError as exc:
            self._set_error(exc)
            self.pause()                   # FrameSteps.held: no run of an f not typed
            return
        self._set_error(None)
        with self._typing():          # its map painted first (gui.plots.map_first)
            self._show(expr, text)

    def show_instead(self, text: str) -> None:
        """While the text typed is refused: show the f of `text` (the formula the user had
        before this edit) rather than the last prefix of the typed text that parsed, which
        the user never meant; the typed text and its error stay. `shown_text` names it."""
        from engine.expression import parse
        if self._error is not None and text != self._requested_text:
            try:
                expr = parse(text)
            except ExpressionError:
                return
            self._show(expr, text)

    # the text of the f on screen (or on its way): the typed text unless it is refused
    shown_text = property(lambda self: self._requested_text)

    def _show(self, expr, text: str) -> None:
        if expr != self._requested:
            back = self._setups.recall(expr) if len(self._window) != expr.dimension else None
            if back:                                          # an edit's detour undone
                self._back, self._frame_for = (expr, *back), None
                return self._request_analysis(expr, back[0], text)
            # a typed function of one variable opens framing its critical points
            # (gui.plots.framing), found on the default window unless the user chose one:
            # numerically at once when it can, so its first picture is already framed
            typed_1d = expr.dimension == 1 and not self._user_window
            framed = frame_at_once(text) if typed_1d else None
            self._frame_for = (expr, framed) if typed_1d else None
            window = (framed or (DEFAULT_WINDOW_1D,))[0] if typed_1d else window_for(
                expr.dimension, self._window)
            # a typed 2-D f: its critical points searched in a box wider than the window
            # too, by the points helper, for its framing (gui.plots.typed_framing)
            framing = expr.dimension == 2 and self._start_given != text
            self._request_analysis(expr, window, text, search_box(window) if framing else None)
            if framed and self._expression is None:      # nothing drawn yet (--expr): now
                self._window, self._start = framed[:2]
                self.windowChanged.emit(self._window), self.startChanged.emit(self._start)

    def _set_error(self, error):
        if (error is None) != (self._error is None) or (
                error is not None and str(error) != str(self._error)):
            self._error = error
            self.errorChanged.emit(error)

    def _request_analysis(self, expr, window, text, points_box=None):
        # The newest request wins in the worker, so later requests (a new window) must
        # name the expression still on its way, not the one on screen.
        self._requested, self._requested_text = expr, text
        self._points_box = points_box       # where its critical points are searched
        # The 2-D views and the paths use f and (f, ∇f) only; H (Newton's method) and ∇f
        # alone (the 1-D curve, hover), half the compile time, compile on use. A new 2-D
        # f's first picture from f alone (its map: a few ms, not ~50): `sketch`.
        everything = expr.dimension == 1 or "newton" in self._settings.methods
        sketch = expr.dimension == 2 and len(window) == 2 and expr != self._expression
        self._worker.request(expr, window, text=text, everything=everything, sketch=sketch,
                             points_box=points_box)

    def _on_sketch(self, expr) -> None:
        # the worker sends only the newest request's; the window must be the one it
        # will be analysed in (a change of dimension first comes with the analysis)
        if expr is self._requested and expr != self._expression and len(self._window) == 2:
            self._sketched, self._sketch_waits = expr, True
            self.sketchChanged.emit(expr)

    # the new f drawn from f alone (its map) while its analysis is on its way, or None
    pending_sketch = property(lambda s: s._sketched if s._sketch_waits else None)

    def _on_failed(self, message) -> None:
        # the sketched f could not be compiled after all: the views go back to this f
        self._sketch_waits = False
        if self._sketched is self._requested and self._expression is not None:
            self._sketched = None
            self.expressionChanged.emit(self._expression)
        elif getattr(self._expression, "provisional", False):     # sympy refused it after all
            self._set_error(ExpressionError(message.removeprefix("ExpressionError: ")))

    def _on_analysis(self, analysis) -> None:
        """The worker's answers: compiled only (formulas and critical points None),
        then with critical points, then complete."""
        expr, self._sketch_waits = analysis.expression, False
        if self._map_first(analysis):
            return
        if expr is not self._expression:
            if getattr(self._requested, "provisional", False):   # analysis_worker.Preview:
                self._requested = expr      # its exact Expression (the paths come from it)
            if self._expression is not None and len(self._window) != expr.dimension:
                self._setups.leave(self._expression, self._window, self._start, self._user_window)
            self._drop_paths_of_another_dimension(expr.dimension)
            self._expression = expr
            self._critical = ()       # the old function's points would be wrong here
            framed = self._frame_for[1] if self._frame_for and self._frame_for[0] is expr else None
            back = self._back and self._back[0] is expr
            if back:                                    # a detour undone: (window, start) as left
                framed, self._user_window = self._back[1:3], self._back[3]
            if (framed or len(self._window) != expr.dimension) and analysis.bounds != self._window:
                self._window = analysis.bounds      # e.g. from x^2 + y^2 to x^3; a typed
                self.windowChanged.emit(self._window)     # 1-D f framed at once: its frame
            start = framed[1] if framed else default_start(self._window)
            # a window the user chose is kept for the new f, the start only inside it (|x|
            # typed on a panned [−2.3, 1.72] kept x²'s start 1.8, its star off-screen)
            # (not a start a preset or session gives with its window: kept as saved)
            outside = self._start_given != self._text and any(
                not lo <= v <= hi for v, (lo, hi) in zip(self._start, self._window))
            if (framed or len(self._start) != expr.dimension or outside) and start != self._start:
                self._start = start
                self.startChanged.emit(start)
            if self._restore_frame is None:   # a new f starts "ready": not at the old f's step
                self._set_frame(0)            # (a session's or Undo's frame: _restore_frame)
            self.expressionChanged.emit(expr)
            self.criticalPointsChanged.emit(self._critical)
            if expr.dimension == 2 and not back and self._start_given != self._requested_text:
                self._typed_framing.begin(expr, self._points_box)   # typed: not a preset's
            later, self.paths_later = self.paths_later, None    # a plain start's first f
            later(lambda: self._paths_of(expr)) if later else self._paths_of(expr)
        if analysis.critical_points is not None and analysis.critical_points is not self._critical:
            self._critical = analysis.critical_points
            self.criticalPointsChanged.emit(self._critical)
            if self._frame_for and self._frame_for[0] is expr:
                frame = settled_frame(expr, self._frame_for[1],
                                      [cp.point[0] for cp in self._critical])
                self._frame_for = None
                if frame is not None:            # not framed at once, or not as found
                    self.reframe(frame[0])
                    self.set_start(frame[1])
        if analysis.formulas is not None:
            self._formulas = analysis.formulas
            self.formulasChanged.emit(self._formulas)

    def _drop_paths_of_another_dimension(self, dimension: int) -> None:
        # before the new f's frame and views: until its own paths come, a frame shown
        # (step 0 now, or the next tick of a playing descent) must not hand x²'s 1-D
        # path to the map of a 2-D f (an IndexError in race_marks.show_frame)
        if any(p.points.shape[1] != dimension for p in self._paths.values()):
            self._paths, self.paths_of = {}, None
            self.pathsChanged.emit(self._paths)

    def _paths_of(self, expr) -> None:
        if expr is self._expression and not getattr(expr, "provisional", False):
            self._recompute_paths()
            if self._restore_frame is not None:
                self._set_frame(self._restore_frame)
                self._restore_frame = None

    def wait_for_analysis(self, timeout_ms: int = 30000) -> bool:
        """Block (processing events) until no analysis is pending, at most `timeout_ms`
        in all; for tests and scripts. (The helper processes' first start takes ~10 s on
        a machine busy with other work.) Loops until the worker, the map's second pass
        and the framing are idle at once: a re-frame asks the worker again."""
        deadline = QDeadlineTimer(timeout_ms)
        # (idle, the worker's wait still runs what the events queued meanwhile, once)
        while self._worker.wait_idle(deadline.remainingTime()):
            if self._second is None and not self._typed_framing.pending:
                return True
            self._apply_second()             # not waiting for the map's paint (map_first)
        return False

    # --- window and start ----------------------------------------------------
    def set_window(self, window) -> None:
        """Show `window` ((lo, hi) per variable), capped to ±WINDOW_LIMIT and at least
        WINDOW_MIN_WIDTH wide (zooming far out or in stops there); non-finite: ignored."""
        window = tuple(capped_range(float(lo), float(hi)) for lo, hi in window)
        if window == self._window or any(w is None for w in window):
            return
        self._user_window, self._frame_for = True, None
        self._window = window
        self.windowChanged.emit(window)
        if self._requested is not None:
            self._request_analysis(self._requested, window,   # critical points in view
                                   self._requested_text)

    def reframe(self, window) -> None:
        """Show `window` as the app's choice, not the user's (a typed f may re-frame it)."""
        self.set_window(window)
        self._user_window = False

    def set_slice_axes(self, names) -> None:
        """The two variables the map and surface show when f has three or more."""
        names = tuple(names) if names is not None else None
        if names != self._slice_axes:
            self._slice_axes = names
            self.sliceAxesChanged.emit(names)

    def set_start(self, point) -> None:
        point = tuple(float(v) for v in point)
        if point == self._start:
            return
        self._start = point
        self.startChanged.emit(point)
        self._recompute_paths()

    # --- descent settings -----------------------------------------------------
    def set_settings(self, **changes) -> None:
        """Change DescentSettings fields, e.g. set_settings(lr=0.05, methods=("gd", "adam"))."""
        unknown = [m for m in changes.get("methods", ()) if m not in METHODS]
        if unknown:
            raise ValueError(f"unknown method(s): {unknown}")
        if "runs" in changes:            # runs are the truth; methods follow them
            changes["runs"] = race.with_keys(changes["runs"])
            changes["methods"] = race.methods_of(changes["runs"])
        elif "methods" in changes:       # ticked methods: keep their runs, add the new
            changes["runs"] = race.runs_for_methods(changes["methods"], self._settings.runs)
        new = replace(self._settings, **changes)
        if new == self._settings:
            return
        self._settings = new
        self.settingsChanged.emit(new)
        self._recompute_paths()

    def set_hyper(self, method: str, name: str, value) -> None:
        hyper = {m: dict(h) for m, h in self._settings.hyper.items()}
        hyper.setdefault(method, {})[name] = value
        self.set_settings(hyper=hyper)

    def _recompute_paths(self) -> None:
        f = self._expression
        paths = descend_runs(f, self._start, self._settings) \
            if f is not None and len(self._start) == f.dimension else {}
        self._paths, self.paths_of = paths, f     # paths_of: the f they descend
        self.pathsChanged.emit(paths)
        self._set_frame(min(self._frame, self.last_frame))

    # --- presets --------------------------------------------------------------
    def load_preset(self, preset: dict) -> None:
        """Apply a preset (see resources/presets.json): text, window, start, descent."""
        self.pause()
        self._preset = preset
        self._user_window, self._frame_for = False, None
        self._setups.forget()
        expr = (self.parsed_ahead or {}).get(preset["expr"])    # parsed ahead: no sympy yet
        if expr is None:
            from engine.expression import parse
            expr = parse(preset["expr"])
        self._window = tuple(tuple(map(float, w)) for w in preset["window"])
        self._start = tuple(map(float, preset["start"]))
        self._start_given = preset["expr"]
        self._typed_framing.cancel()
        self._settings = preset_settings(preset)
        self._frame = 0
        self._text = preset["expr"]
        self._set_error(None)
        self.textChanged.emit(self._text)
        self.windowChanged.emit(self._window)
        self.startChanged.emit(self._start)
        self.settingsChanged.emit(self._settings)
        self.frameChanged.emit(0)
        self.presetChanged.emit(preset)
        axes = preset.get("slice_axes")           # a new set-up: the first two unless named
        self.set_slice_axes(tuple(axes) if axes else None)
        self._request_analysis(expr, self._window, preset["expr"])

    def shutdown(self) -> None:
        """Stop the timer and the worker: call when the window closes."""
        self.pause()
        self._typed_framing.shutdown()
        self._worker.shutdown()

