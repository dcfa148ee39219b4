"""AnalysisWorker's sketch: f alone, sent before the compiled answer, newest only; and
a small f the engine compiles from its tree: answered at once, with no sketch."""

from numpy.testing import assert_allclose

from engine.expression import parse
from gui.compute.analysis_worker import (
    INLINE_ANALYSIS_NODES,
    INLINE_SKETCH_NODES,
    AnalysisWorker,
)

WINDOW = ((-3.0, 3.0), (-2.0, 2.0))
# max(): not printed by engine.numpy_source, so sympy compiles it (sketch, then the job)
SMALL = "max(x, 0)^2 + 3y^2"
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
        first, newest = parse(SMALL), parse("x^2 - y^2 + max(x, y)")
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


def test_a_small_f_compiled_from_its_tree_is_answered_inside_the_request(qtbot):
    worker = AnalysisWorker(symbolic=False)
    try:
        events = record(worker)
        f = parse("(1-x)^2 + 100(y-x^2)^2")
        assert f.compiled_from_tree and f.symbolic_sizes[0] <= INLINE_ANALYSIS_NODES
        worker.request(f, WINDOW, sketch=True)
        # before any event loop turn: no sketch, the compiled answer itself
        assert [(kind, e is f) for kind, e in events] == [("compiled", True)]
        assert not worker._busy and not worker._running
        assert_allclose(f.value_and_gradient(1.5, 2.0)[1], [2 * 0.5 - 400 * 1.5 * (2 - 2.25),
                                                            200 * (2 - 2.25)])
        assert {"_f", "_value_grad", "_grad", "_hess"} <= set(vars(f))     # everything=True
        # a large f keeps the sketch and the job
        large = parse(LARGE)
        assert large.compiled_from_tree and large.symbolic_sizes[0] > INLINE_ANALYSIS_NODES
        events.clear()
        worker.request(large, WINDOW, sketch=True)
        assert events == []
        assert worker.wait_idle(20000)
        assert [(kind, e is large) for kind, e in events] == [("sketch", True), ("compiled", True)]
    finally:
        worker.shutdown()
