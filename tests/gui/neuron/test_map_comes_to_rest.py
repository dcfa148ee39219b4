"""The Neuron tab's loss map comes to rest on a 1280×720 projector, as the Explorer's does
(tests/gui/plots/test_map_comes_to_rest.py: its colour bar's width and its range once fed
each other, and the map was sampled anew every 120 ms without end)."""
import pytest

from tests.gui.app.test_look_round_trip import settle
from tests.gui.neuron.trained_tab import trained_neuron_tab
from tests.gui.plots.test_map_comes_to_rest import assert_comes_to_rest, sampled  # noqa: F401

SCREEN = (1280, 720)


@pytest.mark.parametrize("larger_text", [0, 1, 2])
@pytest.mark.parametrize("presented", [False, True])
def test_the_neuron_map_comes_to_rest(window, qtbot, sampled, larger_text,  # noqa: F811
                                      presented):
    """Trained 100 steps at x = −1.5 (the landscape re-centred on the run), at text size
    1 and one and two steps larger, and after presenting (where the map is hidden)."""
    tab = trained_neuron_tab(window, qtbot, SCREEN)
    for _ in range(larger_text):
        window.commands.step_scale(+1)
    if presented:
        window.commands.set_presentation(True)
        settle(qtbot, window)
        window.commands.set_presentation(False)
        window.setGeometry(0, 0, *SCREEN)     # no window manager gives the place back
    settle(qtbot, window)
    view = tab.training.contour_view
    assert view.isVisible() and view.plot.vb.height() > 40
    assert_comes_to_rest(qtbot, view, sampled)
