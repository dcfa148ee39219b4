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


@pytest.mark.parametrize("text, start, where", [
    ("x^2 - y^2", (1.5, 0.0), "a saddle point"),     # Newton: one step to (0, 0)
    ("x^4 - 4x^3 + 4x^2", (1.0,), "a maximum")])     # every method: f′(1) = 0
def test_a_run_that_stops_where_the_gradient_is_0_names_what_it_reached(
        panel, model, qtbot, text, start, where):  # noqa: F811
    # Newton on the "Saddle x² − y²" example read "converged at step 1" at a saddle
    from engine.optimizers import METHODS
    model.set_text(text)
    assert model.wait_for_analysis()
    qtbot.waitUntil(lambda: model.expression.dimension == len(start))
    model.set_settings(methods=tuple(METHODS))
    model.set_start(start)
    gradient = "f′" if len(start) == 1 else "∇f"
    converged = [key for key, path in model.paths.items() if path.status == "converged"]
    assert "newton" in converged
    model.set_frame(model.last_frame)                 # every run at its end, on screen
    for key in converged:
        path = model.paths[key]
        line = panel.playback.status_text(key)
        label = model.lab.label(key)
        if path.stop_step == 0:
            assert line == (f"{label}: started at {where} ({gradient} = 0 there, not a "
                            "minimum: no step moves it)"), line
        else:
            assert line == (f"{label}: reached {where} at step {path.stop_step} "
                            f"({gradient} = 0, not a minimum)"), line
