"""Many runs off a small map: their callouts name them and leave the descent visible.

The walkthrough (1280×720): the "delivery route" example with six methods at step 40
showed four boxes "step 40: (x, y) = (66.0395, −62.0394)", ~235×22 px each, stacked
over half of a 345×220 px map, none saying which run it was."""
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPointF, QRectF

from engine.optimizers import METHODS
from gui.app.presets import find_preset
from gui.plots.contour_view import ContourView
from gui.plots.off_plot_marks import OFF_PLOT_SHARE

SIX = ("gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam")


def _delivery_route_at_step_40(model, qtbot, methods=SIX):
    preset = find_preset("delivery")
    model.set_text(preset["expr"])
    assert model.wait_for_analysis(30000)
    model.set_window(tuple(map(tuple, preset["window"])))
    model.set_start(tuple(preset["start"]))
    model.set_settings(methods=methods, lr=preset["lr"], max_steps=40)
    qtbot.waitUntil(lambda: set(model.paths) == set(methods), timeout=60000)
    model.set_frame(40)
    qtbot.wait(50)                  # painted: a TextItem takes its place when painted


def _texts_on_the_map(view):
    """The visible texts drawn on the map (no critical point here: the cost has none)."""
    return [item for item in view.plot.items
            if isinstance(item, pg.TextItem) and item.isVisible()]


def test_crowded_callouts_name_their_runs_within_a_small_share(shown, model, qtbot):
    view = shown(ContourView(model), 470, 330)
    _delivery_route_at_step_40(model, qtbot)
    box = view.plot.vb.sceneBoundingRect()
    assert 300 < box.width() < 420 and 180 < box.height() < 260    # the walkthrough's map
    marked = view.marks.off_plot.shown()
    assert len(marked) >= 4                       # four runs slid off the bottom right
    texts = _texts_on_the_map(view)
    rects = [t.mapRectToScene(t.boundingRect()) for t in texts]
    covered = sum(r.width() * r.height() for r in rects)
    assert covered <= OFF_PLOT_SHARE * box.width() * box.height(), (covered, rects)
    shown_text = " ".join(t.toPlainText() for t in texts)
    for key in marked:                            # each run named on the map: "GD", "Adam"
        assert model.lab.short_label(key) in shown_text, (key, shown_text)
    for rect in rects:
        assert box.contains(rect), (rect, box)


def test_the_full_readout_stays_in_the_tooltip(shown, model, qtbot):
    view = shown(ContourView(model), 470, 330)
    _delivery_route_at_step_40(model, qtbot)
    marks = view.marks.off_plot
    gd = model.paths["gd"].points[40]
    assert marks.readouts()["gd"] == f"GD · step 40: (x, y) = ({gd[0]:g}, {gd[1]:g})".replace(
        "-", "−")
    assert marks.arrows["gd"].toolTip() == marks.readouts()["gd"]
    callout = next(c for c in marks.callouts if c.isVisible() and "GD" in c.toPlainText())
    assert marks.readouts()["gd"] in callout.toolTip()


def test_a_large_map_keeps_each_runs_point(shown, model, qtbot):
    """With room, each run's row says its point: "GD (10, −6)"."""
    view = shown(ContourView(model), 1100, 800)
    _delivery_route_at_step_40(model, qtbot, methods=("gd", "momentum"))
    assert model.paths["gd"].points[40].tolist() == pytest.approx([10.0, -6.0])
    marked = view.marks.off_plot.shown()
    assert marked["gd"] in ("GD · step 40: (x, y) = (10, −6)", "GD (10, −6)")


def test_all_seven_methods_fit(shown, model, qtbot):
    view = shown(ContourView(model), 470, 330)
    _delivery_route_at_step_40(model, qtbot, methods=tuple(METHODS))
    box = view.plot.vb.sceneBoundingRect()
    rects = [t.mapRectToScene(t.boundingRect()) for t in _texts_on_the_map(view)]
    assert sum(r.width() * r.height() for r in rects) <= OFF_PLOT_SHARE * box.width() * box.height()


@pytest.mark.parametrize("size", [(470, 330), (640, 420), (560, 380)])
def test_callouts_keep_the_runs_in_view_free(shown, model, qtbot, size):
    """Presenting (dark), the callout sat over Adam's current point at (4.4, −0.8)."""
    view = shown(ContourView(model), *size)
    _delivery_route_at_step_40(model, qtbot)
    rects = [c.mapRectToScene(c.boundingRect()) for c in view.marks.off_plot.callouts
             if c.isVisible()]
    assert rects
    box = view.plot.vb.sceneBoundingRect()
    for key, item in view.current_items.items():
        xs, ys = item.getData()
        centre = view.plot.vb.mapViewToScene(QPointF(float(xs[0]), float(ys[0])))
        if box.contains(centre):
            dot = QRectF(centre.x() - 8, centre.y() - 8, 16, 16)
            assert not any(r.intersects(dot) for r in rects), (key, dot, rects)


def _monkey_saddle_race_at_step_54(model, qtbot):
    """The rehearsal's race: GD and Momentum diverge off the top right, Adam follows,
    Newton stops at the saddle (η = 0.05, start (0.8, 0.3), 80 steps)."""
    model.set_text("x^3 - 3x y^2")
    assert model.wait_for_analysis(30000)
    model.set_window(((-1.5, 1.5), (-1.5, 1.5)))
    model.set_start((0.8, 0.3))
    methods = ("gd", "momentum", "adam", "newton")
    model.set_settings(methods=methods, lr=0.05, max_steps=80)
    qtbot.waitUntil(lambda: set(model.paths) == set(methods), timeout=60000)
    model.set_frame(54)
    qtbot.wait(50)


def _path_pixels_under(view, rect) -> int:
    """How many points along the drawn paths (every ~1 px, scene coordinates) lie in
    `rect` (a scene rectangle)."""
    vb, inside = view.plot.vb, 0
    for item in view.marks.path_items.values():
        if not item.isVisible():
            continue
        xs, ys = item.getData()
        for x0, y0, x1, y1 in zip(xs[:-1], ys[:-1], xs[1:], ys[1:]):
            a, b = vb.mapViewToScene(QPointF(x0, y0)), vb.mapViewToScene(QPointF(x1, y1))
            n = int(min(max(abs(b.x() - a.x()), abs(b.y() - a.y())), 4000)) + 1
            inside += sum(rect.contains(a + (b - a) * (i / n)) for i in range(n + 1))
    return inside


@pytest.mark.parametrize("size", [(470, 290), (640, 420)])
def test_a_callout_of_runs_off_the_map_keeps_off_the_paths(shown, model, qtbot, size,
                                                          screenshot):
    # the rehearsal (monkey saddle, 4 runs, 1280×720): the box naming GD, Momentum and
    # Adam sat on their paths next to the start, where a spot along the edge was bare
    view = shown(ContourView(model), *size)
    _monkey_saddle_race_at_step_54(model, qtbot)
    screenshot(view, f"monkey_saddle_callout_{size[0]}")
    callouts = [t for t in view.marks.off_plot.callouts if t.isVisible()]
    assert callouts, view.marks.off_plot.shown()
    box = view.plot.vb.sceneBoundingRect()
    for label in callouts:
        rect = label.mapRectToScene(label.boundingRect())
        assert box.contains(rect), (rect, box)
        # (a path's line and halo are 5 px wide: its centre 2 px from the box is on it)
        assert _path_pixels_under(view, rect.adjusted(-2, -2, 2, 2)) == 0, (
            rect, label.toPlainText())
