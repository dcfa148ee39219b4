"""Larger text on a 1280×720 projector: nothing in the Explorer's side and lower panels
is cut. At text size 1.3 the Runs group was cut through its buttons (the side panel's
settings area ended there) and the iterate table showed one row (at 1.5 none): a fixed
170 px overrode what the lab panel needed. Now the settings area keeps Methods and Runs
whole at rest, the table its header and three rows, and where that does not fit the
Runs are a scroll of the side panel away, then the lower panel gives way to the views
(Ctrl+3 brings it back, its table whole), then the page scrolls; the views keep the
map's least size. Presenting, the formulas on top come
first: the rate and Methods (to a whole row) stay and the Runs are a scroll of the side
panel away. Either way
the side panel at rest ends at a whole group, never through a control."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (QAbstractButton, QAbstractSpinBox, QApplication, QComboBox,
                               QListWidget, QWidget)

from gui.explorer.iterate_view import ROWS_SHOWN
from gui.plots.contour_view import MAP_MIN_PX
from gui.widgets.scroll_page import page_overflow
from tests.gui.app.layout_checks import window_rect
from tests.gui.app.projector import projector_window, settle_at

pytestmark = pytest.mark.xdist_group("large_text_panels")


@pytest.fixture(scope="module")
def lab(qapp, tmp_path_factory):
    yield from projector_window(tmp_path_factory)


def enter(window, qtbot, scale, presenting):
    settle_at(window, qtbot, scale, presenting)
    if presenting and window.descent_panel.isHidden():
        # presenting at 2 folds the side panel for the formulas (PRESENTATION_SPARE):
        # the lecturer's Ctrl+2 brings it back. (It passed only after the normal window
        # at 2 had folded the formulas, which it no longer does; alone it failed.)
        window.show_panel(side=True)
        QApplication.processEvents()
    window.explorer.scroll_area.verticalScrollBar().setValue(0)      # the page at rest
    window.descent_panel.settings_area.verticalScrollBar().setValue(0)
    QApplication.processEvents()


def pixels(pixmap) -> np.ndarray:
    image = pixmap.toImage().convertToFormat(QImage.Format.Format_RGB888)
    arr = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), -1)
    return arr[:, :image.width() * 3].reshape(image.height(), image.width(), 3).copy()


def ink_rows(widget) -> np.ndarray:
    """Per row of `widget`'s picture, how many pixels are inked (digits, glyphs; the
    later steps' grey too)."""
    return (pixels(widget.grab()).astype(int).sum(-1) < 500).sum(axis=1)


CONTROLS = (QAbstractButton, QAbstractSpinBox, QComboBox, QListWidget)
CELLS = [(1.15, False), (1.3, False), (1.5, False), (2.0, False), (1.5, True), (2.0, True)]


@pytest.mark.parametrize("scale,presenting", CELLS,
                         ids=[f"{'presenting' if p else 'normal'}-{s:g}" for s, p in CELLS])
