"""The explorer's analysis off the GUI thread; only the newest request counts.

Two parts run side by side for each request:
  compile   f and ∇f (and H when asked): at once on the caller's thread when the engine
            prints them from f's tree in about a millisecond (INLINE_ANALYSIS_NODES: the
            compiled answer goes out inside `request`, no sketch), else in a QThreadPool
            thread (gui.compute.compile_job; lambdify for what the engine does not
            print, or a large f). When asked (sketch=True), f alone is compiled first
            and goes out as `sketched` (a few ms: the map can show the new f while sympy
            still differentiates); then the
            result (an Analysis with formulas and critical_points None) goes out at
            once, so the numeric views redraw without waiting for the rest;
  symbolic  engine.analysis.analyse (typeset derivatives, critical points) in a child
            process (gui.compute.symbolic_process): it is pure Python for up to a second, and
            in a thread it held the GIL while the GUI thread repainted. The child gets
            the expression's text and parses it with the engine's parser.
A provisional expression (engine.numeric_expression, a plain start's first formula read
without sympy) goes out at once as a Preview; its job parses the text with sympy first,
when `exact_later` lets it (after the 3-D view painted the preview), and its Expression
replaces the provisional one in the answers that follow.
The critical points go out as soon as they and the compiled expression are in; the complete
Analysis when the child has typeset the formulas too (gui.compute.latex_renderer's cache).

At most one compile job runs at a time; a request made meanwhile replaces any still
waiting (glue's "compute only the newest"), and answers older than the newest request
are dropped, so a slow expression never shows late. The child abandons a stale
request (gui.compute.symbolic_process).
"""
from __future__ import annotations

import contextlib
import threading
from collections import namedtuple
from functools import partial

from PySide6.QtCore import (QCoreApplication, QElapsedTimer, QEventLoop, QObject,
                            QThreadPool, QTimer, Signal)

from gui.compute import latex_renderer, symbolic_memo, symbolic_process
from gui.compute.compile_job import CompileJob
from gui.compute.points_answers import PointsAnswers
from gui.compute.symbolic_budget import SymbolicBudget
from gui.compute.symbolic_process import ChildProcess
from gui.compute.status_messages import NUMERIC_NOTICE, give_up_message

# Formulas and critical points of one request get this much of the child's CPU time from
# when it starts on the request (on a machine busy with other work the wall-clock time may be
# longer, up to SYMBOLIC_WALL_LIMIT_MS); then the child is killed. (A worker's own: budget_ms.)
SYMBOLIC_BUDGET_MS = 3000
SYMBOLIC_WALL_LIMIT_MS = 8000
_BUDGET_CHECK_MS = 250
# The critical points are searched in a child of their own, beside the one that works out
# and typesets the formulas. (One child for both while no core was free was measured against
# two always, 14 + 14 runs of 15 edits on 2 cores loaded 7-12: every view settled sooner
# with two, 859 / 957 ms, the numeric views and GUI CPU alike: no gain worth a second way.)

# A sketch of an f this small (engine Expression.symbolic_sizes: its gradient's estimated
# node count) is compiled on the caller's thread: ~2-5 ms of lambdify, and no wait for
# the pool thread to be scheduled (tens of ms on a busy machine); larger ones in the job.
INLINE_SKETCH_NODES = 120
# An f that engine.numpy_source compiles (f, ∇f and H printed as numpy from its tree,
# ~0.3-1 ms up to this size) is answered on the caller's thread, no sketch: the views
# draw the new f once, in one paint, with no wait for the pool thread. (Larger ones,
# ~5 ms and up, and those it does not read, keep the sketch and the job.)
INLINE_ANALYSIS_NODES = 200

# The first answer for a provisional expression, read by the model as an engine Analysis
# with neither formulas nor critical points.
Preview = namedtuple("Preview", "expression formulas critical_points bounds")


