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
from gui.plots.loss_plot import LossPlot, predicted_steps_end
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
    spans = _step_axis(loss)
    # 2 % past each end, or the end's label's room (the last step, 120, is a tick)
    assert spans[0] == pytest.approx(-0.02 * last) and spans[1] >= last * 1.02
    loss.plot.getPlotItem().setXRange(50, 60, padding=0)     # the user pans the plot
    qapp.processEvents()
    assert_allclose(_step_axis(loss), [50, 60])
    _play_to(racing, qapp, 11, start=11)
    assert_allclose(_step_axis(loss), spans)


def test_predicting_the_step_axis_grows_with_the_frame(shown, racing, qapp):
    loss = shown(LossPlot(racing), 700, 300)
    racing.lab.set_predict(True)
    # (steps shown → right end): the steps shown rounded up to a round stride
    for frame, right in ((4, 5), (5, 6), (8, 10), (30, 35), (59, 60), (60, 70)):
        _play_to(racing, qapp, frame, start=frame)
        assert_allclose(_step_axis(loss), [-0.02 * right, right * 1.02])
    assert racing.last_frame > 100           # (the race's end is not what it shows)
    # the axis (and with it every curve) changes every few frames, not every frame
    ranges = set()
    for frame in range(0, 81):
        _play_to(racing, qapp, frame, start=frame)
        left, right = _step_axis(loss)
        assert frame <= right / 1.02 <= 2 * frame + 2
        ranges.add(round(right, 6))
    assert len(ranges) == 23               # of 81 frames


def test_the_predicted_step_axis_end_is_round_and_near():
    ends = [predicted_steps_end(n) for n in range(1, 2001)]
    for n, end in enumerate(ends, start=1):
        assert n <= end <= max(n + 1.25 * n / 4 + 1, n)
        assert end == n or end % 10 ** int(np.log10(max(n / 4, 1))) == 0
    assert ends == sorted(ends)
    assert len(set(ends)) < 70
