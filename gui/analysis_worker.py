"""Runs engine.analysis.analyse off the GUI thread; only the newest request counts.

At most one job runs at a time. A request made while one runs replaces any
request still waiting (glue's "compute only the newest"), and an answer that is
older than the newest request is dropped, so a slow expression never shows late.
"""
from __future__ import annotations

import threading

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QObject, QRunnable, QThreadPool, Signal

from engine.analysis import Analysis, analyse


class _Job(QRunnable):
    def __init__(self, worker, request_id, expr, window):
        super().__init__()
        self.worker, self.request_id, self.expr, self.window = worker, request_id, expr, window
        self.symbolic = worker.symbolic

    def run(self):
        # First the compiled expression alone, so the numeric views can redraw at once;
        # then the slow part (typeset derivatives, critical points).
        try:
            self.expr.compile()
            bounds = tuple((float(lo), float(hi)) for lo, hi in self.window)
            if not self.symbolic:     # numbers only: no formulas, no critical points
                result = Analysis(self.expr, (), (), bounds)
            else:
                self.worker._done.emit(self.request_id, Analysis(self.expr, None, None, bounds),
                                       False)
                result = analyse(self.expr, self.window)
        except Exception as exc:  # never let a worker die silently
            result = exc
        self.worker._done.emit(self.request_id, result, True)


class AnalysisWorker(QObject):
    # engine.analysis.Analysis of the newest request: first with formulas and
    # critical_points None (compiled only), then complete.
    finished = Signal(object)
    failed = Signal(str)
    busyChanged = Signal(bool)
    _done = Signal(int, object, bool)   # from the pool thread; queued to the GUI thread

    def __init__(self, parent=None, symbolic: bool = True):
        """symbolic=False: compile only (views that need f and ∇f but no formulas)."""
        super().__init__(parent)
        self.symbolic = symbolic
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._latest = 0
        self._running = False
        self._waiting = None
        self._idle = threading.Event()
        self._idle.set()
        self._done.connect(self._on_done)

    def request(self, expr, window) -> None:
        self._latest += 1
        self._idle.clear()
        if self._running:
            self._waiting = (self._latest, expr, window)
            return
        self._launch(self._latest, expr, window)

    def _launch(self, request_id, expr, window):
        if not self._running:
            self._running = True
            self.busyChanged.emit(True)
        self._pool.start(_Job(self, request_id, expr, window))

    def _on_done(self, request_id, result, final):
        if not final:
            if request_id == self._latest and self._waiting is None:
                self.finished.emit(result)
            return
        if self._waiting is not None:
            waiting, self._waiting = self._waiting, None
            self._launch(*waiting)
        else:
            self._running = False
            self.busyChanged.emit(False)
        if request_id == self._latest:
            if isinstance(result, Exception):
                self.failed.emit(f"{type(result).__name__}: {result}")
            else:
                self.finished.emit(result)
        if not self._running:
            self._idle.set()

    def wait_idle(self, timeout_ms: int = 10000) -> bool:
        timer = QElapsedTimer()
        timer.start()
        while not self._idle.is_set() and timer.elapsed() < timeout_ms:
            QCoreApplication.processEvents()
            self._pool.waitForDone(5)
        QCoreApplication.processEvents()
        return self._idle.is_set()

    def shutdown(self) -> None:
        self._waiting = None
        self._pool.waitForDone(5000)
