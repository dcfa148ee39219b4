"""f′ and f″ below f: where the two are of a size they share one scale, so a larger f″
is drawn higher (the walkthrough: x·eˣ at x = 0.5, f″ = 4.12 drawn below f′ = 2.47,
each on its own axis); each axis's numbers are in its curve's colour."""
import pytest
from PySide6.QtCore import QPointF

from gui.plots.curve_second_axis import curve_ink
from gui.plots.curve_view import CurveView


@pytest.fixture
def curve(shown, model):
    return shown(CurveView(model), 1000, 640)


def _show(model, qtbot, curve, text, window):
    model.set_text(text)
    assert model.wait_for_analysis()
    model.set_window(window)
    assert model.wait_for_analysis()
    qtbot.waitUntil(lambda: curve.xs.size > 0 and curve.xs[0] == pytest.approx(window[0][0]))


def _screen_heights(curve, x):
    """Scene y (pixels, downwards) of f′(x) and f″(x) as drawn."""
    f = curve.model.expression
    d, d2 = f.gradient(x)[0], f.hessian(x)[0, 0]
    y_d = curve.plot_d.vb.mapViewToScene(QPointF(x, d)).y()
    y_d2 = curve.vb_d2.mapViewToScene(QPointF(x, d2)).y()
    return (d, y_d), (d2, y_d2)


def test_f_second_larger_than_f_prime_is_drawn_higher(curve, model, qtbot):
    _show(model, qtbot, curve, "x*e^x", ((-3.0, 1.0),))
    (d, y_d), (d2, y_d2) = _screen_heights(curve, 0.5)
    assert (d, d2) == pytest.approx((2.4731, 4.1218), abs=1e-4)
    assert y_d2 < y_d - 20                       # higher on screen, clearly
    assert curve.second_axis.shared
    assert curve.vb_d2.viewRange()[1] == pytest.approx(curve.plot_d.vb.viewRange()[1])


def test_axes_wear_their_curves_colours(curve, model, qtbot):
    _show(model, qtbot, curve, "x^3", ((-20.0, 20.0),))
    assert not curve.second_axis.shared         # f′ to 1200, f″ to ±120: own scales
    left, right = curve.plot_d.getAxis("left"), curve.plot_d.getAxis("right")
    assert left.textPen().color() == curve_ink("df")
    assert right.textPen().color() == curve_ink("d2f")
    assert left.labelStyle["color"] == curve_ink("df").name()
    assert right.labelStyle["color"] == curve_ink("d2f").name()
