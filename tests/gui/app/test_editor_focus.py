"""No focus trap: Enter and Escape hand the keyboard back from the formula editor, so
1 2 3 and Space drive the lecture again and never type into the formula."""
import pytest
from PySide6.QtCore import Qt

from tests.gui.key_presses import press as _press


# One window for the module, put back by File ▸ New before each test (fixture `window`):
# text, tab and playing are a fresh start's again.
pytestmark = [pytest.mark.shared_window, pytest.mark.xdist_group("editor_focus_shared")]


def _into_editor(window, qtbot):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    window.commands.actions["editor"].trigger()              # Ctrl+L
    qtbot.waitUntil(window.editor.line_edit.hasFocus, timeout=2000)


def test_enter_applies_and_hands_focus_back(window, qtbot):
    _into_editor(window, qtbot)
    line = window.editor.line_edit
    line.selectAll()
    qtbot.keyClicks(line, "x^2 + 2y^2")
    _press(qtbot, window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.model.text == "x^2 + 2y^2", timeout=3000)
    assert not line.hasFocus()
    _press(qtbot, window, Qt.Key.Key_3)                      # the key that once typed "3"
    assert window.current_tab == "network"
    assert line.text() == "x^2 + 2y^2" and window.model.text == "x^2 + 2y^2"
    _press(qtbot, window, Qt.Key.Key_1)
    assert window.current_tab == "explorer"


def test_escape_restores_the_text_and_hands_focus_back(window, qtbot):
    before = window.model.text
    _into_editor(window, qtbot)
    line = window.editor.line_edit
    qtbot.keyClicks(line, "sin(")
    assert line.text() != before
    _press(qtbot, window, Qt.Key.Key_Escape)
    assert line.text() == before and not line.hasFocus()
    qtbot.wait(600)                                      # past the typing debounce
    assert window.model.text == before
    _press(qtbot, window, Qt.Key.Key_Space)                  # Space plays again
    assert window.model.playing
    _press(qtbot, window, Qt.Key.Key_Space)
    assert not window.model.playing and line.text() == before


def _type_and_draw(window, qtbot, text):
    """Type `text` over the formula (keys into the focused field) and let it be drawn;
    then the user's pause: Undo's burst ends, the text is the formula the user had."""
    line, model = window.editor.line_edit, window.model
    line.selectAll()
    qtbot.keyClicks(line, text)
    qtbot.waitUntil(lambda: model.text == text and model.error is None, timeout=3000)
    assert model.wait_for_analysis(60000) and model.shown_text == text
    history = window.lecture_commands.undo_history
    qtbot.waitUntil(lambda: not history._timer.isActive(), timeout=10000)
    qtbot.waitUntil(lambda: window.editor.settled_text == text, timeout=10000)


def _undo(window, qtbot):
    _press(qtbot, window, Qt.Key.Key_Escape)   # (no-op when the field is not focused)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    qtbot.keyClick(window.tabs.tabBar(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.model.wait_for_analysis(60000)


def test_escape_keeps_formulas_typed_and_drawn_and_undo_steps_back(window, qtbot):
    """The rehearsal: Ctrl+L, x*e^x (drawn live), (x^2+1)^3 over it (drawn), Esc to
    leave the field: the formula of before Ctrl+L came back with its whole set-up, both
    typed formulas thrown away. Esc leaves the field; what is drawn stays; Ctrl+Z steps
    back through the formulas."""
    model = window.model
    before = model.text
    history = window.lecture_commands.undo_history
    qtbot.waitUntil(lambda: not history._timer.isActive(), timeout=10000)  # New's baseline
    _into_editor(window, qtbot)
    _type_and_draw(window, qtbot, "x*e^x")
    _type_and_draw(window, qtbot, "(x^2+1)^3")
    _press(qtbot, window, Qt.Key.Key_Escape)
    assert model.wait_for_analysis(60000)
    line = window.editor.line_edit
    assert not line.hasFocus()
    assert (line.text(), model.text, model.shown_text) == ("(x^2+1)^3",) * 3
    assert model.error is None and model.expression.dimension == 1
    _undo(window, qtbot)
    assert (line.text(), model.text) == ("x*e^x",) * 2
    _undo(window, qtbot)
    assert (line.text(), model.text) == (before,) * 2


def test_escape_on_a_refused_text_puts_back_the_formula_the_map_shows(window, qtbot):
    """A half-typed text (its error shown) gives way to the formula drawn — the one typed
    in this visit to the field, not the one from before Ctrl+L."""
    model, editor = window.model, window.editor
    _into_editor(window, qtbot)
    _type_and_draw(window, qtbot, "x*e^x")
    editor.line_edit.selectAll()
    qtbot.keyClicks(editor.line_edit, "(x^2+1)^(")
    qtbot.waitUntil(lambda: editor.error_text != "", timeout=3000)
    assert model.shown_text == "x*e^x"                  # what the map shows meanwhile
    _press(qtbot, window, Qt.Key.Key_Escape)
    assert model.wait_for_analysis(60000)
    assert not editor.line_edit.hasFocus()
    assert (editor.line_edit.text(), model.text, model.shown_text) == ("x*e^x",) * 3
    assert model.error is None and editor.error_text == ""


def test_undo_gives_back_the_example_as_it_was_not_only_its_text(window, qtbot):
    """Typing 'x' over Himmelblau made f 1-D (applied live); Esc keeps it (it is drawn),
    and Ctrl+Z brings the example back whole: its window, start and caption, not only
    its text. (This test pinned Esc bringing back the formula of before Ctrl+L; that
    threw away formulas the lecturer had typed and drawn, with no Redo to get them.)"""
    from gui.app.presets import find_preset
    model = window.model
    model.load_preset(find_preset("himmelblau"))
    assert model.wait_for_analysis(60000)
    before = (model.text, model.window, model.start, window.explorer.caption.text())
    assert before[3] != ""
    history = window.lecture_commands.undo_history
    qtbot.waitUntil(lambda: not history._timer.isActive(), timeout=10000)
    _into_editor(window, qtbot)
    line = window.editor.line_edit
    line.selectAll()
    qtbot.keyClicks(line, "x")
    qtbot.waitUntil(lambda: model.text == "x", timeout=3000)
    assert model.wait_for_analysis(60000) and len(model.window) == 1     # f of x alone
    _press(qtbot, window, Qt.Key.Key_Escape)
    assert model.wait_for_analysis(60000)
    assert not line.hasFocus() and (line.text(), model.text) == ("x", "x")
    assert len(model.window) == 1
    qtbot.waitUntil(lambda: not history._timer.isActive(), timeout=10000)
    _undo(window, qtbot)
    assert (model.text, model.window, model.start, window.explorer.caption.text()) == before
