"""The Neuron tab's loss landscape gets a fair share of a 1280×720 projector, with the
step-through still whole: the stepper took 3/5 of the page's height (its graph 198 px,
drawn in the middle ~860 px of its width) and left the landscape 196 px, a map of
~260×95 px under its tool and legend rows. Presenting, Ctrl+3 brought the training back
but the page scrolled the landscape below the screen: the check for room ran before the
shown panel reached the page's layout, so the step-by-step parts never gave way."""
import pytest
from PySide6.QtWidgets import QLabel

from gui.plots.label_ink import ink_rect
from gui.widgets.scroll_page import page_overflow
from tests.gui.app.layout_checks import clipped_texts, overlapping_texts, window_rect
from tests.gui.app.test_look_round_trip import settle
from tests.gui.neuron.trained_tab import trained_neuron_tab

LANDSCAPE_SHARE = 0.33      # of the window's height, the map and the 3-D view each


def _shown_labels(surface) -> list:
    return [label for label in surface.gl.canvas.findChildren(QLabel) if label.isVisible()]


@pytest.mark.parametrize("screen", [(1280, 720), (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_landscape_has_a_third_of_the_height_and_the_steps_stay_whole(window, qtbot,
                                                                       screen):
    tab = trained_neuron_tab(window, qtbot, screen)
    training = tab.training
    for view in (training.contour_view, training.surface_view):
        assert view.height() >= LANDSCAPE_SHARE * window.height(), (screen, view.height())
    # the step-through whole on the page: graph, stage row, formula, seed note
    assert page_overflow(tab) == (0, 0)
    page = window_rect(tab, window)
    for part in (tab.graph, tab.stage_label, tab.formula, tab.note, tab.next_button):
        assert part.isVisible() and page.contains(window_rect(part, window)), part
    assert clipped_texts(window) == [] and overlapping_texts(window) == []
    # the 3-D view's axis labels apart from one another: their digits, what the viewer
    # sees (the QLabels are transparent and a line high; ticks 15 px apart overlap by 4)
    shown = _shown_labels(training.surface_view)
    assert len(shown) >= 5
    touching = [(a.text(), b.text()) for i, a in enumerate(shown) for b in shown[i + 1:]
                if ink_rect(a).adjusted(-1, -1, 1, 1).intersects(ink_rect(b))]
    assert touching == [], (screen, touching)


def test_presenting_ctrl_3_gives_the_landscape_the_screen(window, qtbot):
    tab = trained_neuron_tab(window, qtbot, (1280, 720))
    window.commands.set_presentation(True)
    settle(qtbot, window)
    assert not tab.training.isVisible()
    window.commands.actions["show_below"].trigger()          # Ctrl+3
    settle(qtbot, window)
    try:
        assert tab.training.isVisible() and page_overflow(tab) == (0, 0)
        contour = window_rect(tab.training.contour_view, window)
        assert window.rect().contains(contour), contour
        assert contour.height() >= 0.55 * window.height(), contour.height()
    finally:
        window.commands.set_presentation(False)
        settle(qtbot, window)
