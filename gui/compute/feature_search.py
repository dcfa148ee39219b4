"""A typed f's critical points on a box wider than the window, and what its carried start
is, searched in a pool thread (numbers only: the numeric reader, no sympy), for
`gui.plots.typed_framing`. 65 ms for Himmelblau's f on 16 × 12, up to ~0.4 s (Beale's):
too long for the GUI thread, short beside the symbolic analysis."""
from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import (QCoreApplication, QElapsedTimer, QEventLoop, QObject, QRunnable,
                            QThreadPool, QTimer, Signal)

from gui.compute.qt_guard import qt_override


class Features(NamedTuple):
    """What the search found: points (n, d), the isolated critical points in the box;
    start_kind, the kind (engine.calculus.KINDS) of the critical point the start is on,
    or None when ∇f does not vanish there."""
    points: object
    start_kind: str | None


class FeatureSearch(QObject):
    """found(token, Features or None) for each request(token, text, box, start, window),
    in the GUI thread; None when the numeric reader refuses the text."""
    found = Signal(object, object)
    _answered = Signal(object, object)      # from the pool thread

    def __init__(self, parent=None):
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._pending, self.newest = 0, None
        # counted and passed on in one slot: with `found` counted by a slot of its own, a
        # wait could end between the two and the answer reach the model a request later
        self._answered.connect(self._on_answered)

    def request(self, token, text: str, box, start, window) -> None:
        self.newest = token             # an older job still queued answers None at once
        self._pending += 1
        self._pool.start(_SearchJob(self, token, text, box, start, window))

    def _on_answered(self, token, result):
        self._pending -= 1
        self.found.emit(token, result)

    def wait_idle(self, timeout_ms: int) -> bool:
        """Process events until every answer came (tests, scripts)."""
        timer, waker = QElapsedTimer(), QTimer(interval=5)
        timer.start(), waker.start()
        while self._pending and timer.elapsed() < timeout_ms:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        waker.stop()
        return not self._pending

    def shutdown(self) -> None:
        self._pool.waitForDone(5000)


class _SearchJob(QRunnable):
    def __init__(self, search, token, text, box, start, window):
        super().__init__()
        self.search, self.token, self.text = search, token, text
        self.box, self.start, self.window = box, start, window

    @qt_override
    def run(self):
        from engine.calculus import classify, critical_points_numeric, is_critical_at
        from engine.numeric_expression import parse_numeric
        result = None
        try:
            f = parse_numeric(self.text) if self.token is self.search.newest else None
            if f is not None and f.dimension == len(self.box):
                on_point = is_critical_at(f, self.start, self.window)
                result = Features(critical_points_numeric(f, self.box),
                                  classify(f, self.start, self.window).kind if on_point else None)
        except Exception:   # noqa: BLE001 - a search that fails frames nothing
            result = None
        try:
            self.search._answered.emit(self.token, result)
        except RuntimeError:       # the model was deleted meanwhile (the window closed)
            pass
