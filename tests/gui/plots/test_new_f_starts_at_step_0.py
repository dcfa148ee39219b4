"""A newly typed f starts at step 0, and the loss plot's f axis holds every value shown
(the walkthrough: Himmelblau paused at step 4, then sin(x)cos(y) typed kept step 4)."""
import numpy as np
import pytest

from gui.plots.loss_plot import LossPlot
from gui.app.presets import find_preset


@pytest.fixture
def plot(shown, model):
    return shown(LossPlot(model), 720, 360)


def _y_range(plot):
    return plot.plot.getPlotItem().getViewBox().viewRange()[1]


def _holds_every_value_shown(plot, model):
    lo, hi = _y_range(plot)
    for method in model.paths:
        _, values = plot.curve_data(method)
        values = values[np.isfinite(values)]
        assert values.size and lo <= values.min() and values.max() <= hi, (method, lo, hi)


def test_a_typed_f_starts_at_step_0(plot, model, qtbot):
    model.load_preset(find_preset("Himmelblau"))
    assert model.wait_for_analysis()
    for _ in range(4):
        model.step()
    assert model.frame == 4
    frames = []
    model.frameChanged.connect(frames.append)
    model.set_text("sin(x)cos(y)")
    assert model.wait_for_analysis()
    qtbot.waitUntil(lambda: model.paths_of is model.expression)
    _holds_every_value_shown(plot, model)
    assert model.frame == 0 and frames[-1] == 0
    for method, path in model.paths.items():
        steps, values = plot.curve_data(method)
        assert list(steps) == [0.0]
        assert values[0] == pytest.approx(path.values[0])
    _holds_every_value_shown(plot, model)
    model.step(), model.step()
    _holds_every_value_shown(plot, model)


def test_a_new_window_or_setting_keeps_the_step(plot, model):
    model.load_preset(find_preset("Himmelblau"))
    assert model.wait_for_analysis()
    model.set_frame(4)
    model.set_settings(lr=0.005)
    assert model.frame == 4
    model.set_window(((-4.0, 4.0), (-4.0, 4.0)))
    assert model.wait_for_analysis()
    assert model.frame == 4
    _holds_every_value_shown(plot, model)


def test_a_restored_session_keeps_its_frame(plot, model):
    model.load_preset(find_preset("Himmelblau"))
    assert model.wait_for_analysis()
    model.set_frame(6)
    state = model.get_state()
    model.set_text("x^2 + 3y^2")
    assert model.wait_for_analysis()
    assert model.frame == 0
    model.set_state(state)
    assert model.wait_for_analysis()
    assert model.frame == 6
    _holds_every_value_shown(plot, model)
