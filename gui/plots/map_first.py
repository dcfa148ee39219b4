"""A typed edit in two paint passes: the map first, the other views in the next.

Painted in one pass, a typed 2-D f's numeric views (the map with its arrows, the paths,
the 3-D surface, the loss plot, the iterate table) took ~60-70 ms of the GUI thread on
the 2-core CI-class machine: the map, the picture a lecturer types for, came no sooner
than the slowest view. Now an f answered at once (engine.numpy_source: f and ∇f compiled
from the tree in about a millisecond) goes out first as `firstPicture`: the map draws its
colours, iso-lines and arrows and paints (~15-20 ms), the old f's paths staying that one
frame; the analysis itself (expressionChanged, the paths, every other view) is applied
in the event loop's turn after that paint (`views_later`, an AfterNextPaint of the
window), or at once in `wait_for_analysis` (scripts and tests).
"""
from __future__ import annotations

import contextlib


class MapFirst:
    """LandscapeModel's part: `_typing()` around a typed edit's request, `_map_first`
    at its analysis, `_apply_second` after the map's paint."""

    views_later = None      # gui.widgets.paint_pass.AfterNextPaint(window); None: one pass
    helpers_later = None    # another: the helpers' part of a request after the paint
    _typed = False          # a typed edit's request is under way
    _second = None          # its Analyses, waiting for the map's paint
    _ask = None             # the helpers' part of the newest request, not asked yet
    second_pass_of = None   # the f whose second pass is being applied (its map painted)

    @contextlib.contextmanager
    def _typing(self):
        self._typed = True
        try:
            yield
        finally:
            self._typed = False

    def _map_first(self, analysis) -> bool:
        """True: `analysis`, of a typed 2-D f answered at once, waits for its map's paint
        (and the same f's later answers with it: critical points known from before)."""
        expr = analysis.expression
        if self._second and self._second[0].expression is not expr:
            self._second = None            # a newer f's answer: the older one is stale
        if self._second:
            self._second.append(analysis)
            return True
        if not (self._typed and self.views_later is not None and expr is self._requested
                and self._expression is not None and expr is not self._expression
                and expr.dimension == 2 and len(self._window) == 2
                and self._sketched is not expr and not getattr(expr, "provisional", False)):
            return False
        self._sketched, self._second = expr, [analysis]
        if self._ask is not None:                # the helpers wait for both passes
            self.helpers_later.cancel()
        self.views_later(self._apply_second)     # (the map may paint inside the emit)
        self.firstPicture.emit(expr)
        return True

    def _apply_second(self) -> None:
        waiting, self._second = self._second, None
        for analysis in waiting or ():
            if analysis.expression is self._requested:
                self.second_pass_of = analysis.expression
                try:
                    self._on_analysis(analysis)
                finally:
                    self.second_pass_of = None
        if waiting and self._ask is not None:     # the helpers after this pass's paint
            self.views_later(self._ask_now)

    def ask_helpers_later(self, ask) -> None:
        """AnalysisWorker.children_later: the formulas and critical points are asked of
        the helper processes once the numeric views have painted (both passes): asked
        before, they took the 2-core machine's second core from X and the software GL."""
        self._ask = ask
        self.helpers_later(self._ask_now)

    def _ask_now(self) -> None:
        if self._ask is not None:
            ask, self._ask = self._ask, None
            ask()


def map_painted_first(model, contour_view):
    """The map's canvas while the second pass of the f whose map and arrows it shows is
    applied, else None: painted whole in the first pass, it is not painted whole again
    (gui.widgets.paint_pass.repaint_plots_whole) — what changes on it now (the paths, the
    start) repaints its own rectangles."""
    f = model.second_pass_of
    return contour_view.canvas if f is not None and contour_view.pictured is f else None
