"""AnalysisWorker.wait_idle (what wait_for_analysis, the tests and --export runs wait on)
sleeps in the event loop: it does not spin the GUI thread while a helper works."""
import time

from PySide6.QtCore import QCoreApplication, QTimer

from engine.expression import parse
from gui.compute import analysis_worker
from gui.compute.analysis_worker import AnalysisWorker

WINDOW = ((-3.0, 3.0), (-2.0, 2.0))


class _CountingApplication:
    """QCoreApplication as analysis_worker sees it, counting its processEvents calls."""

    calls = 0

    @classmethod
    def processEvents(cls, *args):
        cls.calls += 1
        return QCoreApplication.processEvents(*args)


def test_waiting_for_an_answer_that_does_not_come_uses_almost_no_cpu(qtbot, monkeypatch):
    monkeypatch.setattr(analysis_worker, "QCoreApplication", _CountingApplication)
    worker = AnalysisWorker(symbolic=False)
    try:
        worker._idle.clear()             # an answer pending that never comes
        ticks = []
        timer = QTimer(interval=50)
        timer.timeout.connect(lambda: ticks.append(1))
        timer.start()                    # events still run while it waits
        cpu, wall = time.thread_time(), time.monotonic()
        assert not worker.wait_idle(1000)
        cpu, wall = time.thread_time() - cpu, time.monotonic() - wall
        timer.stop()
        assert wall >= 0.99
        # A loop of processEvents turned 565,000 times in 15 s. Asleep between events the
        # wait turns once per wake-up: every 5 ms and per tick, ~220 in the second. (Its
        # CPU time is ~0.01 s on a quiet machine but reached 0.10 s under CI's load, too
        # near a spinning wait's share of a busy core to tell them apart reliably.)
        assert _CountingApplication.calls < 400, _CountingApplication.calls
        assert cpu < 0.5, cpu
        assert len(ticks) >= 10
    finally:
        worker._idle.set()
        worker.shutdown()


def test_an_answer_ends_the_wait_at_once(qtbot):
    worker = AnalysisWorker(symbolic=False)
    try:
        large = " + ".join(f"sin({k}x + y^2)cos(x - {k}y)" for k in range(1, 5))
        answers = []
        worker.finished.connect(lambda a: answers.append(time.monotonic()))
        worker.request(parse(large), WINDOW)          # compiled on the worker's thread
        assert worker.wait_idle(20000)
        assert len(answers) == 1 and time.monotonic() - answers[0] < 2.0   # not the 20 s
    finally:
        worker.shutdown()
