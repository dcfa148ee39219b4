"""A run's callout never covers a critical point's name.

The walkthrough: four runs at η = 0.6 on x² + 2y² from (−2.8, −2.1); gradient descent
left the map downwards, and its callout "GD (−7.697e−27, −7.5e5)" was drawn over the
"minimum" (a 480×260 px map: the two boxes overlapped by ~20 px)."""
import pyqtgraph as pg

from gui.plots.contour_view import ContourView

RACE = ("gd", "momentum", "adam", "rmsprop")


def _race_at_step_38(model, qtbot):
    model.set_text("x^2 + 2y^2")
    assert model.wait_for_analysis(30000)
    model.set_window(((-4, 4), (-3, 3)))
    model.set_start((-2.8, -2.1))
    model.set_settings(methods=RACE, lr=0.6, max_steps=100)
    qtbot.waitUntil(lambda: set(model.paths) == set(RACE), timeout=60000)
    assert model.wait_for_analysis(30000)
    model.set_frame(38)
    qtbot.wait(50)                  # painted: a TextItem takes its place when painted


def _texts(view):
    return [(item.toPlainText(), item.mapRectToScene(item.boundingRect()))
            for item in view.plot.items if isinstance(item, pg.TextItem) and item.isVisible()]


def test_the_callout_keeps_off_the_minimums_name(shown, model, qtbot):
    view = shown(ContourView(model), 480, 260)
    _race_at_step_38(model, qtbot)
    texts = _texts(view)
    names = [t for t in texts if t[0] in ("minimum", "min")]
    assert names, texts                              # the minimum stays named
    assert view.marks.off_plot.shown()["gd"].startswith("GD")   # moved, still named
    for i, (text, rect) in enumerate(texts):
        for other, other_rect in texts[i + 1:]:
            assert not rect.intersects(other_rect), (text, other, texts)


def test_the_same_after_a_resize(shown, model, qtbot):
    """Shrunk to the walkthrough's size after the race was drawn larger."""
    view = shown(ContourView(model), 640, 420)
    _race_at_step_38(model, qtbot)
    view.resize(480, 260)
    qtbot.wait(100)
    texts = _texts(view)
    for i, (text, rect) in enumerate(texts):
        for other, other_rect in texts[i + 1:]:
            assert not rect.intersects(other_rect), (text, other, texts)


def test_a_callout_stacked_under_another_stays_on_the_map(shown, model, qtbot):
    """Presenting at 1280×720, step 2 of the four runs from (3, 2): GD's and Nesterov's
    arrows both at the top edge; Nesterov's callout, stacked under GD's, reached 21 px
    past the map's right edge."""
    view = shown(ContourView(model), 540, 400)
    model.set_text("x^2 + 2y^2")
    assert model.wait_for_analysis(30000)
    model.set_window(((-4, 4), (-3, 3)))
    model.set_start((3.0, 2.0))
    model.set_settings(methods=("gd", "momentum", "nesterov", "adam"), lr=0.6, max_steps=100)
    qtbot.waitUntil(lambda: len(model.paths) == 4, timeout=60000)
    model.set_frame(2)
    qtbot.wait(50)
    area = view.plot.vb.sceneBoundingRect()
    callouts = [c for c in view.marks.off_plot.callouts if c.isVisible()]
    assert len(callouts) >= 2
    for callout in callouts:
        rect = callout.mapRectToScene(callout.boundingRect())
        assert area.adjusted(-0.5, -0.5, 0.5, 0.5).contains(rect), (callout.toPlainText(), rect, area)
