"""AnalysisWorker and a provisional expression (engine.numeric_expression): its Preview
goes out at once, the job that parses it with sympy waits for `exact_later`, and only
the newest request's job runs."""
from numpy.testing import assert_allclose

from engine.expression import Expression, parse
from engine.numeric_expression import parse_numeric
from gui.compute.analysis_worker import AnalysisWorker, Preview

WINDOW = ((-3.0, 3.0), (-2.0, 2.0))
TEXT = "(1-x)^2 + 100(y-x^2)^2"


def record(worker):
    events = []
    worker.sketched.connect(lambda e: events.append(("sketch", e)))
    worker.finished.connect(lambda a: events.append((type(a).__name__, a.expression)))
    return events


def test_the_preview_goes_out_at_once_and_the_exact_expression_when_let(qtbot):
    worker = AnalysisWorker(symbolic=False)
    waiting = []
    worker.exact_later = waiting.append
    try:
        events = record(worker)
        read = parse_numeric(TEXT)
        worker.request(read, WINDOW, text=TEXT, sketch=True)
        # at once, on the caller's thread: the formula as read, no formulas or points
        assert [(kind, e is read) for kind, e in events] == [("Preview", True)]
        assert worker.exact_later is None and len(waiting) == 1     # used once
        qtbot.wait(100)
        assert len(events) == 1                  # nothing compiled before it is let go
        waiting[0]()
        assert worker.wait_idle(20000)
        assert [kind for kind, _ in events] == ["Preview", "Analysis"]
        exact = events[1][1]
        assert isinstance(exact, Expression) and exact == parse(TEXT)
        assert_allclose(exact.value_and_gradient(0.5, -0.25)[1],
                        read.value_and_gradient(0.5, -0.25)[1], rtol=1e-13)
    finally:
        worker.shutdown()


def test_a_job_let_go_after_a_newer_request_does_not_run(qtbot):
    worker = AnalysisWorker(symbolic=False)
    waiting = []
    worker.exact_later = waiting.append
    launched = []
    real = worker._launch
    worker._launch = lambda *job: launched.append(str(job[1])) or real(*job)
    try:
        events = record(worker)
        worker.request(parse_numeric(TEXT), WINDOW, text=TEXT)
        newer = parse("x^2 + y^2")
        worker.request(newer, WINDOW)
        waiting[0]()                             # the stale job: not launched
        assert worker.wait_idle(20000)
        assert launched == []       # the newer answered at once (compiled from its tree)
        assert [(kind, e) for kind, e in events][-1] == ("Analysis", newer)
    finally:
        worker.shutdown()


def test_without_exact_later_the_job_runs_at_once(qtbot):
    worker = AnalysisWorker(symbolic=False)
    try:
        events = record(worker)
        worker.request(parse_numeric(TEXT), WINDOW, text=TEXT)
        assert worker.wait_idle(20000)
        assert [kind for kind, _ in events] == ["Preview", "Analysis"]
        assert events[0][1].provisional and events[1][1] == parse(TEXT)
        assert Preview._fields == ("expression", "formulas", "critical_points", "bounds")
    finally:
        worker.shutdown()


def test_a_read_formula_that_sympy_refuses_shows_the_refusal(qtbot, model, monkeypatch):
    """The reader took a start's text that the parser then refuses (none is known; the
    two readers are kept in step): the editor shows the parser's message instead of
    leaving the provisional picture up as if all were well."""
    from engine.errors import ExpressionError
    from engine.numeric_expression import NumericExpression

    def refused(self):
        raise ExpressionError("the parser refuses this", 3)
    monkeypatch.setattr(NumericExpression, "exact", refused)
    model._worker.exact_later = lambda go: go()
    read = parse_numeric("x^2 + 3y^2")
    model._request_analysis(read, WINDOW, "x^2 + 3y^2")
    qtbot.waitUntil(lambda: model.error is not None, timeout=20000)
    assert str(model.error) == "the parser refuses this (at character 4)"
    assert model.expression is read            # the picture as read stays, marked wrong
