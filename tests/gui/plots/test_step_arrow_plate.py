"""The step arrows' names on a plate, as the critical points' names: "step taken" in the
run's blue straight on the blue-grey map, crossed by the arrows, was unreadable (the
walkthrough at 1920×1080). Checked on the screen: the label's rectangle shows the plate,
and the text's colour reads on it (4.5:1), in the light and the dark theme."""
import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from gui.app.presets import default_preset
from gui.plots.contour_view import ContourView
from gui.plots.step_arrows import StepArrows
from gui.widgets import theme
from tests.gui.widgets.screen_contrast import pixels


@pytest.mark.parametrize("look", ["light", "dark"])
def test_the_step_taken_label_sits_on_a_readable_plate(shown, model, qtbot, look):
    app = QApplication.instance()
    view = shown(ContourView(model), 900, 700)
    view.raise_()
    theme.apply_theme(app, view, look, 1.0)
    try:
        model.load_preset(default_preset())       # x² + 2y² from (3, 2), η = 0.1
        assert model.wait_for_analysis()
        arrows = StepArrows(model, view.plot)
        model.set_frame(0)
        qtbot.wait(200)
        arrow = arrows.layer.drawn["step"]
        assert arrow.labelled
        text = arrows.labels["step"].textItem
        assert text.toPlainText() == "step taken = −η∇f"     # GD: the step is −η∇f
        assert not arrows.layer.drawn["plain"].labelled     # (not two names stacked)
        tip = view.canvas.mapFromScene(view.plot.vb.mapViewToScene(pg.Point(*arrow.head)))
        box = text.boundingRect().translated(QPointF(tip) + text.pos()).toRect()
        rgb = pixels(view.canvas.grab().toImage())
        inside = rgb[box.top() + 2:box.bottom() - 1, box.left() + 2:box.right() - 1]
        plate = QColor(*np.median(inside.reshape(-1, 3), axis=0).astype(int))
        # the plate: the theme's background, a little of the map through it
        assert (plate.lightness() > 200) if look == "light" else (plate.lightness() < 70), \
            plate.name()
        ink = QColor(text.defaultTextColor())
        assert theme.contrast(ink, plate) >= 4.5, (ink.name(), plate.name())
        # the text is drawn: pixels of its colour inside the plate
        want = np.array([ink.red(), ink.green(), ink.blue()])
        assert (np.abs(inside.astype(int) - want).max(axis=2) <= 40).sum() > 20
    finally:
        theme.apply_theme(app, view, "light", 1.0)


def _step_label_box(view, arrows):
    """The scene rectangle of the step taken's label, as the arrow layer draws it."""
    arrow = arrows.layer.drawn["step"]
    text = arrows.labels["step"].textItem
    tip = view.plot.vb.mapViewToScene(pg.Point(*arrow.head))
    return text.boundingRect().translated(tip + text.pos())


@pytest.mark.parametrize("start", [(1.2, 1.0), (-1.2, 1.0), (1.0, -1.2)])
def test_the_step_label_and_the_critical_names_do_not_overlap(shown, model, qtbot, start):
    """exp(x² + y²) from (1.2, 1): the step taken ends by the minimum, and its label
    "step taken = −η∇f" lay over the name "minimum" (the walkthrough's c25)."""
    view = shown(ContourView(model), 900, 700)
    model.set_text("exp(x^2+y^2)")
    assert model.wait_for_analysis()
    model.set_window(((-4.5, 4.5), (-3, 3)))
    model.set_settings(lr=0.05)
    model.set_start(start)
    assert model.wait_for_analysis()
    arrows = StepArrows(model, view.plot, labels=view.labels)
    model.set_frame(0)
    qtbot.wait(200)
    assert arrows.layer.drawn["step"].labelled
    step_box = _step_label_box(view, arrows)
    names = view.labels.visible_boxes()
    assert [label.toPlainText() for label, _ in names] == ["minimum"]
    for label, box in names:
        assert not box.intersects(step_box), (label.toPlainText(), box, step_box)


def _letters_seen(view, arrows) -> QColor:
    """On the screen: the step taken label's letters, the pixel of its rectangle
    farthest from its plate (the commonest pixel there)."""
    box = view.canvas.mapFromScene(_step_label_box(view, arrows)).boundingRect()
    rgb = pixels(view.canvas.grab().toImage())
    inside = rgb[box.top() + 2:box.bottom() - 1, box.left() + 2:box.right() - 1].reshape(-1, 3)
    values, counts = np.unique(inside, axis=0, return_counts=True)
    plate = values[counts.argmax()]
    return QColor(*(int(v) for v in inside[np.abs(inside.astype(int) - plate).sum(-1).argmax()]))


def test_the_step_label_keeps_the_runs_colour_through_a_text_size_round_trip(
        shown, model, qtbot):
    """Presenting at 1920×1080, Ctrl++ then Ctrl− turned "step taken = −η∇f" from the
    run's blue to grey, for good: the theme restyled the label from the colour it first
    saw (TextItem's grey, before its text was set), and the arrows, whose text and colour
    had not changed, did not set them again. Its letters on the screen are the same
    before and after."""
    app = QApplication.instance()
    view = shown(ContourView(model), 900, 700)
    view.raise_()
    theme.apply_theme(app, view, "light", 1.5)       # presenting
    try:
        arrows = StepArrows(model, view.plot)
        qtbot.wait(50)               # the theme sees the labels before they are written
        model.load_preset(default_preset())
        assert model.wait_for_analysis()
        model.set_frame(0)
        qtbot.wait(200)
        assert arrows.layer.drawn["step"].labelled
        before = _letters_seen(view, arrows)
        assert before.blue() > before.red() + 60, before.name()     # the run's blue
        for scale in (2.0, 1.5):                                      # Ctrl++, Ctrl−
            theme.apply_theme(app, view, "light", scale)
            qtbot.wait(200)
        assert _letters_seen(view, arrows).name() == before.name()
    finally:
        theme.apply_theme(app, view, "light", 1.0)
