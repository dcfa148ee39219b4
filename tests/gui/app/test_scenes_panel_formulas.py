"""The scenes panel (F9) on a 1280×720 projector keeps the formulas bar (typeset f, f′,
f″) the scenes' notes send the class to, and the bar always comes back when the panel
closes. (Walkthrough: the panel, 356 px wide where 280 was meant, left the Explorer 914
px: the page folded the bar to fit, and closing the panel, which widens the page but
leaves its height, never gave it back.)"""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.gui.app.layout_checks import window_rect
from tests.gui.app.lecture_helpers import SLOW_MS
from tests.gui.app.projector import SCREEN, projector_window, settle_at

pytestmark = pytest.mark.xdist_group("scenes_panel_formulas")   # one projector window


@pytest.fixture(scope="module")
def projector(tmp_path_factory):
    yield from projector_window(tmp_path_factory)


def _settle(qtbot):
    """The page's fit runs on a timer once the layouts have settled."""
    for _ in range(6):
        QApplication.processEvents()
        qtbot.wait(60)


def _bar_shown(window) -> bool:
    """The formulas bar on screen, whole, inside the window (not folded, not scrolled away)."""
    bar = window.explorer.math_view
    rect = window_rect(bar, window)
    return bar.isVisible() and rect.height() >= 40 and window.rect().contains(rect)


@pytest.fixture
def lecture(projector, qtbot):
    """Help ▸ Sample lectures ▸ Derivatives and gradients, its first scene (f = x³)."""
    lc = projector.lecture_commands
    lc.samples_menu.actions()[0].trigger()
    assert projector.model.wait_for_analysis(SLOW_MS)
    _settle(qtbot)
    assert projector.size().toTuple() == SCREEN and _bar_shown(projector)
    yield lc
    lc.set_panel_visible(False)
    _settle(qtbot)


def test_the_panel_keeps_the_formulas_bar(projector, lecture, qtbot, screenshot):
    lecture.actions["scene_panel"].trigger()                 # F9
    _settle(qtbot)
    assert lecture.panel.isVisible() and lecture.panel.width() <= 290
    assert _bar_shown(projector)
    # the titles wrap in the narrower panel: none hides its end past a scroll bar
    assert lecture.panel.list.horizontalScrollBar().maximum() == 0
    screenshot(projector, "scenes_panel_1280x720")
    # the walkthrough's F5, Esc, F9: presenting hides the panel, leaving shows it again
    qtbot.keyClick(projector.tabs.tabBar(), Qt.Key.Key_F5)
    assert projector.commands.presenting
    qtbot.keyClick(projector.tabs.tabBar(), Qt.Key.Key_Escape)
    assert not projector.commands.presenting
    qtbot.waitUntil(lecture.panel.isVisible, timeout=3000)
    _settle(qtbot)
    assert _bar_shown(projector)
    lecture.actions["scene_panel"].trigger()                 # F9: closed
    _settle(qtbot)
    assert not lecture.panel.isVisible() and _bar_shown(projector)


def test_a_wide_panel_never_folds_the_bar(projector, lecture, qtbot):
    """A panel dragged wide narrows the page: outside presentation mode the page
    scrolls (or its side panel's Runs give way) rather than fold the bar; closed, the
    page has its width again and the Runs are whole again."""
    lecture.set_panel_visible(True)
    projector.resizeDocks([lecture.panel], [420], Qt.Orientation.Horizontal)
    _settle(qtbot)
    assert _bar_shown(projector) and projector.explorer.editor.isVisible()
    lecture.actions["scene_panel"].trigger()                 # F9: closed
    _settle(qtbot)
    assert _bar_shown(projector) and projector.explorer.runs_kept_whole


