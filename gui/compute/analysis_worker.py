"""The explorer's analysis off the GUI thread; only the newest request counts.

Two parts run side by side for each request:
  compile   lambdify of f and ∇f (and H when asked) in a QThreadPool thread; its
            result (an Analysis with formulas and critical_points None) goes out at
            once, so the numeric views redraw without waiting for the rest;
  symbolic  engine.analysis.analyse (typeset derivatives, critical points) in a child
            process (gui.compute.symbolic_process): it is pure Python for up to a second, and
            in a thread it held the GIL while the GUI thread repainted. The child gets
            the expression's text and parses it with the engine's parser.
The critical points go out as soon as they and the compiled expression are in; the
complete Analysis when the child has typeset the formulas too (into gui.compute.latex_renderer's
cache), so they show at once.

At most one compile job runs at a time; a request made meanwhile replaces any still
waiting (glue's "compute only the newest"), and answers older than the newest request
are dropped, so a slow expression never shows late. The child abandons a stale
request (gui.compute.symbolic_process).
"""
from __future__ import annotations

import threading

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QObject, QRunnable, QThreadPool, Signal

from engine.analysis import Analysis

from gui.compute import latex_renderer

from gui.compute import symbolic_process
from gui.compute.symbolic_process import ChildProcess
from gui.compute.qt_guard import qt_override


class _Job(QRunnable):
    def __init__(self, worker, request_id, expr, bounds, everything):
        super().__init__()
        self.worker, self.request_id, self.expr = worker, request_id, expr
        self.bounds, self.everything = bounds, everything
        self.symbolic = worker.symbolic

    @qt_override
    def run(self):
        try:
            self.expr.compile(hessian=self.everything, gradient=self.everything)
            # numbers only: no formulas, no critical points
            result = Analysis(self.expr, None if self.symbolic else (),
                              None if self.symbolic else (), self.bounds)
        except Exception as exc:  # never let a worker die silently
            result = exc
        self.worker._compiled.emit(self.request_id, result)


class AnalysisWorker(QObject):
    # engine.analysis.Analysis of the newest request: first with formulas and
    # critical_points None (compiled only), then with critical points (formulas None),
    # then complete (its formulas typeset: gui.compute.latex_renderer has their SVGs).
    finished = Signal(object)
    failed = Signal(str)
    busyChanged = Signal(bool)
    _compiled = Signal(int, object)   # from the pool thread; queued to the GUI thread

    def __init__(self, parent=None, symbolic: bool = True):
        """symbolic=False: compile only (views that need f and ∇f but no formulas)."""
        super().__init__(parent)
        self.symbolic = symbolic
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._latest = 0
        self._running = False         # a compile job is in the pool
        self._waiting = None          # the newest compile job, not started yet
        self._busy = False
        self._compiled_result = None  # Analysis (compiled only) of the newest request
        self._symbolic_result = None  # (formulas, critical_points) of the newest request
        self._child_request = None    # the child's id for the newest request
        self._typeset = False         # the child has typeset the newest formulas
        self._points_sent = False     # critical points of the newest request went out
        self._idle = threading.Event()
        self._idle.set()
        self._compiled.connect(self._on_compiled)
        self._child = None
        if symbolic:
            symbolic_process.prepare()      # while the window is being built
            self._child = ChildProcess("analyse", parent=self)
            self._child.item.connect(self._on_symbolic)
            self._child.failed.connect(self._on_symbolic_failed)

    @property
    def child(self) -> ChildProcess | None:
        """The process that runs the symbolic part (None for a numbers-only worker)."""
        return self._child

    def request(self, expr, window, text: str | None = None, everything: bool = True) -> None:
        """Analyse expr (an engine Expression) in window ((lo, hi) per variable).

        text: what expr was parsed from (default str(expr)); the child parses it again.
        everything=False: the first (compiled) answer has f and (f, ∇f) compiled, not H
        and ∇f alone (Expression.compile); those compile where they are first used.
        """
        self._latest += 1
        self._idle.clear()
        self._set_busy(True)
        bounds = tuple((float(lo), float(hi)) for lo, hi in window)
        self._compiled_result = self._symbolic_result = None
        self._typeset = self._points_sent = False
        if self._child is not None:
            self._child_request = self._child.request((text if text is not None else str(expr),
                                                      bounds))
        job = (self._latest, expr, bounds, everything)
        if self._running:
            self._waiting = job
            return
        self._launch(*job)

    def _launch(self, request_id, expr, bounds, everything):
        self._running = True
        self._pool.start(_Job(self, request_id, expr, bounds, everything))

    def _on_compiled(self, request_id, result):
        if self._waiting is not None:
            waiting, self._waiting = self._waiting, None
            self._launch(*waiting)
        else:
            self._running = False
        if request_id != self._latest:
            return                              # stale: a newer request is on its way
        if isinstance(result, Exception):
            self.failed.emit(f"{type(result).__name__}: {result}")
            self._settle()
            return
        self._compiled_result = result
        self.finished.emit(result)
        self._complete()

    def _on_symbolic(self, child_request, value):
        if child_request != self._child_request:
            return
        if value[0] == "typeset":
            # Typeset in the child too: cached before the formulas go out, so they show
            # at once (what did not fit in the child's time budget the renderer does).
            latex_renderer.provide(value[1])
            self._typeset = True
        else:
            _kind, formulas, points = value
            for cp in points:                   # frozen all the way down, as the engine's
                for a in (cp.point, cp.gradient, cp.hessian, cp.eigenvalues):
                    a.flags.writeable = False
            self._symbolic_result = (tuple(formulas), tuple(points))
        self._complete()

    def _on_symbolic_failed(self, child_request, message):
        if child_request == self._child_request and self._compiled_result is not None:
            self.failed.emit(message)
            self._settle()
        elif child_request == self._child_request:
            self._symbolic_result = message     # reported once the compiled part is in

    def _complete(self):
        """Critical points once they and the compiled expression are in; the complete
        Analysis once the formulas are typeset too."""
        compiled, symbolic = self._compiled_result, self._symbolic_result
        if compiled is None or (self.symbolic and symbolic is None):
            return
        if not self.symbolic:
            self._settle()
        elif isinstance(symbolic, str):
            self.failed.emit(symbolic)
            self._settle()
        elif not self._typeset:
            if not self._points_sent:
                self._points_sent = True
                self.finished.emit(Analysis(compiled.expression, None, symbolic[1],
                                            compiled.bounds))
        else:
            self.finished.emit(Analysis(compiled.expression, *symbolic, compiled.bounds))
            self._settle()

    def _settle(self):
        self._compiled_result = self._symbolic_result = None
        self._child_request = None
        self._set_busy(False)       # the newest request is answered: nothing else counts
        self._idle.set()

    def _set_busy(self, busy: bool):
        if busy != self._busy:
            self._busy = busy
            self.busyChanged.emit(busy)

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
        if self._child is not None:
            self._child.shutdown()
        self._pool.waitForDone(5000)
