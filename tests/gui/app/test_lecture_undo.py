"""Undo / redo (Ctrl+Z, Ctrl+Shift+Z, Ctrl+Y) of every kind of change a user makes."""
import pytest
from PySide6.QtCore import Qt

from tests.gui.app.lecture_helpers import SLOW_MS

# One window for the module: File ▸ New before each test starts a new undo history and is
# checked to leave nothing to undo or redo (tests/gui/conftest.py `_shell`). Each test
# first lets the new history take its baseline (_settle), so an edit cannot fall within
# the 300 ms the baseline waits and become part of it (the CI flake of a fresh window).
pytestmark = [pytest.mark.shared_window, pytest.mark.xdist_group("lecture_undo_shared")]


def _key(qtbot, window, key, modifier=Qt.KeyboardModifier.ControlModifier):
    window.activateWindow()                  # a window shortcut needs the active window
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    window.tabs.tabBar().setFocus()
    qtbot.keyClick(window.tabs.tabBar(), key, modifier)


def _settle(window, qtbot):
    """Let a restored formula be analysed, then have the debounced snapshot taken: what
    the debounce timer does when it fires (UndoHistory.capture), done at once instead of
    sitting out its 300 ms (a user's pause; every change here is made in one go, so the
    timer could only ever fire once more). Analysis first: its answers may change the
    state, and the snapshot is then taken after them, as the timer's was on a quiet
    machine."""
    history = window.lecture_commands.undo_history
    assert window.model.wait_for_analysis(SLOW_MS)
    if history._timer.isActive():
        history._timer.stop()
        history.capture()
    assert not history._timer.isActive()


def _read(window, kind):
    m, n, net = window.model, window.neuron_model, window.network_model
    lec = window.lecture_commands.lecture
    return {"formula": lambda: m.text, "window": lambda: m.window, "start": lambda: m.start,
            "descent": lambda: (m.settings.lr, m.settings.methods),
            "neuron": lambda: (n.get_state()["activation"], n.get_state()["x"]),
            "network": lambda: (net.sizes, net.step_count),
            "scene": lambda: [s.title for s in lec.scenes] if not lec.live else None}[kind]()


def _change(window, kind):
    m, n, net = window.model, window.neuron_model, window.network_model
    lec = window.lecture_commands.lecture
    if kind == "formula":
        m.set_text("x^2 - y^2 + x")
    elif kind == "window":
        m.set_window(((-2.0, 2.0), (-1.0, 1.0)))
    elif kind == "start":
        m.set_start((1.25, -0.5))
    elif kind == "descent":
        m.set_settings(lr=0.03, methods=("gd", "adam"))
    elif kind == "neuron":
        n.set_activation("tanh")
        n.set_x(1.5)
    elif kind == "network":
        net.set_sizes((2, 5, 1))
        net.train(25)
    elif kind == "scene":
        lec.rename(0, "Renamed")


@pytest.mark.parametrize("kind", ["formula", "window", "start", "descent", "neuron",
                                  "network", "scene"])
def test_undo_restores_each_kind_of_change_and_redo_reapplies_it(window, qtbot, kind):
    lec = window.lecture_commands.lecture
    _settle(window, qtbot)
    if kind == "scene":
        lec.add_current("Original")
    _settle(window, qtbot)
    before = _read(window, kind)
    _change(window, kind)
    _settle(window, qtbot)
    after = _read(window, kind)
    assert after != before

    _key(qtbot, window, Qt.Key.Key_Z)
    _settle(window, qtbot)
    assert _read(window, kind) == before
    _key(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier
         | Qt.KeyboardModifier.ShiftModifier)
    _settle(window, qtbot)
    assert _read(window, kind) == after
    _key(qtbot, window, Qt.Key.Key_Z)
    _settle(window, qtbot)
    _key(qtbot, window, Qt.Key.Key_Y)                 # Ctrl+Y redoes too
    _settle(window, qtbot)
    assert _read(window, kind) == after


def test_a_burst_of_changes_is_one_entry_and_restoring_pushes_nothing(window, qtbot):
    history, m = window.lecture_commands.undo_history, window.model
    _settle(window, qtbot)
    for x in (0.5, 1.0, 1.5, 2.0):                   # a drag: one entry
        m.set_start((x, 1.0))
    _settle(window, qtbot)
    assert len(history._undo) == 1
    assert history.undo()
    _settle(window, qtbot)
    assert m.start == (3.0, 2.0)
    assert len(history._undo) == 0 and len(history._redo) == 1    # no snapshot of the undo
    m.set_start((0.0, 0.0))                          # a new edit forgets the redo
    _settle(window, qtbot)
    assert not history.can_redo


