"""The sweep's "final f" axis on Himmelblau (the rehearsal's scene, /tmp/walk25/
37_sweep.png): Newton's f after 300 steps at η ≈ 3 is 4.5·10⁵, the others' values lie in
0 … 41; the axis ran to 400,000 and every curve lay flat on 0 (gui/plots/sweep_axes.py)."""
import numpy as np
import pytest

from tests.gui.plots.test_lr_sweep_view import swept
from gui.plots.sweep_axes import outlier_ceiling

METHODS = ("gd", "adam", "momentum", "nesterov", "rmsprop", "newton")


@pytest.fixture
def himmelblau(shown, model, qtbot):
    view = swept(shown, model, qtbot, "(x^2+y-11)^2 + (x+y^2-7)^2", (3.5, -0.6), METHODS,
                 lr=0.01, max_steps=300)
    yield view
    view.shutdown()


def test_one_far_value_does_not_flatten_the_others(himmelblau, screenshot):
    view = himmelblau
    screenshot(view, "lr_sweep_himmelblau_cut_off")
    values = {m: view.curve_points(m)[1] for m in METHODS}       # the engine's values
    spike = values["newton"].max()
    assert spike > 1e5                                           # the rehearsal's spike
    rest = max(v[v < 1e3].max() for v in values.values())        # ~41: GD at small η
    bottom, top = view.plot.getPlotItem().vb.viewRange()[1]
    # the curves take the axis: the others' largest value in its upper part, not at 0.01 %
    assert rest <= top < 3 * rest, (rest, top)
    assert (rest - bottom) / (top - bottom) > 0.5
    # the value cut off is said at the top edge, in Newton's colour, with its size
    mark = view.cut_off.items["newton"]
    assert mark.isVisible() and mark.toPlainText() == "↑ 4.5e5"
    assert mark.pos().y() == pytest.approx(rest)
    np.testing.assert_allclose(10 ** mark.pos().x(),
                               view.curve_points("newton")[0][values["newton"].argmax()])
    assert not any(item.isVisible() for m, item in view.cut_off.items.items() if m != "newton")


@pytest.mark.parametrize("values,ceiling", [
    ([0] * 200 + [5, 13, 40.7, 4.5e5], 40.7),    # one spike: cut above the rest
    ([0] * 100 + [1, 20, 4e5], 20.0),             # the widest gap, not the first
    (list(np.linspace(0, 100, 50)), None),        # spread evenly: nothing stands out
    ([0] * 200 + [5, 7], None),                   # no gap of ×10
    ([0, 0, 0], None),
    ([1.0] * 10 + [1e6] * 10, None),              # half the values high: a curve, not a spike
])
def test_outlier_ceiling(values, ceiling):
    assert outlier_ceiling(values) == ceiling
