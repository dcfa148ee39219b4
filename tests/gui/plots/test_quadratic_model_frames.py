"""The quadratic model on the map is drawn anew only when its iterate changes: frames
past the end of the selected run (or the same frame again) leave it, and its λ labels,
as they are; a new iterate draws the engine's model there."""
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
    # one drawing per new iterate of GD on the map (frame 0 was drawn when switched on),
    # none after it ended (nor for its iterates that left the map: see below)
    (x0, x1), (y0, y1) = contour.plot.vb.viewRange()
    on_map = [k for k in range(1, end + 1) if x0 <= racing.paths["gd"].points[k][0] <= x1
              and y0 <= racing.paths["gd"].points[k][1] <= y1]
    assert racing.frame == 29 and drawn == on_map and len(on_map) >= 2
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


def test_a_model_taken_off_the_map_is_said_not_drawn(shown, racing, qapp):
    """A diverged run's last iterate lies far off the map: its model's ellipses would
    cross the map only as long straight lines, so the overlay draws nothing there and its
    sentence says why; zoomed out far enough to hold the iterate, it is drawn again."""
    contour = shown(ContourView(racing), 700, 520)
    overlay = QuadraticModelOverlay(racing, contour.plot)
    overlay.set_enabled(True)
    racing.lab.select("gd")
    end = racing.paths["gd"].stop_step
    racing.set_frame(end)
    qapp.processEvents()
    p = racing.paths["gd"].points[end]
    (x0, x1), (y0, y1) = contour.plot.vb.viewRange()
    assert not (x0 <= p[0] <= x1 and y0 <= p[1] <= y1)      # the run left the map
    q = quadratic_model(racing.expression, p)
    assert_allclose(overlay.quadratic.eigenvalues, q.eigenvalues)   # the numbers still told
    assert overlay.text.endswith("(θₖ is off the map: zoom out to see its model.)")
    assert "Hessian eigenvalues" in overlay.text
    assert not any(item.isVisible() for item in overlay.items)
    # a frame on the map again (the start) draws it
    racing.set_frame(0)
    qapp.processEvents()
    assert overlay.rings.isVisible() and overlay.axes.isVisible()
    assert "off the map" not in overlay.text


def test_an_overlay_made_without_a_parent_goes_with_its_plot(racing, qapp, qtbot):
    """Made with no parent (as these tests make it), the overlay stayed connected to the
    process-wide theme after its map was deleted, and the next test's theme change drew
    on deleted curves ("Internal C++ object already deleted" in three dark-theme tests
    on CI). It is the plot's now, and goes with it."""
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QWidget
    from gui.widgets import theme
    contour = ContourView(racing)       # (not the fixture's: deleted here, not after)
    contour.resize(700, 520)
    contour.show()
    qtbot.waitExposed(contour)
    overlay = QuadraticModelOverlay(racing, contour.plot)
    overlay.set_enabled(True)
    assert overlay.parent() is contour.plot
    contour.close()
    contour.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    try:                        # (pytest-qt fails the test on an exception in a slot)
        theme.apply_theme(qapp, QWidget(), "dark", 1.0)
        qtbot.wait(20)
    finally:
        theme.apply_theme(qapp, QWidget(), "light", 1.0)
    assert overlay is not None
