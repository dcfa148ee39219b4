"""The Examples gallery: reachable in presentation mode (key G, a tool-bar button),
keyboard-driven (arrows, Enter loads, Escape closes), a grid of live pictures, and
"Into this scene"."""
import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextLayout, QTextOption
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionViewItem

from gui.app import example_thumbnails as thumbs
from gui.app.examples_gallery import ExamplesGallery
from gui.app.presets import find_preset, presets


# One window for the module, put back by File ▸ New before each test (fixture `window`):
# preset, tab, presentation (switched off again, checked) and scenes are put back.
# own_window: the test asks that the pictures are drawn after a first show.
pytestmark = [pytest.mark.shared_window, pytest.mark.xdist_group("gallery_shared")]


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
    qtbot.waitUntil(gallery.pictures_done, timeout=10000)
    screenshot(gallery, "examples_gallery")
    qtbot.keyClick(gallery.list, Qt.Key.Key_Down)           # a grid: ↓ goes down a row
    assert gallery.list.currentRow() > 1
    qtbot.keyClick(gallery.list, Qt.Key.Key_Up)
    qtbot.keyClick(gallery.list, Qt.Key.Key_Right)          # → the next example
    assert gallery.list.currentRow() == 1
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


def _pixels(pixmap) -> np.ndarray:
    """The picture as an (h, w, 3) array of RGB."""
    image = pixmap.toImage().convertToFormat(pixmap.toImage().Format.Format_RGB888)
    w, h, line = image.width(), image.height(), image.bytesPerLine()
    raw = np.frombuffer(image.constBits(), np.uint8)[:h * line].reshape(h, line)
    return raw[:, :3 * w].reshape(h, w, 3).astype(float)


@pytest.mark.own_window
def test_every_tile_gets_a_picture_soon_and_reopening_is_instant(window, qtbot):
    thumbs._CACHE.clear()
    gallery = window.commands.show_examples()
    qtbot.waitExposed(gallery)
    assert not gallery.pictures_done()          # drawn after the dialog shows, not before
    qtbot.waitUntil(gallery.pictures_done, timeout=5000)
    side = gallery.picture_size
    for i in range(gallery.list.count()):
        rgb = _pixels(gallery.list.item(i).icon().pixmap(side, side))
        assert rgb.std() > 10, gallery.names()[i]            # not blank: the pixels vary
    qtbot.keyClick(gallery.list, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not _gallery(window), timeout=3000)
    again = window.commands.show_examples()
    assert again.pictures_done()                # every picture from the cache
    again.reject()
    # fits a 1280×720 screen: the grid scrolls inside
    assert again.width() <= 1280 and again.height() <= 720


def test_a_bowls_darkest_pixel_is_at_its_minimum():
    for expr, (mx, my) in (("x^2 + 2y^2", (0, 0)), ("(x-1)^2 + (y+0.5)^2", (1, -0.5))):
        preset = {"expr": expr, "window": [[-2, 2], [-2, 2]], "start": [-1.8, 1.8]}
        thumbs._CACHE.pop(thumbs.cache_key(preset), None)
        rgb = _pixels(thumbs.thumbnail(preset))
        size = rgb.shape[0]
        brightness = rgb.sum(axis=2)
        ys, xs = np.mgrid[0:size, 0:size]
        sx, sy = (-1.8 + 2) / 4 * size, (2 - 1.8) / 4 * size
        brightness[np.hypot(xs - sx, ys - sy) < 12] = np.inf     # not the start's dot
        row, col = np.unravel_index(np.argmin(brightness), brightness.shape)
        expected = ((mx + 2) / 4 * size, (2 - my) / 4 * size)
        assert np.hypot(col - expected[0], row - expected[1]) < size * 0.08, expr


def _into_this_scene(window, qtbot, preset):
    """Pick `preset` in the gallery and press "Into this scene"; the gallery closes."""
    gallery = window.commands.show_examples()
    qtbot.waitExposed(gallery)
    gallery.list.setCurrentRow(gallery.names().index(preset["name"]))
    gallery.into_button.click()
    qtbot.waitUntil(lambda: not _gallery(window), timeout=3000)


def test_into_this_scene_updates_the_current_scene(window, qtbot):
    lecture = window.lecture_commands.lecture
    lecture.add_current("Opening")
    lecture.add_current("Second")
    assert not lecture.live and lecture.index == 1
    count = len(lecture.scenes)
    himmelblau = find_preset("Himmelblau")
    _into_this_scene(window, qtbot, himmelblau)
    assert window.model.preset["name"] == himmelblau["name"]
    assert len(lecture.scenes) == count and lecture.index == 1
    assert lecture.scene.state["explorer"]["text"] == himmelblau["expr"]
    assert lecture.scenes[0].state["explorer"]["text"] != himmelblau["expr"]


