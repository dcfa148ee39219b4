"""The step arrow's label stays on the map.

The walkthrough, presenting (F11) at 1280×720: "step taken = −η∇f", put up and to the
right of a tip near the map's right edge, was cut there. Here GD at η = 1.08 on
x² + 2y² from (−3, 0.5) steps to x = 3.48 in the window −4 … 4: its label (120 px)
reached 72 px past the edge."""
import pyqtgraph as pg
from PySide6.QtCore import QRectF

from gui.plots.contour_view import ContourView
from gui.plots.step_arrows import StepArrows


def _label_rect(view, arrows, name) -> QRectF:
    """The label's rectangle as drawn: at the arrow's head, offset by its anchor."""
    text = arrows.labels[name].textItem
    tip = view.plot.vb.mapViewToScene(pg.Point(*arrows.layer.drawn[name].head))
    return text.boundingRect().translated(tip + text.pos())


def _gd_near_the_right_edge(view, model, qtbot) -> StepArrows:
    """GD at η = 1.08 from (−3, 0.5) on the view, its step arrows drawn."""
    model.set_text("x^2 + 2y^2")
    assert model.wait_for_analysis(30000)
    model.set_window(((-4, 4), (-3, 3)))
    model.set_start((-3.0, 0.5))
    model.set_settings(methods=("gd",), lr=1.08, max_steps=20)
    qtbot.waitUntil(lambda: "gd" in model.paths, timeout=60000)
    arrows = StepArrows(model, view.plot, labels=view.labels)
    return arrows


def test_the_step_taken_label_is_not_cut_at_the_right_edge(shown, model, qtbot):
    view = shown(ContourView(model), 560, 380)
    arrows = _gd_near_the_right_edge(view, model, qtbot)
    model.set_frame(0)
    qtbot.wait(50)
    assert arrows.layer.drawn["step"].labelled
    assert arrows.labels["step"].textItem.toPlainText() == "step taken = −η∇f"
    tip = view.plot.vb.mapViewToScene(pg.Point(*arrows.layer.drawn["step"].head))
    area = view.plot.vb.sceneBoundingRect()
    assert area.right() - tip.x() < 60                # the tip near the right edge
    rect = _label_rect(view, arrows, "step")
    assert area.contains(rect), (rect, area)


def test_a_tip_off_the_map_has_no_label(shown, model, qtbot):
    """GD runs away (η = 1.08 along y: ×−3.32 a step): its arrow leaves the map, and a
    label clamped to the edge would name an arrow out of sight."""
    view = shown(ContourView(model), 560, 380)
    arrows = _gd_near_the_right_edge(view, model, qtbot)
    model.set_frame(1)                    # θ₁ = (3.48, −1.66) → θ₂ = (−4.04, 5.5)
    qtbot.wait(50)
    assert "step" in arrows.layer.drawn and not arrows.layer.drawn["step"].labelled
