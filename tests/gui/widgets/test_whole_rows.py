"""The side panel's settings at rest on a 1280×720 screen end under the last whole row
of controls, not at the last whole group: with three or seven methods ticked the Runs
list (a row a run) did not fit whole, and the area ended ~86 px early, a blank band; a
group's title showed with its fields scrolled away under it ("Start point")."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractItemView, QApplication, QGroupBox, QWidget

from engine.optimizers import METHODS
from gui.widgets.whole_rows import CONTROLS
from tests.gui.app.projector import projector_window, settle_at

pytestmark = pytest.mark.xdist_group("whole_rows")

RACES = [("gd", "momentum", "adam"), tuple(METHODS)]


@pytest.fixture(scope="module")
def lab(qapp, tmp_path_factory):
    yield from projector_window(tmp_path_factory)


def in_area(widget: QWidget, area) -> QRect:
    """`widget`'s rectangle in the area's viewport's coordinates."""
    return QRect(widget.mapTo(area.viewport(), QPoint(0, 0)), widget.size())


@pytest.mark.parametrize("methods", RACES, ids=["three", "seven"])
def test_the_settings_end_under_a_whole_row(lab, qtbot, screenshot, methods):
    settle_at(lab, qtbot, 1.0)
    lab.model.set_settings(methods=methods)
    qtbot.waitUntil(lambda: len(lab.model.paths) == len(methods), timeout=60000)
    settle_at(lab, qtbot, 1.0)
    area = lab.descent_panel.settings_area
    area.verticalScrollBar().setValue(0)
    for _ in range(4):
        QApplication.processEvents()
        qtbot.wait(20)
    screenshot(lab, f"whole_rows_{len(methods)}")
    assert area.verticalScrollBar().maximum() > 0          # (it scrolls: the case)
    shown = area.viewport().rect()
    inner = area.widget()
    # no control cut by the edge (a list's rows one by one)
    pieces = []
    for widget in inner.findChildren(QWidget):
        if isinstance(widget, CONTROLS) and widget.isVisible():
            if isinstance(widget, QAbstractItemView) and widget.model().rowCount() > 1:
                offset = widget.viewport().mapTo(area.viewport(), QPoint(0, 0))
                pieces += [(widget, widget.visualRect(widget.model().index(r, 0))
                            .translated(offset)) for r in range(widget.model().rowCount())]
            elif not isinstance(widget.parentWidget(), CONTROLS):
                pieces.append((widget, in_area(widget, area)))
    for widget, place in pieces:
        assert shown.contains(place) or not shown.intersects(place), \
            (type(widget).__name__, place.getRect(), shown.getRect())
    # the band under the last shown row: less than a row of controls
    lowest = max(place.bottom() for _w, place in pieces if shown.contains(place))
    assert area.height() - lowest <= 32, (area.height(), lowest)
    # no group's title without a control under it
    for group in inner.findChildren(QGroupBox):
        title = in_area(group, area)
        if group.isVisible() and group.title() and shown.contains(title.topLeft()):
            assert any(group.isAncestorOf(w) and shown.contains(p) for w, p in pieces), \
                group.title()
