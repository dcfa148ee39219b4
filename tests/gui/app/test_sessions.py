"""Saved sessions in the real window: save → reopen is equal; bad files change nothing."""
import json

import pytest

from gui.app.session import SESSION_VERSION, SessionError, load_session, save_session


def _set_up_something(window, qtbot):
    """A set-up far from the defaults in every part of the session."""
    m = window.model
    m.set_text("x^2 - y^2 + x*y")
    assert m.wait_for_analysis()
    m.set_start((1.5, -0.5))
    m.set_settings(methods=("gd", "adam", "newton"), lr=0.05, max_steps=60, noise=0.2, seed=7)
    m.set_hyper("adam", "betas", (0.8, 0.99))
    m.set_hyper("momentum", "momentum", 0.5)
    m.set_frame(5)
    n = window.neuron.model
    n.set_x(1.5)
    n.set_activation("tanh")
    n.train(12)
    net = window.network.model
    net.set_sizes((2, 5, 1))
    net.set_activation("tanh")
    net.train(30)
    window.show_tab("network")
    window.set_focus_mode("surface")


@pytest.mark.xdist_group("sessions_reused_window")
def test_save_then_open_gives_the_same_session(reused_window, qtbot, tmp_path):
    window = reused_window      # File ▸ New before the next case puts back what it sets up
    _set_up_something(window, qtbot)
    before = window.session.state()
    path = tmp_path / "lecture"
    assert window.commands.save_as(path)
    saved = tmp_path / "lecture.gradlab.json"
    assert saved.exists() and window.session.path == saved
    assert window.windowTitle() == "lecture.gradlab.json[*] — Gradient Lab"
    assert not window.isWindowModified()

    data = json.loads(saved.read_text())          # readable JSON with a version
    assert data["version"] == SESSION_VERSION and data["explorer"]["text"] == "x^2 - y^2 + x*y"

    window.commands.new_session()                 # everything back to the defaults
    assert window.model.wait_for_analysis()
    assert window.model.text == "x^2 + 2y^2"
    assert window.session.state() != before

    assert window.commands.open(saved)
    assert window.model.wait_for_analysis()
    qtbot.waitUntil(lambda: window.model.frame == 5)
    after = window.session.state()
    assert after == before
    assert window.current_tab == "network" and window.focus_mode == "surface"
    assert not window.surface_view.isHidden() and window.contour_view.isHidden()
    # the explorer's paths are recomputed by the engine: the same numbers
    assert window.model.paths["adam"].points.shape[0] > 5
    assert not window.isWindowModified()


@pytest.mark.xdist_group("sessions_reused_window")
def test_an_edit_marks_the_title_modified(reused_window, qtbot, tmp_path):
    window = reused_window      # File ▸ New: no file, not modified, checked before each case
    window.commands.save_as(tmp_path / "a.gradlab.json")
    assert not window.isWindowModified()
    window.model.set_start((1.0, 1.0))
    assert window.isWindowModified() and window.windowTitle().startswith("a.gradlab.json[*]")
    window.commands.save()
    assert not window.isWindowModified()
    window.network.model.train(5)
    assert window.isWindowModified()


