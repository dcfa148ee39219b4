"""A typed function of two variables, framed so its features are seen, and a start that
is not already on one of them.

Himmelblau's f typed after the default example kept ±4 × ±3: two of its four minima off
the map, and the carried start (3, 2) exactly on a minimum, so every run stood still
("converged at step 0"). Now, once such an f is in, its critical points are searched on
the window grown by half its size on each side (gui.compute.feature_search); if some lie
outside the window, it re-frames to hold them all — unless the user chose the window
(zoomed or panned, even before typing: typing keeps it) or moved it since the f came, or
the points reach the search box's rim (sin x cos y: features go on past any window, the
window is as good as any). A start on a critical point of the new f moves off it, and
the status message says so. Presets, sessions and Undo bring their own window and start:
not re-framed."""
from __future__ import annotations

import math

import numpy as np

from PySide6.QtCore import QTimer

from gui.compute.feature_search import FeatureSearch
from gui.plots.slice import format_held

GROWTH = 0.5       # the search box adds this much of the window's width on each side
RIM = 0.1          # points this close to the search box's edge (fraction of it): no frame
MARGIN = 0.2       # the frame adds this much of the points' span on each side
SPREAD = 0.7       # points spanning more of the search box than this: no frame
SEARCH_AFTER_MS = 250     # the search starts once no new f came for this long
# Where a start moved off a critical point may go, as fractions of the window, in order
# of preference (the default start's three quarters first); the farthest from the
# critical points wins, ties to the earlier.
START_FRACTIONS = tuple((a, b) for a in (0.75, 0.25, 0.6, 0.4, 0.85, 0.15)
                        for b in (0.75, 0.25, 0.6, 0.4, 0.85, 0.15))


def search_box(window) -> tuple:
    """The window grown by GROWTH of its width on each side, per variable."""
    return tuple((lo - GROWTH * (hi - lo), hi + GROWTH * (hi - lo)) for lo, hi in window)


def frame_for_points(points, window, box):
    """The window that holds `points` (n, d) with a MARGIN, at least as large as
    `window` and centred on them, its ends on a round step (a tenth of a power of ten,
    the same for every variable); None when every point is in `window` already, or some lie in the RIM of `box`."""
    points = np.asarray(points, dtype=float).reshape(-1, len(window))
    if not len(points):
        return None
    lo, hi = points.min(axis=0), points.max(axis=0)
    inside = all(a <= p_lo and p_hi <= b for (a, b), p_lo, p_hi in zip(window, lo, hi))
    rim = [RIM * (b - a) for a, b in box]
    at_rim = any(p_lo < a + r or p_hi > b - r for (a, b), r, p_lo, p_hi in zip(box, rim, lo, hi))
    # points spread over most of the box: a pattern that goes on (sin(x)·y's saddles at
    # kπ, ±2π just inside the rim, were framed at ±9), as good in any window
    spread = any(p_hi - p_lo > SPREAD * (b - a) for (a, b), p_lo, p_hi in zip(box, lo, hi))
    if inside or at_rim or spread:
        return None
    halves = [max((0.5 + MARGIN) * (p_hi - p_lo), (b - a) / 2)
              for (a, b), p_lo, p_hi in zip(window, lo, hi)]
    step = 10.0 ** math.floor(math.log10(2 * max(halves))) / 10    # 1 for a width of 10
    centres = (lo + hi) / 2
    return tuple((float(math.floor((c - h) / step) * step), float(math.ceil((c + h) / step) * step))
                 for c, h in zip(centres, halves))


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
        if not (math.isfinite(f(*x)) and np.all(np.isfinite(g)) and np.any(g != 0)):
            continue
        distance = float(np.min(np.linalg.norm((points - x) / widths, axis=1))) \
            if len(points) else math.inf
        if distance > best_distance + 1e-9:
            best, best_distance = x, distance
    return best


class TypedFraming:
    """The model's part that frames a typed 2-D f (see the module): `begin` when the f
    comes in; the answer re-frames and moves the start through the model's setters."""

    def __init__(self, model):
        self.model = model
        self.search = FeatureSearch(model)
        self.search.found.connect(self._on_found)
        self._asked = None      # (expr, window, start, user window) of the newest f
        # searched once typing rests: a search per key took the GIL (its pool thread is
        # in-process) from the next keys' pictures and queued behind them
        self._rest = QTimer(model, singleShot=True, interval=SEARCH_AFTER_MS)
        self._rest.timeout.connect(self._search)

    def begin(self, expr, text: str) -> None:
        m = self.model
        self._asked, self._text = (expr, m.window, m.start, m.user_window), text
        self._rest.start()

    def cancel(self) -> None:
        """A preset, session or Undo brings its own window and start: no answer for an
        f typed before it may re-frame them."""
        self._asked = None
        self._rest.stop()

    def _search(self) -> None:
        if self._asked is not None:
            _, window, start, _ = self._asked
            self.search.request(self._asked, self._text, search_box(window), start, window)

    def _on_found(self, asked, features) -> None:
        if asked is not self._asked:            # a newer f was typed meanwhile
            return
        self._asked = None
        expr, window, start, user_window = asked
        m = self.model
        undefined = not _defined_at(expr, start)
        if m.expression is not expr or (features is None and not undefined):
            return
        points = features.points if features is not None else ()
        frame = None if user_window or m.window != window or features is None else \
            frame_for_points(points, window, search_box(window))
        if frame is not None:
            m.reframe(frame)
        moved_by_user = m.start != start
        start_kind = features.start_kind if features is not None else None
        if moved_by_user or not (start_kind or undefined or _outside(start, m.window)):
            return
        new_start = start_away(expr, m.window, points)
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
        elif start_kind:
            m.notice.emit(f"The start {point_text(start)} is a {start_kind} of the "
                          f"new f (∇f = 0: no run would move); moved to {point_text(new_start)}."
                          " Click the map to start elsewhere.")

    def wait_idle(self, timeout_ms: int) -> bool:
        if self._rest.isActive():          # scripts and tests: not waiting for the rest
            self._rest.stop()
            self._search()
        return self.search.wait_idle(timeout_ms)

    def shutdown(self) -> None:
        self._asked = None
        self._rest.stop()
        self.search.shutdown()


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
