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


def test_escape_gives_back_the_example_as_it_was_not_only_its_text(window, qtbot):
    """Typing 'x' on the way made f 1-D (applied live); Escape brought Himmelblau's text
    back on the default window and start, without its caption. Now the set-up of the
    moment the editor was entered comes back whole."""
    from gui.app.presets import find_preset
    model = window.model
    model.load_preset(find_preset("himmelblau"))
    assert model.wait_for_analysis(60000)
    before = (model.text, model.window, model.start, window.explorer.caption.text())
    assert before[3] != ""
    _into_editor(window, qtbot)
    line = window.editor.line_edit
    line.selectAll()
    qtbot.keyClicks(line, "x")
    qtbot.waitUntil(lambda: model.text == "x", timeout=3000)
    assert model.wait_for_analysis(60000) and len(model.window) == 1     # f of x alone
    _press(qtbot, window, Qt.Key.Key_Escape)
    assert model.wait_for_analysis(60000)
    assert (model.text, model.window, model.start, window.explorer.caption.text()) == before
    assert not line.hasFocus()
