"""Presenting (F11) on a 1280×720 projector, two bars cut what a lecturer needs: the 3-D
view's hint "drag: rotate · wheel: zoom" read "drag: rotate" beside "Reset view" (at text
size 1.5 nothing at all), and the tool bar hid "Keyboard shortcuts" behind its » button
(at 2 "Smaller text" and "Larger text" too). Now the hint reads whole (on a row of its
own under the switch and the button where it does not fit between them) and every
tool-bar button stays on the bar (short texts where the whole ones do not fit), at text
sizes 1, 1.5 and 2, on a 1280×720 and a 1920×1080 screen
(gui/plots/readout_row.py, gui/app/toolbar_texts.py)."""
from __future__ import annotations

import pytest

from tests.gui.app.layout_checks import window_rect
from tests.gui.app.projector import projector_window, settle_at
from tests.gui.explorer.test_run_settings_shown import SCREENS

pytestmark = pytest.mark.xdist_group("presenting_bars")

SCALES = (1.0, 1.5, 2.0)
# what a lecturer presenting reaches for, besides the keys
PRESENTING_BUTTONS = ("examples", "present", "dark", "smaller", "larger", "shortcuts")


@pytest.fixture(scope="module", params=list(SCREENS))
def presenting(request, qapp, tmp_path_factory):
    screen = SCREENS[request.param]
    windows = projector_window(tmp_path_factory, screen=screen)
    window = next(windows)
    window.explorer.build_surface_view()
    yield window, request.param
    next(windows, None)                  # closed at text size 1


def _settled(window, qtbot, scale, screen_name):
    settle_at(window, qtbot, scale, presenting=True)
    assert window.width() == SCREENS[screen_name][0]       # filling the screen


@pytest.mark.parametrize("scale", SCALES)
def test_the_3d_hint_reads_whole(presenting, qtbot, scale, screenshot):
    window, screen_name = presenting
    _settled(window, qtbot, scale, screen_name)
    screenshot(window, f"presenting_bars_{screen_name}_{scale:g}")
    view = window.explorer.surface_view
    hint, reset = view.hint, view.reset_button
    assert hint.isVisible() and hint.shown_text() == "drag: rotate · wheel: zoom"
    drawn = hint.fontMetrics().horizontalAdvance(hint.shown_text())
    assert drawn <= hint.contentsRect().width()
    # on the window and clear of the button (beside it or on the row under it)
    shown, button = window_rect(hint, window), window_rect(reset, window)
    assert window.rect().contains(shown) and not shown.intersects(button)


@pytest.mark.parametrize("scale", SCALES)
def test_every_tool_bar_button_stays_on_the_bar(presenting, qtbot, scale):
    window, screen_name = presenting
    _settled(window, qtbot, scale, screen_name)
    commands, bar = window.commands, window.commands.toolbar
    for key in PRESENTING_BUTTONS + ("open", "save", "export_view"):
        button = bar.widgetForAction(commands.actions[key])
        assert button.isVisible(), (key, button.text())
        assert bar.rect().contains(window_rect(button, bar)), key
        assert "…" not in button.text()
    shortcuts = bar.widgetForAction(commands.actions["shortcuts"])
    assert "shortcuts" in shortcuts.text().lower() and "F1" in commands.actions["shortcuts"].toolTip()
    if screen_name == "1920x1080" or scale == 1.0:     # the whole texts where they fit
        assert shortcuts.text() == "Keyboard shortcuts"


def test_the_whole_texts_come_back_after_presenting(presenting, qtbot):
    window, screen_name = presenting
    _settled(window, qtbot, 2.0, screen_name)
    settle_at(window, qtbot, 1.0, presenting=False)
    bar = window.commands.toolbar
    assert bar.widgetForAction(window.commands.actions["smaller"]).text() == "Smaller text"
