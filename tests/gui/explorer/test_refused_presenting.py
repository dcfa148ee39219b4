"""Presenting on a 1280×720 projector at large text, the editor may be folded away for
the views' room (presenting itself now folds only the formulas there, the formula field
naming f stays; Ctrl+1 folds the editor too). A refused formula's banner named the problem, but the text itself was out
of sight (Ctrl+L only brought it back). While a text is refused the editor shows, the
keyboard in it at the character blamed; once a text is accepted it folds again."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication

from gui.explorer.formula_line_edit import ERROR_COLOUR
from gui.widgets.scroll_page import page_overflow
from tests.gui.app.projector import projector_window, settle_at
from tests.gui.explorer.test_refused_formula import pixels, type_keys

pytestmark = pytest.mark.xdist_group("refused_presenting")

SCALE = 1.75             # one Ctrl++ over presenting's 1.5 (the formulas stay at 1280×720)


def present_without_editor(window, qtbot, scale=SCALE):
    """Presenting at `scale`, the editor folded by Ctrl+1 (with its formulas)."""
    settle_at(window, qtbot, scale, presenting=True)
    if window.explorer.top.isVisible():    # (still folded from a test before: as it is)
        window.commands.actions["show_top"].trigger()         # Ctrl+1
        settle(qtbot)


@pytest.fixture(scope="module")
def projector(qapp, tmp_path_factory):
    yield from projector_window(tmp_path_factory)


def settle(qtbot, ms=300):
    for _ in range(4):
        QApplication.processEvents()
        qtbot.wait(ms // 4)


def assert_editor_shows_error(window, text, position):
    """The editor is on screen with `text`, the keyboard in it, the caret at `position`
    and the error's mark drawn there (its colour in the window's own pixels)."""
    tab = window.explorer
    field = tab.editor.line_edit
    assert tab.top.isVisible() and field.isVisible()
    assert window.commands.actions["show_top"].isChecked()       # Ctrl+1 agrees
    on_screen = QRect(field.mapTo(window, QPoint(0, 0)), field.size())
    assert window.rect().contains(on_screen)
    assert field.text() == text
    assert QApplication.focusWidget() is field and field.hasSelectedText() is False
    assert field.cursorPosition() == position
    mark = field.error_marker_rect().toRect()
    assert mark.isValid()
    area = pixels(field, window)[mark.top():mark.bottom() + 1, mark.left():mark.right() + 1]
    vermillion = np.array([0xD5, 0x5E, 0x00], float)
    assert ERROR_COLOUR == "#D55E00"
    # (the mark is a tinted box under the character with a wavy underline in the colour)
    assert (np.abs(area - vermillion).max(axis=2) < 40).sum() >= 5


def test_presenting_a_refused_text_keeps_the_editor_at_the_error(projector, qtbot):
    window, tab = projector, projector.explorer
    model = tab.model
    present_without_editor(window, qtbot)
    assert not tab.top.isVisible()             # folded: the views need the room
    window.commands.focus_editor()             # Ctrl+L
    settle(qtbot)
    type_keys(qtbot, tab.editor.line_edit, "x^2y + 1")
    # refused while typed (a loaded machine's CI run had the veil on before Enter, and
    # Enter then left the keyboard with the window)
    qtbot.waitUntil(lambda: tab.refusal_veil.views.isVisible(), timeout=5000)
    qtbot.keyClick(tab.editor.line_edit, Qt.Key.Key_Return)   # Enter hands keys back
    settle(qtbot)
    assert model.error is not None and model.error.position == 3
    assert_editor_shows_error(window, "x^2y + 1", 3)
    # brought back without the formulas (the f shown, which the banner names), or with
    # them where the side panel gave way first (PRESENTATION_SPARE): the page does not
    # scroll, the views keep their room but for the editor's rows
    assert tab.math_view.isHidden() or tab.descent_panel.isHidden()
    assert page_overflow(tab)[1] <= 0
    # a larger text size makes room for the views again: the editor stays
    for scale in (2.0, SCALE):
        settle_at(window, qtbot, scale, presenting=True)
    assert tab.refusal_veil.views.isVisible()
    assert_editor_shows_error(window, "x^2y + 1", 3)

    # accepted: the editor folds again, as presenting had it
    type_keys(qtbot, tab.editor.line_edit, "x^2*y + 1")
    qtbot.keyClick(tab.editor.line_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not tab.refusal_veil.views.isVisible(), timeout=5000)
    assert model.wait_for_analysis()
    settle(qtbot)
    # (the editor Ctrl+L brought stays where the side panel gave the room; held for
    # the refusal only, it folds again)
    assert model.error is None
    assert tab.top.isVisible() == (tab.descent_panel.isHidden() and not tab.formulas_folded)
    assert window.commands.actions["show_top"].isChecked() == tab.top.isVisible()
    # the formulas come back with the top as presenting had them: folded at this size
    assert not tab.top_held_for_refusal
    assert tab.math_view.isHidden() == tab.formulas_folded


def test_a_text_refused_while_the_editor_is_folded_brings_it_back(projector, qtbot):
    """A text that comes refused with the editor folded (a session's, a lecture scene's):
    the editor comes back with it, the caret at the error, and folds again after."""
    window, tab = projector, projector.explorer
    model = tab.model
    present_without_editor(window, qtbot)
    assert not tab.top.isVisible()
    model.set_text("sin(x) + y^")
    qtbot.waitUntil(lambda: tab.refusal_veil.views.isVisible(), timeout=5000)
    settle(qtbot)
    position = model.error.position
    assert position is not None
    assert_editor_shows_error(window, "sin(x) + y^", position)
    model.set_text("sin(x) + y^2")
    qtbot.waitUntil(lambda: not tab.refusal_veil.views.isVisible(), timeout=5000)
    assert model.wait_for_analysis()
    settle(qtbot)
    assert not tab.top.isVisible()


def test_not_presenting_the_editor_is_left_as_the_user_had_it(projector, qtbot):
    """Out of presentation Ctrl+1's choice stands: the folded editor stays folded."""
    window, tab = projector, projector.explorer
    model = tab.model
    settle_at(window, qtbot, 1.0, presenting=False)
    window.show_panel(top=False)
    settle(qtbot)
    model.set_text("x^2y")
    qtbot.waitUntil(lambda: tab.refusal_veil.views.isVisible(), timeout=5000)
    settle(qtbot)
    assert not tab.top.isVisible()
    model.set_text("x^2*y")
    qtbot.waitUntil(lambda: not tab.refusal_veil.views.isVisible(), timeout=5000)
    window.show_panel(top=True)
