"""Symbolic answers asked for again (gui/compute/symbolic_memo.py): a text and window
analysed before get their formulas, typeset SVGs and critical points without the
helpers, equal to the helpers' own; a new text asks the helpers, a new window of the
same text the points helper alone (also while the formulas are still on their way); an
answer cut short by the budget is not kept."""
import numpy as np

from engine.analysis import formulas
from engine.expression import parse
from gui.compute import latex_renderer, symbolic_memo
from gui.compute.analysis_worker import AnalysisWorker
from gui.compute.frame_rules import frame_for_points
from gui.compute.typesetting import display_tex

TEXT = "(x^2+y-11)^2 + (x+y^2-7)^2 + x/7"
WINDOW = ((-5.0, 5.0), (-5.0, 5.0))
SLOW = "sin(x*y)^5*cos(x+y)^4*exp(sin(x)^3)*tanh(x*y+x^2)^3 + (x+y+1)^9*sin(x)^2"


def _analyse(worker, text, window):
    answers = []
    worker.finished.connect(answers.append)
    worker.request(parse(text), window, text=text)
    assert worker.wait_idle(30000)
    worker.finished.disconnect()
    return answers


def _asked(worker, monkeypatch):
    """The payloads the worker sends its two helpers from now on."""
    sent = []
    for child in (worker.child, worker.points_child):
        request = child.request
        monkeypatch.setattr(child, "request",
                            lambda payload, request=request: sent.append(payload) or request(payload))
    return sent


def test_the_same_text_and_window_are_answered_without_the_helpers(qtbot, monkeypatch):
    symbolic_memo.forget_all()
    # only this analysis's SVGs below (an earlier test's Hessian, typeset where this
    # helper ran out of its typesetting budget under load, is not the memo's to give)
    latex_renderer._cache.clear()
    worker = AnalysisWorker()
    try:
        sent = _asked(worker, monkeypatch)
        first = _analyse(worker, TEXT, WINDOW)
        assert len(sent) == 2                          # formulas and points: the helpers'
        svgs = dict(latex_renderer._cache)
        latex_renderer._cache.clear()                  # (the renderer's cache forgets)
        again = _analyse(worker, TEXT, WINDOW)
        assert len(sent) == 2                          # nobody was asked this time
        # the same three answers: compiled, with the points, complete
        kinds = [(a.formulas is None, a.critical_points is None) for a in again]
        assert kinds == [(True, True), (True, False), (False, False)]
        assert again[-1].formulas == first[-1].formulas
        assert len(again[-1].critical_points) == len(first[-1].critical_points) == 9
        for got, want in zip(again[-1].critical_points, first[-1].critical_points):
            assert got.kind == want.kind
            np.testing.assert_array_equal(got.point, want.point)
            assert not got.point.flags.writeable
        # the SVGs are there to show at once, as the helper typeset them
        for f in again[-1].formulas:
            tex = display_tex(f, again[-1].expression.variables)
            if tex in svgs:
                assert latex_renderer._cache[tex] == svgs[tex]
        assert any(display_tex(f, again[-1].expression.variables) in latex_renderer._cache
                   for f in again[-1].formulas)
        # another window: the points are searched inside it, the formulas are the text's
        other = ((0.0, 5.0), (-5.0, 5.0))
        panned = _analyse(worker, TEXT, other)
        assert sent[2:] == [(TEXT, other, None)]       # the points helper alone
        assert panned[-1].formulas == first[-1].formulas
        assert all(p.point[0] >= 0.0 for p in panned[-1].critical_points)
        assert 2 <= len(panned[-1].critical_points) < 9
        # another text: both helpers again
        _analyse(worker, TEXT + " + 0", WINDOW)
        assert len(sent) == 5
    finally:
        worker.shutdown()


