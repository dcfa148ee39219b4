"""Presenting a four-run race (GD, Momentum, Nesterov, Adam) on a 1280×720 projector, the
window is the same whichever came first, the ticks or F11: the formula field names f,
the page does not scroll, the map's x axis and every run's status line are on screen.

Before, ticking the runs first and then F11 folded the whole top (no f on screen at
all), while F11 first and then the ticks folded nothing: the page scrolled 44 px, cutting
the map's x ticks and the last status lines below the screen's edge."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from gui.widgets.scroll_page import page_overflow
from tests.gui.app.layout_checks import clipped_texts, window_rect
from tests.gui.app.projector import SCREEN, projector_window

pytestmark = pytest.mark.xdist_group("race_presenting_fit")

RACE = ("momentum", "nesterov", "adam")       # with gradient descent, ticked at start


@pytest.fixture(scope="module")
def window(qapp, tmp_path_factory):
    yield from projector_window(tmp_path_factory)


def _settle(window, qtbot):
    for _ in range(3):
        for _ in range(4):
            QApplication.processEvents()
            qtbot.wait(15)
        window.fit_to_screen()


def _tick(window, qtbot, on: bool):
    for method in RACE:
        window.descent_panel.set_method_checked(method, on)
        _settle(window, qtbot)


def _present(window, qtbot, on: bool):
    window.commands.set_presentation(on)
    if not on:
        window.setMaximumSize(*SCREEN)
        window.setGeometry(0, 0, *SCREEN)
    _settle(window, qtbot)


def _on_screen(widget, window) -> bool:
    rect = window_rect(widget, window)
    return widget.isVisible() and rect.top() >= 0 and rect.bottom() < SCREEN[1]


def _what_shows(window) -> dict:
    explorer = window.explorer
    return {"editor": explorer.editor.line_edit.isVisible(),
            "formulas": explorer.math_view.isVisible(),
            "below": explorer.below.isVisible(),
            "map": window_rect(explorer.contour_view, window).getRect()}


def _check_fits(window):
    explorer = window.explorer
    assert window.geometry().getRect() == (0, 0, *SCREEN)
    assert page_overflow(explorer) == (0, 0)
    assert not explorer.scroll_area.verticalScrollBar().isVisible()
    # f is named on screen: the formula field's line, with the text in it
    line = explorer.editor.line_edit
    assert _on_screen(line, window), window_rect(line, window)
    assert line.text().replace(" ", "") == "x^2+2y^2"
    # the map whole, its x ticks too; every run's status line above the bottom edge
    assert _on_screen(explorer.contour_view, window), window_rect(explorer.contour_view, window)
    statuses = window.descent_panel.playback.status_labels
    assert set(statuses) >= {"gd", *RACE}
    for key in ("gd", *RACE):
        assert _on_screen(statuses[key], window), (key, window_rect(statuses[key], window))
    # and the views keep their height: more than half the screen
    assert explorer.views.height() > SCREEN[1] // 2


def test_runs_then_presenting_and_presenting_then_runs_agree(window, qtbot):
    _tick(window, qtbot, True)                 # runs first, then F11
    _present(window, qtbot, True)
    _check_fits(window)
    runs_first = _what_shows(window)

    _present(window, qtbot, False)
    _tick(window, qtbot, False)
    assert window.explorer.math_view.isVisible()     # (leaving gave the formulas back)

    _present(window, qtbot, True)              # F11 first, then the runs
    _tick(window, qtbot, True)
    _check_fits(window)
    assert _what_shows(window) == runs_first
    assert runs_first["editor"]


def test_ticking_a_run_moves_no_other_control(window, qtbot):
    """Presenting, ticking Momentum and Nesterov leaves the side panel, the views and the
    caption's row where they were, and what the caption shows is whole: the note "No
    longer applies — you changed the descent settings." alone, the caption in its tool
    tip. It wrapped to a second line (the side panel dropped 21 px; a third run then
    scrolled the page, shifting the panel 14 px left); then, one line cut with "…", it
    read "… Example 2 of the notes: from (3, 2) with learning rate 0.1 the iterates
    are (2.4, 1.2), (1.…" at 1280×720."""
    _present(window, qtbot, False)
    _tick(window, qtbot, False)
    _present(window, qtbot, True)
    explorer, caption = window.explorer, window.explorer.caption
    side, views = window.descent_panel, explorer.views
    before = (window_rect(side, window).getRect(), window_rect(views, window).getRect(),
              window_rect(caption, window).getRect())
    assert caption.isVisible() and caption.applies
    assert clipped_texts(window) == []
    for method in ("momentum", "nesterov"):
        window.descent_panel.set_method_checked(method, True)
        _settle(window, qtbot)
        assert not caption.applies
        assert (window_rect(side, window).getRect(), window_rect(views, window).getRect(),
                window_rect(caption, window).getRect()) == before, method
        assert "…" not in caption.text()
        assert caption.text().endswith("<i>No longer applies — you changed the descent "
                                       "settings.</i> </span>")
        assert caption.toolTip().startswith("No longer applies — you changed the descent")
        assert caption.toolTip().endswith("→ (0, 0).")
        assert clipped_texts(window) == []              # the note whole in its row
        assert not explorer.scroll_area.verticalScrollBar().isVisible()
    _present(window, qtbot, False)              # leaving: wrapped, whole, no tool tip
    assert caption.toolTip() == "" and caption.text().endswith("→ (0, 0).</span>")


@pytest.mark.parametrize("scale", [1.5, 2.0])
def test_presenting_a_long_caption_shows_whole(window, qtbot, scale):
    """Presenting at 1280×720, the delivery route's 144-character caption ("Exercise 3:
    … it slides downhill for ever.") is shown whole, wrapped in its row: one line cut
    with "…" read "… The Hessian is singular: this cost has no …" at text size 2."""
    from gui.app.presets import find_preset
    caption = window.explorer.caption
    try:
        window.commands._load_preset(find_preset("From the notes: delivery route"))
        assert window.model.wait_for_analysis(60000)
        _present(window, qtbot, True)
        window.commands.set_scale(scale)
        _settle(window, qtbot)
        window.explorer.set_panels_visible(caption=True)    # (at 2 a spare, folded first)
        _settle(window, qtbot)
        assert caption.isVisible() and caption.applies
        assert caption.text() == window.model.preset["caption"]
        assert caption.heightForWidth(caption.width()) <= caption.height()
        assert clipped_texts(window) == []
    finally:
        window.commands.set_scale(1.0)
        window.commands._load_preset(find_preset("Seed 2"))
        assert window.model.wait_for_analysis(60000)
        _present(window, qtbot, False)