def test_runs_buttons_and_table_rows_are_whole(lab, qtbot, screenshot, scale, presenting):
    enter(lab, qtbot, scale, presenting)
    name = f"large_text_explorer_{'presenting' if presenting else 'normal'}_{scale:g}"
    screenshot(lab, name)
    runs = lab.descent_panel.runs_panel
    area = lab.descent_panel.settings_area
    # at text size 2 the page is taller than the screen: scrolled down to the Runs' last
    # row, as the lecturer would
    lab.explorer.scroll_area.ensureWidgetVisible(runs.up_button)
    lab.explorer.scroll_area.ensureWidgetVisible(runs.own_start_check)
    QApplication.processEvents()
    shown = window_rect(area.viewport(), lab)
    # at rest, no control of the side panel is cut by its edge: each wholly in view, or
    # wholly scrolled away (the area ends at a whole group); a list's rows each (the
    # rate first, Methods may end after a whole row, as gui.widgets.whole_rows has it)
    for widget in area.widget().findChildren(QWidget):
        if isinstance(widget, CONTROLS) and widget.isVisible():
            places = [window_rect(widget, lab)]
            if isinstance(widget, QListWidget):
                corner = widget.viewport().mapTo(lab, widget.viewport().rect().topLeft())
                places = [widget.visualItemRect(widget.item(i)).translated(corner)
                          for i in range(widget.count())]
            for place in places:
                assert shown.contains(place) or not shown.intersects(place), \
                    (name, type(widget).__name__, place.getRect(), shown.getRect())
    if presenting or not lab.explorer.runs_kept_whole:
        # presenting, the formulas keep their place on top (test_presentation): the Runs
        # past Methods may be a scroll away, and then whole; so too where the page would
        # else scroll (test_race_larger_text_fit: the loss plot and table on screen)
        area.ensureWidgetVisible(runs.own_start_check)
        QApplication.processEvents()
    for widget in (runs.add_button, runs.duplicate_button, runs.remove_button,
                   runs.up_button, runs.down_button, runs.own_lr_check, runs.lr_box,
                   runs.own_start_check):
        assert widget.isVisible()
        assert shown.contains(window_rect(widget, lab)), (name, widget, shown.getRect(),
                                                          window_rect(widget, lab).getRect())
    # what the window shows there is the whole button as it draws itself (a button cut
    # by the area's edge showed the panel's background in its lower part)
    window_picture = pixels(lab.grab())
    for widget in (runs.duplicate_button, runs.up_button, runs.own_start_check):
        box = window_rect(widget, lab)
        own = pixels(widget.grab())
        seen = window_picture[box.top():box.bottom() + 1, box.left():box.right() + 1]
        same = (np.abs(seen.astype(int) - own.astype(int)).sum(-1) < 30).mean()
        assert same > 0.9, (name, widget, same)
    # the views keep the map's least size (scrolling the page, not crushing them)
    assert lab.contour_view.plot.vb.height() >= MAP_MIN_PX - 1
    if presenting:
        return
    folded = "below" in lab.explorer.page_fit.given
    if folded:
        # the lower panel gave way for the views (page_fit): Ctrl+3 brings it back whole
        lab.commands.actions["show_below"].trigger()
        settle_at(lab, qtbot, scale)
    table = lab.iterate_table.view
    assert table.isVisible()
    rows_room = table.viewport().height()
    assert rows_room >= ROWS_SHOWN * table.rowHeight(0), (name, rows_room, table.rowHeight(0))
    for row in range(ROWS_SHOWN):
        cell = table.visualRect(table.model().index(row, 1))
        assert table.viewport().rect().contains(cell), (name, row, cell.getRect())
    # and the rows hold their numbers (dark digits in each of the three rows)
    picture = ink_rows(table.viewport())
    for row in range(ROWS_SHOWN):
        cell = table.visualRect(table.model().index(row, 1))
        assert picture[cell.top():cell.bottom()].sum() > 0, (name, row)
    if folded:                  # (the next cells meet the page as the fit leaves it)
        lab.explorer.page_fit.keep_below(False)


@pytest.mark.parametrize("scale", [1.5, 2.0, 1.0])
def test_the_whole_map_shows_without_scrolling(lab, qtbot, scale):
    """In a window filling the 1280×720 projector, at text size 1.5 and 2, the page does
    not scroll and the contour map shows whole, its x-axis with its numbers inside the
    window. At 2 the side panel's rate and Methods kept whole held it at 540 px: the page
    scrolled 93 px and the map's x-axis lay below the window's edge. Now Methods give way
    last (page_fit.GIVE_WAY) and scroll under the rate; at 1 they are kept whole again."""
    enter(lab, qtbot, scale, False)
    assert page_overflow(lab.explorer) == (0, 0), scale
    assert not lab.explorer.scroll_area.verticalScrollBar().isVisible()
    canvas = lab.contour_view.canvas
    axis = lab.contour_view.plot.getAxis("bottom")
    on_canvas = canvas.mapFromScene(axis.mapRectToScene(axis.boundingRect())).boundingRect()
    axis_box = on_canvas.translated(canvas.mapTo(lab, QPoint(0, 0)))
    assert lab.rect().contains(axis_box), (scale, axis_box.getRect(), lab.rect().getRect())
    assert lab.rect().contains(window_rect(canvas, lab)), (scale, window_rect(canvas, lab))
    assert ("methods" in lab.explorer.page_fit.given) == (scale >= 2.0)
