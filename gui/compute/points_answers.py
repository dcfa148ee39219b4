"""AnalysisWorker's part that takes the points helper's answers (gui.compute.analysis_worker),
and the window searched ahead: with a typed f's wider box, the helper also works out the
frame gui.plots.typed_framing will re-frame to (gui.compute.frame_rules) and searches it
at once. The re-frame's request then takes those points, or waits for them, instead of
asking again (one more round trip after the re-frame's paint: ~80-150 ms to settle)."""
from __future__ import annotations

from collections import namedtuple

from gui.compute import symbolic_memo

# the frame searched ahead for `text` by the points helper's request `request`; `points`
# None until they come
Ahead = namedtuple("Ahead", "text frame request points")


class PointsAnswers:
    """AnalysisWorker's part: `_on_points` / `_on_points_failed` on the points child's
    signals; `_points_ahead` in `request`; `falling_direction` of a text, once found."""

    @staticmethod
    def falling_direction(text: str):
        """(d,) tuple along which the f of `text` is proved unbounded below
        (engine.unbounded.falling_direction, in the points helper); None: not, or not yet
        known (`falling` says when it comes)."""
        return symbolic_memo.recall_falling(text)

    _ahead = None

    def _on_points(self, child_request, value):
        kind = value[0]
        if kind == "falling":        # f's alone, named by its text: kept from any request
            symbolic_memo.remember_falling(value[1], value[2])
            self.falling.emit(value[1])
            return
        if kind == "frame points":
            ahead = self._ahead
            if ahead is not None and ahead.request == child_request:
                self._ahead = ahead._replace(points=value[2])
                if self._points_request == child_request and self._points is None:
                    self._take_points(value[2])     # a re-frame's request was waiting
                    self._complete()
            return
        if child_request != self._points_request:
            return
        if kind == "points":
            self._take_points(value[1])
        elif kind == "box points":
            self._box_points = value[1]
            frame = value[2] if len(value) > 2 else None
            self._ahead = None if frame is None else Ahead(
                self._asked[0], tuple(map(tuple, frame)), child_request, None)
        self._complete()

    def _points_ahead(self, text, bounds, points_box) -> bool:
        """This request's points were searched ahead (they are taken, or awaited from the
        helper's request already under way): nothing to ask the points helper."""
        ahead = self._ahead
        if ahead is None or points_box is not None or (ahead.text, ahead.frame) != (text, bounds):
            if ahead is not None and ahead.text != text:
                self._ahead = None
            return False
        if ahead.points is not None:
            self._take_points(ahead.points)
        else:
            self._points_request = ahead.request
        return True

    def _points_in(self) -> bool:
        """The points of the newest request are in (in its points_box too, if asked)."""
        return self._points is not None and (self._box is None or self._box_points is not None)

    def _take_points(self, points):
        for cp in points:                   # frozen all the way down, as the engine's
            for a in (cp.point, cp.gradient, cp.hessian, cp.eigenvalues):
                a.flags.writeable = False
        self._points = tuple(points)

    def _on_points_failed(self, child_request, message):
        if self._ahead is not None and self._ahead.request == child_request:
            self._ahead = None
        if child_request == self._points_request:
            self._points_failure = message
            self._complete()
