"""The analysis worker's compile job, in its pool thread (gui.compute.analysis_worker)."""
from __future__ import annotations

from PySide6.QtCore import QRunnable

from gui.compute.qt_guard import qt_override


class CompileJob(QRunnable):
    """Compiles one request's expression: f alone first when `sketch` (sent as the
    worker's `_sketched`), then f and (f, ∇f) (and H, ∇f alone when `everything`), sent
    as `_compiled` with an engine Analysis of numbers only (or the exception)."""

    def __init__(self, worker, request_id, expr, bounds, everything, sketch):
        super().__init__()
        self.worker, self.request_id, self.expr = worker, request_id, expr
        self.bounds, self.everything, self.sketch = bounds, everything, sketch
        self.symbolic = worker.symbolic

    @qt_override
    def run(self):
        # engine.analysis brings sympy: imported here, not at the top (the first paint of
        # the app does not wait for it; see gui.app.first_paint)
        from engine.analysis import Analysis
        try:
            if getattr(self.expr, "provisional", False):
                self.expr = self.expr.exact()       # imports sympy: after the preview
            if self.sketch:
                # f alone first: a picture of the new f before its derivatives exist
                self.expr.compile(hessian=False, gradient=False, value_gradient=False)
                self._send(self.worker._sketched, self.expr)
            self.expr.compile(hessian=self.everything, gradient=self.everything)
            # numbers only: no formulas, no critical points
            result = Analysis(self.expr, None if self.symbolic else (),
                              None if self.symbolic else (), self.bounds)
        except Exception as exc:  # noqa: BLE001 - never let a worker die silently
            result = exc
        self._send(self.worker._compiled, result)

    def _send(self, signal, value):
        try:
            signal.emit(self.request_id, value)
        except RuntimeError:      # the worker was deleted meanwhile (the window closed)
            pass
