"""The inspected point after a new f undefined there (1/x after a point at 0): it moves
to a round x where f reads on the plot, not beside the pole, and the next f defined at
the point the user chose puts it back there (walkthrough: x = −0.003336, f = −299.7 off
the plot, then carried to exp(−x²) and x⁴ as "f′ = 0.00667" instead of their extremum)."""
import re

import numpy as np

from gui.plots.curve_point import point_to_show
from gui.plots.secant_numbers import fmt
from tests.gui.plots.curve_setup import shown_curve
from tests.gui.plots.test_secant_readouts import _plain


def _shown_point(curve) -> dict[str, str]:
    """The point's row as read: {"x": "−1", "f": "−1", "f′": "1"}."""
    text = _plain(curve.panel.point_readout)
    return {"x": re.search(r"x = (\S+)", text).group(1),
            "f": re.search(r"f\(x\) = (\S+)", text).group(1),
            "f′": re.search(r"f′\(x\) = (\S+)", text).group(1)}


def _retype(qtbot, model, curve, text):
    model.set_text(text)
    assert model.wait_for_analysis(30000)
    qtbot.waitUntil(lambda: curve.xs.size > 0 and model.expression.dimension == 1)
    qtbot.wait(50)


def test_the_point_leaves_a_pole_and_comes_back_to_the_chosen_x(shown, model, qtbot):
    curve = shown_curve(shown, model, qtbot, "abs(x)")
    curve.set_point(0.0)
    _retype(qtbot, model, curve, "1/x")
    lo, hi = curve.x_range()
    shown_x = float(_shown_point(curve)["x"].replace("−", "-"))
    # a tenth of the view from the pole, on the plot, the handle drawn on the screen
    assert abs(shown_x) >= 0.1 * (hi - lo)
    assert curve.handle.isVisible()
    assert curve.plot_f.vb.sceneBoundingRect().contains(curve.handle.mapToScene(0, 0))
    # the x shown is the x used: its f is the f shown
    assert _shown_point(curve)["f"] == fmt(model.expression(shown_x))
    for text in ("exp(-x^2)", "x^4"):        # defined at 0 again: the extremum the user chose
        _retype(qtbot, model, curve, text)
        assert _shown_point(curve)["x"] == "0" and _shown_point(curve)["f′"] == "0"


def test_a_point_off_the_domain_goes_to_a_round_x_clear_of_the_edge():
    xs = np.linspace(-4, 4, 1200)
    with np.errstate(all="ignore"):
        x = point_to_show(np.log, xs, (-7.0, 2.0), -1.0)
    assert x == 1.0                                 # log at x < 0 had its point at 0.0033
    assert point_to_show(np.cos, xs, (-1.1, 1.1), None, 0.25) == 0.25      # chosen, in view


def test_a_point_kept_for_the_next_f_is_whole_on_the_plot(shown, model, qtbot):
    # x = 2 dragged on x⁴ − 4x³ + 4x², then x³ (framed on [−2, 2]): the point stayed
    # at x = 2 on the window's edge, its circle half clipped. It comes inside, to a
    # round x near where the user put it; the next f with room for it gets 2 back.
    curve = shown_curve(shown, model, qtbot, "x^4 - 4x^3 + 4x^2")
    curve.set_point(2.0)
    _retype(qtbot, model, curve, "x^3")
    lo, hi = curve.x_range()
    assert hi == 2.0 and curve.xs[-1] == 2.0           # the edge case itself
    assert lo + 0.05 * (hi - lo) <= curve.x <= hi - 0.05 * (hi - lo)
    assert _shown_point(curve)["x"] == "1.8"
    assert _whole_on_the_plot(curve)                                # the circle whole
    _retype(qtbot, model, curve, "x^4 - 4x^3 + 4x^2")
    assert _shown_point(curve)["x"] == "2"


def test_a_point_near_the_edge_comes_inside_by_a_round_step():
    xs = np.linspace(-1, 3, 1200)
    assert point_to_show(np.cos, xs, (-2.0, 2.0), None, 3.0) == 2.8
    assert point_to_show(np.cos, xs, (-2.0, 2.0), None, -1.0) == -0.8
    assert point_to_show(np.cos, xs, (-2.0, 2.0), None, 2.5) == 2.5     # well inside: kept


def _whole_on_the_plot(curve) -> bool:
    handle = curve.handle.mapRectToScene(curve.handle.boundingRect())
    return curve.handle.isVisible() and curve.plot_f.vb.sceneBoundingRect().contains(handle)


def test_the_point_dragged_or_stepped_to_the_edge_stays_whole(shown, model, qtbot):
    # dragged past the window's end the point stopped on the edge, half its circle cut;
    # Shift+→ stepped it onto x = 2 of [−2, 2] the same way
    from PySide6.QtCore import Qt
    curve = shown_curve(shown, model, qtbot, "-x^2 + 4")
    model.set_window(((-2.0, 2.0),))
    qtbot.waitUntil(lambda: curve.x_range() == (-2.0, 2.0))
    for beyond in (5.0, -5.0):
        curve.handle.setPos(beyond, 0.0)                  # as a drag does
        assert -2.0 < curve.x < 2.0 and _whole_on_the_plot(curve), curve.x
    curve.set_point(1.9)
    curve.canvas.setFocus()
    qtbot.keyClick(curve.canvas, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert curve.x == 1.9 and _whole_on_the_plot(curve)
