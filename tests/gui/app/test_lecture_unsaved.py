"""A lecture deck is never thrown away unasked: File ▸ New (Ctrl+N), Open, a sample
lecture and Quit (Ctrl+Q, when the next start would not bring it back) first ask
"Save / Discard / Cancel" (Esc = Cancel); a lecture only played asks nothing.

The question is window-modal but does not block (`commands.discard_question`): the
tests answer it with keys or its buttons, as a user does."""
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from gui.app.session import load_session
from tests.gui.app.lecture_helpers import SLOW_MS
from tests.gui.app.test_exports import _answer_the_save_dialog
from tests.gui.app.test_file_new import _type
from tests.gui.app.test_lecture_undo import _key
from tests.gui.key_presses import press, type_into

DEFAULT_TEXT_IS_NOT = "x^3"
Buttons = QMessageBox.StandardButton


def _one_scene_deck(window, qtbot):
    """x^3 typed, Add pressed in the scenes panel: the lecture's scene 1, never saved."""
    lc = window.lecture_commands
    lc.actions["scene_panel"].setChecked(True)
    _type(window, qtbot, DEFAULT_TEXT_IS_NOT)
    lc.panel.buttons["add"].click()
    assert not lc.lecture.live and len(lc.lecture.scenes) == 1
    return lc.lecture


def _question(window, qtbot):
    asked = lambda: getattr(window.commands, "discard_question", None)   # noqa: E731
    qtbot.waitUntil(lambda: asked() is not None and asked().isVisible(), timeout=3000)
    return window.commands.discard_question


def test_ctrl_n_asks_before_discarding_an_unsaved_lecture(window, qtbot):
    """Ctrl+N on a one-scene unsaved deck: the deck and f stay until answered; Esc is
    Cancel (all kept), Discard then starts afresh. (It emptied the deck unasked.)"""
    lec = _one_scene_deck(window, qtbot)
    _key(qtbot, window, Qt.Key.Key_N)
    assert not lec.live and len(lec.scenes) == 1          # nothing gone yet
    assert window.model.text == DEFAULT_TEXT_IS_NOT
    box = _question(window, qtbot)
    assert box.text() == "Discard the unsaved lecture (1 scene)?"
    assert box.defaultButton() is box.button(Buttons.Save)
    qtbot.keyClick(box, Qt.Key.Key_Escape)                # Esc: Cancel
    qtbot.waitUntil(lambda: not box.isVisible(), timeout=3000)
    assert window.commands.discard_question is None
    assert not lec.live and len(lec.scenes) == 1
    assert window.model.text == DEFAULT_TEXT_IS_NOT
    assert "No scenes yet" not in window.lecture_commands.panel.progress.text()

    _key(qtbot, window, Qt.Key.Key_N)
    _question(window, qtbot).button(Buttons.Discard).click()
    assert lec.live and window.model.text != DEFAULT_TEXT_IS_NOT
    assert "No scenes yet" in window.lecture_commands.panel.progress.text()
    assert not window.session.modified
    _key(qtbot, window, Qt.Key.Key_N)                     # nothing unsaved: no question
    assert window.commands.discard_question is None


def test_save_in_the_question_saves_the_lecture_then_starts_afresh(window, qtbot, tmp_path):
    lec = _one_scene_deck(window, qtbot)
    window.commands.actions["new"].trigger()
    assert not lec.live                                   # asked first
    box = _question(window, qtbot)
    target = tmp_path / "lecture.gradlab.json"
    _answer_the_save_dialog(qtbot, box.button(Buttons.Save).click, target)
    saved = load_session(target)
    assert [s["title"] for s in saved["scenes"]] == ["Scene 1"]
    assert saved["scenes"][0]["state"]["explorer"]["text"] == DEFAULT_TEXT_IS_NOT
    assert lec.live and window.model.text != DEFAULT_TEXT_IS_NOT    # then New went on


def test_a_sample_lecture_asks_first_and_a_played_one_is_not_asked_about(window, qtbot):
    """Help ▸ Sample lectures over an unsaved deck asks (Cancel keeps the deck); a
    sample lecture only played (its steps train, which marks the session modified)
    loses no scene: the next one opens unasked."""
    lc = window.lecture_commands
    lec = _one_scene_deck(window, qtbot)
    lc.samples_menu.actions()[0].trigger()
    assert len(lec.scenes) == 1                           # asked first
    box = _question(window, qtbot)
    box.button(Buttons.Cancel).click()
    assert len(lec.scenes) == 1 and window.model.text == DEFAULT_TEXT_IS_NOT
    lc.samples_menu.actions()[1].trigger()
    _question(window, qtbot).button(Buttons.Discard).click()
    assert len(lec.scenes) >= 8 and window.session.path is None
    assert window.model.wait_for_analysis(SLOW_MS)
    trained = window.network_model.step_count
    while window.network_model.step_count == trained:     # to the first training step
        lc.forward()
    assert window.session.modified                        # (the title's marker)
    lc.samples_menu.actions()[0].trigger()
    assert window.commands.discard_question is None
    assert lec.scenes[0].title != "Scene 1" and window.windowTitle().startswith(
        "Derivatives and gradients")


