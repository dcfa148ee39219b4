"""A start where the gradient is 0 says why nothing moves: "converged at step 0" alone
(x² + 2y² typed after the Himmelblau example, started at (0, 0)) read as a fault."""
import pytest

from tests.gui.explorer.test_descent_panel import panel  # noqa: F401  (the fixture)


@pytest.mark.parametrize("text, start, gradient", [("x^2 + 2y^2", (0.0, 0.0), "∇f"),
                                                    ("x^2", (0.0,), "f′")])
def test_a_run_that_never_moves_says_the_gradient_is_0_at_the_start(
        panel, model, qtbot, text, start, gradient):  # noqa: F811
    model.set_text(text)
    assert model.wait_for_analysis()
    qtbot.waitUntil(lambda: model.expression.dimension == len(start))
    model.set_start(start)
    assert model.paths["gd"].stop_step == 0
    assert panel.playback.status_text("gd") == (
        f"Gradient descent: converged at step 0 ({gradient} = 0 at the start: "
        "no step moves it)")
    model.set_start(tuple(v + 1.0 for v in start))          # a start that moves: as before
    assert panel.playback.status_text("gd") == "Gradient descent: ready to start"
