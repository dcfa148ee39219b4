"""The walkthrough's Himmelblau paused at step 4, then sin(x)cos(y) typed into the
editor: the window read "step 4 / 100 … paused at step 4" and the iterate table began
at row 4. A new f typed starts at step 0, "ready to start"; Undo brings Himmelblau back
and the step moved to since then (Undo keeps where the user is, as before)."""
import pytest
from PySide6.QtCore import Qt

from gui.app.presets import find_preset
from tests.gui.app.lecture_helpers import SLOW_MS


def _settle(window, qtbot):
    history = window.lecture_commands.undo_history
    assert window.model.wait_for_analysis(SLOW_MS)
    if history._timer.isActive():
        history._timer.stop()
        history.capture()


def test_a_typed_f_reads_ready_to_start_and_undo_brings_the_old_f_back(window, qtbot):
    m = window.model
    m.load_preset(find_preset("Himmelblau"))
    _settle(window, qtbot)
    for _ in range(4):
        m.step()
    controls = window.explorer.descent_panel.playback
    assert controls.frame_label.text().startswith("step 4 /")
    field = window.explorer.editor.line_edit
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "sin(x)cos(y)")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: m.expression is not None and m.text == "sin(x)cos(y)"
                    and m.paths_of is m.expression, timeout=SLOW_MS)
    _settle(window, qtbot)
    assert m.frame == 0
    qtbot.waitUntil(lambda: controls.frame_label.text().startswith("step 0 /"))
    statuses = [label.text() for label in controls.status_labels.values() if label.isVisible()]
    assert statuses and all("ready to start" in s for s in statuses), statuses
    m.step(), m.step()
    _settle(window, qtbot)
    assert window.lecture_commands.undo_history.undo()
    _settle(window, qtbot)
    assert m.text == find_preset("Himmelblau")["expr"]
    assert m.frame == 2           # Undo keeps the step the user is at (undo_history.NAVIGATION)