def _saved_lecture(window, qtbot, path):
    """A one-scene deck saved with Ctrl+S as `path`: nothing unsaved."""
    lec = _one_scene_deck(window, qtbot)
    _answer_the_save_dialog(qtbot, lambda: _key(qtbot, window, Qt.Key.Key_S), path)
    assert window.session.path == path and not window.session.modified
    assert window.lecture_commands.unsaved_work() is None
    return lec


def _enter(qtbot, window, box, text):
    type_into(qtbot, window, box, text)
    press(qtbot, window, Qt.Key.Key_Return)


def test_a_saved_lecture_changed_after_saving_asks_before_a_sample_opens(
        window, qtbot, tmp_path):
    """lecture1 saved, then η 0.02, the neuron ReLU with w = −0.5 and the network
    trained: a sample lecture opened at once, all of it gone unasked (its scenes were
    unchanged, and the app away from them counted for nothing). Now the question comes;
    Cancel keeps everything, with the title's "*"."""
    lec = _saved_lecture(window, qtbot, tmp_path / "lecture1.gradlab.json")
    _enter(qtbot, window, window.explorer.descent_panel.lr_control.box, "0.02")
    assert window.model.settings.lr == 0.02
    _key(qtbot, window, Qt.Key.Key_2, Qt.KeyboardModifier.NoModifier)     # the Neuron tab
    neuron = window.neuron
    neuron.activation.setCurrentIndex(neuron.activation.findData("relu"))
    _enter(qtbot, window, neuron.spins["w"], "-0.5")
    assert (window.neuron_model.activation, window.neuron_model.w) == ("relu", -0.5)
    _key(qtbot, window, Qt.Key.Key_3, Qt.KeyboardModifier.NoModifier)     # the Network tab
    for _ in range(3):
        window.network.step_button.click()
    assert window.network_model.step_count == 3

    window.lecture_commands.samples_menu.actions()[0].trigger()
    box = _question(window, qtbot)
    assert box.text() == "Discard the unsaved changes to “lecture1.gradlab.json”?"
    assert window.windowHandle().title() == "lecture1.gradlab.json* — Gradient Lab"
    qtbot.keyClick(box, Qt.Key.Key_Escape)                # Esc: Cancel, all kept
    qtbot.waitUntil(lambda: not box.isVisible(), timeout=3000)
    assert len(lec.scenes) == 1 and window.model.settings.lr == 0.02
    assert window.neuron_model.activation == "relu" and window.network_model.step_count == 3


def test_a_saved_lecture_left_and_shown_again_asks_nothing(window, qtbot, tmp_path):
    """Away from the scene (another tab) is unsaved only while it lasts: the scene
    clicked again, the app is what was saved and a sample lecture opens unasked."""
    from tests.gui.app.test_scene_departed import _click_scene, _left
    lc = window.lecture_commands
    _saved_lecture(window, qtbot, tmp_path / "lecture1.gradlab.json")
    _key(qtbot, window, Qt.Key.Key_3, Qt.KeyboardModifier.NoModifier)
    _click_scene(_left(window, qtbot), 0)
    assert not lc.lecture.departed and lc.unsaved_work() is None
    lc.samples_menu.actions()[0].trigger()
    assert window.commands.discard_question is None
    assert window.windowTitle().startswith("Derivatives and gradients")


def test_quit_keeps_the_lecture_for_the_next_start_or_asks(window, qtbot):
    """Ctrl+Q with an unsaved deck: reopening the last session on (the default) keeps
    it in the last session, which the next start opens; reopening off, the question
    comes and Cancel keeps the window open."""
    lec = _one_scene_deck(window, qtbot)
    window.session.set_restore_enabled(False)
    _key(qtbot, window, Qt.Key.Key_Q)
    assert window.isVisible() and len(lec.scenes) == 1    # asked first
    box = _question(window, qtbot)
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not box.isVisible(), timeout=3000)
    assert window.isVisible()

    window.session.set_restore_enabled(True)
    _key(qtbot, window, Qt.Key.Key_Q)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)
    assert window.commands.discard_question is None
    kept = load_session(window.session.last_session_path())
    assert kept["modified"] and [s["title"] for s in kept["scenes"]] == ["Scene 1"]
