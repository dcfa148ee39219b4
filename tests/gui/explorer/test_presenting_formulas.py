"""Presenting on a 1280×720 projector with the text one size larger (F11, then Ctrl++:
1.75), f's derivatives stay on screen: the formula panel folded away there before and a
~30 px blank band (the error line's kept row) stood in its place. The example's one-line
note gives way first; where even that is not enough (2.0) the formulas fold without a
band, and come back at the smaller size. Ctrl+1 folds and shows the field and the
derivatives together."""
from __future__ import annotations

import pytest

from tests.gui.app.layout_checks import window_rect
from tests.gui.app.projector import projector_window, settle_at
from tests.gui.explorer.test_formula_panel_layout import settle

pytestmark = pytest.mark.xdist_group("presenting_formulas")

LARGER = 1.75        # presentation's 1.5, one Ctrl++ up


@pytest.fixture(scope="module")
def lab(qapp, tmp_path_factory):
    yield from projector_window(tmp_path_factory)


def blank_under_editor(window) -> int:
    """Pixels of the top panel below its last visible row (the editor, formulas or
    caption): a row kept for nothing shows as a blank band over the views."""
    ex = window.explorer
    rows = [w for w in (ex.editor, ex.math_view, ex.caption, ex.error_label) if w.isVisible()]
    bottom = max(window_rect(w, window).bottom() for w in rows)
    return window_rect(ex.top, window).bottom() - bottom


@pytest.mark.parametrize("text", ["x^2 + 2y^2", "x^4 - 4x^3 + 4x^2"])
def test_derivatives_stay_presenting_one_size_larger(lab, qtbot, screenshot, text):
    settle_at(lab, qtbot, 1.0, presenting=False)
    settle(qtbot, lab, text=text)
    settle_at(lab, qtbot, 1.5, presenting=True)
    settle_at(lab, qtbot, LARGER, presenting=True)
    screenshot(lab, f"presenting_formulas_{len(text)}")
    ex = lab.explorer
    assert ex.editor.isVisible()
    assert ex.math_view.isVisible(), "the derivatives were folded away"
    assert ex.math_view.height() >= ex.math_view.panel_height() - 1
    assert ex.math_view.equation_rects()            # and drawn in it
    assert ex.main_view().height() >= 0.55 * lab.height()     # the views keep their room
    assert blank_under_editor(lab) <= 8


def test_text_size_round_trip_brings_the_derivatives_back(lab, qtbot):
    settle(qtbot, lab, text="x^2 + 2y^2")
    settle_at(lab, qtbot, LARGER, presenting=True)
    assert lab.explorer.math_view.isVisible()
    settle_at(lab, qtbot, 2.0, presenting=True)
    # folded for room at 2.0: no blank band where they were
    assert blank_under_editor(lab) <= 8
    settle_at(lab, qtbot, LARGER, presenting=True)
    assert lab.explorer.math_view.isVisible()


def test_ctrl1_folds_and_shows_the_field_and_derivatives_together(lab, qtbot):
    settle(qtbot, lab, text="x^2 + 2y^2")
    settle_at(lab, qtbot, LARGER, presenting=True)
    show_top = lab.commands.actions["show_top"]
    ex = lab.explorer
    for shown in (False, True, False, True):
        show_top.trigger()
        settle_at(lab, qtbot, LARGER, presenting=True)
        assert show_top.isChecked() is shown
        assert (ex.editor.isVisible(), ex.math_view.isVisible()) == (shown, shown)
    assert "derivatives" in show_top.toolTip()
