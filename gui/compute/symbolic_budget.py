"""AnalysisWorker's time budget for its helper processes (gui.compute.analysis_worker):
past budget_ms of a child's CPU time on a request (or wall_limit_ms by the clock) it is
stopped and what is known shows."""
from __future__ import annotations

from PySide6.QtCore import QElapsedTimer

from gui.compute.cpu_share import cpu_seconds


class SymbolicBudget:
    """AnalysisWorker's part: `_on_sent` when a child starts on a request, `_on_budget_check`
    on its timer."""

    def _on_sent(self, child, child_request):
        request = self._child_request if child is self._child else self._points_request
        if request in (None, child_request):
            wall = QElapsedTimer()
            wall.start()
            self._budget_starts[child] = (wall, cpu_seconds(child.pid))
            self._budget.start()

    def _on_budget_check(self):
        """Past budget_ms of a child's CPU time (or wall_limit_ms by the clock): stop
        it and show what is known."""
        pending = {self._child: self._child_request is not None and not self._typeset
                   and self._failure is None,
                   self._points_child: self._points_request is not None
                   and not self._points_in() and self._points_failure is None}
        watched = [c for c in self._budget_starts if pending.get(c)]
        if not watched:
            self._budget.stop()
            return
        for child in watched:
            wall, cpu0 = self._budget_starts[child]
            cpu = cpu_seconds(child.pid)
            used_ms = (cpu - cpu0) * 1000 if cpu is not None and cpu0 is not None \
                else wall.elapsed()
            if used_ms < self.budget_ms and wall.elapsed() < self.wall_limit_ms:
                continue
            child.stop()
            if child is self._child:
                self._failure = "budget"
            else:
                self._points_failure = "budget"
        self._complete()
