"""Presentation mode for the lecture hall: full screen, large type, high contrast; and
the look remembered between runs."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.gui.app.test_look_round_trip import settle
from tests.gui.app.test_lecture_undo import _key

QWIDGETSIZE_MAX = (1 << 24) - 1     # Qt's "no largest size"


def _point_size():
    return QApplication.instance().font().pointSizeF()


# One window for the module (~1 s of CPU a build): File ▸ New puts back the session, and
# back_to_normal what it keeps (the look, presentation, the size, the emulated screen);
# `reused_window` then checks the window is a fresh start's before each test. The test
# that closes its window and builds another on the same settings has its own, and so has
# the one whose picture and smallest size at 1280×720 depend on the splitters.
pytestmark = [pytest.mark.shared_window, pytest.mark.xdist_group("presentation_shared")]


@pytest.fixture(autouse=True)
def back_to_normal(window, qtbot, request):
    yield
    if request.node.get_closest_marker("own_window"):    # closed by the test
        window.commands.set_theme("light")
        window.commands.set_scale(1.0)
        return
    window.commands.set_presentation(False)
    window.screen_limit = None
    window.setMaximumSize(QWIDGETSIZE_MAX, QWIDGETSIZE_MAX)     # the emulated screen's cap
    window.commands.set_theme("light")
    window.commands.set_scale(1.0)
    window.resize(1400, 860)
    qtbot.waitUntil(lambda: window.size().toTuple() == (1400, 860), timeout=3000)


def test_f11_enters_and_leaves_presentation_mode(window, qtbot, screenshot):
    before = _point_size()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    qtbot.keyClick(window.tabs.tabBar(), Qt.Key.Key_F11)
    assert window.commands.presenting and window.isFullScreen()
    assert window.commands.scale >= 1.5
    assert _point_size() == pytest.approx(before * window.commands.scale)
    assert not window.menuBar().isVisible() and window.commands.toolbar.isVisible()
    assert window.below.isHidden()                           # the views get the height
    window.model.set_settings(methods=("gd", "momentum", "adam", "newton"))
    window.model.set_frame(8)
    settle(qtbot, window)            # at rest for the screenshot (a fixed 300 ms before)
    screenshot(window, "presentation_f11")
    qtbot.keyClick(window.tabs.tabBar(), Qt.Key.Key_F11)     # the key still works
    assert not window.commands.presenting and not window.isFullScreen()
    assert _point_size() == pytest.approx(before)
    assert window.menuBar().isVisible() and window.loss_plot.isVisible()


def test_presentation_restyles_only_when_the_text_size_changes(window, monkeypatch):
    """Entering presentation at text size 2, and leaving it, keep the look as it is: no
    restyle of every widget and plot (~40 ms each for nothing). From size 1 it goes to 1.5
    and back, one restyle each way."""
    from gui.widgets import theme
    applied = []
    restyle = theme.apply_theme
    monkeypatch.setattr(theme, "apply_theme",
                        lambda *args: applied.append(args[2:]) or restyle(*args))
    c = window.commands
    c.set_scale(2.0)
    before = _point_size()
    applied.clear()
    c.set_presentation(True)
    assert c.presenting and window.isFullScreen() and applied == []
    assert theme.current().scale == 2.0 and _point_size() == pytest.approx(before)
    c.set_presentation(False)
    assert not c.presenting and applied == [] and c.scale == 2.0
    assert theme.current().scale == 2.0 and _point_size() == pytest.approx(before)
    c.set_scale(1.0)
    applied.clear()
    c.set_presentation(True)
    assert applied == [("light", 1.5)] and theme.current().scale == 1.5
    c.set_presentation(False)
    assert applied == [("light", 1.5), ("light", 1.0)] and theme.current().scale == 1.0


def test_text_size_steps_and_dark_theme(window, qtbot):
    before = _point_size()
    window.commands.step_scale(+1)
    assert _point_size() > before
    window.commands.step_scale(-1)
    assert _point_size() == pytest.approx(before)
    window.commands.actions["dark"].setChecked(True)      # the palette arrives as an event
    qtbot.waitUntil(lambda: window.palette().window().color().lightness() < 60, timeout=2000)
    assert window.palette().windowText().color().lightness() > 200
    window.commands.actions["dark"].setChecked(False)
    qtbot.waitUntil(lambda: window.palette().window().color().lightness() > 200, timeout=2000)


# its own window: a window whose earlier tests changed the text size keeps the splitters
# where the larger text put them (File ▸ New keeps the layout), and this one's picture and
# smallest size at 1280×720 were not a fresh window's (180,000 px differed)
@pytest.mark.own_window
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_presentation_fits_1280_by_720(window, qtbot, screenshot, theme):
    """At scale 1.5 the whole window fits a 1280×720 projector without clipping."""
    window.commands.set_theme(theme)
    window.commands.set_scale(1.5)
    window.model.set_settings(methods=("gd", "momentum", "adam", "newton"))
    window.model.set_frame(8)
    window.resize(1280, 720)
    qtbot.waitUntil(lambda: window.size().toTuple() == (1280, 720), timeout=3000)
    hint = window.minimumSizeHint()
    assert hint.width() <= 1280 and hint.height() <= 720, hint
    # the playback buttons are wholly inside the window
    from PySide6.QtWidgets import QPushButton
    for button in window.descent_panel.findChildren(QPushButton):
        if button.isVisible():
            top_left = button.mapTo(window, button.rect().topLeft())
            assert top_left.y() + button.height() <= window.height(), button.text()
            assert button.width() >= button.minimumSizeHint().width(), button.text()
    screenshot(window, f"presentation_{theme}_1.5_1280x720")


@pytest.mark.own_window      # it closes the window and builds another on its settings
def test_the_look_is_remembered(window, qtbot, settings):
    from gui.app.application import build_window

    window.commands.set_theme("dark")
    window.commands.set_scale(1.3)
    window.close()
    model, again = build_window(settings=settings)
    qtbot.addWidget(again)
    assert again.commands.theme == "dark" and again.commands.scale == pytest.approx(1.3)
    assert again.commands.actions["dark"].isChecked()
    again.commands.set_theme("light")
    again.commands.set_scale(1.0)


def test_panels_fold_away_to_give_the_views_room(window, qtbot):
    height, width = window.views.height(), window.views.width()
    window.commands.actions["show_below"].setChecked(False)
    window.commands.actions["show_top"].setChecked(False)
    window.commands.actions["show_side"].setChecked(False)
    qtbot.waitUntil(lambda: window.views.height() > height + 150, timeout=2000)
    assert window.views.width() > width + 150
    for key in ("show_below", "show_top", "show_side"):
        window.commands.actions[key].setChecked(True)
    qtbot.waitUntil(lambda: window.views.height() == height, timeout=2000)


def test_a_taller_formula_arriving_while_presenting_still_leaves_the_views_room(window, qtbot,
                                                                                 screenshot):
    # a lecture scene (PageDown) or a typed f brings a three-row formula set while
    # presenting at 1280×720: the formulas took ~400 px, the page scrolled and the map
    # was cut to its top ~60 px; the room was only made on entering or switching tabs
    from PySide6.QtCore import QRect
    from gui.app.main_window import VIEWS_SHARE
    from gui.widgets.scroll_page import page_overflow
    window.screen_limit = QRect(0, 0, 1280, 720)
    try:
        window.commands.set_presentation(True)
        qtbot.waitUntil(lambda: window.size().toTuple() == (1280, 720), timeout=3000)
        qtbot.wait(200)
        assert window.top.isVisible()              # x² + 2y²'s one row of formulas fits
        window.model.set_text("((w+b-2)^2 + (2w+b-3.9)^2 + (3w+b-6.2)^2)/3")
        assert window.model.wait_for_analysis(60000)
        math = window.math_view
        qtbot.waitUntil(lambda: math.is_ready and len(math.equations) >= 5
                        and any("w" in t for t in math._texts), timeout=20000)
        qtbot.wait(100)
        # three rows of formulas: the panel keeps its height (fitted) or folds away
        assert window.math_view.height() <= 0.12 * window.height() or not window.top.isVisible()
        qtbot.waitUntil(lambda: window.views.height() >= VIEWS_SHARE * window.height(),
                        timeout=3000)
        assert page_overflow(window.explorer) == (0, 0)
        views = window.views.mapTo(window, window.views.rect().bottomLeft())
        assert views.y() <= window.height()       # the map's bottom on the screen
        settle(qtbot, window)        # at rest for the screenshot (a fixed 800 ms before)
        screenshot(window, "presentation_taller_formula_1280x720")
    finally:
        window.commands.set_presentation(False)


def _f11(qtbot, window):
    _key(qtbot, window, Qt.Key.Key_F11, Qt.KeyboardModifier.NoModifier)


def test_a_theme_chosen_while_presenting_stays_after_leaving(window, qtbot):
    """F11, Ctrl+D, F11 gave the light theme back: leaving restored a theme presentation
    never changed. It gives back only the text size it set, and closing while presenting
    remembers the dark theme too."""
    _f11(qtbot, window)
    _key(qtbot, window, Qt.Key.Key_D)                        # Ctrl+D
    assert window.commands.presenting and window.commands.theme == "dark"
    window.commands.save_settings()
    look = window.settings
    assert look.value("look/theme") == "dark" and float(look.value("look/scale")) == 1
    _f11(qtbot, window)
    assert not window.commands.presenting and window.commands.scale == 1.0
    assert window.commands.theme == "dark" and window.commands.actions["dark"].isChecked()
    qtbot.waitUntil(lambda: window.palette().window().color().lightness() < 60, timeout=2000)


def test_a_text_size_chosen_while_presenting_stays_after_leaving(window, qtbot):
    before = _point_size()
    _f11(qtbot, window)
    assert window.commands.scale == 1.5
    _key(qtbot, window, Qt.Key.Key_Plus)                     # Ctrl++
    chosen = window.commands.scale
    assert chosen > 1.5
    window.commands.save_settings()
    assert float(window.settings.value("look/scale")) == chosen
    _f11(qtbot, window)
    assert not window.commands.presenting and window.commands.scale == chosen
    assert _point_size() == pytest.approx(before * chosen)
