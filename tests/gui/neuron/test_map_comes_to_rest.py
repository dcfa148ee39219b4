"""The Neuron tab's loss map comes to rest on a 1280×720 projector, as the Explorer's does
(tests/gui/plots/test_map_comes_to_rest.py: its colour bar's width and its range once fed
each other, and the map was sampled anew every 120 ms without end)."""
import pytest

from tests.gui.app.test_look_round_trip import settle
from tests.gui.neuron.trained_tab import trained_neuron_tab
from tests.gui.plots.test_map_comes_to_rest import assert_comes_to_rest, sampled  # noqa: F401

SCREEN = (1280, 720)


@pytest.mark.parametrize("presented", [False, True])
def test_the_neuron_map_comes_to_rest(window, qtbot, sampled, presented):  # noqa: F811
    """Trained 100 steps at x = −1.5 (the landscape re-centred on the run), at text size
    1 and one and two steps larger, and after presenting (where the map is hidden).
    One trained window goes through the three text sizes (each was a window trained anew,
    ~3 s, for a difference of one key press), at rest at each."""
    tab = trained_neuron_tab(window, qtbot, SCREEN)
    for larger_text in range(3):
        if larger_text:
            window.commands.step_scale(+1)
        if presented:
            window.commands.set_presentation(True)
            settle(qtbot, window)
            window.commands.set_presentation(False)
            window.setGeometry(0, 0, *SCREEN)     # no window manager gives the place back
        settle(qtbot, window)
        view = tab.training.contour_view
        assert view.isVisible() and view.plot.vb.height() > 40, larger_text
        assert_comes_to_rest(qtbot, view, sampled)
