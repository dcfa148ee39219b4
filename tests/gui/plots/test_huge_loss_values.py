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
