"""The quadratic model on the map is drawn anew only when its iterate changes: frames
past the end of the selected run (or the same frame again) leave it, and its λ labels,
as they are; a new iterate draws the engine's model there."""
import numpy as np
import pytest
from numpy.testing import assert_allclose

from engine.optimizer_lab import quadratic_model
from gui.plots import runs as race
from gui.plots.contour_view import ContourView
from gui.plots.quadratic_model_overlay import QuadraticModelOverlay


@pytest.fixture
def racing(model, qtbot):
    # GD with a large rate on a narrow valley: it ends (diverges) long before Adam
    model.set_text("(1-x)^2 + 5(y-x^2)^2")
    model.set_start((-1.5, 2.0))
    model.set_settings(runs=race.parse_runs("gd:lr=0.1, adam:lr=0.3"), max_steps=60)
    qtbot.waitUntil(lambda: list(model.paths) == ["gd", "adam"], timeout=60000)
    return model


def test_the_model_is_drawn_only_when_its_iterate_changes(shown, racing, qapp, monkeypatch):
    contour = shown(ContourView(racing), 700, 520)
    overlay = QuadraticModelOverlay(racing, contour.plot)
    overlay.set_enabled(True)
    racing.lab.select("gd")
    end = racing.paths["gd"].stop_step
    assert end < 20
    drawn, laid_out = [], []
    draw = overlay._draw_2d
    monkeypatch.setattr(overlay, "_draw_2d", lambda *a: (drawn.append(racing.frame), draw(*a)))
    for label in overlay.axis_labels:
        set_text = label.setText
        monkeypatch.setattr(label, "setText",
                            lambda *a, s=set_text, **k: (laid_out.append(a[0]), s(*a, **k)))
    for frame in range(0, 30):
        racing.set_frame(frame)
        qapp.processEvents()
    # one drawing per new iterate of GD (frame 0 was drawn when switched on), none
    # after it ended
    assert racing.frame == 29 and drawn == list(range(1, end + 1))
    assert len(laid_out) <= 2 * len(drawn)
    q = quadratic_model(racing.expression, racing.paths["gd"].points[end])
    assert_allclose(overlay.quadratic.eigenvalues, q.eigenvalues)
    racing.lab.select("adam")       # Adam is still moving: each frame a new model
    drawn.clear()
    for frame in range(30, 35):
        racing.set_frame(frame)
        qapp.processEvents()
    assert drawn == list(range(30, 35))
    assert_allclose(overlay.quadratic.point, racing.paths["adam"].points[34])
    assert all(item.isVisible() for item in (overlay.rings, overlay.axes, overlay.newton))
    assert [label.textItem.toPlainText() for label in overlay.axis_labels] == [
        f"λ{s} = {v:.3g}".replace("-", "−") for s, v in zip("₁₂", overlay.quadratic.eigenvalues)]
