"""A text-size step (Ctrl++ / Ctrl+−) is one change on screen: the map is painted only
as the new text size leaves it, never at a layout on the way there."""
import pytest
from PySide6.QtCore import QRect

from gui.app.presets import find_preset
from tests.gui.app.test_look_round_trip import settle
from tests.gui.app.test_presentation import back_to_normal  # noqa: F401 (autouse: puts the look back)
from tests.gui.app.test_presentation_leave import MapPaints, _window

pytestmark = [pytest.mark.shared_window, pytest.mark.xdist_group("presentation_shared")]


# (Ctrl+− still paints once at a layout on the way, -3.537 before -3.67: a layout after
# the page's fit applies after the hold's release. Not yet found; no test claims it.)
@pytest.mark.parametrize("direction", [+1, -1], ids=["larger", "smaller"])
def test_a_text_size_step_paints_the_map_at_its_final_window_only(window, qtbot, direction):
    """At 1280×720 with four runs, a step painted the map 2-3 times: at 478×252 px, then
    478×264 once the page had fitted its height (its window moved with the height), each
    layout of the new type on screen in turn."""
    window.model.load_preset(dict(find_preset("Saddle x²"),
                                  methods=["gd", "momentum", "adam", "newton"]))
    assert window.model.wait_for_analysis(60000)
    window.screen_limit = QRect(0, 0, 1280, 720)
    window.setGeometry(0, 0, 1280, 720)
    window.commands.set_scale(1.15 if direction < 0 else 1.0)
    settle(qtbot, window)
    basins = window.explorer.lab_panel.basins      # its plot is the map's
    paints = MapPaints(basins)
    window.commands.step_scale(direction)
    settle(qtbot, window)
    final = _window(basins)
    assert paints.seen
    assert {w for w, _ in paints.seen} == {final}, paints.seen


def test_the_theme_toggle_changes_colours_only_no_plot_is_laid_out_anew(window, qtbot):
    """Ctrl+D at the same text size: the fonts and sizes stay, so no view box of the
    window is resized and the map's window is the one it had. Setting the same fonts again
    reset every axis's room for its ticks: the map went 179 → 185 px high and back, each
    view refitted and re-ranged, about a third of the toggle's work."""
    import pyqtgraph as pg
    window.model.load_preset(dict(find_preset("Saddle x²"),
                                  methods=["gd", "momentum", "adam", "newton"]))
    assert window.model.wait_for_analysis(60000)
    window.screen_limit = QRect(0, 0, 1280, 720)
    window.setGeometry(0, 0, 1280, 720)
    settle(qtbot, window)
    basins = window.explorer.lab_panel.basins
    resized = []
    boxes = [item for view in window.findChildren(pg.GraphicsView) if view.isVisible()
             for item in view.scene().items() if isinstance(item, pg.ViewBox)]
    for box in boxes:
        box.sigResized.connect(lambda b: resized.append(b.size().toTuple()))
    for theme in ("dark", "light", "dark"):
        before = _window(basins)
        window.commands.set_theme(theme)
        settle(qtbot, window)
        assert resized == [], (theme, resized)
        assert _window(basins) == before
