"""What the contour map and the surface observe: the LandscapeModel itself for one or
two variables, and for three or more its slice through the current iterate.

`SliceModel` has the signals and properties of `LandscapeModel` that the two-variable
views use (expression, window, start, paths, critical_points, frame, set_window,
set_start …). With d ≤ 2 variables it passes them through unchanged, so those views
behave exactly as before. With d > 2 it shows them a `SlicedExpression` in the two
variables the user picked (LandscapeModel.slice_axes), the others held at the current
iterate of the first path (the start before any path): each frame moves the slice,
and the views redraw it as they would a new function. Paths and critical points are
projected onto the slice; the window and a click on the map change only the two shown
coordinates. Anything else is read from the LandscapeModel.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from gui.plots.slice import (SlicedExpression, held_text, project_critical_point,
                             project_path, slice_axes)

# While playing, the slice follows the iterate at most this often: a new slice is a new
# map and surface (~60 ms of sampling and drawing), the paths still move every frame.
FOLLOW_MS = 150


class SliceModel(QObject):
    expressionChanged = Signal(object)
    sketchChanged = Signal(object)     # LandscapeModel.sketchChanged, passed on (2-D only)
    firstPicture = Signal(object)      # ... and its firstPicture
    windowChanged = Signal(object)
    criticalPointsChanged = Signal(object)
    pathsChanged = Signal(object)
    frameChanged = Signal(int)
    startChanged = Signal(object)
    presetChanged = Signal(object)
    playingChanged = Signal(bool)
    sliceChanged = Signal(object)      # SlicedExpression, or None for d ≤ 2

    def __init__(self, model, parent=None):
        super().__init__(parent)
        self.model = model
        self._sliced: SlicedExpression | None = None
        self._paths: dict = {}
        self._follow = QTimer(self, singleShot=True, interval=FOLLOW_MS)
        self._follow.timeout.connect(self._move_slice)
        model.expressionChanged.connect(self._on_expression)
        model.sketchChanged.connect(self.sketchChanged)   # the model sends only 2-D ones
        model.firstPicture.connect(self.firstPicture)
        model.windowChanged.connect(self._on_window)
        model.criticalPointsChanged.connect(self._on_critical_points)
        model.pathsChanged.connect(self._on_paths)
        model.frameChanged.connect(self._on_frame)
        model.startChanged.connect(self._on_start)
        model.presetChanged.connect(self.presetChanged)
        model.playingChanged.connect(self.playingChanged)
        model.sliceAxesChanged.connect(self._on_axes)
        self._update_slice(emit=False)

    def __getattr__(self, name):
        # Only for names this class does not define (frame, settings, playing, …).
        return getattr(self.__dict__["model"] if "model" in self.__dict__ else None, name)

    # --- what the views read ----------------------------------------------------------
    @property
    def sliced(self) -> SlicedExpression | None:
        """The slice shown (d > 2), or None (d ≤ 2: the views show f itself)."""
        return self._sliced

    @property
    def axes(self) -> tuple[int, int]:
        return self._sliced.axes if self._sliced is not None else (0, 1)

    @property
    def expression(self):
        return self._sliced if self._sliced is not None else self.model.expression

    @property
    def window(self):
        return self._in_slice(self.model.window)

    @property
    def start(self):
        return self._in_slice(self.model.start)

    def _in_slice(self, per_variable: tuple) -> tuple:
        """The entries of the two shown variables (as they are when nothing is sliced,
        or when `per_variable` is not yet of the sliced function's dimension)."""
        if self._sliced is None or len(per_variable) != self._sliced.full.dimension:
            return per_variable
        return tuple(per_variable[a] for a in self.axes)

    @property
    def paths(self) -> dict:
        return self._paths if self._sliced is not None else self.model.paths

    @property
    def paths_current(self) -> bool:
        """Whether `paths` descend the f shown: False from a new f's expressionChanged to
        its pathsChanged (the model computes them after telling the views of f)."""
        return getattr(self.model, "paths_of", None) is self.model.expression

    @property
    def critical_points(self):
        points = self.model.critical_points
        if self._sliced is None:
            return points
        d = self._sliced.full.dimension
        return tuple(project_critical_point(cp, self.axes) for cp in points
                     if len(cp.point) == d)

    @property
    def slice_text(self) -> str:
        """ "slice at b = 0.31": the held variables, for the plot; "" for d ≤ 2."""
        return f"slice at {held_text(self._sliced.held)}" if self._sliced is not None else ""

    # --- what the views change ------------------------------------------------------------
    def set_window(self, window) -> None:
        self.model.set_window(self._full(self.model.window, window))

    def set_start(self, point) -> None:
        self.model.set_start(self._full(self.model.start, point))

    def _full(self, full, shown):
        """`full` (one entry per variable) with the shown variables' entries replaced."""
        if self._sliced is None or len(full) != self._sliced.full.dimension:
            return shown
        out = list(full)
        for a, value in zip(self.axes, shown):
            out[a] = value
        return tuple(out)

    # --- the slice ------------------------------------------------------------------------
    def _update_slice(self, emit: bool = True) -> bool:
        """A new slice if f, the axes or the anchor changed; True if it did."""
        f = self.model.expression
        old = self._sliced
        if f is None or f.dimension <= 2:
            self._sliced, self._paths = None, {}
        else:
            anchor = self.model.current_point()   # the slice goes through it
            axes = slice_axes(f.variables, self.model.slice_axes)
            if anchor is None:
                anchor = old.point if old is not None and old.full is f else [0.0] * f.dimension
            point = tuple(float(v) for v in anchor)
            if old is None or old.full is not f or old.axes != axes or old.point != point:
                self._sliced = SlicedExpression(f, axes, point)
                self._paths = {m: project_path(p, self._sliced)
                               for m, p in self.model.paths.items()
                               if p.points.shape[1] == f.dimension}
        changed = self._sliced is not old
        if changed and emit:
            self.sliceChanged.emit(self._sliced)
        return changed

    def _resliced(self) -> bool:
        """A new slice of the f sliced, to be shown (True). Not when f has no slice now:
        the model made its new f of one or two variables current and tells the views of
        it next (startChanged, frameChanged come first); until then they keep the old
        slice, never None for f."""
        return self._update_slice() and self._sliced is not None

    def _emit_slice(self) -> None:
        """Everything the views draw from the slice, in the order the model sends it."""
        self.windowChanged.emit(self.window)
        self.expressionChanged.emit(self._sliced)
        self.criticalPointsChanged.emit(self.critical_points)
        self.startChanged.emit(self.start)
        self.pathsChanged.emit(self._paths)

    # --- model → views ----------------------------------------------------------------------
    def _on_expression(self, expr):
        old = self._sliced
        new_plane = self._update_slice() and self._sliced is not None and (
            old is None or old.full.dimension != expr.dimension or old.axes != self.axes)
        if new_plane:      # the model sent window and start before f: in all d variables
            self.windowChanged.emit(self.window)    # the views' range first, then the grid
        self.expressionChanged.emit(self.expression)
        if new_plane:
            self.startChanged.emit(self.start)

    def _on_window(self, window):
        self.windowChanged.emit(self.window)

    def _on_critical_points(self, _points):
        self.criticalPointsChanged.emit(self.critical_points)

    def _on_paths(self, paths):
        if self.model.expression is None or self.model.expression.dimension <= 2:
            self.pathsChanged.emit(paths)
            return
        if not self._update_slice():      # same anchor: only the projections are new
            self._paths = {m: project_path(p, self._sliced) for m, p in paths.items()
                           if p.points.shape[1] == self._sliced.full.dimension}
            self.pathsChanged.emit(self._paths)
            return
        self.expressionChanged.emit(self._sliced)
        self.pathsChanged.emit(self._paths)

    def _on_frame(self, frame):
        if self._sliced is not None:
            if not self.model.playing:
                self._move_slice()
            elif not self._follow.isActive():
                self._follow.start()
        self.frameChanged.emit(frame)

    def _move_slice(self):
        if self._sliced is not None and self._resliced():
            self.expressionChanged.emit(self._sliced)
            self.pathsChanged.emit(self._paths)

    def _on_start(self, start):
        if self._sliced is not None and not self.model.paths and self._resliced():
            self.expressionChanged.emit(self._sliced)
        self.startChanged.emit(self.start)

    def _on_axes(self, _names):
        if self._update_slice():
            self._emit_slice()
