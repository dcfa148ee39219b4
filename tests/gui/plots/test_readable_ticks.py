"""Every vertical axis of the 1-D view shows at least two numbers: for exp(x²)·1e300 at
1280×720 f″'s axis (±1.13e303 on 70 px) read only "0"."""
import pytest

from gui.app.presets import presets
from gui.plots.readable_ticks import labelled_levels
from tests.gui.plots.test_curve_layout import enter, lab, settled  # noqa: F401 - fixture
from tests.gui.plots.test_loss_plot import drawn_tick_labels

FIRST_1D = next(p for p in presets() if len(p["window"]) == 1)


@pytest.mark.parametrize("text", ["exp(x^2)*1e300", "x e^x"])
def test_each_axis_of_the_curves_shows_two_numbers(lab, qtbot, text):
    enter(qtbot, lab, FIRST_1D)
    model = lab.curve_view.model
    model.set_text(text)
    assert model.wait_for_analysis(60000)
    settled(qtbot)
    curve = lab.curve_view
    axes = {"f": curve.plot_f.getAxis("left"), "f′": curve.plot_d.getAxis("left"),
            "f″": curve.plot_d.getAxis("right")}
    shown = {name: drawn_tick_labels(axis) for name, axis in axes.items()}
    assert all(len(labels) >= 2 for labels in shown.values()), shown


def test_a_level_whose_outer_labels_stick_out_gives_way_to_the_next():
    # the f″ axis above: its first level's ±1e303 stick out of 70 px, ±5e302 fit
    levels = [(1e303, [-1e303, 0.0, 1e303]), (5e302, [-5e302, 5e302]),
              (1e302, [k * 1e302 for k in range(-11, 12) if k % 5])]
    chosen = labelled_levels(levels, -1.13e303, 1.13e303, 70, 12)
    assert chosen[0] == (5e302, [-5e302, 0.0, 5e302])
    # two fitting values at the first level: pyqtgraph's own choice stands
    assert labelled_levels(levels, -1.5e303, 1.5e303, 70, 12) == levels
    # nothing finer that fits apart: round values inside the axis
    assert labelled_levels([(1.0, [0.0])], -0.9, 0.9, 60, 12)[0][1] == [-0.5, 0.0, 0.5]