class AnalysisWorker(PointsAnswers, SymbolicBudget, QObject):
    # engine.analysis.Analysis of the newest request: first with formulas and
    # critical_points None (compiled only), then with critical points (formulas None),
    # then complete (its formulas typeset: gui.compute.latex_renderer has their SVGs).
    # For a provisional expression a Preview (the same fields) comes before them.
    finished = Signal(object)
    sketched = Signal(object)       # the newest request's Expression, only f compiled yet
    failed = Signal(str)
    busyChanged = Signal(bool)
    notice = Signal(str)            # what could not be done in time, for the status bar
    # (Expression, points (n, d)): the newest request's critical points in its points_box,
    # unclassified, after its Analysis with those in the window (gui.plots.typed_framing)
    searched = Signal(object, object)
    # (Expression, engine.analysis.Formula): the newest request's f line, typeset as typed
    # (gui.compute.latex_renderer has its SVG), ahead of the derivatives
    typedLine = Signal(object, object)
    falling = Signal(str)   # a text's falling_direction (PointsAnswers) came in
    _compiled = Signal(int, object)   # from the pool thread; queued to the GUI thread
    _sketched = Signal(int, object)   # (request id, Expression with f compiled), likewise
    budget_ms, wall_limit_ms = SYMBOLIC_BUDGET_MS, SYMBOLIC_WALL_LIMIT_MS   # a test's may be short

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
        self._points = None           # critical points of the newest request, once in
        self._formulas = None         # its formulas: as differentiated, then tidied
        self._failure = None          # the child's error message for the newest request
        self._points_failure = None   # ... and the points child's
        self._child_request = None    # the child's id for the newest request
        self._points_request = None   # ... and the points child's
        self._typeset = False         # the child has typeset the newest formulas
        self._svgs = None             # ... into these ({latex: svg}), for symbolic_memo
        self._asked = self._asked_expr = None   # (text, bounds) of the newest request; its f
        self._box = self._box_points = None   # its points_box, and the points found there
        self._points_sent = False     # critical points of the newest request went out
        self._held = None             # inside held(): the newest request's arguments
        # a plain start's first request: called with the job that imports sympy, runs it
        # once the preview is on screen (gui.plots.paths_after_paint.PathsAfterPaint)
        self.exact_later = None
        self.children_later = None    # called with the helpers' part of a request, or None
        # Symbolic work has a budget: past it the child is killed and what is known shows.
        self._budget = QTimer(self, interval=_BUDGET_CHECK_MS)
        self._budget.timeout.connect(self._on_budget_check)
        self._budget_starts = {}      # child -> (wall clock, its CPU seconds) at the start
        self._idle = threading.Event()
        self._idle.set()
        self._compiled.connect(self._on_compiled)
        self._sketched.connect(self._on_sketched)
        self._child = self._points_child = None
        if symbolic:
            symbolic_process.prepare()      # while the window is being built
            # Two children, a core each: the formulas (differentiated, tidied, typeset)
            # in one, the critical points (compile f, ∇f, H; search) in the other. One
            # child did both in turn, and the formulas waited for the search.
            self._child = ChildProcess("analyse", parent=self)
            self._child.item.connect(self._on_symbolic)
            self._child.failed.connect(self._on_symbolic_failed)
            self._child.sent.connect(lambda request: self._on_sent(self._child, request))
            self._points_child = ChildProcess("points", parent=self)
            self._points_child.item.connect(self._on_points)
            self._points_child.failed.connect(self._on_points_failed)
            self._points_child.sent.connect(
                lambda request: self._on_sent(self._points_child, request))

    # the processes that run the symbolic part and search the critical points (None for
    # a numbers-only worker); idle: the newest request is answered
    child = property(lambda self: self._child)
    points_child = property(lambda self: self._points_child)
    idle = property(lambda self: self._idle.is_set())

    def request(self, expr, window, text: str | None = None, everything: bool = True,
                sketch: bool = False, points_box=None) -> None:
        """Analyse expr (an engine Expression) in window ((lo, hi) per variable).

        text: what expr was parsed from (default str(expr)); the child parses it again.
        everything=False: the first (compiled) answer has f and (f, ∇f) compiled, not H
        and ∇f alone (Expression.compile); those compile where they are first used.
        sketch=True: f alone is compiled first and sent as `sketched` (if still newest).
        points_box: a box, wider than window, searched too (`searched`).
        """
        if self._held is not None:
            self._held[:] = [(expr, window, text, everything, sketch, points_box)]
            return
        self._latest += 1
        self._idle.clear()
        self._set_busy(True)
        bounds = tuple((float(lo), float(hi)) for lo, hi in window)
        if self._child is not None:
            text = text if text is not None else str(expr)
        # The formulas depend on the text alone: a new window of the same f (a pan, a zoom,
        # a typed f's re-framing) keeps those asked of the child; only the points are searched
        # again (the formulas were made twice, ~150 ms, the view settled after the second).
        keep = self._formulas_asked_for(text)
        self._compiled_result = self._points = self._points_failure = None
        self._points_sent = False
        self._box, self._box_points = points_box, None
        self._budget.stop()
        if not keep:
            self._formulas = self._failure = self._svgs = self._child_request = None
            self._typeset = False
            self._budget_starts.clear()
        if self._child is not None:
            self._asked, self._asked_expr = (text, bounds), expr
            self._points_request = None         # (a child may report it sent at once)
            known = symbolic_memo.recall(text, bounds)
            by_text = known or (None if keep else symbolic_memo.recall_formulas(text))
            if by_text is not None:            # this f's formulas, from any window
                latex_renderer.provide(by_text.typeset)
                self._formulas, self._typeset, self._svgs = by_text.formulas, True, by_text.typeset
            ahead = self._points_ahead(text, bounds, points_box)
            if not ahead:
                self._budget_starts.pop(self._points_child, None)
            if self._budget_starts:         # a kept request's budget runs on
                self._budget.start()
            if known is not None and (points_box is None or known.box_points is not None):
                self._points, self._box_points = known.points, known.box_points  # no helper asked
            elif not (ahead and (keep or by_text is not None)):
                ask = partial(self._ask_children, self._latest, text, bounds,
                              formulas=not (keep or by_text is not None), points=not ahead)
                # (gui.widgets.paint_pass.AfterNextPaint: after the numeric views' paint)
                ask() if self.children_later is None else self.children_later(ask)
        job = (self._latest, expr, bounds, everything, sketch)
        if getattr(expr, "provisional", False):
            self.finished.emit(Preview(expr, None, None, bounds))
            later, self.exact_later = self.exact_later, None
            job = job[:-1] + (False,)
            if later is not None:
                later(lambda: self._launch_if_newest(job))
                return
        elif self._answered_at_once(expr, bounds, everything):
            return
        elif sketch and expr.symbolic_sizes[0] <= INLINE_SKETCH_NODES:
            # before the job starts: sympy in the pool thread would hold the GIL half
            # the time the map is drawn
            try:
                expr.compile(hessian=False, gradient=False, value_gradient=False)
            except Exception:  # noqa: BLE001 - the job meets it again and says so (failed)
                pass
            else:
                job = job[:-1] + (False,)
                self.sketched.emit(expr)
        if self._running:
            self._waiting = job
            return
        self._launch(*job)

    def _formulas_asked_for(self, text) -> bool:
        """The child was asked for this text's formulas, not settled yet (or in, awaiting points)."""
        return (self._child is not None and self._child_request is not None
                and self._asked is not None and self._asked[0] == text)

    def _ask_children(self, request_id, text, bounds, formulas=True, points=True) -> None:
        if request_id == self._latest:
            if formulas:
                self._child_request = self._child.request((text, bounds, False))   # no points
            if points:
                self._ahead = None          # (a search ahead still under way is stale now)
                self._points_request = self._points_child.request((text, bounds, self._box))

    def _answered_at_once(self, expr, bounds, everything) -> bool:
        """Compile expr here and answer now when that is about a millisecond (see
        INLINE_ANALYSIS_NODES); False: the job does it."""
        if not (getattr(expr, "compiled_from_tree", False)
                and expr.symbolic_sizes[0] <= INLINE_ANALYSIS_NODES):
            return False
        from engine.analysis import Analysis
        try:
            expr.compile(hessian=everything, gradient=everything)
        except Exception:  # noqa: BLE001 - the job meets it again and says so (failed)
            return False
        self._waiting = None          # an older request's job: stale now
        self._compiled_result = result = Analysis(
            expr, None if self.symbolic else (), None if self.symbolic else (), bounds)
        self.finished.emit(result)
        self._complete()
        return True

    @contextlib.contextmanager
    def held(self):
        """Within the block a request is only noted; at its end the newest is made. A
        restored start loads the example, then the last session: the example's analysis
        (its map sketched, its formulas and points asked of the helpers) was thrown away."""
        outer, self._held = self._held, []
        try:
            yield
        finally:
            newest, self._held = self._held, outer
            if newest:
                self.request(*newest[0])

    def _launch_if_newest(self, job):
        if job[0] == self._latest:
            if self._running:
                self._waiting = job
            else:
                self._launch(*job)

    def _launch(self, request_id, expr, bounds, everything, sketch):
        self._running = True
        self._pool.start(CompileJob(self, request_id, expr, bounds, everything, sketch))

    def _on_sketched(self, request_id, expr):
        if request_id == self._latest:          # a stale sketch would show an older f
            self.sketched.emit(expr)

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
        kind = value[0]
        if kind == "f line":
            latex_renderer.provide(value[2])
            compiled = self._compiled_result     # (a provisional f's: its exact one)
            self.typedLine.emit(compiled.expression if compiled else self._asked_expr, value[1])
            return
        if kind == "typeset":
            # Typeset in the child too: cached before the formulas go out, so they show
            # at once (what did not fit in the child's time budget the renderer does).
            latex_renderer.provide(value[1])
            self._typeset, self._svgs = True, value[1]
        elif kind == "formulas":
            self._formulas = (tuple(value[1]), value[2])
        self._complete()

    def _on_symbolic_failed(self, child_request, message):
        if child_request == self._child_request:
            self._failure = message
            self._complete()

    def _complete(self):
        """Critical points once they and the compiled expression are in; the complete
        Analysis once the formulas are typeset too (or the child failed or ran out of
        time: then with what is known, and a notice saying what is missing)."""
        from engine.analysis import Analysis
        compiled = self._compiled_result
        if compiled is None:
            return
        if not self.symbolic:
            self._settle()
            return
        if self._points is not None and not self._points_sent:
            self._points_sent = True
            self.finished.emit(Analysis(compiled.expression, None, self._points, compiled.bounds))
        if self._points_sent and self._box is not None and self._box_points is not None:
            self._box = None          # (sent once)
            self.searched.emit(compiled.expression, self._box_points)
        formulas_done = self._typeset or self._failure is not None
        points_done = self._points_in() or self._points_failure is not None
        if not (formulas_done and points_done):
            return                  # (each child's part in, or cut short)
        if self._failure is not None or self._points is None:
            self._give_up(compiled)
        else:
            expr = compiled.expression
            if self._svgs is not None:      # worked out by the helpers just now: kept
                symbolic_memo.remember(*self._asked, symbolic_memo.Answer(
                    self._formulas, self._svgs, self._points, self._box_points))
            self.finished.emit(Analysis(expr, self._formulas[0], self._points, compiled.bounds))
            if expr.numeric_gradient or expr.numeric_hessian:
                # answered in time only because the derivatives were never built: say so,
                # as when the budget runs out
                self.notice.emit(NUMERIC_NOTICE)
            self._settle()

    def _give_up(self, compiled):
        from engine.analysis import Analysis, formulas as formulas_of
        expr = compiled.expression
        formulas, tidy = self._formulas or (formulas_of(      # (its f line as typed)
            expr, derivatives=False, typed=self._asked and self._asked[0]), False)
        message = give_up_message(self._failure, self._formulas is not None, tidy,
                                  self._points is not None,
                                  numeric=expr.numeric_gradient or expr.numeric_hessian,
                                  points_failure=self._points_failure)
        self.finished.emit(Analysis(expr, formulas, self._points or (), compiled.bounds))
        self.notice.emit(message)
        self._settle()

    def _settle(self):
        self._compiled_result = self._points = self._formulas = self._failure = None
        self._points_failure = self._child_request = self._points_request = None
        self._budget.stop()
        self._budget_starts.clear()
        self._set_busy(False)       # the newest request is answered: nothing else counts
        self._idle.set()

    def _set_busy(self, busy: bool):
        if busy != self._busy:
            self._busy = busy
            self.busyChanged.emit(busy)

    def wait_idle(self, timeout_ms: int = 10000) -> bool:
        # Sleep in the event loop until something comes (a worker's signal, the helper's
        # answer on its socket), woken at least every 5 ms: a loop of processEvents took a
        # whole core from the helper process doing the work (tests, --export runs).
        timer, waker = QElapsedTimer(), QTimer(interval=5)
        timer.start(), waker.start()
        while timer.elapsed() < timeout_ms:
            if self._idle.is_set():   # what the last answer queued may ask again: not idle
                QCoreApplication.processEvents()
                if self._idle.is_set():
                    break
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        waker.stop()
        return self._idle.is_set()

    def shutdown(self) -> None:
        self._waiting, self._latest = None, self._latest + 1    # (nothing more is asked)
        for child in (self._child, self._points_child):
            if child is not None:
                child.shutdown()
        self._pool.clear()      # a compile under way is stale: a quit does not wait for it
