"""A start where f is undefined: log(x+y) typed with the start at (1.2, −3.5), where
x + y = −2.3. The table's row 0 showed f = nan beside ∂f/∂x = ∂f/∂y = −0.434783 and
|∇f| = 0.614875 (the formal gradient 1/(x+y)), and the status "diverged at step 0".
Now the start moves into f's domain, saying so; a start put outside it shows "—" for
f and its gradient and says why nothing moves."""
import math

import numpy as np
from numpy.testing import assert_allclose
from PySide6.QtCore import Qt

from engine.expression import parse
from tests.gui.explorer.test_descent_panel import panel  # noqa: F401  (the fixture)
from tests.gui.explorer.test_iterate_table import _row, table  # noqa: F401  (the fixture)

OUTSIDE = (1.2, -3.5)
WINDOW = ((-7.5, 7.5), (-5.0, 5.0))          # the walkthrough's: the start on the map


def _typed(model, text):
    model.set_text(text)
    assert model.wait_for_analysis(60000)


def test_a_typed_f_undefined_at_the_start_moves_the_start_into_its_domain(
        panel, table, model, qtbot):  # noqa: F811
    model.set_window(WINDOW)
    model.set_start(OUTSIDE)
    notices = []
    model.notice.connect(notices.append)
    _typed(model, "log(x+y)")
    qtbot.waitUntil(lambda: model.paths_of is model.expression and "gd" in model.paths)
    x, y = model.start
    assert (x, y) != OUTSIDE and x + y > 0                   # inside log's domain
    assert all(lo <= v <= hi for v, (lo, hi) in zip(model.start, model.window))
    assert len(notices) == 1 and "(1.2, −3.5) is outside the new f's domain" in notices[0]
    assert "moved to" in notices[0], notices
    # the table's row 0: the engine's f and gradient at the new start, as numbers
    f = parse("log(x+y)")
    shown = _row(table, 0)
    assert shown[1:3] == [f"{x:.6g}".replace("-", "−"), f"{y:.6g}".replace("-", "−")]
    assert_allclose([float(t.replace("−", "-")) for t in shown[3:6]],
                    [f(x, y), *f.gradient(x, y)], rtol=1e-5)
    assert panel.playback.status_text("gd") == "Gradient descent: ready to start"


def test_a_start_outside_the_domain_shows_no_gradient_and_says_why(
        panel, table, model, qtbot):  # noqa: F811
    _typed(model, "log(x+y)")
    model.set_window(WINDOW)
    model.set_start(OUTSIDE)                   # clicked there: the user's choice, kept
    qtbot.waitUntil(lambda: tuple(model.paths["gd"].points[0]) == OUTSIDE)
    path = model.paths["gd"]
    assert math.isnan(path.values[0])
    # what the engine computes there is the formal gradient, 1/(x+y): not shown
    assert_allclose(path.gradients[0], [1 / (1.2 - 3.5)] * 2)
    assert _row(table, 0)[3:] == ["—", "—", "—", "—"]        # f, ∂f/∂x, ∂f/∂y, |∇f|
    tm = table.table_model
    assert "outside f's domain" in tm.data(tm.index(0, 4), Qt.ItemDataRole.ToolTipRole)
    assert panel.playback.status_text("gd") == (
        "Gradient descent: f is undefined at the start (outside its domain)")
    assert np.isfinite(path.points[0]).all()


def test_the_hover_read_out_shows_no_gradient_where_f_is_undefined(shown, model, qtbot):
    from gui.plots.contour_view import ContourView
    from tests.gui.plots.test_contour_view import to_widget
    view = shown(ContourView(model), 640, 540)
    _typed(model, "log(x+y)")
    model.set_window(WINDOW)
    target, moves = to_widget(view, -3.0, -3.0), [0]
    viewport = view.canvas.viewport()

    def read_there():          # the hover is rate-limited: move between two pixels
        moves[0] += 1
        qtbot.mouseMove(viewport, target + type(target)(0, moves[0] % 2))
        return view.hover_values is not None and view.hover_values[0] == (-3.0, -3.0)
    qtbot.waitUntil(read_there, timeout=20000)
    value, grad = view.hover_values[1:]
    assert math.isnan(value) and np.all(np.isfinite(grad))    # the formal 1/(x+y) = −1/6
    text = view.readout.text()
    assert text == "x = −3, y = −3    f is undefined here (outside its domain)", text
    assert "∇f" not in view.readout.shown_text()


def test_a_start_where_the_gradient_is_undefined_is_not_called_a_divergence(
        panel, table, shown, model, qtbot):  # noqa: F811
    """√x + y² from (0, 1): f = 1, but ∂f/∂x = 1/(2√x) has no value; the step went to
    x = −∞ and the run read "diverged at step 1", as if the method had blown up. Then
    the status said "no step can be taken" beside "step 1 / 1", a row 1 of (—, 0.8) and
    "Inside a step" writing θ₁ = (undefined, 0.8): no step 1 is shown anywhere now, and
    the status says why from the start, before Play."""
    from gui.explorer.step_inspector import StepInspector
    inspector = shown(StepInspector(model), 900, 200)
    _typed(model, "sqrt(x) + y^2")
    model.set_start((0.0, 1.0))
    qtbot.waitUntil(lambda: tuple(model.paths["gd"].points[0]) == (0.0, 1.0))
    path = model.paths["gd"]
    assert path.values[0] == 1 and path.gradients[0][0] == np.inf and path.stop_step == 0
    why = "∇f is undefined at the start: no step can be taken"
    assert model.frame == 0 and model.last_frame == 0
    assert panel.playback.status_text("gd") == f"Gradient descent: {why}"   # before Play
    assert panel.playback.frame_label.text() == "step 0 / 0"
    assert table.table_model.rowCount() == 1 and _row(table, 0)[1:3] == ["0", "1"]
    qtbot.waitUntil(lambda: "ended" in inspector.body.text())
    assert inspector.body.text() == f"The run ended: {why}. No step is taken from here."
    # and no step k → k + 1 named over it (a lecturer's rehearsal read "Inside step
    # 77 → 78" above a run that converged at step 77)
    assert "the run has ended" in inspector.title.text()
    assert "Inside step" not in inspector.title.text()
    panel.playback.step_button.click()                      # Step ▶: nothing to step to
    assert model.frame == 0 and panel.playback.frame_label.text() == "step 0 / 0"
    assert panel.playback.status_text("gd") == f"Gradient descent: {why}"


def test_the_step_inspector_says_why_no_step_is_taken(shown, model, qtbot):
    """log(x) + log(y) from (0, 0): "The run ended at step 0 (diverged)", where f has
    no value at the start (the status line said so already)."""
    from gui.explorer.step_inspector import StepInspector
    inspector = shown(StepInspector(model), 900, 200)
    _typed(model, "log(x) + log(y)")
    model.set_start((0.0, 0.0))
    qtbot.waitUntil(lambda: tuple(model.paths["gd"].points[0]) == (0.0, 0.0))
    qtbot.waitUntil(lambda: "ended" in inspector.body.text())
    assert inspector.body.text() == ("The run ended: f is undefined at the start (outside "
                                     "its domain). No step is taken from here.")
