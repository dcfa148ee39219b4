"""A current iterate outside the view is marked at the view's edge with its step and
value (the walkthrough: x^2 with η = 1.5 jumped to −3.6, off [−2, 2]; the students saw
one thin line leaving the plot)."""
import math

import pytest
from PySide6.QtCore import QPointF

from gui.plots.contour_view import ContourView
from gui.plots.curve_view import CurveView


def _diverging(model, qtbot, text, window, start):
    model.set_text(text)
    assert model.wait_for_analysis()
    model.set_window(window)
    model.set_start(start)
    model.set_settings(lr=1.5)
    assert model.wait_for_analysis()
    qtbot.waitUntil(lambda: model.paths_of is model.expression and "gd" in model.paths)


def _arrow_on_screen(plot, arrow):
    """The arrow's tip in scene pixels, and the view box's rectangle there."""
    tip = plot.vb.mapViewToScene(QPointF(arrow.pos().x(), arrow.pos().y()))
    return tip, plot.vb.sceneBoundingRect()


def _points_towards(arrow, tip, target):
    """An ArrowItem at angle 0 points left; its angle turns clockwise on screen."""
    direction = math.degrees(math.atan2(target.y() - tip.y(), target.x() - tip.x()))
    return abs((arrow.opts["angle"] + 180 - direction + 180) % 360 - 180) < 1


def test_a_1d_iterate_off_the_window_is_marked_at_its_edge(shown, model, qtbot):
    view = shown(CurveView(model), 1000, 640)
    _diverging(model, qtbot, "x^2", ((-2.0, 2.0),), (1.8,))
    marks = view.descent.off_plot
    assert marks.shown() == {}                        # x_0 = 1.8 is in view
    model.set_frame(1)
    x1, f1 = model.paths["gd"].points[1, 0], model.paths["gd"].values[1]
    assert (x1, f1) == pytest.approx((-3.6, 12.96))
    assert marks.shown() == {"gd": "GD · step 1: x = −3.6, f = 12.96"}
    tip, box = _arrow_on_screen(view.plot_f, marks.arrows["gd"])
    assert abs(tip.x() - box.left()) < 5 and abs(tip.y() - box.top()) < 5   # the top-left corner
    target = view.plot_f.vb.mapViewToScene(QPointF(x1, f1))
    assert _points_towards(marks.arrows["gd"], tip, target)
    model.set_frame(0)
    assert marks.shown() == {}


def test_the_label_writes_the_iterate_as_the_table_does(shown, model, qtbot):
    """x² from 2 with η = 1.5, step 5: x = −64, f = 4096 in the iterate table; the label
    read "f = 4.1e+03" (3 digits, Python's exponent) (walkthrough s19, td1.png)."""
    view = shown(CurveView(model), 1000, 640)
    _diverging(model, qtbot, "x^2", ((-2.0, 2.0),), (2.0,))
    model.set_frame(5)
    assert model.paths["gd"].values[5] == 4096.0
    assert view.descent.off_plot.shown() == {"gd": "GD · step 5: x = −64, f = 4096"}


def test_a_2d_iterate_off_the_map_is_marked_at_its_edge(shown, model, qtbot):
    view = shown(ContourView(model), 720, 560)
    _diverging(model, qtbot, "x^2 + y^2", ((-4.0, 4.0), (-3.0, 3.0)), (3.0, 0.5))
    marks = view.marks.off_plot
    model.set_frame(1)                                # x_1 = x_0 − 1.5·2·x_0 = (−6, −1)
    assert tuple(model.paths["gd"].points[1]) == pytest.approx((-6.0, -1.0))
    assert marks.shown() == {"gd": "GD · step 1: (x, y) = (−6, −1)"}
    tip, box = _arrow_on_screen(view.plot, marks.arrows["gd"])
    assert abs(tip.x() - box.left()) < 5 and box.top() < tip.y() < box.bottom()
    target = view.plot.vb.mapViewToScene(QPointF(-6.0, -1.0))
    assert _points_towards(marks.arrows["gd"], tip, target)
    model.set_frame(0)
    assert marks.shown() == {}


def _label_rect(plot, label):
    """The label's box in scene pixels, as painted."""
    return label.mapRectToScene(label.boundingRect())


def test_labels_at_one_edge_do_not_hide_each_other(shown, model, qtbot):
    """x² with all seven methods at η = 1.5: at step 10 several runs are off the top of
    the window; Nesterov's label covered Gradient descent's (only "st" showed)."""
    from engine.optimizers import METHODS
    view = shown(CurveView(model), 1000, 640)
    _diverging(model, qtbot, "x^2", ((-2.0, 2.0),), (1.8,))
    model.set_settings(methods=tuple(METHODS))
    qtbot.waitUntil(lambda: set(model.paths) == set(METHODS), timeout=30000)
    model.set_frame(10)
    marks = view.descent.off_plot
    shown_marks = marks.shown()
    gd_x = model.paths["gd"].points[10, 0]                     # x₁₀ = 1.8·(−2)¹⁰
    assert gd_x == pytest.approx(1.8 * 2 ** 10)
    assert model.paths["gd"].values[10] == pytest.approx(gd_x ** 2)
    assert marks.readouts()["gd"] == "GD · step 10: x = 1843.2, f = 3.39739e6"
    assert {"gd", "nesterov"} <= set(shown_marks)            # both off the top-right corner
    qtbot.wait(50)                                            # painted: TextItems place lazily
    rects = [_label_rect(view.plot_f, c) for c in marks.callouts if c.isVisible()]
    box = view.plot_f.vb.sceneBoundingRect()
    for i, rect in enumerate(rects):
        assert box.contains(rect.center()), rect
        for rect2 in rects[:i]:
            overlap = rect.intersected(rect2)
            assert overlap.isEmpty(), (rect, rect2, overlap)


def test_the_paths_are_sampled_only_for_a_callout_to_place(shown, model, qtbot,
                                                           monkeypatch):
    """Every frame of a race places the marks again; the paths drawn were sampled every
    3 px (path_cover.path_pixels, for where a callout covers least of them) at each of
    those frames, also when no run had left the map and there was no callout to place."""
    from gui.plots import off_plot_marks
    sampled = []
    real = off_plot_marks.path_pixels
    monkeypatch.setattr(off_plot_marks, "path_pixels",
                        lambda *args: sampled.append(1) or real(*args))
    view = shown(ContourView(model), 720, 560)
    _diverging(model, qtbot, "x^2 + y^2", ((-4.0, 4.0), (-3.0, 3.0)), (3.0, 0.5))
    marks = view.marks.off_plot
    model.set_frame(1)                                # x_1 = (−6, −1): off the map
    assert marks.shown() and sampled                  # its callout placed off the paths
    sampled.clear()
    model.set_settings(lr=0.1)                        # x_1 = (2.4, 0.4) ...
    qtbot.waitUntil(lambda: model.paths["gd"].points[1, 0] == pytest.approx(2.4))
    for frame in range(2, 7):                         # ... a run staying on the map
        placed_before = marks._placed_for
        model.set_frame(frame)
        assert marks._placed_for != placed_before     # the marks were placed again ...
        assert marks.shown() == {}
    assert sampled == []                              # ... without sampling a path
