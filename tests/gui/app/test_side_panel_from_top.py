"""File ▸ New, presentation on or off and a lecture scene entered show the side panel from
its top: the shared learning rate and the Methods heading in view. (Walkthrough at
1280×720: after New the panel still began at "Nesterov", the rate and the heading
scrolled away; presenting at 1920×1080 the same.) An example loaded keeps the scroll
(tests/gui/app/test_examples_gallery.py)."""
import pytest
from PySide6.QtCore import QPoint

from tests.gui.app.lecture_helpers import SLOW_MS
from tests.gui.app.projector import projector_window
from tests.gui.app.test_examples_gallery import _shown_whole
from tests.gui.app.test_scenes_panel_formulas import _settle

pytestmark = pytest.mark.xdist_group("side_panel_from_top")   # one projector window


@pytest.fixture(scope="module")
def projector(tmp_path_factory):
    yield from projector_window(tmp_path_factory)


def _scrolled_down(window, qtbot):
    """The side panel scrolled to its end, as a lecturer leaves it after a race."""
    panel = window.descent_panel
    for method in ("momentum", "nesterov", "adam"):
        panel.set_method_checked(method, True)
    _settle(qtbot)
    bar = panel.settings_area.verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum())
    assert not _shown_whole(panel.settings_area, panel.lr_group)


def _from_top(window) -> None:
    panel = window.descent_panel
    assert panel.settings_area.verticalScrollBar().value() == 0
    assert _shown_whole(panel.settings_area, panel.lr_group)
    # the Methods heading and the list's first row in view (presenting at 720p the
    # list as a whole may not fit)
    viewport = panel.settings_area.viewport()
    list_top = panel.method_list.mapTo(viewport, QPoint(0, 0)).y()
    assert 0 <= list_top and list_top + panel.method_list.sizeHintForRow(0) <= viewport.height()


def test_a_scene_entered_shows_the_side_panel_from_its_top(projector, qtbot):
    """(First: a deck opens on an unmodified session without asking.)"""
    lecture = projector.lecture_commands
    lecture.samples_menu.actions()[0].trigger()
    assert projector.model.wait_for_analysis(SLOW_MS)
    lecture.go_to(6)                       # x² + 2y²: gradient descent, the side panel shown
    assert projector.model.wait_for_analysis(SLOW_MS)
    _settle(qtbot)
    _scrolled_down(projector, qtbot)
    lecture.go_to(5)
    lecture.go_to(6)
    assert projector.model.wait_for_analysis(SLOW_MS)
    _settle(qtbot)
    assert lecture.lecture.index == 6
    _from_top(projector)
    lecture.set_panel_visible(False)


def test_file_new_shows_the_side_panel_from_its_top(projector, qtbot):
    _scrolled_down(projector, qtbot)
    projector.commands.new_session()
    assert projector.model.wait_for_analysis(SLOW_MS)
    _settle(qtbot)
    _from_top(projector)


@pytest.mark.parametrize("presenting", [True, False])
def test_presentation_on_or_off_shows_the_side_panel_from_its_top(projector, qtbot,
                                                                  presenting):
    projector.commands.set_presentation(not presenting)
    _settle(qtbot)
    if projector.descent_panel.isHidden():      # presenting folded it: shown (Ctrl+2)
        projector.show_panel(side=True)
    _scrolled_down(projector, qtbot)
    projector.commands.set_presentation(presenting)
    _settle(qtbot)
    if projector.descent_panel.isHidden():
        projector.show_panel(side=True)
        _settle(qtbot)
    _from_top(projector)
    projector.commands.set_presentation(False)
