"""The sample lecture "Networks as chains of functions", scene "Jacobians and the vector
chain rule", presented on a 1280×720 projector: the scene's subject, the Jacobian's heat
map and the chain-rule line under it, is all on the screen without scrolling (its last
line was below the page's edge), and the heat map's turned axis label keeps clear of its
row numbers (the "a¹" of "i: unit of a¹" touched the number 1)."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication

from gui.app.lecture_commands import sample_lectures
from gui.widgets.scroll_page import page_overflow
from tests.gui.app.lecture_helpers import SLOW_MS
from tests.gui.app.projector import SCREEN, projector_window

pytestmark = pytest.mark.xdist_group("lecture_jacobian_scene")
TITLE = "Jacobians and the vector chain rule"


@pytest.fixture(scope="module")
def window(qapp, tmp_path_factory):
    yield from projector_window(tmp_path_factory)


@pytest.fixture
def scene(window, qtbot):
    lc = window.lecture_commands
    index = [p.stem for p in sample_lectures()].index("2-networks-as-chains-of-functions.gradlab")
    lc.samples_menu.actions()[index].trigger()
    window.commands.set_presentation(True)
    lc.go_to(next(i for i, s in enumerate(lc.lecture.scenes) if s.title == TITLE))
    assert window.model.wait_for_analysis(SLOW_MS)
    for _ in range(3):
        for _ in range(6):
            QApplication.processEvents()
            qtbot.wait(20)
        window.fit_to_screen()
    assert window.current_tab == "network"
    yield window
    window.commands.set_presentation(False)


def _inked_columns(image, left, right, top, bottom) -> list[int]:
    """x of the columns in [left, right) with a dark pixel between top and bottom."""
    columns = []
    for x in range(left, right):
        if any(_lightness(image.pixel(x, y)) < 200 for y in range(top, bottom)):
            columns.append(x)
    return columns


def _lightness(rgb: int) -> int:
    r, g, b = (rgb >> 16) & 255, (rgb >> 8) & 255, rgb & 255
    return (r * 299 + g * 587 + b * 114) // 1000


def test_jacobian_and_chain_rule_shown_whole_without_scrolling(scene, screenshot):
    window = scene
    screenshot(window, "lecture_jacobian_scene_1280x720")
    page = window.tabs.currentWidget()
    assert window.size().toTuple() == SCREEN
    assert page_overflow(page) == (0, 0)
    assert not page.scroll_area.verticalScrollBar().isVisible()
    viewport = page.scroll_area.viewport()
    shown = QRect(viewport.mapTo(window, viewport.rect().topLeft()), viewport.size())
    jacobian = window.network.jacobian
    for part in (jacobian.plot_widget, jacobian.chain):
        assert part.isVisible()
        rect = QRect(part.mapTo(window, part.rect().topLeft()), part.size())
        assert shown.contains(rect), (type(part).__name__, rect.getRect(), shown.getRect())
    chain = jacobian.chain
    assert chain.height() >= chain.heightForWidth(chain.width())      # every line drawn
    assert "Chain rule" in chain.text() and "shapes" in chain.text()
    # the chain's last line is painted: dark text in its bottom third, inside the window
    image = window.grab().toImage()
    at = chain.mapTo(window, chain.rect().topLeft())
    bottom_third = range(at.y() + 2 * chain.height() // 3, at.y() + chain.height())
    assert any(_lightness(image.pixel(x, y)) < 160
               for y in bottom_third for x in range(at.x(), at.x() + chain.width() // 2))


def test_jacobian_axis_label_keeps_clear_of_its_row_numbers(scene):
    plot = scene.network.jacobian.plot_widget
    axis, vb = plot.getPlotItem().getAxis("left"), plot.getPlotItem().getViewBox()
    image = plot.grab().toImage()
    area = plot.mapFromScene(axis.sceneBoundingRect()).boundingRect()
    box = plot.mapFromScene(vb.sceneBoundingRect()).boundingRect()
    tick = max(0, axis.style["tickLength"])
    # the turned label, then a blank gap, then the row numbers (then the tick marks)
    inked = _inked_columns(image, max(0, area.left()), area.right() - tick - 1,
                           box.top() + 1, box.bottom() - 1)
    gaps = np.diff(inked)
    assert len(inked) > 4 and gaps.max() > 1, inked       # two groups: label, numbers
    # 8 px before, the superscript ¹ reading as part of the numbers; about a digit's width now
    assert gaps.max() - 1 >= 12, f"label {gaps.max() - 1} px from its numbers"
