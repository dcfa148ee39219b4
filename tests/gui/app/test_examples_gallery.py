"""The Examples gallery: reachable in presentation mode (key G, a tool-bar button),
keyboard-driven (↓, Enter loads, Escape closes)."""
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gui.app.examples_gallery import ExamplesGallery
from gui.app.presets import presets


def _gallery(window):
    return [g for g in window.findChildren(ExamplesGallery) if g.isVisible()]


def _press_g(window, qtbot):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    window.tabs.tabBar().setFocus()
    qtbot.keyClick(window.tabs.tabBar(), Qt.Key.Key_G)


def test_g_opens_the_gallery_in_presentation_and_enter_loads(window, qtbot, screenshot):
    window.commands.set_presentation(True)
    assert not window.menuBar().isVisible()
    window.show_tab("network")
    _press_g(window, qtbot)
    qtbot.waitUntil(lambda: len(_gallery(window)) == 1, timeout=3000)
    gallery = _gallery(window)[0]
    assert gallery.names() == [p["name"] for p in presets()]
    assert gallery.list.currentRow() == 0               # the example now loaded
    qtbot.waitUntil(gallery.list.hasFocus, timeout=3000)
    screenshot(gallery, "examples_gallery")
    qtbot.keyClick(gallery.list, Qt.Key.Key_Down)
    qtbot.keyClick(gallery.list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not _gallery(window), timeout=3000)
    assert window.model.preset["name"] == presets()[1]["name"]
    assert window.current_tab == "explorer"
    window.commands.set_presentation(False)


def test_escape_closes_without_loading(window, qtbot):
    before = window.model.preset["name"]
    gallery = window.commands.show_examples()
    qtbot.waitExposed(gallery)
    qtbot.keyClick(gallery.list, Qt.Key.Key_Down)
    qtbot.keyClick(gallery.list, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not _gallery(window), timeout=3000)
    assert window.model.preset["name"] == before


def test_the_tool_bar_has_an_examples_button(window, qtbot):
    action = window.commands.actions["examples"]
    button = window.commands.toolbar.widgetForAction(action)
    assert button is not None and button.text() == "Examples"
    assert "G" in action.toolTip()
    QApplication.processEvents()
