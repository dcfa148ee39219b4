"""A small f that the engine compiles from its tree (engine.numpy_source, ~1 ms) is
answered inside `set_text`: no sketch, the map sampled once with its arrows, painted once,
and the picture the one a view that saw only the settled f draws."""
import numpy as np
from numpy.testing import assert_allclose, assert_array_equal
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QImage

from engine.expression import parse
from gui.app.presets import default_preset
from gui.plots import landscape
from gui.plots.contour_view import GRID, N_LEVELS, ContourView
from tests.gui.paint_counter import Paints

TEXT = "x^2 - y^2 + x^4/7"


def picture(widget) -> np.ndarray:
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    return np.frombuffer(image.constBits(), np.uint8).reshape(
        image.height(), image.bytesPerLine() // 4, 4)[:, :image.width(), :3].copy()


def _quiet(view, paints, qtbot):
    for _ in range(60):               # the range settled, nothing left to paint
        count = paints.count
        qtbot.wait(50)
        if paints.count == count and not view._settle.isActive():
            return


def test_a_small_f_is_drawn_once_with_its_analysis(shown, model, qtbot):
    model.load_preset(default_preset())
    assert model.wait_for_analysis()
    view = shown(ContourView(model), 640, 540)
    viewport = view.canvas.viewport()
    paints = Paints(viewport)
    _quiet(view, paints, qtbot)
    before = picture(viewport)
    sketches, maps = [], []
    model.sketchChanged.connect(sketches.append)
    model.expressionChanged.connect(lambda f: maps.append((f, view.landscape)))
    paints.count = 0
    target = parse(TEXT)
    assert target.compiled_from_tree
    model.set_text(TEXT)
    # inside set_text, before any turn of the event loop: f with ∇f, drawn
    assert model.expression == target and not model.awaiting and sketches == []
    f = model.expression
    assert {"_f", "_value_grad"} <= set(vars(f))
    assert_allclose(view.landscape.Z, landscape.sample(target, view.landscape.window, GRID,
                                                       N_LEVELS).Z, rtol=1e-12)
    assert len(view.field.base) > 50
    assert_allclose(view.field.gradient, target.gradient(*view.field.base.T).T, rtol=1e-9)
    scape = view.landscape
    points_at = []                    # the critical points come later (a helper): a paint
    model.criticalPointsChanged.connect(lambda points: points and points_at.append(paints.count))
    for _ in range(5):                # every queued update and paint request delivered
        QCoreApplication.processEvents()
        qtbot.wait(20)
    painted = points_at[0] if points_at else paints.count
    drawn = picture(viewport)
    assert painted == 1, f"the new f's map was painted {painted} times"
    assert np.any(drawn != before, axis=2).mean() > 0.3     # the new f is what shows
    assert model.wait_for_analysis()
    qtbot.wait(300)
    assert view.landscape is scape, "sampled again after the analysis"
    # a second view, made now, never saw the edit: the same picture
    other = shown(ContourView(model), 640, 540)
    qtbot.wait(300)
    qtbot.waitUntil(lambda: other.landscape.window == view.landscape.window, timeout=5000)
    assert_array_equal(other.landscape.Z, view.landscape.Z)
    a, b = picture(viewport), picture(other.canvas.viewport())
    assert a.shape == b.shape and np.any(a != b, axis=2).mean() < 0.001
