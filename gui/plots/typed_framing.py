"""A typed function of two variables, framed so its features are seen, and a start that
is not already on one of them.

Himmelblau's f typed after the default example kept ±4 × ±3: two of its four minima off
the map, and the carried start (3, 2) exactly on a minimum, so every run stood still
("converged at step 0"). Now the points helper (gui.compute.analysis_worker), after the
window's critical points (the views'), searches such an f's on the window grown by half
its size on each side (`search_box`, numerically); if some lie outside the window, it
re-frames to hold them all — unless the user chose
the window (zoomed or panned, even before typing: typing keeps it) or moved it since the f
came, or the points reach the search box's rim or spread over most of it (sin x cos y:
features go on past any window, the window is as good as any). A start on a critical
point of the new f moves off it, and the status message says so. Presets, sessions and
Undo bring their own window and start: not re-framed. (The wider search ran in a thread
of the app's own process before, holding the GIL while the GUI thread painted.)"""
from __future__ import annotations

import math

import numpy as np

from PySide6.QtCore import QTimer

from gui.compute.frame_rules import frame_for_points, search_box  # noqa: F401 (the model's, tests')
from gui.plots.slice import format_held

AT_POINT = 1e-6    # a start this close to a critical point (fraction of the window) is on it
# Where a start moved off a critical point may go, as fractions of the window, in order
# of preference (the default start's three quarters first); the farthest from the
# critical points wins, ties to the earlier.
START_FRACTIONS = tuple((a, b) for a in (0.75, 0.25, 0.6, 0.4, 0.85, 0.15)
                        for b in (0.75, 0.25, 0.6, 0.4, 0.85, 0.15))


def start_away(f, window, points) -> tuple:
    """A start in `window` ((lo, hi) per variable) as far from the critical points
    (n, d) as START_FRACTIONS allow (distances in fractions of the window), where f and
    ∇f are finite and ∇f is not 0."""
    widths = np.array([b - a for a, b in window])
    points = np.asarray(points, dtype=float).reshape(-1, len(window))
    best, best_distance = None, -1.0
    for fractions in START_FRACTIONS:
        x = tuple(round(a + t * (b - a), 6) for (a, b), t in zip(window, fractions))
        g = np.asarray(f.gradient(*x), dtype=float)
        if not (_defined_at(f, x) and np.all(np.isfinite(g)) and np.any(g != 0)):
            continue
        distance = float(np.min(np.linalg.norm((points - x) / widths, axis=1))) \
            if len(points) else math.inf
        if distance > best_distance + 1e-9:
            best, best_distance = x, distance
    return best


class TypedFraming:
    """The model's part that frames a typed 2-D f (see the module): `begin` when the f
    comes in, `found` with the points in its box (AnalysisWorker.searched, maybe before:
    an answer from symbolic_memo); the decision, a turn later, re-frames and moves the
    start through the model's setters."""

    def __init__(self, model):
        self.model = model
        self._asked = None      # (expr, window, start, user window, search box) of the newest f
        self._found = None      # (expr, points (n, 2) in its search box)
        # a turn later: inside the worker's answer a re-frame's request would start while
        # that answer is still being handed out
        self._later = QTimer(model, singleShot=True, interval=0)
        self._later.timeout.connect(self._decide)

    pending = property(lambda self: self._later.isActive())   # found, not decided yet

    def begin(self, expr, box) -> None:
        """`expr` came in, its points searched in `box` too (None: in the window alone,
        the user's choice: no frame, a start on a point still moves)."""
        m = self.model
        self._asked = (expr, m.window, m.start, m.user_window, box)
        if box is None or (self._found and self._found[0] is expr):
            self._later.start()
        else:
            self._later.stop()

    def found(self, expr, points) -> None:
        """`points` (n, 2) of `expr`, found in the box it was asked with."""
        self._found = (expr, points)
        if self._asked is not None and self._asked[0] is expr:
            self._later.start()

    def cancel(self) -> None:
        """A preset, session or Undo brings its own window and start: no answer for an
        f typed before it may re-frame them."""
        self._asked = self._found = None
        self._later.stop()

    def _decide(self) -> None:
        asked, self._asked = self._asked, None
        m = self.model
        if asked is None or m.expression is not asked[0]:
            return
        expr, window, start, user_window, box = asked
        found = self._found[1] if self._found and self._found[0] is expr else ()
        xy = np.asarray(found, dtype=float).reshape(-1, len(window))
        frame = None if user_window or box is None or m.window != window else frame_for_points(
            xy, window, box)
        if frame is not None:
            m.reframe(frame)
        kind = kind_at(start, m.critical_points, window)
        undefined = not _defined_at(expr, start)
        if m.start != start or not (kind or undefined or _outside(start, m.window)):
            return                   # moved by the user meanwhile, or fine where it is
        new_start = start_away(expr, m.window, xy if len(xy) else
                               [cp.point for cp in m.critical_points])
        if new_start is None:
            if undefined:
                m.notice.emit(f"The new f is undefined at the start {point_text(start)} "
                              "(outside its domain). Click the map where f is defined.")
            return
        m.set_start(new_start)
        if undefined:       # log(x+y) typed with the start at (1.2, −3.5): x + y = −2.3
            m.notice.emit(f"The start {point_text(start)} is outside the new f's domain "
                          f"(f is undefined there); moved to {point_text(new_start)}."
                          " Click the map to start elsewhere.")
        elif kind:
            m.notice.emit(f"The start {point_text(start)} is a {kind} of the new f (∇f = 0:"
                          f" no run would move); moved to {point_text(new_start)}."
                          " Click the map to start elsewhere.")

    def shutdown(self) -> None:
        self.cancel()


def kind_at(point, points, window) -> str | None:
    """The kind of the critical point among `points` that `point` is on (within AT_POINT
    of `window`'s width per variable), or None."""
    tolerance = AT_POINT * np.array([b - a for a, b in window])
    return next((cp.kind for cp in points
                 if np.all(np.abs(np.asarray(point) - cp.point) <= tolerance)), None)


def point_text(point) -> str:
    """ "(3, 2)": a point as the status message reads it."""
    return "(" + ", ".join(format_held(v) for v in point) + ")"


def _defined_at(f, point) -> bool:
    """f has a finite value at `point` (a start outside log's domain has none)."""
    try:
        return math.isfinite(float(f(*point)))
    except (ArithmeticError, ValueError, TypeError):
        return False


def _outside(point, window) -> bool:
    return any(not a <= v <= b for v, (a, b) in zip(point, window))