@pytest.mark.parametrize("damage, words", [
    (lambda text: text[: len(text) // 2], "cut off"),
    (lambda text: "\x00\x13garbage{{{", "damaged"),
    (lambda text: "", "empty"),
    (lambda text: json.dumps({"app": "Gradient Lab", "version": SESSION_VERSION + 1,
                              "explorer": {}}), "newer"),
    (lambda text: json.dumps([1, 2, 3]), "not a Gradient Lab session"),
])
@pytest.mark.xdist_group("sessions_reused_window")     # its cases share one window: one worker
def test_a_bad_file_gives_a_message_and_keeps_the_current_state(reused_window, qtbot, tmp_path,
                                                                damage, words):
    # the set-up below is undone by File ▸ New before the next case (reused_window checks)
    window = reused_window
    _set_up_something(window, qtbot)
    good = tmp_path / "good.gradlab.json"
    window.commands.save_as(good)
    window.model.set_start((0.25, 0.5))                       # unsaved work
    before = window.session.state()
    bad = tmp_path / "bad.gradlab.json"
    bad.write_text(damage(good.read_text()))

    assert not window.commands.open(bad)
    assert words in window.commands.last_message
    assert window.session.state() == before
    assert window.session.path == good and window.isWindowModified()


@pytest.mark.xdist_group("sessions_reused_window")
def test_a_file_with_a_bad_part_restores_every_part(reused_window, qtbot, tmp_path):
    """Valid JSON whose network part is nonsense: the explorer part must not stay applied."""
    window = reused_window               # a refused open changes nothing: one window serves
    before = window.session.state()
    data = {"app": "Gradient Lab", "version": SESSION_VERSION, **before}
    data["explorer"] = {**before["explorer"], "text": "sin(x)*y"}
    data["network"] = {**before["network"], "sizes": "two-three-one"}
    bad = tmp_path / "part.gradlab.json"
    bad.write_text(json.dumps(data))
    assert not window.commands.open(bad)
    assert "could not be opened" in window.commands.last_message
    assert window.model.wait_for_analysis()
    assert window.session.state() == before


@pytest.mark.xdist_group("sessions_reused_window")
def test_an_unknown_expression_in_a_file_is_refused(reused_window, tmp_path):
    window = reused_window               # a refused open changes nothing: one window serves
    data = {"app": "Gradient Lab", "version": SESSION_VERSION,
            "explorer": {**window.model.get_state(), "text": "__import__('os')"}}
    path = tmp_path / "evil.gradlab.json"
    path.write_text(json.dumps(data))
    text = window.model.text
    assert not window.commands.open(path)
    assert window.model.text == text


def test_saving_is_atomic(tmp_path):
    """A save that fails half-way (a value JSON cannot hold) leaves the old file whole."""
    path = tmp_path / "s.gradlab.json"
    save_session(path, {"explorer": {"text": "x^2"}})
    old = path.read_text()
    with pytest.raises(TypeError):
        save_session(path, {"explorer": {"lr": {1j}}})
    assert path.read_text() == old
    assert list(tmp_path.iterdir()) == [path]           # no temporary file left behind
    assert load_session(path)["explorer"] == {"text": "x^2"}


def test_recent_files_and_the_last_session_at_start(window, qtbot, tmp_path, settings):
    from gui.app.application import build_window

    first, second = tmp_path / "one.gradlab.json", tmp_path / "two.gradlab.json"
    window.commands.save_as(first)
    window.model.set_start((2.0, -1.0))
    window.commands.save_as(second)
    assert window.session.recent() == [str(second), str(first)]
    assert [a.text() for a in window.commands.recent_menu.actions()] == [second.name, first.name]
    window.model.set_start((-2.5, 1.0))                   # unsaved at close
    state = window.session.state()
    window.close()

    model, again = build_window(restore_last=True, settings=settings)
    qtbot.addWidget(again)
    assert model.wait_for_analysis()
    assert again.session.state()["explorer"]["start"] == state["explorer"]["start"]
    assert again.session.path == second and again.isWindowModified()
    again.commands.actions["restore"].setChecked(False)   # turned off: defaults next time
    again.close()
    model2, third = build_window(restore_last=True, settings=settings)
    qtbot.addWidget(third)
    assert model2.wait_for_analysis()
    assert third.model.start == (3.0, 2.0) and third.session.path is None


def test_a_damaged_last_session_starts_on_the_defaults(qtbot, settings):
    from gui.app.application import build_window
    from gui.app.session_controller import LAST_SESSION
    from pathlib import Path

    last = Path(settings.fileName()).parent / LAST_SESSION
    last.parent.mkdir(parents=True, exist_ok=True)
    last.write_text('{"app": "Gradient Lab", "version": 1, "explorer": {"te')
    model, win = build_window(restore_last=True, settings=settings)
    qtbot.addWidget(win)
    assert model.wait_for_analysis()
    assert model.text == "x^2 + 2y^2"
    assert "not restored" in win.statusBar().currentMessage()


def test_load_session_messages(tmp_path):
    with pytest.raises(SessionError, match="Cannot read"):
        load_session(tmp_path / "missing.gradlab.json")


@pytest.mark.xdist_group("sessions_reused_window")
def test_a_session_saved_with_a_typo_in_the_formula_reopens_on_the_f_shown(reused_window,
                                                                            tmp_path):
    window = reused_window
    # saved (or undone to, or closed and restored, or added as a scene) while the formula
    # box held a typo: the file kept the typo and the whole session was refused on open
    # ("The session could not be opened: … “2sin x” cannot be read")
    m = window.model
    m.set_text("x^2 - y^2")
    assert m.wait_for_analysis()
    m.set_text("2sin x")                     # what the editor sends after a pause
    assert m.error is not None and window.editor.line_edit.text() == "2sin x"
    assert m.expression.variables == ("x", "y") and str(m.expression) == "x**2 - y**2"
    path = tmp_path / "typo"
    assert window.commands.save_as(path)
    saved = tmp_path / "typo.gradlab.json"
    window.commands.new_session()
    assert m.wait_for_analysis() and m.text == "x^2 + 2y^2"
    assert window.commands.open(saved)
    assert m.wait_for_analysis()
    assert m.error is None and m.text == "x^2 - y^2"
    assert window.editor.line_edit.text() == "x^2 - y^2"
    assert str(m.expression) == "x**2 - y**2"
