"""Values near the float limit (1e308·x²) never break the loss plot: no exception in its
slots, and the next f's run is drawn as it plays (the rehearsal's plot stayed at k = 0)."""
import numpy as np
from numpy.testing import assert_allclose
from PySide6.QtCore import QPointF

from gui.plots.view_range import RANGE_LIMIT, settable_range
from tests.gui.explorer.test_expression_editor import type_formula


def _typed(qtbot, window, text):
    """`text` typed key by key into the formula field, Enter, analysed."""
    type_formula(qtbot, window.explorer.editor, text, enter=True)
    qtbot.waitUntil(lambda: window.model.text == text, timeout=5000)
    assert window.model.wait_for_analysis(60000)


def test_a_huge_f_then_a_new_f_plays_on_the_loss_plot(window, qtbot):
    model, plot = window.model, window.explorer.loss_plot
    # typed key by key: "1e308" on the way is f = 1e308 (pyqtgraph's range of 1e308 ± a
    # little overflowed to [-inf, inf]); at x = 1, f itself is 1e308
    _typed(qtbot, window, "1e308*x^2")
    model.set_start((1.0,))
    qtbot.wait(50)
    _typed(qtbot, window, "x^2 + 2y^2")
    model.set_speed(100)
    model.play()
    qtbot.waitUntil(lambda: model.frame >= 30, timeout=20000)
    model.pause()
    qtbot.wait(50)
    frame, path = model.frame, model.paths["gd"]
    steps, values = plot.curve_data("gd")
    assert_allclose(values, path.values[:frame + 1])
    # every point drawn lies inside the plot's view (pixels), the newest at step `frame`
    view = plot.plot.getPlotItem().getViewBox()
    box = view.boundingRect()
    for k in (0, frame // 2, frame):
        at = view.mapFromView(QPointF(float(k), float(path.values[k])))
        assert box.contains(at), (k, at, view.viewRange())
    (x_lo, x_hi), _ = view.viewRange()
    assert x_lo < 0 and x_hi > frame


def test_settable_ranges_stay_inside_float_range():
    assert settable_range(0.0, 1.0) == (0.0, 1.0)
    assert settable_range(float("nan"), 1.0) is None
    assert settable_range(-np.inf, np.inf) == (-RANGE_LIMIT, RANGE_LIMIT)
    assert settable_range(1e308, 1.5e308) is None      # nothing left inside the limit
    assert settable_range(0.0, 1e308) == (0.0, RANGE_LIMIT)


def test_an_f_past_the_drawable_range_is_said_and_the_axis_points_to_it(shown, model, qtbot):
    """f = 1e308 alone: no axis of the f before (it kept 16.5 … 17.5 of x² + 2y²), but
    0 … 1e307 and a note saying where f is."""
    from gui.plots.loss_plot import LossPlot
    plot = shown(LossPlot(model), 720, 360)
    model.set_text("1e308*x^2")
    assert model.wait_for_analysis()
    model.set_start((1.0,))
    qtbot.waitUntil(lambda: len(model.paths["gd"].values) == 1
                    and model.paths["gd"].values[0] == 1e308)
    assert plot.note.isVisible() and "f = 1e308 lies off the plot" in plot.note.text()
    lo, hi = plot.plot.getPlotItem().getViewBox().viewRange()[1]
    assert lo <= 0 and RANGE_LIMIT <= hi < 2 * RANGE_LIMIT
