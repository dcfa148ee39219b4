"""A round trip through the looks gives the Neuron tab back pixel for pixel. Ctrl++ then
Ctrl+− turned its 3-D loss camera to the other side (the side followed the rounding of
the re-centred window's middle), moved the loss plot's left edge 2 px (its axis kept the
larger text's width) and shrank the 3-D view's hint (styled only on the first change)."""
import pytest

from tests.gui.app.test_look_round_trip import differing_places, pixels, settle
from tests.gui.neuron.trained_tab import trained_neuron_tab


def _larger_and_back(c):
    c.step_scale(+1)
    yield
    c.step_scale(-1)


def _dark_and_back(c):
    c.set_theme("dark")
    yield
    c.set_theme("light")


def _presenting_and_back(c):
    c.set_presentation(True)
    yield
    c.set_presentation(False)


TRIPS = {"text size": _larger_and_back, "theme": _dark_and_back,
         "presentation": _presenting_and_back}


@pytest.mark.parametrize("trip", TRIPS)
def test_a_look_round_trip_gives_back_the_same_neuron_tab(window, qtbot, screenshot, trip):
    """At 1280×720, trained 100 steps at x = −1.5 (the landscape re-centred on the run)."""
    screen = (1280, 720)
    tab = trained_neuron_tab(window, qtbot, screen)
    surface = tab.training.surface_view
    camera = dict(surface.gl.opts, center=tuple(surface.gl.opts["center"]))
    before_picture = window.grab().toImage()          # one grab for both (settle's too)
    before = pixels(before_picture)
    for _ in TRIPS[trip](window.commands):
        settle(qtbot, window)
    settle(qtbot, window)
    window.setGeometry(0, 0, *screen)     # no window manager gives the place back
    after = pixels(settle(qtbot, window))
    assert dict(surface.gl.opts, center=tuple(surface.gl.opts["center"])) == camera
    assert before.shape == after.shape == (screen[1], screen[0], 3)
    differ = (before != after).any(axis=-1)
    if differ.any():                      # both pictures, to page through
        name = f"neuron_round_trip_{trip.replace(' ', '_')}"
        screenshot(window, f"{name}_after")
        before_picture.save(str(screenshot(window, f"{name}_before")))
    assert differ.sum() == 0, differing_places(before, after)


def test_presenting_on_another_tab_gives_back_the_same_neuron_tab(window, qtbot, screenshot):
    """At 1280×720, the Neuron tab seen, then presentation on and off (F5, Escape) while
    the Network tab shows: the Neuron tab as it was, pixel for pixel, its landscape map's
    b range too (its map was sampled at once when shown, on the layout of the show: its
    levels gave the colour bar wider labels, 0.0055 for 0.006, and the map b −0.73…0.93
    where it had −0.76…0.96)."""
    from PySide6.QtCore import QRect, Qt
    screen = (1280, 720)
    window.screen_limit = QRect(0, 0, *screen)
    window.setGeometry(0, 0, *screen)
    window.show_tab("neuron")
    tab = window.neuron
    assert tab.training.landscape_model.wait_for_analysis(60000)
    before_picture = settle(qtbot, window)
    vb = tab.training.contour_view.plot.vb
    b_range, before = vb.viewRange()[0], pixels(before_picture)
    window.show_tab("network")
    settle(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_F5)
    settle(qtbot, window)
    assert window.commands.presenting
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    settle(qtbot, window)
    assert not window.commands.presenting
    window.setGeometry(0, 0, *screen)     # no window manager gives the place back
    window.show_tab("neuron")
    after = pixels(settle(qtbot, window))
    assert vb.viewRange()[0] == b_range
    differ = (before != after).any(axis=-1)
    if differ.any():
        screenshot(window, "neuron_after_presenting_on_network_after")
        before_picture.save(str(screenshot(window, "neuron_after_presenting_on_network_before")))
    assert differ.sum() == 0, differing_places(before, after)
