"""The Network tab's "log cost" switch belongs to the picture a session or a lecture's
scene shows (gui.plots.view_states, as the Explorer's switches): ticked in one scene of
the sample lecture it carried over to the next ones, whose cost plots then read on a
log axis though the scenes were saved linear. A scene or session that names no view
puts the cost back as built (linear); one captured with the log scale brings it back."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.xdist_group("cost_scale_saved")

NETWORKS_LECTURE = 1          # "Networks as chains of functions" in Help ▸ Sample lectures
FULL_BATCH, MINI_BATCHES, EXPLORER_SCENE = 8, 9, 2     # its scenes, 0-based


def _log_axis(tab) -> bool:
    """What the cost plot shows: its C axis on a logarithmic scale."""
    return bool(tab.cost_plot.getPlotItem().getAxis("left").logMode)


def _lecture(window):
    lc = window.lecture_commands
    lc.samples_menu.actions()[NETWORKS_LECTURE].trigger()
    return lc.lecture


def test_a_log_cost_does_not_carry_over_to_the_next_scene(window, qtbot):
    lec, tab = _lecture(window), window.network
    lec.go_to(FULL_BATCH)
    assert not tab.log_cost.isChecked() and not _log_axis(tab)
    tab.log_cost.setChecked(True)                     # the rehearsal: ticked in one scene
    assert _log_axis(tab)
    lec.forward()                                     # PageDown: its training step
    lec.forward()                                     # the next scene, saved linear
    assert lec.index == MINI_BATCHES
    assert not tab.log_cost.isChecked() and not _log_axis(tab)
    tab.log_cost.setChecked(True)
    lec.go_to(FULL_BATCH)                             # and back
    assert not tab.log_cost.isChecked() and not _log_axis(tab)


def test_an_explorer_scene_leaves_the_network_part_unchanged(window, qtbot):
    """A sample scene's network part names no views: with the cost as built the part
    read back equals it, so moving between scenes does not rebuild the network."""
    lec = _lecture(window)
    lec.go_to(EXPLORER_SCENE)
    assert lec.capture_state()["network"] == lec.scenes[EXPLORER_SCENE].state["network"]


def test_a_scene_captured_with_the_log_cost_brings_it_back(window, qtbot):
    lec, tab = window.lecture_commands.lecture, window.network
    window.show_tab("network")
    tab.log_cost.setChecked(True)
    lec.add_current("log cost")
    tab.log_cost.setChecked(False)
    lec.add_current("linear cost")
    lec.go_to(0)
    assert tab.log_cost.isChecked() and _log_axis(tab)
    lec.go_to(1)
    assert not tab.log_cost.isChecked() and not _log_axis(tab)


def test_a_session_keeps_the_log_cost(window, qtbot):
    model, tab = window.network_model, window.network
    tab.log_cost.setChecked(True)
    saved = model.get_state()
    assert saved["views"] == {"cost": {"log_scale": True}}
    tab.log_cost.setChecked(False)
    model.set_state(saved)
    assert tab.log_cost.isChecked() and _log_axis(tab)
    model.set_state({k: v for k, v in saved.items() if k != "views"})   # names none
    assert not tab.log_cost.isChecked() and not _log_axis(tab)
    assert "views" not in model.get_state()
