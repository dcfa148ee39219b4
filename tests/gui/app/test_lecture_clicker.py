"""A presenter's clicker walks a lecture: PageDown plays the scene's steps, then the
next scene; PageUp goes back; from whatever widget has focus, on every tab, and in
presentation mode. The scene's title shows on the screen when it changes."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QApplication

from tests.gui.app.lecture_helpers import SLOW_MS


# One window for the module, put back by File ▸ New before each test (fixture `window`,
# which checks that the scenes, tab and presentation are a fresh start's again).
# own_window: the test opens the lecture panel, which File ▸ New keeps.
pytestmark = [pytest.mark.shared_window, pytest.mark.xdist_group("lecture_clicker_shared")]


def _lecture(window):
    """Scene 1: the bowl with two steps; scene 2: a saddle; scene 3: the neuron tab."""
    lec, m = window.lecture_commands.lecture, window.model
    lec.add_current("Bowl")
    lec.set_steps(0, [{"reveal": 2}, {"play_to": 6}])
    m.set_text("x^2 - y^2")
    assert m.wait_for_analysis(SLOW_MS)
    lec.add_current("Saddle")
    window.show_tab("neuron")
    lec.add_current("Neuron")
    lec.set_steps(2, [{"stage": 2}])
    lec.go_to(0)
    assert m.wait_for_analysis(SLOW_MS)
    return lec


def _page(qtbot, widget, key=Qt.Key.Key_PageDown):
    qtbot.keyClick(widget, key)


def _focus(qtbot, widget):
    widget.window().activateWindow()
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget, timeout=3000)
    return widget


def test_pagedown_plays_the_steps_then_moves_on(window, qtbot):
    lec, m = _lecture(window), window.model
    target = window.tabs.tabBar()
    assert m.text == "x^2 + 2y^2" and m.frame == 0
    _page(qtbot, target)
    assert (lec.index, lec.steps_done, m.frame) == (0, 1, 2)      # reveal 2
    _page(qtbot, target)
    assert lec.steps_done == 2 and m.playing                       # play_to 6 animates
    qtbot.waitUntil(lambda: not m.playing, timeout=5000)
    assert m.frame == 6
    _page(qtbot, target)                                           # no steps left: next scene
    assert lec.index == 1
    assert m.wait_for_analysis(SLOW_MS)
    assert m.text == "x^2 - y^2" and m.frame == 0
    _page(qtbot, target)
    assert lec.index == 2 and window.current_tab == "neuron"
    stage = window.neuron_model.stage
    _page(qtbot, target)
    assert window.neuron_model.stage == stage + 2 and lec.index == 2
    _page(qtbot, target)                                           # the end: stays
    assert lec.index == 2

    _page(qtbot, target, Qt.Key.Key_PageUp)                        # one step back
    assert lec.index == 2 and window.neuron_model.stage == stage
    _page(qtbot, target, Qt.Key.Key_PageUp)
    assert lec.index == 1 and window.current_tab == "explorer"
    _page(qtbot, target, Qt.Key.Key_PageUp)                        # the bowl, steps done
    assert m.wait_for_analysis(SLOW_MS)
    assert lec.index == 0 and lec.steps_done == 2
    qtbot.waitUntil(lambda: m.frame == 6, timeout=3000)


def test_pagedown_during_an_animation_finishes_it(window, qtbot):
    lec, m = _lecture(window), window.model
    lec.forward()
    lec.forward()
    assert m.playing
    lec.forward()
    assert not m.playing and m.frame == 6 and lec.index == 0


def _editor(window):
    return window.editor.line_edit


def _spin_box(window):
    return next(w for w in window.descent_panel.findChildren(QAbstractSpinBox)
                if w.isVisible() and w.isEnabled())


@pytest.mark.parametrize("where", ["editor", "spin box", "neuron tab", "presentation"])
def test_the_clicker_works_from_every_focus(window, qtbot, where):
    lec, m = _lecture(window), window.model
    lec.set_steps(0, [])
    if where == "presentation":
        window.commands.set_presentation(True)
        qtbot.waitUntil(lambda: window.isFullScreen(), timeout=3000)
        focus = _focus(qtbot, _editor(window))
    elif where == "neuron tab":
        window.show_tab("neuron")
        focus = _focus(qtbot, window.neuron.focusWidget() or window.neuron)
    elif where == "editor":
        focus = _focus(qtbot, _editor(window))
    else:
        focus = _focus(qtbot, _spin_box(window))
        value = focus.value()
    _page(qtbot, focus)
    assert lec.index == 1
    assert m.wait_for_analysis(SLOW_MS)
    assert m.text == "x^2 - y^2"
    _page(qtbot, QApplication.focusWidget() or window, Qt.Key.Key_PageUp)
    assert lec.index == 0
    if where == "spin box":
        assert focus.value() == value         # the spin box did not take the key as ten steps
    if where == "editor":
        assert m.wait_for_analysis(SLOW_MS)       # the editor shows the scene's formula again
        qtbot.waitUntil(lambda: _editor(window).text().replace(" ", "") == "x^2+2y^2")
    if where == "presentation":
        assert window.isFullScreen()
        # the editor's own Escape first: it leaves the field, the presentation stays
        assert _editor(window).hasFocus()
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
        assert window.commands.presenting and not _editor(window).hasFocus()
        qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Escape)
        assert not window.commands.presenting


def test_the_title_shows_and_fades(window, qtbot, screenshot):
    lec = _lecture(window)
    banner = window.lecture_commands.banner
    qtbot.keyClick(window.tabs.tabBar(), Qt.Key.Key_PageDown)
    qtbot.keyClick(window.tabs.tabBar(), Qt.Key.Key_PageDown)
    qtbot.waitUntil(lambda: lec.steps_done == 2 and not window.model.playing, timeout=5000)
    qtbot.keyClick(window.tabs.tabBar(), Qt.Key.Key_PageDown)
    assert banner.isVisible() and banner.text == "2 / 3   Saddle"
    image = window.grab().toImage()
    label = banner.label.geometry().translated(banner.mapTo(window, banner.rect().topLeft()))
    centre = image.pixelColor(label.left() + 6, label.center().y())
    # the dark band (its 84 % opaque near-black over the white editor: ~57, 60, 67)
    assert max(centre.red(), centre.green(), centre.blue()) < 90
    screenshot(window, "lecture_title")
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=5000)


def test_black_screen_and_any_clicker_key_lifts_it(window, qtbot):
    lec = _lecture(window)
    _focus(qtbot, window.tabs.tabBar())
    qtbot.keyClick(window.tabs.tabBar(), Qt.Key.Key_B)
    black = window.lecture_commands.blackout
    assert black.isVisible()
    image = window.grab().toImage()
    c = image.pixelColor(image.width() // 2, image.height() // 2)
    assert (c.red(), c.green(), c.blue()) == (0, 0, 0)
    qtbot.keyClick(window.tabs.tabBar(), Qt.Key.Key_PageDown)
    assert not black.isVisible() and lec.steps_done == 0      # the key only lifted it


def _centre_colour(window):
    image = window.grab().toImage()
    c = image.pixelColor(image.width() // 2, image.height() // 2)
    return c.red(), c.green(), c.blue()


@pytest.mark.parametrize("presenting", [False, True], ids=["window", "presenting"])
@pytest.mark.parametrize("key", [Qt.Key.Key_B, Qt.Key.Key_Period], ids=["B", "period"])
def test_escape_lifts_the_black_screen_first(window, qtbot, key, presenting):
    """The key a lecturer presses in a hurry: Esc after B or '.' left the screen black
    (presenting, it left the presentation behind the black); it shows the picture again,
    the presentation staying, and the next Esc leaves the presentation."""
    _lecture(window)
    window.commands.set_presentation(presenting)
    bar = _focus(qtbot, window.tabs.tabBar())
    qtbot.keyClick(bar, key)
    assert _centre_colour(window) == (0, 0, 0)
    qtbot.keyClick(bar, Qt.Key.Key_Escape)
    assert not window.lecture_commands.blackout.isVisible()
    assert _centre_colour(window) != (0, 0, 0)           # the picture, on screen again
    assert window.commands.presenting == presenting
    if presenting:
        qtbot.keyClick(bar, Qt.Key.Key_Escape)
        assert not window.commands.presenting


@pytest.mark.own_window
def test_f5_presents_from_the_current_scene_and_escape_leaves(window, qtbot):
    lec = _lecture(window)
    lc = window.lecture_commands
    lc.set_panel_visible(True)
    editor = _focus(qtbot, _editor(window))
    qtbot.keyClick(editor, Qt.Key.Key_F5)
    assert window.commands.presenting and lc.banner.isVisible()
    assert lc.banner.text == "1 / 3   Bowl"
    qtbot.waitUntil(lambda: not lc.panel.isVisible(), timeout=3000)   # notes stay private
    assert editor.hasFocus()          # Escape leaves the editor first, presenting still
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert window.commands.presenting and not editor.hasFocus()
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Escape)
    assert not window.commands.presenting and lec.index == 0
    qtbot.waitUntil(lc.panel.isVisible, timeout=3000)


def _region(image, rect):
    return [image.pixel(x, y) for y in range(rect.top(), rect.bottom() + 1, 2)
            for x in range(rect.left(), rect.right() + 1, 3)]


@pytest.mark.parametrize("size,presenting", [((1280, 720), False), ((1920, 1080), False),
                                             (None, True)],
                         ids=["1280x720", "1920x1080", "presentation"])
def test_the_title_covers_nothing_a_lecturer_reads(window, qtbot, screenshot, size, presenting):
    """The title lay across the top of the page, over the formula field and the formulas
    (mid-fade neither read). It shows in the empty strip right of the tabs: the field,
    formulas, tabs and tool bar look exactly as with no title; the title itself is
    drawn, whole, in dark ink."""
    from tests.gui.app.layout_checks import window_rect
    lec, lc = _lecture(window), window.lecture_commands
    size_before = window.size()
    if presenting:
        window.commands.set_presentation(True)
    else:
        from PySide6.QtCore import QRect
        window.screen_limit = QRect(0, 0, *size)      # a screen of that size (tests' is 1280×800)
        window.resize(*size)
    for _ in range(3):
        QApplication.processEvents()
        qtbot.wait(20)
    lec.go_to(1)
    assert window.model.wait_for_analysis(SLOW_MS)
    banner = lc.banner
    lc._on_scene(1)                       # shown again, now that the scene is drawn
    assert banner.isVisible() and banner.text == "2 / 3   Saddle"
    banner.hold.stop()
    with_title = window.grab().toImage()
    label = window_rect(banner.label, window)
    bar = window.tabs.tabBar()
    tabs = window_rect(bar, window)
    last_tab = bar.tabRect(bar.count() - 1).translated(tabs.topLeft())
    assert label.left() > last_tab.right() and label.right() < window.width()
    assert label.top() >= tabs.top() - 1 and label.bottom() <= tabs.bottom() + 4
    assert banner.label.text() == banner.text          # whole, not shortened
    covered = {"field": window.editor.line_edit, "formulas": window.math_view,
               "tool bar": window.commands.toolbar}
    for name, widget in covered.items():
        assert not label.intersects(window_rect(widget, window)), name
    if size is not None:
        assert (window.width(), window.height()) == size
    screenshot(window, f"lecture_title_strip_{'presentation' if presenting else size[0]}")
    banner.hide()
    QApplication.processEvents()
    without = window.grab().toImage()
    for name, widget in covered.items():
        rect = window_rect(widget, window)
        assert _region(with_title, rect) == _region(without, rect), name
    centre = with_title.pixelColor(label.left() + 6, label.center().y())
    assert max(centre.red(), centre.green(), centre.blue()) < 90     # the dark band
    if presenting:
        window.commands.set_presentation(False)
    window.screen_limit = None
    window.setMaximumSize(16777215, 16777215)     # (the screen's fit set it: Qt's "none")
    window.resize(size_before)                # the shared window as the next test expects
