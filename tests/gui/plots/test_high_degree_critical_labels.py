"""The 1-D plot of x^1000 names its one true critical point: a minimum at x = 0 (it
named "minimum" at x = ±0.474, where f' only underflowed to 0, and nothing at 0)."""
import numpy as np

from tests.gui.plots.curve_setup import shown_curve


def test_x_to_the_1000_has_one_minimum_at_0(qtbot, shown, model):
    curve = shown_curve(shown, model, qtbot, "x^1000")
    qtbot.waitUntil(lambda: len(model.critical_points) > 0)
    xs, _ = curve.critical_item.getData()
    np.testing.assert_array_equal(xs, [0.0])
    labels = [t.toPlainText() for t in curve.critical_labels if t.isVisible()]
    assert labels == ["minimum"]
