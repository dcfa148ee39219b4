"""Exact points can be hit with the mouse: a click or a drag within a few pixels of a
round number lands on it (a click at the map's (1, 1) gave (0.99, 0.99); aiming the
tangent point at x = 1 gave 1.004 and f′ = −2.00843 instead of −2)."""
import pytest
from PySide6.QtCore import QPointF, Qt

from gui.app.presets import default_preset
from gui.plots.contour_view import ContourView
from tests.gui.plots.curve_setup import shown_curve
from gui.plots.resolution import SNAP_REACH_PX, snap_to_round
from tests.gui.plots.test_secant_readouts import _slope_texts
from tests.gui.plots.test_true_numbers import _to_widget


def test_the_roundest_number_in_reach():
    assert snap_to_round(0.99, 0.004) == 1.0 and snap_to_round(1.004, 0.0046) == 1.0
    assert snap_to_round(0.52, 0.004) == 0.52           # no round number 3 px away
    assert snap_to_round(0.3013, 0.004) == 0.3          # 0.3, not 0.30000000000000004
    assert snap_to_round(0.123456, 0.004) == 0.12       # else to the view's resolution
    assert snap_to_round(2.47, 0.01) == 2.5 and snap_to_round(-0.004, 0.02) == 0.0
    assert snap_to_round(0.0126, 0.0126) == 0.0 and snap_to_round(-0.03, 0.0125) == 0.0
    assert snap_to_round(1.0073, 0.0004) == 1.007       # zoomed in: 1.005 is 6 px away


def test_a_click_near_a_round_point_of_the_map_starts_there(shown, model, qtbot):
    contour = shown(ContourView(model), 640, 540)
    model.load_preset(default_preset())
    assert model.wait_for_analysis(30000)
    px, py = contour.plot.vb.viewPixelSize()
    near = (1.0 - 2 * px, 1.0 - 2 * py)                   # 2 px below and left of (1, 1)
    qtbot.mouseClick(contour.canvas.viewport(), Qt.MouseButton.LeftButton,
                     pos=_to_widget(contour, *near))
    qtbot.waitUntil(lambda: model.start != (3.0, 2.0))
    assert model.start == (1.0, 1.0)


@pytest.fixture
def parabola(shown, model, qtbot):
    return shown_curve(shown, model, qtbot, "-x^2 + 4")


def test_the_tangent_point_dragged_near_x_1_reads_the_exact_slope(parabola):
    px = parabola.plot_f.vb.viewPixelSize()[0]
    assert (SNAP_REACH_PX - 1) * px > 0.004               # 1.004 is within reach here
    parabola.handle.setPos(1.004, 3.0)                    # as a drag does
    assert parabola.x == 1.0
    assert parabola.panel.values["df"] == -2.0
    assert _slope_texts(parabola) == ["−2", "−2"]


def test_a_click_on_the_curve_near_a_round_x_starts_there(parabola, model, qtbot):
    vb = parabola.plot_f.vb
    px = vb.viewPixelSize()[0]
    scene = vb.mapViewToScene(QPointF(-0.5 + 2 * px, 0.5))
    qtbot.mouseClick(parabola.canvas.viewport(), Qt.MouseButton.LeftButton,
                     pos=parabola.canvas.mapFromScene(scene))
    qtbot.waitUntil(lambda: abs(model.start[0] + 0.5) < 0.05)
    assert model.start == (-0.5,)


def test_shift_arrows_on_the_plot_move_the_tangent_point_onto_round_xs(parabola, model, qtbot):
    model.set_window(((-2.0, 2.0),))
    qtbot.waitUntil(lambda: parabola.x_range() == (-2.0, 2.0))
    parabola.set_point(0.954)
    frame, shift = model.frame, Qt.KeyboardModifier.ShiftModifier
    parabola.canvas.setFocus()
    qtbot.keyClick(parabola.canvas, Qt.Key.Key_Right, shift)
    assert parabola.x == 1.0 and parabola.panel.values["df"] == -2.0
    qtbot.keyClick(parabola.canvas, Qt.Key.Key_Right, shift)
    assert parabola.x == 1.1
    for _ in range(2):
        qtbot.keyClick(parabola.canvas, Qt.Key.Key_Left, shift)
    assert parabola.x == 0.9
    assert model.frame == frame                       # not a step of the descent
