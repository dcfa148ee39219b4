"""|x| at 0: no minimum was marked (f′ is never 0 there) and the read-out said f′(x) = 0
(the formula's sign(0)) with no word that f has no derivative there."""
import numpy as np
import pytest

from tests.gui.plots.curve_setup import shown_curve
from tests.gui.plots.test_secant_readouts import _plain


@pytest.fixture
def absolute(shown, model, qtbot):
    return shown_curve(shown, model, qtbot, "|x| + 1")


def test_the_kink_of_abs_is_marked_as_its_minimum(absolute):
    assert list(absolute.model.critical_points) == []        # the engine's contract
    xs, ys = absolute.critical_item.getData()
    np.testing.assert_array_equal(xs, [0.0])
    np.testing.assert_array_equal(ys, [1.0])
    assert [t.toPlainText() for t in absolute.critical_labels if t.isVisible()] == ["minimum"]


def test_the_read_out_at_the_kink_says_f_is_not_differentiable(absolute, qtbot):
    absolute.set_point(0.0)
    point, secant = _plain(absolute.panel.point_readout), _plain(absolute.panel.secant_readout)
    assert "not differentiable at x = 0: f′ jumps from −1 to 1" in secant
    assert "f′(x) = none" in point and "stationary" not in point
    assert "f′(x) = 0" not in point + secant
    assert absolute.panel.values["jump"] == (-1.0, 1.0)
    assert np.all(np.isnan(absolute.tangent_item.getData()[1]))   # no tangent at a kink
    assert np.all(np.isnan(absolute.slope_marker.getData()[1]))
    absolute.set_point(0.5)                                  # off the kink: as before
    assert absolute.panel.values["jump"] is None
    assert "f′(x) = 1" in _plain(absolute.panel.point_readout)
    assert "not differentiable" not in _plain(absolute.panel.secant_readout)
    assert np.all(np.isfinite(absolute.tangent_item.getData()[1]))