def test_into_this_scene_without_scenes_just_loads(window, qtbot):
    lecture = window.lecture_commands.lecture
    assert lecture.live
    rosenbrock = find_preset("Rosenbrock")
    _into_this_scene(window, qtbot, rosenbrock)
    assert window.model.preset["name"] == rosenbrock["name"]
    assert lecture.live and len(lecture.scenes) == 1


def _cut_tiles(gallery) -> list[str]:
    """Tiles (picture and caption) partly inside the list's viewport: cut at its edge."""
    lst = gallery.list
    viewport = lst.viewport().rect()
    return [lst.item(i).text() for i in range(lst.count())
            if (rect := lst.visualItemRect(lst.item(i))).intersects(viewport)
            and not viewport.contains(rect)]


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_no_tile_is_cut_at_the_scroll_edge(fresh_window, qtbot, size):
    """The third row's captions (Rosenbrock's, Himmelblau's) were cut by the list's edge
    at 1280×720: the list shows whole rows, scrolled by ↓, the wheel or its bar. (A
    window of its own: the shared one must keep its size.)"""
    window = fresh_window
    window.resize(*size)
    gallery = window.commands.show_examples()
    qtbot.waitExposed(gallery)
    lst = gallery.list
    qtbot.waitUntil(lambda: lst.viewport().height() > 0, timeout=2000)
    assert lst.gridSize().height() * 1 <= lst.viewport().height()
    assert _cut_tiles(gallery) == []
    for _ in range(lst.count()):                       # ↓ and → through every tile
        qtbot.keyClick(lst, Qt.Key.Key_Right)
        assert _cut_tiles(gallery) == [], lst.currentItem().text()
    bar = lst.verticalScrollBar()
    for value in range(0, bar.maximum() + 1, 23):      # the bar dragged, or a touchpad
        bar.setValue(value)
        assert _cut_tiles(gallery) == [], value
    # the dialog holds the list, its caption and its buttons inside the window's screen
    screen = gallery.screen().availableGeometry()
    assert screen.contains(gallery.frameGeometry()) or gallery.height() <= screen.height()
    gallery.close()


def _shown_whole(area, widget) -> bool:
    """`widget` lies whole inside the scroll area's viewport."""
    from PySide6.QtCore import QPoint, QRect
    top_left = widget.mapTo(area.viewport(), QPoint(0, 0))
    return area.viewport().rect().contains(QRect(top_left, widget.size()))


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_loading_an_example_keeps_the_side_panels_scroll(request, qtbot, size):
    """G, Enter: the side panel stays where it was, its Methods list in sight (it
    scrolled ~230 px down to the example's start point at 1280×720)."""
    from PySide6.QtGui import QGuiApplication
    room = QGuiApplication.primaryScreen().availableGeometry()
    if room.width() < size[0] or room.height() < size[1]:
        pytest.skip("the window is fitted to a smaller screen (run under a 1920×1080 Xvfb)")
    window = request.getfixturevalue("fresh_window")
    window.resize(*size)
    panel = window.explorer.descent_panel
    area = panel.settings_area
    for row in (2, 0):                          # another example, then Example 2
        area.verticalScrollBar().setValue(0)
        gallery = window.commands.show_examples()
        qtbot.waitExposed(gallery)
        gallery.list.setCurrentRow(row)
        qtbot.keyClick(gallery.list, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not _gallery(window), timeout=3000)
        for _ in range(5):
            qtbot.wait(20)
        assert area.verticalScrollBar().value() == 0, row
        assert _shown_whole(area, panel.method_list), row
    assert window.model.preset["name"].startswith("Example 2 of the notes")

@pytest.mark.parametrize("presenting", [False, True])
@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_the_tiles_fill_the_gallerys_room(fresh_window, qtbot, size, presenting):
    """Presenting at 1280×720 the gallery showed one row of 3 tiles (168 px pictures)
    over ~160 px of nothing: the picture is now sized so that whole rows fill the list,
    at least two of them, the empty space under the last one less than a tile."""
    window = fresh_window
    window.resize(*size)
    window.commands.set_presentation(presenting)
    gallery = window.commands.show_examples()
    qtbot.waitExposed(gallery)
    lst = gallery.list
    qtbot.waitUntil(lambda: lst.viewport().height() > 0, timeout=2000)
    # the tiles laid out at the picture size chosen (Qt re-lays them out a tick later)
    qtbot.waitUntil(lambda: lst.visualItemRect(lst.item(0)).height()
                    > lst.iconSize().height(), timeout=2000)
    viewport = lst.viewport().rect()
    shown = [lst.visualItemRect(lst.item(i)) for i in range(lst.count())]
    shown = [rect for rect in shown if viewport.contains(rect)]
    rows = sorted({rect.top() for rect in shown})
    tile = max(rect.height() for rect in shown)
    empty = viewport.bottom() - max(rect.bottom() for rect in shown)
    try:
        assert len(rows) >= 2, rows
        assert empty < tile, (empty, tile)
        assert gallery.picture_size >= 96          # still a picture the hall can read
    finally:
        gallery.close()
        window.commands.set_presentation(False)


