"""A plain start's first analysed picture without sympy: the formula read by
engine.numeric_expression is drawn first (provisional), sympy is imported after the 3-D
view painted it, and the exact Expression then replaces it; the paths, points and
formulas come from that one only, and the settled window is the one a start that
builds everything first gives."""

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

from gui.app.application import build_window
from gui.compute.qt_guard import qt_override
from tests.gui.app.plain_start_probe import plain_start
from tests.gui.app.start_helpers import save_last_session


def _settled(qtbot, model):
    assert model.wait_for_analysis(60000)
    qtbot.waitUntil(lambda: len(model.critical_points) > 0, timeout=60000)
    qtbot.waitUntil(lambda: bool(model.paths), timeout=10000)


def test_the_formula_read_without_sympy_is_drawn_then_its_exact_expression(
        qtbot, shown, settings, monkeypatch):
    from gui.compute.analysis_worker import AnalysisWorker
    model, window = build_window(settings=settings, paint_first=True)
    drawn, paths_of, launched = [], [], []
    model.expressionChanged.connect(lambda e: drawn.append(
        (getattr(e, "provisional", False), window.contour_view.landscape)))
    model.pathsChanged.connect(lambda paths: paths_of.append(
        (bool(paths), getattr(model.expression, "provisional", False))))
    painted = []        # the 3-D view's paints once f is known: of a provisional f?

    class Watch(QObject):
        @qt_override
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint and window.explorer.surface_view_built \
                    and obj is window.surface_view.gl.canvas and model.expression is not None:
                painted.append(getattr(model.expression, "provisional", False))
            return False
    watch = Watch()
    QApplication.instance().installEventFilter(watch)
    real = AnalysisWorker._launch
    # the job that imports sympy starts once the 3-D view has painted the first picture
    monkeypatch.setattr(AnalysisWorker, "_launch",
                        lambda self, *job: launched.append(bool(painted)) or real(self, *job))
    shown(window, 1400, 860)
    try:
        _settled(qtbot, model)
    finally:
        QApplication.instance().removeEventFilter(watch)
    assert [d[0] for d in drawn] == [True, False]       # read ahead, then exact
    # the map of the read formula is the exact one's on its grid (the grid itself follows
    # the map's size, which may still change then)
    preview = drawn[0][1]
    grid = np.meshgrid(preview.xs, preview.ys, indexing="ij")
    assert_allclose(preview.Z, model.expression(*grid), rtol=1e-13, atol=0)
    assert drawn[1][1] is not preview               # sampled again from the exact one
    assert launched == [True]            # one job, after the 3-D view painted the picture
    assert painted and painted[0] is True             # the first analysed 3-D frame: it
    assert all(not provisional for shown_paths, provisional in paths_of if shown_paths)
    assert not getattr(model.expression, "provisional", False)
    assert model.expression.latex() == "x^{2} + 2 y^{2}"

    # settled: as a start that builds everything first (no formula read ahead)
    before_model, before = build_window(settings=settings, paint_first=False)
    shown(before, 1400, 860)
    _settled(qtbot, before_model)
    assert model.expression == before_model.expression
    for key in before_model.paths:
        assert_array_equal(model.paths[key].points, before_model.paths[key].points)
    assert [(tuple(p.point), p.kind) for p in model.critical_points] == \
        [(tuple(p.point), p.kind) for p in before_model.critical_points]
    assert [f.latex for f in model.formulas] == [f.latex for f in before_model.formulas]
    # the map and the surface as settled: sampled from the exact Expression (their grids
    # follow the views' sizes as laid out then, so they are compared on their own grids)
    for view in (window.contour_view, window.surface_view):
        scape = view.landscape
        grid = np.meshgrid(scape.xs, scape.ys, indexing="ij")
        assert_array_equal(scape.Z, before_model.expression(*grid))
    table = window.iterate_table.view.model()
    assert table.index(1, 1).data() == before.iterate_table.view.model().index(1, 1).data()


@pytest.mark.parametrize("text, start, kind", [
    ("x^2 - y^2 + x*y", (1.5, -0.5), "saddle"),
    ("(w-3)^2 + sin(w)", (1.5,), "minimum"),                        # one variable
    ("x^2 + 2y^2 + (z - 1)^2", (1.5, -0.5, 2.0), "minimum"),        # three
])
def test_a_restored_session_is_read_without_sympy_and_settles_as_before(
        qtbot, shown, settings, text, start, kind):
    _state, saved = save_last_session(qtbot, shown, settings, text, start)
    model, again = build_window(settings=settings, paint_first=True, restore_last=True)
    kinds = []
    model.expressionChanged.connect(lambda e: kinds.append(
        ("read ahead", e.text) if getattr(e, "provisional", False) else str(e)))
    shown(again, 1400, 860)
    _settled(qtbot, model)
    assert kinds == [("read ahead", text), str(model.expression)]
    assert not getattr(model.expression, "provisional", False)
    assert kind in [p.kind for p in model.critical_points]
    assert sorted(model.paths) == sorted(saved)
    for key, points in saved.items():
        assert_array_equal(model.paths[key].points, points)
    assert_allclose(model.paths["gd"].points[0], start)
    assert model.parsed_ahead is None and not model.awaiting


def test_no_sympy_until_the_3d_view_painted_the_first_analysed_picture():
    """In a fresh process: the first analysed picture (the map and the 3-D view) is
    drawn before sympy is imported; the exact Expression comes after, and the paths
    only from it. (The launch is shared with test_first_paint's probe:
    tests/gui/app/plain_start_probe.py.)"""
    seen = plain_start()
    assert seen["drawn"] == [[True, False], [False, True]]
    assert seen["gl"][0] == [True, False]           # painted, analysed, no sympy yet
    assert [False, True] in seen["gl"]              # and again with the exact Expression
    assert [p for p in seen["paths"] if p[0]] and all(not p[1] for p in seen["paths"] if p[0])
    assert seen["points"] == ["minimum"]
