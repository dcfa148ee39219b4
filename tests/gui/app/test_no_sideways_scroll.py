"""At text size 2 on a 1280×720 or 1366×768 projector no page scrolls sideways: the
Explorer was 177 px and the Neuron 118 px wider than the screen (the loss plot's title,
legend and log box in one row; the Neuron's Train, N and Reset run in one row). A page
may still scroll down (test_layout_matrix's may_scroll); what it shows is whole."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication

from gui.widgets.scroll_page import page_overflow
from tests.gui.app.layout_checks import clipped_texts, overlapping_texts
from tests.gui.app.projector import projector_window

pytestmark = pytest.mark.xdist_group("no_sideways_scroll")

SCREENS = {"1280x720": (1280, 720), "1366x768": (1366, 768)}
CELLS = [(tab, screen, presenting) for tab in ("explorer", "neuron", "network")
         for screen in SCREENS for presenting in (False, True)]


@pytest.fixture(scope="module")
def window(qapp, tmp_path_factory):
    yield from projector_window(tmp_path_factory)


def _enter(window, qtbot, tab, screen, presenting):
    width, height = SCREENS[screen]
    window.screen_limit = QRect(0, 0, width, height)
    window.show_tab(tab)
    window.commands.set_presentation(presenting)
    window.commands.set_scale(2.0)
    if not presenting:
        window.setMaximumSize(width, height)
        window.setGeometry(0, 0, width, height)
    for _ in range(2):
        for _ in range(4):
            QApplication.processEvents()
            qtbot.wait(15)
        window.fit_to_screen()


@pytest.mark.parametrize("tab,screen,presenting", CELLS,
                         ids=[f"{t}-{s}-{'present' if p else 'normal'}" for t, s, p in CELLS])
def test_page_fits_the_screen_width_at_text_size_2(window, qtbot, tab, screen, presenting):
    _enter(window, qtbot, tab, screen, presenting)
    page = window.tabs.currentWidget()
    area = page.scroll_area
    assert window.width() <= SCREENS[screen][0]
    assert page_overflow(page)[0] == 0, (tab, screen, page_overflow(page))
    assert not area.horizontalScrollBar().isVisible()
    # the page's contents are no wider than what the window shows of them
    assert area.widget().width() <= area.viewport().width()
    assert clipped_texts(window) == []
    assert overlapping_texts(window) == []
    # nothing squeezed under its minimum by a label wrapped to more lines than the page's
    # layout counted (the example's caption took its second line from the side panel)
    if tab == "explorer":
        settings = window.descent_panel.settings_area
        assert settings.height() >= settings.minimumSizeHint().height()


def test_neuron_training_controls_wrap_whole(window, qtbot):
    """Train N steps stays beside its N; Reset run goes below them, whole, above the
    summary (which shows all its lines)."""
    _enter(window, qtbot, "neuron", "1280x720", False)
    panel = window.neuron.training
    train, steps, reset = panel.train_button, panel.train_steps, panel.reset_button
    at = lambda w: w.mapTo(window, w.rect().topLeft())
    assert abs(at(train).y() - at(steps).y()) <= train.height()      # one row
    assert at(reset).y() >= at(train).y() + train.height()              # wrapped below
    assert reset.width() >= reset.minimumSizeHint().width()
    summary = panel.summary
    assert at(summary).y() >= at(reset).y() + reset.height()
    assert summary.height() >= summary.heightForWidth(summary.width())