# the formulas of the presets' names: each is read as one thing, never cut across lines
FORMULAS = ["x² + 2y²", "x² + y²", "(x−5)² + (y−3)² + 2xy", "L(w) = (w − 3)²",
            "x⁴ − 4x³ + 4x²", "−x² + 4", "x eˣ", "(x² + 1)³", "x² − y²", "x³ − 3xy²"]


def _tile_lines(lst, row) -> tuple[list[str], list[float], float]:
    """The lines a tile's name is drawn in (each with the space it ends at; no-break
    spaces as spaces), as Qt's item view lays them out (the
    delegate's text rectangle less the focus margin each side, word wrap), their widths
    and the room. (On the walk's pictures: "(x² +" / "1)³ (chain rule)", as drawn.)"""
    index = lst.model().index(row, 0)
    option = QStyleOptionViewItem()
    lst.itemDelegate().initStyleOption(option, index)
    option.rect = lst.visualRect(index)
    style = lst.style()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, lst) + 1
    room = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, lst).width() \
        - 2 * margin
    layout = QTextLayout(option.text, option.font)
    wrap = QTextOption()
    wrap.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(wrap)
    layout.beginLayout()
    lines, widths = [], []
    while (line := layout.createLine()).isValid():
        line.setLineWidth(room)
        lines.append(option.text[line.textStart():line.textStart() + line.textLength()])
        widths.append(line.naturalTextWidth())
    layout.endLayout()
    return [text.replace("\u00a0", " ") for text in lines], widths, room


@pytest.mark.parametrize("presenting", [False, True])
def test_a_tiles_name_wraps_between_words_never_inside_its_formula(fresh_window, qtbot,
                                                                    presenting):
    """Tiles read "From the notes: L(w) = (w −" / "3)²" and "Example 1 of the notes: x⁴"
    / "− 4x³ + 4x²": each formula stays on one line, and every line fits its tile."""
    window = fresh_window
    window.resize(1280, 720)
    window.commands.set_presentation(presenting)
    gallery = window.commands.show_examples()
    qtbot.waitExposed(gallery)
    lst = gallery.list
    qtbot.waitUntil(lambda: lst.visualItemRect(lst.item(0)).height()
                    > lst.iconSize().height(), timeout=2000)
    seen = set()
    for row in range(lst.count()):
        lines, widths, room = _tile_lines(lst, row)
        name = "".join(lines)
        assert name == lst.item(row).data(Qt.ItemDataRole.UserRole)["name"], lines
        assert max(widths) <= room, (lines, widths, room)
        for formula in FORMULAS:
            if formula in name:
                seen.add(formula)
                assert any(formula in line for line in lines), (formula, lines)
    assert seen == set(FORMULAS)
    gallery.close()
    window.commands.set_presentation(False)


X2_PINS = [(1.0, 0.0), (0.0, 1.0), (1.0, 1.0)]


def _pinned_bowl(window, qtbot):
    """x² + y² with ∇f pinned at three points, its undo history settled before them."""
    from engine.expression import parse
    from tests.gui.app.test_lecture_undo import _settle
    window.model.set_text("x^2 + y^2")
    qtbot.waitUntil(lambda: window.model.expression == parse("x^2 + y^2"), timeout=60000)
    _settle(window, qtbot)
    pins = window.explorer.contour_view.pins
    for point in X2_PINS:
        pins.toggle(point)
    assert pins.points == X2_PINS and len(pins.arrows) == 3
    return pins


def test_an_example_starts_a_clean_map_and_undo_brings_the_pins_back(window, qtbot):
    """Pins on x² + y², G, Himmelblau: three large arrows such as ∇f(0, 1) = (−12, −44)
    covered its centre, its maximum and the start's star."""
    from tests.gui.app.test_lecture_undo import _settle
    pins = _pinned_bowl(window, qtbot)
    gallery = window.commands.show_examples()
    qtbot.waitExposed(gallery)
    gallery.list.setCurrentRow(gallery.names().index("Himmelblau"))
    qtbot.keyClick(gallery.list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not _gallery(window), timeout=3000)
    assert window.model.preset["name"] == "Himmelblau"
    _settle(window, qtbot)
    assert pins.points == [] and len(pins.arrows) == 0
    assert not any(label.isVisible() for label in pins.labels)
    assert window.lecture_commands.undo_history.undo()     # the pins were a step
    _settle(window, qtbot)
    assert window.model.text == "x^2 + y^2" and pins.points == X2_PINS
    qtbot.waitUntil(lambda: len(pins.arrows) == 3, timeout=10000)


def test_a_typed_f_keeps_the_pins(window, qtbot):
    from engine.expression import parse
    pins = _pinned_bowl(window, qtbot)
    window.model.set_text("x^2 + 2y^2")
    qtbot.waitUntil(lambda: window.model.expression == parse("x^2 + 2y^2"), timeout=60000)
    assert pins.points == X2_PINS
    assert [text for text, _ in pins.texts][1] == "∇f(0, 1) = (0, 4)"     # recomputed
