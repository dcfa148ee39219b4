"""The explorer's state: one QObject whose signals fire only on real change.

Views subscribe in their __init__ (model → view) and push edits back through the
setters here (view → model). Numbers come from the engine; slow symbolic work goes
to `AnalysisWorker`, and only the newest answer is applied.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np
from PySide6.QtCore import QObject, Signal

from engine.expression import Expression, ExpressionError, parse
from engine.optimizers import HYPERPARAMETERS, METHODS, Path, descend

from gui.compute.analysis_worker import AnalysisWorker
from gui.compute.playback import Playback
from gui.plots.view_states import ViewStates
from gui.plots.framing import (DEFAULT_WINDOW_1D, DEFAULT_WINDOW_2D,  # noqa: F401 - re-exported
                               default_window, frame_critical_points)

DEFAULT_TEXT = "x^2 + 2y^2"


@dataclass(frozen=True)
class DescentSettings:
    """What the descent panel sets; one `descend` call per method."""
    methods: tuple[str, ...] = ("gd",)
    lr: float = 0.1
    hyper: dict = field(default_factory=dict)     # method -> {name: value}
    noise: float = 0.0
    clip: float | None = None
    max_steps: int = 100
    seed: int = 0


def preset_settings(preset: dict) -> DescentSettings:
    """Every descent setting an example sets: its own values, the defaults for the rest
    (noise left on from before would make its caption's numbers wrong)."""
    d, clip = DescentSettings(), preset.get("clip")
    return DescentSettings(
        methods=tuple(preset.get("methods", d.methods)), lr=float(preset.get("lr", d.lr)),
        hyper={m: {k: tuple(v) if isinstance(v, list) else v for k, v in h.items()}
               for m, h in preset.get("hyper", {}).items()},
        noise=float(preset.get("noise", d.noise)), clip=None if clip is None else float(clip),
        max_steps=int(preset.get("max_steps", d.max_steps)), seed=int(preset.get("seed", d.seed)))


class LandscapeModel(QObject):
    # Subclasses that show only numbers (the neuron's loss landscape) set False: their
    # worker compiles f, ∇f and H but skips typesetting and the critical-point search.
    SYMBOLIC = True

    textChanged = Signal(str)
    errorChanged = Signal(object)          # ExpressionError, or None when the text is valid
    expressionChanged = Signal(object)     # a compiled Expression (valid ones only)
    formulasChanged = Signal(object)       # tuple[engine.analysis.Formula]
    criticalPointsChanged = Signal(object) # tuple[engine.calculus.CriticalPoint]
    windowChanged = Signal(object)         # ((lo, hi),) or ((xlo, xhi), (ylo, yhi))
    startChanged = Signal(object)          # tuple, one coordinate per variable
    settingsChanged = Signal(object)       # DescentSettings
    pathsChanged = Signal(object)          # dict method -> engine.optimizers.Path
    frameChanged = Signal(int)             # how many steps of each path are shown
    playingChanged = Signal(bool)
    busyChanged = Signal(bool)             # symbolic work under way
    presetChanged = Signal(object)         # the preset dict last loaded, or None
    sliceAxesChanged = Signal(object)      # (name, name) shown by the map for d > 2, or None

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
        self._slice_axes: tuple[str, str] | None = None   # None: the first two variables
        self._user_window = False     # the user zoomed or panned: typing keeps the window
        self._frame_for = None        # a typed 1-D function: framed when its points come
        self.view_states = ViewStates()   # the views' part of a session (camera, switches)
        self._requested = None                  # the expression last sent to the worker
        self._requested_text = ""               # ... and the text it was parsed from
        self._restore_frame: int | None = None   # a loaded session's frame, once paths exist
        self.playback = Playback(self, self._interval(), lambda: self.last_frame > 0)
        self.playback.ticked.connect(self._on_tick)
        self.playback.playingChanged.connect(self.playingChanged)
        self._worker = AnalysisWorker(self, symbolic=self.SYMBOLIC)
        self._worker.finished.connect(self._on_analysis)
        self._worker.busyChanged.connect(self.busyChanged)

    # --- read-only state ------------------------------------------------------
    text = property(lambda self: self._text)
    error = property(lambda self: self._error)
    expression = property(lambda self: self._expression)
    formulas = property(lambda self: self._formulas)
    critical_points = property(lambda self: self._critical)
    window = property(lambda self: self._window)
    start = property(lambda self: self._start)
    settings = property(lambda self: self._settings)
    paths = property(lambda self: self._paths)
    frame = property(lambda self: self._frame)
    speed = property(lambda self: self._speed)
    preset = property(lambda self: self._preset)
    slice_axes = property(lambda self: self._slice_axes)

    @property
    def playing(self) -> bool:
        return self.playback.playing

    @property
    def dimension(self) -> int:
        return self._expression.dimension if self._expression is not None else 2

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

    @property
    def last_frame(self) -> int:
        """The frame at which every path has ended."""
        return max((len(p.points) - 1 for p in self._paths.values()), default=0)

    # --- expression -----------------------------------------------------------
    def set_text(self, text: str) -> None:
        """Parse now (fast and guarded); compile and analyse in the worker.

        Invalid text only sets `error`: the last valid expression stays on screen.
        """
        if text == self._text:
            return
        self._text = text
        self.textChanged.emit(text)
        try:
            expr = parse(text)
        except ExpressionError as exc:
            self._set_error(exc)
            return
        self._set_error(None)
        if expr != self._requested:
            # a typed function of one variable opens framing its critical points
            # (gui.plots.framing), found on the default window unless the user chose one
            self._frame_for = expr if expr.dimension == 1 and not self._user_window else None
            window = DEFAULT_WINDOW_1D if self._frame_for is not None else self._window_for(expr)
            self._request_analysis(expr, window, text)

    def _set_error(self, error):
        if (error is None) != (self._error is None) or (
                error is not None and str(error) != str(self._error)):
            self._error = error
            self.errorChanged.emit(error)

    def _window_for(self, expr: Expression) -> tuple:
        if len(self._window) == expr.dimension:
            return self._window
        return default_window(expr.dimension)

    def _request_analysis(self, expr, window, text):
        # The newest request wins in the worker, so later requests (a new window) must
        # name the expression still on its way, not the one on screen.
        self._requested, self._requested_text = expr, text
        # The 2-D views and the paths use f and (f, ∇f) only; H (Newton's method) and ∇f
        # alone (the 1-D curve, hover) are half the compile time: they compile on use.
        everything = expr.dimension == 1 or "newton" in self._settings.methods
        self._worker.request(expr, window, text=text, everything=everything)

    def _on_analysis(self, analysis) -> None:
        """The worker's answers: compiled only (formulas and critical points None),
        then with critical points, then complete."""
        expr = analysis.expression
        if expr is not self._expression:
            self._expression = expr
            self._critical = ()       # the old function's points would be wrong here
            if len(self._window) != expr.dimension:      # e.g. from x^2 + y^2 to x^3
                self._window = analysis.bounds
                self.windowChanged.emit(self._window)
            if len(self._start) != expr.dimension:
                self._start = self._default_start(self._window)
                self.startChanged.emit(self._start)
            self.expressionChanged.emit(expr)
            self.criticalPointsChanged.emit(self._critical)
            self._recompute_paths()
            if self._restore_frame is not None:
                self._set_frame(self._restore_frame)
                self._restore_frame = None
        if analysis.critical_points is not None and analysis.critical_points is not self._critical:
            self._critical = analysis.critical_points
            self.criticalPointsChanged.emit(self._critical)
            if self._frame_for is expr:
                self._frame_for = None
                window, start = frame_critical_points(
                    expr, [cp.point[0] for cp in self._critical], analysis.bounds)
                self.set_window(window)
                self._user_window = False
                self.set_start(start)
        if analysis.formulas is not None:
            self._formulas = analysis.formulas
            self.formulasChanged.emit(self._formulas)

    @staticmethod
    def _default_start(window) -> tuple:
        # three quarters of the way to the upper corner: visibly away from most minima
        return tuple(float(lo + 0.75 * (hi - lo)) for lo, hi in window)

    def wait_for_analysis(self, timeout_ms: int = 10000) -> bool:
        """Block (processing events) until no analysis is pending; for tests and scripts."""
        return self._worker.wait_idle(timeout_ms)

    # --- window and start ----------------------------------------------------
    def set_window(self, window) -> None:
        window = tuple((float(lo), float(hi)) for lo, hi in window)
        if window == self._window or any(not hi > lo for lo, hi in window):
            return
        self._user_window, self._frame_for = True, None
        self._window = window
        self.windowChanged.emit(window)
        if self._requested is not None:
            self._request_analysis(self._requested, window,   # critical points in view
                                   self._requested_text)

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
        f, s = self._expression, self._settings
        paths = {}
        if f is not None and len(self._start) == f.dimension:
            for method in s.methods:
                paths[method] = descend(
                    f, self._start, method=method, lr=(None if method == "newton" else s.lr),
                    steps=s.max_steps, noise=s.noise, clip=s.clip, seed=s.seed,
                    **s.hyper.get(method, {}))
        self._paths = paths
        self.pathsChanged.emit(paths)
        self._set_frame(min(self._frame, self.last_frame))

    # --- animation ------------------------------------------------------------
    def _set_frame(self, frame: int) -> None:
        frame = int(np.clip(frame, 0, self.last_frame))
        if frame != self._frame:
            self._frame = frame
            self.frameChanged.emit(frame)

    def set_frame(self, frame: int) -> None:
        self._set_frame(frame)

    def play(self) -> None:
        if self._frame >= self.last_frame:
            self._set_frame(0)
        self.playback.play()

    def pause(self) -> None:
        self.playback.pause()

    def toggle_play(self) -> None:
        self.pause() if self.playing else self.play()

    def step(self) -> None:
        self._set_frame(self._frame + 1)

    def step_back(self) -> None:
        self._set_frame(self._frame - 1)

    def reset(self) -> None:
        self.pause()
        self._set_frame(0)

    def set_speed(self, steps_per_second: float) -> None:
        self._speed = float(np.clip(steps_per_second, 0.5, 240.0))
        self.playback.set_interval(self._interval())

    def _interval(self) -> int:
        return max(1, int(round(1000.0 / self._speed)))

    def _on_tick(self) -> None:
        if self._frame >= self.last_frame:
            self.pause()
        else:
            self._set_frame(self._frame + 1)

    # --- presets --------------------------------------------------------------
    def load_preset(self, preset: dict) -> None:
        """Apply a preset (see resources/presets.json): text, window, start, descent."""
        self.pause()
        self._preset = preset
        self._user_window, self._frame_for = False, None
        expr = parse(preset["expr"])
        self._window = tuple(tuple(map(float, w)) for w in preset["window"])
        self._start = tuple(map(float, preset["start"]))
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

    # --- saved sessions ---------------------------------------------------------
    def get_state(self) -> dict:
        """Everything the user set up, as plain JSON-ready values."""
        s = self._settings
        return {"text": self._text, "window": [list(w) for w in self._window],
                "start": list(self._start), "frame": self._frame, "speed": self._speed,
                "descent": {"methods": list(s.methods), "lr": s.lr,
                            "hyper": {m: {k: list(v) if isinstance(v, tuple) else v
                                          for k, v in h.items()} for m, h in s.hyper.items()},
                            "noise": s.noise, "clip": s.clip, "max_steps": s.max_steps,
                            "seed": s.seed},
                "slice_axes": list(self._slice_axes) if self._slice_axes else None,
                "preset": self._preset,      # the example (its caption) still on screen
                "views": self.view_states.get_state()}

    @staticmethod
    def check_state(state: dict) -> None:
        """Raise ValueError naming the first problem; applies nothing."""
        parse(state["text"])
        window, start = state["window"], state["start"]
        if not (len(window) == len(start) == parse(state["text"]).dimension):
            raise ValueError("window and start do not match the expression's variables")
        if any(not float(hi) > float(lo) for lo, hi in window):
            raise ValueError("the window is empty")
        d = state["descent"]
        if not d["methods"] or any(m not in METHODS for m in d["methods"]):
            raise ValueError(f"unknown optimizer in {d['methods']}")
        if not float(d["lr"]) > 0 or int(d["max_steps"]) < 1:
            raise ValueError("learning rate and max steps must be positive")
        for method, values in d.get("hyper", {}).items():
            unknown = set(values) - set(HYPERPARAMETERS.get(method, ()))
            if unknown:
                raise ValueError(f"unknown setting {sorted(unknown)[0]!r} for {method!r}")

    def set_state(self, state: dict) -> None:
        """Apply a state from get_state (checked first: a bad one changes nothing)."""
        self.check_state(state)
        d = state["descent"]
        preset = {"expr": state["text"], "window": state["window"], "start": state["start"],
                  "methods": d["methods"], "lr": d["lr"], "max_steps": d["max_steps"],
                  "name": "", "caption": ""}
        self.load_preset(preset)
        self._preset = None
        self.presetChanged.emit(None)
        clip = d.get("clip")
        self.set_settings(hyper={m: {k: tuple(v) if isinstance(v, list) else v   # JSON lists
                                     for k, v in h.items()} for m, h in d.get("hyper", {}).items()},
                          noise=float(d.get("noise", 0.0)), seed=int(d.get("seed", 0)),
                          clip=None if clip is None else float(clip))
        self.set_speed(float(state.get("speed", self._speed)))
        axes = state.get("slice_axes")
        self.set_slice_axes(tuple(map(str, axes)) if axes and len(axes) == 2 else None)
        self._restore_frame = int(state.get("frame", 0))
        example = state.get("preset")
        if isinstance(example, dict) and isinstance(example.get("caption"), str):
            self._preset = example
            self.presetChanged.emit(example)
        self.view_states.set_state(state.get("views", {}))    # last: a preset resets the camera

    def shutdown(self) -> None:
        """Stop the timer and wait for the worker: call when the window closes."""
        self.pause()
        self._worker.shutdown()

