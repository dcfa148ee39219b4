"""The map's legend on a 1280×720 projector: one tight row at text size 1 (the map keeps
its height), and at text size 2 outside presentation — where its rows left the map 2 to
15 px — the map keeps at least 100 px (the page scrolls instead)."""
from __future__ import annotations

import pytest

from gui.app.presets import find_preset
from tests.gui.app.layout_checks import clipped_texts, overlapping_texts
from tests.gui.plots.test_curve_layout import enter, lab  # noqa: F401  (the fixture)

pytestmark = pytest.mark.xdist_group("map_legend_layout")

RACES = ("Rosenbrock's banana", "Beale", "Himmelblau")


def legend_rows(view) -> int:
    legend = view.legend
    return -(-len(legend.items) // legend.columnCount)


def check_legend_whole_above_the_map(view):
    box = view.plot.vb.sceneBoundingRect()
    shown = view.canvas.viewport().rect().adjusted(-1, -1, 1, 1)
    for _sample, label in view.legend.items:
        rect = label.sceneBoundingRect()
        assert rect.bottom() <= box.top() + 1, (label.text, rect, box)
        assert shown.contains(view.canvas.mapFromScene(rect).boundingRect()), label.text


@pytest.mark.parametrize("name", RACES)
def test_the_legend_is_one_tight_row_at_text_size_1(lab, qtbot, name):  # noqa: F811
    enter(qtbot, lab, find_preset(name))
    view = lab.explorer.contour_view
    assert legend_rows(view) == 1
    # a row no taller than its text (it was 42 px: 9-px margins and 4 px around labels)
    assert view.legend.boundingRect().height() <= 26
    assert view.plot.vb.height() >= 210, view.plot.vb.height()       # 201 before
    check_legend_whole_above_the_map(view)
    assert clipped_texts(lab) == [] and overlapping_texts(lab) == []


@pytest.mark.parametrize("name", RACES)
def test_the_map_keeps_its_height_under_the_legend_at_text_size_2(lab, qtbot, screenshot,
                                                                   name):  # noqa: F811
    enter(qtbot, lab, find_preset(name), scale=2.0)
    view = lab.explorer.contour_view
    assert view.plot.vb.height() >= 95, view.plot.vb.height()
    check_legend_whole_above_the_map(view)
    assert clipped_texts(lab) == [] and overlapping_texts(lab) == []
    screenshot(lab, "map_legend_720p_text2_" + "".join(c for c in name if c.isalnum()))