def test_a_deck_at_larger_text_keeps_formulas_views_and_whole_hints(projector, lecture, qtbot,
                                                                    screenshot):
    """The walkthrough at text size 1.15 (one "Larger text"), the panel open on scene 7
    (gradient descent on x² + 2y²): the 284-px panel left the Explorer 986 px, which
    folded the formulas and caption, gave the 3-D view 253 px and cut its hint to "d…".
    The panel gives way first: it takes PANEL_SHARE (15 %) of the window."""
    from gui.widgets.elided_label import ElidedLabel
    settle_at(projector, qtbot, 1.15)
    try:
        lecture.go_to(6)
        assert projector.model.wait_for_analysis(SLOW_MS)
        lecture.actions["scene_panel"].trigger()             # F9
        _settle(qtbot)
        screenshot(projector, "scenes_panel_1280x720_text_1.15")
        explorer = projector.explorer
        assert lecture.panel.isVisible()
        assert _bar_shown(projector) and not explorer.caption_folded
        surface, contour = explorer.surface_view, explorer.contour_view
        assert surface.isVisible() and surface.width() >= 300, surface.size()
        assert contour.isVisible() and contour.width() >= 300, contour.size()
        # the views' hints whole, or a shorter whole form: never cut with "…"
        hints = [label for label in explorer.views.findChildren(ElidedLabel)
                 if label.isVisible()]
        assert len(hints) >= 2
        for label in hints:
            shown = label.shown_text()
            assert shown and "…" not in shown, (label.text(), shown, label.width())
        assert lecture.panel.width() <= 0.16 * SCREEN[0], lecture.panel.width()
    finally:
        settle_at(projector, qtbot, 1.0)


def _ctrl_1_coherent(window) -> None:
    """The top shown whole, Ctrl+1's check says so (its first press folds it)."""
    assert window.commands.actions["show_top"].isChecked()


def test_a_race_the_lab_and_basins_never_fold_the_bar(projector, lecture, qtbot):
    """The walkthrough's three ways the bar folded away for good, the panel (F9) open at
    1280×720: (a) 1-D f, six methods, then Newton (legend three rows, status seven
    lines); (b) F9 opened while the lab shows "Inside a step"; (c) Basins on. (Last in
    the module: the deck's state it leaves made the caption give way at 1.15 above.)"""
    panel, explorer = projector.descent_panel, projector.explorer
    lecture.set_panel_visible(True)
    projector.model.set_text("x^4-4x^3+4x^2")
    assert projector.model.wait_for_analysis(SLOW_MS)
    try:
        for method in ("gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"):
            panel.set_method_checked(method, True)
        _settle(qtbot)
        panel.set_method_checked("newton", True)
        _settle(qtbot)
        assert _bar_shown(projector) and explorer.editor.isVisible()     # (a)
        _ctrl_1_coherent(projector)
        assert explorer.page_fit.given                 # the Runs, the caption gave way
        for method in ("momentum", "nesterov", "adagrad", "rmsprop", "adam", "newton"):
            panel.set_method_checked(method, False)
        _settle(qtbot)
        # the room back, so is what gave way (no larger page or text size needed)
        assert not explorer.page_fit.given and explorer.runs_kept_whole
        assert explorer.caption.isVisible()
        lecture.set_panel_visible(False)
        explorer.lab_panel.tabs.setCurrentWidget(explorer.lab_panel.inspector)
        _settle(qtbot)
        lecture.actions["scene_panel"].trigger()             # F9 on "Inside a step"
        _settle(qtbot)
        assert lecture.panel.isVisible() and _bar_shown(projector)      # (b)
        _ctrl_1_coherent(projector)
        explorer.lab_panel.tabs.setCurrentIndex(0)
        lecture.go_to(6)                                     # x² + 2y²: a map for basins
        assert projector.model.wait_for_analysis(SLOW_MS)
        explorer.lab_panel.basins_check.setChecked(True)
        _settle(qtbot)
        assert _bar_shown(projector)                                     # (c)
        _ctrl_1_coherent(projector)
    finally:
        explorer.lab_panel.basins_check.setChecked(False)
        explorer.lab_panel.tabs.setCurrentIndex(0)
        for method in ("momentum", "nesterov", "adagrad", "rmsprop", "adam", "newton"):
            panel.set_method_checked(method, False)
