"""The optimizer lab's slow views (learning-rate sweep, basins of attraction) computed
off the GUI thread, progressively, newest request wins.

A request is a generator function: it yields partial results as it goes (a coarse
basin map first, then finer rows; one method's sweep after another). A worker thread
runs the newest one; between two yields it drops the request if a newer one came, so
a stale sweep never finishes. Results reach the GUI thread by Qt signal with their
request id (stale ids are dropped there too); no widget is touched from the thread.
"""
from __future__ import annotations

import threading
import time

from PySide6.QtCore import QObject, Signal


class LabJobs(QObject):
    progressed = Signal(int, object)     # (request id, partial result)
    finished = Signal(int, object)       # (request id, final result)
    failed = Signal(int, str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._lock = threading.Condition()
        self._pending = None             # (id, generator function) not yet started
        self._newest = 0
        self._running = False
        self._stop = False
        self.seconds = 0.0               # how long the last finished request took
        self._thread = threading.Thread(target=self._loop, name="lab-jobs", daemon=True)
        self._thread.start()

    @property
    def newest(self) -> int:
        return self._newest

    def request(self, work) -> int:
        """Run `work()` (a generator of results; the last one is final) in the worker;
        any earlier request still going is abandoned. Returns the request id."""
        with self._lock:
            self._newest += 1
            self._pending = (self._newest, work)
            self._lock.notify()
            return self._newest

    def cancel(self) -> None:
        with self._lock:
            self._newest += 1
            self._pending = None

    def busy(self) -> bool:
        with self._lock:
            return self._running or self._pending is not None

    def _loop(self) -> None:
        while True:
            with self._lock:
                while self._pending is None and not self._stop:
                    self._lock.wait()
                if self._stop:
                    return
                request_id, work = self._pending
                self._pending = None
                self._running = True
            try:
                self._run(request_id, work)
            except RuntimeError:       # our QObject is gone (its view closed): stop quietly
                return
            finally:
                with self._lock:
                    self._running = False

    def _run(self, request_id, work) -> None:
        started = time.perf_counter()
        last = None
        try:
            for result in work():
                if request_id != self._newest or self._stop:
                    return                        # a newer request came: drop this one
                if last is not None:
                    self.progressed.emit(request_id, last)
                last = result
        except Exception as exc:  # noqa: BLE001 - never let the worker die silently
            self.failed.emit(request_id, f"{type(exc).__name__}: {exc}")
            return
        if last is not None:
            self.seconds = time.perf_counter() - started
            self.finished.emit(request_id, last)

    def shutdown(self, timeout: float = 5.0) -> None:
        """Stop the thread (after the piece it is computing): call when the view closes."""
        with self._lock:
            self._stop = True
            self._pending = None
            self._lock.notify()
        self._thread.join(timeout)
