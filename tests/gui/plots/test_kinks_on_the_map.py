"""|x| + |y|: no minimum was marked at (0, 0) (∇f never vanishes: it jumps, so
engine.calculus.critical_points, by contract, finds nothing) and the read-out showed
the formula's sign(0) = 0 as ∇f with no word that f has no gradient there."""
import numpy as np
import pytest

from gui.plots.contour_view import ContourView
from gui.plots.hover_readout import readout_forms
from engine.kinks import Jump
from tests.gui.plots.test_contour_view import to_widget


@pytest.fixture
def corner(shown, model):
    view = shown(ContourView(model), 640, 540)
    model.set_text("|x| + |y| + 1")
    assert model.wait_for_analysis(30000)
    return view


def test_the_kink_minimum_of_abs_x_plus_abs_y_is_marked(corner, model, qtbot):
    assert list(model.critical_points) == []                  # the engine's contract
    qtbot.waitUntil(lambda: len(corner.critical_item.data) == 1)
    np.testing.assert_array_equal(corner.critical_item.getData(), ([0.0], [0.0]))
    assert [t.toPlainText() for t in corner.critical_labels if t.isVisible()] == ["minimum"]


def test_the_hover_read_out_on_a_kink_says_there_is_no_gradient(corner, model, qtbot):
    px, _ = corner.plot.vb.viewPixelSize()
    target = to_widget(corner, px, 1.0)                       # a pixel off the line x = 0
    viewport, moves = corner.canvas.viewport(), [0]
    qtbot.mouseMove(viewport, target + type(target)(7, 7))

    def read_at_the_kink():
        # the hover is rate-limited and may keep an earlier move: move on, between two
        # pixels that both read (0, 1) (a move to where the pointer is sends no event)
        moves[0] += 1
        qtbot.mouseMove(viewport, target + type(target)(0, moves[0] % 2))
        return corner.hover_values is not None and corner.hover_values[0] == (0.0, 1.0)
    qtbot.waitUntil(read_at_the_kink, timeout=20000)
    assert corner.hover_values[0] == (0.0, 1.0)               # read where a click starts
    text = corner.readout.text()                              # whole (its tooltip if cut)
    assert "∇f: none" in text and "∂f/∂x jumps from −1 to 1" in text, text
    assert "∇f: none" in corner.readout.shown_text()           # on the screen at 640 px


def test_the_read_out_forms_name_each_jump():
    forms = readout_forms(("x", "y"), (0.0, 0.0), 1.0, (0.0, 0.0),
                          [Jump(0, -1.0, 1.0), Jump(1, -2.0, 2.0)])
    assert forms[0] == ("x = 0, y = 0    f = 1    ∇f: none, f is not differentiable here "
                        "(∂f/∂x jumps from −1 to 1; ∂f/∂y jumps from −2 to 2)")
    assert all("none" in form for form in forms)


def test_the_quadratic_model_at_a_kink_says_there_is_none(corner, model):
    from gui.plots.quadratic_model_overlay import QuadraticModelOverlay
    model.set_start((0.0, 0.0))          # the kink: H = 0 read "curves down in every direction"
    overlay = QuadraticModelOverlay(model, corner.plot)
    texts = []
    overlay.described.connect(texts.append)
    overlay.set_enabled(True)
    assert overlay.quadratic is None
    assert texts[-1].startswith("f is not differentiable at this point (∂f/∂x jumps from "
                                "−1 to 1; ∂f/∂y jumps from −1 to 1)")
    model.set_start((1.0, 2.0))          # off the kinks: the model as before
    assert overlay.quadratic is not None and "Hessian eigenvalues" in texts[-1]


def test_the_hover_read_out_gives_no_infinite_gradient():
    """√x + y² at (0, 1): f = 1, ∂f/∂x = 1/(2√x) has no value (read "∇f = (inf, 0)")."""
    forms = readout_forms(("x", "y"), (0.0, 1.0), 1.0, (float("inf"), 2.0))
    assert all("inf" not in form and "∞" not in form for form in forms)
    assert "∂f/∂x undefined" in forms[0] and "f = 1" in forms[0]
