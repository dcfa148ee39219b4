"""AnalysisWorker's sketch: f alone, sent before the compiled answer, newest only."""

from engine.expression import parse
from gui.compute.analysis_worker import INLINE_SKETCH_NODES, AnalysisWorker

WINDOW = ((-3.0, 3.0), (-2.0, 2.0))
SMALL = "x^2 + 3y^2"
LARGE = " + ".join(f"sin({k}x + y^2)cos(x - {k}y)" for k in range(1, 5))


def record(worker):
    events = []
    worker.sketched.connect(lambda e: events.append(("sketch", e)))
    worker.finished.connect(lambda a: events.append(("compiled", a.expression)))
    return events


def test_sketch_comes_first_with_f_compiled(qtbot):
    assert parse(SMALL).symbolic_sizes[0] <= INLINE_SKETCH_NODES < parse(LARGE).symbolic_sizes[0]
    worker = AnalysisWorker(symbolic=False)
    try:
        for text in (SMALL, LARGE):          # on the caller's thread, then in the job
            events = record(worker)
            f = parse(text)
            worker.request(f, WINDOW, sketch=True)
            assert worker.wait_idle(20000)
            assert [(kind, e is f) for kind, e in events] == [("sketch", True),
                                                              ("compiled", True)]
            assert f(0.5, -0.25) == parse(text)(0.5, -0.25)
            worker.sketched.disconnect()
            worker.finished.disconnect()
    finally:
        worker.shutdown()


def test_no_sketch_unless_asked_and_none_of_a_stale_request(qtbot):
    worker = AnalysisWorker(symbolic=False)
    try:
        events = record(worker)
        worker.request(parse(SMALL), WINDOW)                 # a new window: no sketch
        assert worker.wait_idle(20000)
        assert [kind for kind, _ in events] == ["compiled"]
        events.clear()
        stale, newest = parse(LARGE), parse(SMALL + " + x")
        worker.request(stale, WINDOW, sketch=True)           # its job starts at once ...
        worker.request(newest, WINDOW, sketch=True)          # ... and is outdated here
        assert worker.wait_idle(20000)
        qtbot.wait(50)
        assert [(kind, e is newest) for kind, e in events] == [("sketch", True),
                                                               ("compiled", True)]
    finally:
        worker.shutdown()


def test_requests_held_go_out_at_the_end_newest_only(qtbot):
    """AnalysisWorker.held: a restored start's preset, then its session, make one request."""
    worker = AnalysisWorker(symbolic=False)
    try:
        events = record(worker)
        first, newest = parse(SMALL), parse("x^2 - y^2 + x*y")
        with worker.held():
            worker.request(first, WINDOW, sketch=True)
            worker.request(newest, ((-1.0, 1.0), (-1.0, 1.0)), sketch=True)
            assert events == [] and not worker._busy       # nothing asked yet
            assert worker.wait_idle(10)
        assert worker.wait_idle(20000)
        qtbot.wait(50)
        assert [(kind, e is newest) for kind, e in events] == [("sketch", True),
                                                               ("compiled", True)]
        assert "_f" not in vars(first)                   # the first was never compiled
        events.clear()
        with worker.held():
            pass                                       # nothing asked: nothing made
        qtbot.wait(50)
        assert events == [] and worker.wait_idle(10)
    finally:
        worker.shutdown()
