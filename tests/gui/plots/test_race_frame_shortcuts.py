"""The frame-rate round's shortcuts keep what the views show: the canvases' scenes
without a BSP index still show each run's engine path; the loss plot's step axis, set
only when it differs, spans the whole race (or, predicting, the steps shown) and a
user's pan is still undone by the next frame."""
import numpy as np
import pytest
from numpy.testing import assert_allclose
from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QGraphicsScene

from gui.plots.contour_view import ContourView
from gui.plots.loss_plot import LossPlot
from tests.gui.plots.race_setup import start_six_runs


@pytest.fixture
def racing(model, qtbot):
    return start_six_runs(model, qtbot)


def _play_to(model, qapp, frame, start=0):
    for k in range(start, frame + 1):
        model.set_frame(k)
        qapp.processEvents()


def _step_axis(loss):
    return loss.plot.getPlotItem().getViewBox().viewRange()[0]


def test_the_canvases_have_no_scene_index_and_show_the_engine_paths(shown, racing, qapp):
    contour = shown(ContourView(racing), 700, 560)
    loss = shown(LossPlot(racing), 700, 300)
    for view in (contour.canvas, loss.plot):
        assert view.scene().itemIndexMethod() == QGraphicsScene.ItemIndexMethod.NoIndex
    _play_to(racing, qapp, 30)
    for key, path in racing.paths.items():
        points = path.points[:31]
        points = points[np.all(np.isfinite(points), axis=1)]
        assert_allclose(np.column_stack(contour.path_items[key].getData()), points)
        n = min(31, len(path.values))
        assert_allclose(loss.curve_data(key)[1], path.values[:n])
    # without an index the scene still finds what is drawn where it is drawn: the layer
    # that draws every run's dots is hit at the newest dot of a run still running
    key = "adam"
    x, y = racing.paths[key].points[30]
    found = contour.plot.scene().items(contour.plot.vb.mapViewToScene(QPointF(x, y)))
    assert contour.marks.layer in found


def test_the_step_axis_spans_the_race_and_a_pan_is_undone(shown, racing, qapp):
    loss = shown(LossPlot(racing), 700, 300)
    last = racing.last_frame
    _play_to(racing, qapp, 10)
    assert_allclose(_step_axis(loss), [-0.02 * last, last * 1.02])
    loss.plot.getPlotItem().setXRange(50, 60, padding=0)     # the user pans the plot
    qapp.processEvents()
    assert_allclose(_step_axis(loss), [50, 60])
    _play_to(racing, qapp, 11, start=11)
    assert_allclose(_step_axis(loss), [-0.02 * last, last * 1.02])


def test_predicting_the_step_axis_grows_with_the_frame(shown, racing, qapp):
    loss = shown(LossPlot(racing), 700, 300)
    racing.lab.set_predict(True)
    for frame in (5, 6, 30):
        _play_to(racing, qapp, frame, start=frame)
        right = frame + 1
        assert_allclose(_step_axis(loss), [-0.02 * right, right * 1.02])