def test_the_clicker_is_not_an_edit(window, qtbot):
    lec, history = window.lecture_commands.lecture, window.lecture_commands.undo_history
    _settle(window, qtbot)
    lec.add_current("One")
    window.model.set_text("x^2 - y^2")
    assert window.model.wait_for_analysis(SLOW_MS)
    lec.add_current("Two")
    _settle(window, qtbot)
    entries = len(history._undo)
    lec.go_to(0)
    _settle(window, qtbot)
    lec.forward()
    _settle(window, qtbot)
    assert len(history._undo) == entries and lec.index == 1


def test_reset_example_returns_the_example_to_its_settings(window, qtbot):
    from gui.app.presets import find_preset
    m = window.model
    _settle(window, qtbot)
    m.load_preset(find_preset("Himmelblau"))
    assert m.wait_for_analysis(SLOW_MS)
    m.set_start((1.0, 1.0))
    m.set_settings(lr=0.2)
    _key(qtbot, window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier
         | Qt.KeyboardModifier.ShiftModifier)
    assert m.wait_for_analysis(SLOW_MS)
    assert m.start == (0.0, 0.0) and m.settings.lr == 0.01


def test_opening_a_file_starts_a_new_history(window, qtbot, tmp_path):
    history, m = window.lecture_commands.undo_history, window.model
    _settle(window, qtbot)      # the fresh start's baseline first: an edit made while it
    path = tmp_path / "one.gradlab.json"     # waits would become part of the baseline
    assert window.commands.save_as(path)
    m.set_start((0.5, 0.5))
    _settle(window, qtbot)
    assert history.can_undo
    assert window.commands.open(path)
    _settle(window, qtbot)
    assert not history.can_undo and not history.can_redo
    assert not window.lecture_commands.actions["undo"].isEnabled()
    assert m.start == (3.0, 2.0)


def test_undo_keeps_the_explorers_step_and_shows_the_tab_it_changes(window, qtbot):
    """Stepped to step 3 (no snapshot: stepping is not an edit), then the neuron trained
    100 steps on the Network tab: Ctrl+Z takes the training back, shows the Neuron tab,
    and leaves the Explorer's descent at step 3 (it went back to step 0)."""
    _settle(window, qtbot)
    window.model.set_frame(3)
    window.neuron_model.train(100)
    window.show_tab("network")
    _settle(window, qtbot)
    assert window.neuron_model.get_state()["trained_steps"] == 100
    _key(qtbot, window, Qt.Key.Key_Z)
    assert window.neuron_model.get_state()["trained_steps"] == 0
    assert window.current_tab == "neuron"
    assert window.model.frame == 3
    _key(qtbot, window, Qt.Key.Key_Y)               # and back again
    assert window.neuron_model.get_state()["trained_steps"] == 100 and window.model.frame == 3


def test_undoing_an_explorer_change_keeps_its_step_not_the_snapshots(window, qtbot):
    """Step 4, Momentum ticked, stepped on to 6: Ctrl+Z unticks Momentum and stays at step
    6 (it went to step 3: the snapshot's, stale, since stepping takes no snapshot)."""
    m = window.model
    _settle(window, qtbot)
    m.set_frame(4)
    m.set_settings(methods=("gd", "momentum"))
    _settle(window, qtbot)
    m.set_frame(6)
    _key(qtbot, window, Qt.Key.Key_Z)
    assert m.wait_for_analysis(SLOW_MS)
    qtbot.waitUntil(lambda: m.settings.methods == ("gd",), timeout=5000)
    qtbot.waitUntil(lambda: m.frame == 6, timeout=5000)
    assert window.current_tab == "explorer"


def test_the_menu_and_the_readme_name_the_same_redo_keys(window):
    from pathlib import Path
    from PySide6.QtGui import QKeySequence
    redo = window.lecture_commands.actions["redo"]
    shown = redo.shortcut().toString()             # what Edit ▸ Redo shows beside it
    assert shown == "Ctrl+Y"
    keys = {s.toString() for s in redo.shortcuts()}
    assert {"Ctrl+Y", "Ctrl+Shift+Z"} <= keys
    readme = (Path(__file__).resolve().parents[3] / "README.md").read_text(encoding="utf-8")
    assert "`Ctrl+Z` / `Ctrl+Y` (or `Ctrl+Shift+Z`) undo and redo" in readme
    assert QKeySequence("Ctrl+Z") in window.lecture_commands.actions["undo"].shortcuts()
