"""The scenes panel (F9): the list shows the lecture, edits go through the controller
(rename, reorder, duplicate, delete, notes, steps), and it folds away while presenting."""
import pytest
from PySide6.QtCore import QModelIndex

from gui.app.lecture import LectureError
from gui.app.scene_panel import format_steps, parse_steps
from tests.gui.app.lecture_helpers import SLOW_MS


def _titles(panel):
    return [panel.list.item(i).text() for i in range(panel.list.count())]


def test_the_panel_edits_the_lecture(window, qtbot, screenshot):
    lc = window.lecture_commands
    lec = lc.lecture
    lc.actions["scene_panel"].setChecked(True)
    panel = lc.panel
    assert panel.isVisible() and _titles(panel) == []
    assert "No scenes yet" in panel.progress.text()
    panel.buttons["add"].click()
    window.model.set_text("x^2 - y^2")
    assert window.model.wait_for_analysis(SLOW_MS)
    lc.add_scene()
    assert _titles(panel) == ["Scene 1", "Scene 2"] and panel.list.currentRow() == 1

    panel.list.item(1).setText("Saddle")                  # as a double-click edit ends
    assert lec.scenes[1].title == "Saddle"
    panel.buttons["duplicate"].click()
    assert _titles(panel) == ["Scene 1", "Saddle", "Saddle (copy)"]
    # a drag to the top: Qt moves the row; the panel reads the new order back
    panel.list.model().moveRow(QModelIndex(), 2, QModelIndex(), 0)
    qtbot.waitUntil(lambda: [s.title for s in lec.scenes] == ["Saddle (copy)", "Scene 1",
                                                              "Saddle"], timeout=3000)
    assert _titles(panel) == ["Saddle (copy)", "Scene 1", "Saddle"]
    assert panel.list.currentRow() == lec.index == 2
    panel.buttons["delete"].click()
    assert _titles(panel) == ["Saddle (copy)", "Scene 1"]

    panel.notes.setPlainText("Ask: which way is downhill?")
    qtbot.waitUntil(lambda: lec.scene.notes == "Ask: which way is downhill?", timeout=3000)
    panel.steps_edit.setText("reveal 1; play_to 20")
    panel.steps_edit.editingFinished.emit()
    assert lec.scene.steps == [{"reveal": 1}, {"play_to": 20}]
    assert "step 0 of 2" in panel.progress.text()
    panel.steps_edit.setText("explode 3")                 # refused, the steps stay
    panel.steps_edit.editingFinished.emit()
    assert lec.scene.steps == [{"reveal": 1}, {"play_to": 20}]
    assert "kind value" in window.statusBar().currentMessage()

    panel.list.itemClicked.emit(panel.list.item(0))       # click: jump to that scene
    assert lec.index == 0
    assert window.model.wait_for_analysis(SLOW_MS)
    assert window.model.text == "x^2 - y^2"
    screenshot(window, "lecture_panel")


def test_the_panel_folds_away_while_presenting(window, qtbot):
    lc = window.lecture_commands
    lc.add_scene()
    assert lc.panel.isVisible()
    window.commands.set_presentation(True)
    qtbot.waitUntil(lambda: not lc.panel.isVisible(), timeout=3000)
    window.commands.set_presentation(False)
    qtbot.waitUntil(lc.panel.isVisible, timeout=3000)


def test_steps_are_parsed_without_eval():
    assert parse_steps("reveal 1; play_to 20, tab neuron") == [
        {"reveal": 1}, {"play_to": 20}, {"tab": "neuron"}]
    assert format_steps(parse_steps("stage 3; train 200")) == "stage 3; train 200"
    for bad in ("reveal __import__('os')", "reveal 1 2", "reveal -3", "eval 1"):
        with pytest.raises(LectureError):
            parse_steps(bad)