def test_a_new_window_while_the_formulas_are_on_their_way_keeps_them(qtbot, monkeypatch):
    """A typed f re-framed by its critical points (or a pan mid-analysis) asks its
    formulas once: the first request's formulas answer the second, whose points are the
    new window's."""
    symbolic_memo.forget_all()
    worker = AnalysisWorker()
    try:
        sent = _asked(worker, monkeypatch)
        answers = []
        worker.finished.connect(answers.append)
        worker.request(parse(TEXT), WINDOW, text=TEXT)
        assert len(sent) == 2 and not worker.idle      # both helpers at work
        moved = ((1.0, 5.0), (-5.0, 5.0))
        worker.request(parse(TEXT), moved, text=TEXT)
        assert worker.wait_idle(30000)
        assert sent[2:] == [(TEXT, moved, None)]       # the formulas were not asked again
        final = answers[-1]
        assert final.formulas is not None and final.bounds == moved
        assert final.formulas == tuple(formulas(parse(TEXT), typed=TEXT))
        # the points are the new window's: Himmelblau's minimum near (3.58, -1.85) is
        # inside, the one near (-2.81, 3.13) is not
        xs = sorted(round(float(p.point[0]), 2) for p in final.critical_points)
        assert xs and min(xs) >= 1.0 and 3.58 in xs
    finally:
        worker.shutdown()
    symbolic_memo.forget_all()


def test_a_typed_fs_frame_is_searched_ahead_and_not_asked_again(qtbot, monkeypatch):
    """Himmelblau's f asked with its wider box: the points helper works out the frame
    gui.plots.typed_framing re-frames to and searches it ahead; the re-frame's request
    asks neither helper, and its points are the engine's in the frame."""
    from engine.calculus import critical_points
    from gui.plots.typed_framing import search_box
    symbolic_memo.forget_all()
    worker = AnalysisWorker()
    try:
        sent = _asked(worker, monkeypatch)
        text, window = "(x^2+y-11)^2 + (x+y^2-7)^2 + x/9", ((-4.0, 4.0), (-3.0, 3.0))
        searched = []
        worker.searched.connect(lambda _e, points: searched.append(points))
        worker.request(parse(text), window, text=text, points_box=search_box(window))
        assert worker.wait_idle(30000) and searched
        frame = frame_for_points(searched[0], window, search_box(window))
        assert frame is not None
        qtbot.waitUntil(lambda: worker._ahead is not None and worker._ahead.points is not None,
                        timeout=30000)
        answers = []
        worker.finished.connect(answers.append)
        worker.request(parse(text), frame, text=text)
        assert worker.wait_idle(30000)
        assert len(sent) == 2                          # the first request's two, no more
        got = answers[-1]
        assert got.formulas is not None and got.bounds == frame
        assert [cp.point.tolist() for cp in got.critical_points] == \
            [cp.point.tolist() for cp in critical_points(parse(text), frame)]
        assert sum(cp.kind == "minimum" for cp in got.critical_points) == 4
        # another text forgets the frame searched ahead
        worker.request(parse("x^2 + y^2"), frame, text="x^2 + y^2")
        assert worker._ahead is None
        assert worker.wait_idle(30000)
    finally:
        worker.shutdown()
    symbolic_memo.forget_all()


def test_an_answer_cut_short_is_not_kept(qtbot):
    symbolic_memo.forget_all()
    worker = AnalysisWorker()
    worker.budget_ms = worker.wall_limit_ms = 0         # every job cut short
    try:
        answers = _analyse(worker, SLOW, WINDOW)        # seconds of typesetting: cut
        assert symbolic_memo.recall(SLOW, WINDOW) is None
        assert answers[-1].formulas is not None          # what was known, shown
    finally:
        worker.shutdown()
    symbolic_memo.forget_all()


def test_the_memo_keeps_the_newest_few():
    symbolic_memo.forget_all()
    answer = symbolic_memo.Answer(((), False), {}, ())
    for k in range(symbolic_memo.SIZE + 5):
        symbolic_memo.remember(f"x + {k}", ((0.0, 1.0),), answer)
    assert symbolic_memo.recall("x + 0", ((0.0, 1.0),)) is None
    assert symbolic_memo.recall(f"x + {symbolic_memo.SIZE + 4}", ((0.0, 1.0),)) is answer
    symbolic_memo.forget_all()
