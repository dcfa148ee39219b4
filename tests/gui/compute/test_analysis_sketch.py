"""AnalysisWorker's sketch: f alone, sent before the compiled answer, newest only; and
the small f answered analysed at once, with no sketch."""
import pytest

from engine.expression import parse
from gui.compute import analysis_worker
from gui.compute import compile_cost
from gui.compute.analysis_worker import INLINE_SKETCH_NODES, AnalysisWorker
from gui.compute.compile_cost import CompileCost
from tests.gui.compute.edit_paths import inline, sketching  # noqa: F401  (fixtures)

WINDOW = ((-3.0, 3.0), (-2.0, 2.0))
SMALL = "x^2 + 3y^2"
LARGE = " + ".join(f"sin({k}x + y^2)cos(x - {k}y)" for k in range(1, 5))


def record(worker):
    events = []
    worker.sketched.connect(lambda e: events.append(("sketch", e)))
    worker.finished.connect(lambda a: events.append(("compiled", a.expression)))
    return events


def test_sketch_comes_first_with_f_compiled(qtbot, sketching):
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


def test_no_sketch_unless_asked_and_none_of_a_stale_request(qtbot, sketching):
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


def test_a_small_f_is_answered_analysed_before_request_returns(qtbot, inline):
    worker = AnalysisWorker(symbolic=False)
    try:
        events = record(worker)
        stale, newest = parse(LARGE), parse(SMALL + " + y")
        worker.request(stale, WINDOW, sketch=True, everything=True)    # in the pool thread
        worker.request(newest, WINDOW, sketch=True, everything=False)   # as the model asks
        # answered on this thread, before request() returned: f and (f, ∇f) built
        assert [(kind, e is newest) for kind, e in events] == [("compiled", True)]
        assert {"_f", "_value_grad"} <= set(vars(newest))
        assert worker.wait_idle(20000)
        qtbot.wait(50)
        # the stale job's sketch and answer never came (a newer f was shown first)
        assert [(kind, e is newest) for kind, e in events] == [("compiled", True)]
        value, grad = newest.value_and_gradient(0.5, -0.25)
        assert value == pytest.approx(0.25 + 3 * 0.0625 - 0.25)
        assert grad == pytest.approx([1.0, 6 * -0.25 + 1])
    finally:
        worker.shutdown()


def test_a_large_f_keeps_its_sketch():
    cost = CompileCost()
    # a handful of terms: a few ms; four products of sines (LARGE): tens of ms
    assert cost.estimate_ms(parse(SMALL)) <= analysis_worker.INLINE_COMPILE_MS
    assert cost.estimate_ms(parse(LARGE)) > analysis_worker.INLINE_COMPILE_MS


def test_the_estimate_follows_the_compiles_measured_here(monkeypatch):
    cost = CompileCost()
    clock = iter([0.0, 0.2])          # a compile of 200 ms: a very slow machine
    monkeypatch.setattr(compile_cost, "cpu_clock", lambda: next(clock))
    f = parse("(x^2+y-11)^2 + (x+y^2-7)^2 + x*3")
    nodes = f.symbolic_sizes[0]
    cost.compile(f)
    assert cost.ms_per_node == pytest.approx(
        CompileCost.START_MS_PER_NODE + CompileCost.WEIGHT * (
            200 / nodes - CompileCost.START_MS_PER_NODE))
    slowed = cost.ms_per_node
    cost.compile(f)                   # already built: no time measured, nothing learnt
    assert cost.ms_per_node == slowed
    assert "_value_grad" in vars(f)
