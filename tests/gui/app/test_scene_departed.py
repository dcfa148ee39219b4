"""Once the lecturer changes the app away from the current scene (another tab, another
f), the scenes panel, the Lecture menu and the scene's title say so; clicking the scene
shows it again; Update is "Overwrite"; PageDown brings the scene back before it plays
a step (a step ran on the hidden Explorer). Playing the scene is not leaving it."""
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.gui.app.lecture_helpers import SLOW_MS
from tests.gui.app.test_file_new import _type
from tests.gui.app.test_lecture_unsaved import DEFAULT_TEXT_IS_NOT, _one_scene_deck


def _left(window, qtbot):
    """The panel says the scene was left (its check runs debounced after a change)."""
    panel = window.lecture_commands.panel
    qtbot.waitUntil(lambda: "(changed)" in panel.progress.text(), timeout=3000)
    return panel


def _click_scene(panel, row):
    rect = panel.list.visualItemRect(panel.list.item(row))
    QTest.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_leaving_the_scene_shows_and_clicking_it_brings_it_back(window, qtbot):
    """Scene 1 (x^3), then the Network tab: no row highlighted, "Scene 1 of 1
    (changed)", "Overwrite 1" on the Update button, "(changed)" in the scene's title;
    a click on "Scene 1" shows the Explorer with x^3 again (the click did nothing)."""
    lc = window.lecture_commands
    lec = _one_scene_deck(window, qtbot)
    panel = lc.panel
    assert panel.list.currentRow() == 0 and panel.buttons["update"].text() == "Update"
    window.show_tab("network")
    _left(window, qtbot)
    assert panel.list.currentRow() == -1 and panel.list.item(0).font().italic()
    assert panel.buttons["update"].text() == "Overwrite 1"
    assert lc.actions["update_scene"].text() == "&Overwrite scene 1 with what is shown"
    assert lc._title_text().endswith("Scene 1 (changed)")

    _click_scene(panel, 0)
    assert window.current_tab == "explorer" and window.model.text == DEFAULT_TEXT_IS_NOT
    assert not lec.departed and "(changed)" not in panel.progress.text()
    assert panel.list.currentRow() == 0 and panel.buttons["update"].text() == "Update"


def test_update_after_leaving_overwrites_the_scene_and_it_is_shown_again(window, qtbot):
    lec = _one_scene_deck(window, qtbot)
    _type(window, qtbot, "x^2 - y^2")
    panel = _left(window, qtbot)
    panel.buttons["update"].click()
    assert lec.scene.state["explorer"]["text"] == "x^2 - y^2"
    assert not lec.departed and panel.buttons["update"].text() == "Update"
    assert panel.list.currentRow() == 0


def test_pagedown_brings_the_scene_back_before_its_step_and_playing_is_no_leaving(
        window, qtbot):
    """Scene 1 with the step "play_to 5", then the Network tab: PageDown shows the
    Explorer again at step 0 (it played the hidden descent), the next PageDown plays
    to step 5; stepping the descent by hand is not leaving the scene."""
    from tests.gui.app.test_lecture_undo import _key
    lc = window.lecture_commands
    lec = _one_scene_deck(window, qtbot)
    lc.panel.steps_edit.setText("play_to 5")
    lc.panel.steps_edit.editingFinished.emit()
    window.show_tab("network")
    _left(window, qtbot)
    _key(qtbot, window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.NoModifier)
    assert window.current_tab == "explorer" and lec.steps_done == 0
    assert window.model.text == DEFAULT_TEXT_IS_NOT and not lec.departed
    assert window.model.wait_for_analysis(SLOW_MS)
    _key(qtbot, window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.NoModifier)
    qtbot.waitUntil(lambda: window.model.frame == 5, timeout=10000)
    assert lec.steps_done == 1 and window.current_tab == "explorer"
    window.commands.actions["step"].trigger()          # → (the descent's own step)
    assert not lec.check_departed()
    assert "(changed)" not in lc.panel.progress.text()


def test_pagedown_brings_a_left_scene_back_even_while_its_play_runs(window, qtbot):
    """Scene 1 with "play_to 30" playing (slowly), then x^2*e^x typed: PageDown shows
    x^3 again with the play's step done (frame 30), not the descent finished on
    x^2*e^x (it said "converged" on the typed f, and the next PageDown left the scene)."""
    from tests.gui.app.test_lecture_undo import _key
    lc = window.lecture_commands
    lec = _one_scene_deck(window, qtbot)
    lc.panel.steps_edit.setText("play_to 30")
    lc.panel.steps_edit.editingFinished.emit()
    window.model.set_speed(0.5)                     # the play still runs when f is typed
    _key(qtbot, window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.NoModifier)
    assert window.model.playing and lec.steps_done == 1
    _type(window, qtbot, "x^2*e^x")
    _left(window, qtbot)
    _key(qtbot, window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.NoModifier)
    assert window.model.text == DEFAULT_TEXT_IS_NOT and not lec.departed
    assert window.model.wait_for_analysis(SLOW_MS)
    qtbot.waitUntil(lambda: window.model.frame == 30, timeout=10000)
    assert lec.index == 0 and lec.steps_done == 1 and not window.model.playing


def test_the_title_says_unsaved_only_when_the_discard_question_would_ask(window, qtbot):
    """The sample lecture, scene 2 left (x^2*e^x typed) and clicked back: the title bar
    showed "Derivatives and gradients*" while Ctrl+N asked nothing. Now the "*" comes
    while the typed f would be lost (the scene left), goes when the scene is shown
    again, and comes with a real edit of the lecture (a scene renamed), as the question
    does."""
    lc = window.lecture_commands
    lc.samples_menu.actions()[0].trigger()
    lc.actions["scene_panel"].setChecked(True)
    lc.go_to(1)
    shown = "Derivatives and gradients — Gradient Lab"
    _type(window, qtbot, "x^2*e^x")
    panel = _left(window, qtbot)
    assert window.windowHandle().title() == "Derivatives and gradients* — Gradient Lab"
    assert lc.unsaved_work() == "Discard the unsaved changes to “Derivatives and gradients”?"
    _click_scene(panel, 1)
    assert not lc.lecture.departed and window.model.text != "x^2*e^x"
    assert window.windowHandle().title() == shown and lc.unsaved_work() is None
    lc.lecture.rename(1, "Sum and product")
    assert window.windowHandle().title() == "Derivatives and gradients* — Gradient Lab"
    assert lc.unsaved_work() is not None
