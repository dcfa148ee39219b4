"""A run's status that wraps to more lines moves nothing: the side panel's Playback
box and the runs list above it keep their places (1280×720, text size 1).

The rehearsal: Example 1 started at its maximum (x = 1) said "Gradient descent:
started at a maximum (f′ = 0 there, not a minimum: no step moves it)" on three lines
where the start at 2.8 had kept room for two; the Playback box rose 14 px and the
"own η" row scrolled out of view."""
from gui.app.presets import presets
from tests.gui.app.layout_checks import window_rect
from tests.gui.explorer.test_formula_panel_layout import lab, settle  # noqa: F401


def _side_places(window) -> dict:
    panel = window.descent_panel
    return {name: window_rect(widget, window).getRect() for name, widget in
            (("playback", panel.playback_group), ("speed", panel.playback.speed_slider),
             ("map", window.explorer.contour_view), ("lr", panel.lr_control))}


def test_a_start_that_cannot_move_keeps_the_side_panel_still(lab, qtbot, screenshot):  # noqa: F811
    model = lab.model
    settle(qtbot, lab, preset=next(p for p in presets()
                                   if p["expr"] == "x^4 - 4x^3 + 4x^2"))
    model.set_settings(methods=("gd",))
    qtbot.waitUntil(lambda: set(model.paths) == {"gd"}, timeout=30000)
    qtbot.wait(50)
    before = _side_places(lab)
    screenshot(lab, "status_room_example1_ready")
    status = lab.descent_panel.playback.status_labels["gd"]
    lines_before = status.height() // status.fontMetrics().height()
    model.set_start((1.0,))                  # the maximum: no step moves it
    qtbot.waitUntil(lambda: "started at a maximum" in status.text(), timeout=30000)
    qtbot.wait(50)
    assert status.height() // status.fontMetrics().height() > lines_before   # it wrapped
    screenshot(lab, "status_room_example1_at_maximum")
    assert _side_places(lab) == before
    model.set_start((2.8,))
    qtbot.waitUntil(lambda: status.text().endswith("ready to start"), timeout=30000)
