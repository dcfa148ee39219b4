"""The Neuron tab at larger text on a 1280×720 projector: the loss landscape keeps a map
(at text size 1.5 it was a ~50 px strip under its legend), the seed's note the lines it
wraps into, and nothing lies on the graph; where that does not fit, the page scrolls."""
from __future__ import annotations

import pytest
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QApplication, QLabel

from gui.neuron.training_panel import NEURON_MAP_MIN_PX
from tests.gui.app.layout_checks import window_rect
from tests.gui.app.projector import projector_window, settle_at

pytestmark = pytest.mark.xdist_group("neuron_large_text")


@pytest.fixture(scope="module")
def lab(qapp, tmp_path_factory):
    yield from projector_window(tmp_path_factory, "neuron")


@pytest.mark.parametrize("scale", [1.0, 1.3, 1.5, 2.0, 1.0])
def test_the_landscape_keeps_a_map_and_nothing_lies_on_the_graph(lab, qtbot, screenshot, scale):
    settle_at(lab, qtbot, scale)
    neuron = lab.neuron
    screenshot(lab, f"neuron_720p_{scale:g}")
    assert neuron.training.contour_view.plot.vb.height() >= NEURON_MAP_MIN_PX - 1, scale
    graph = window_rect(neuron.graph, lab)
    stage = window_rect(neuron.back_button, lab)
    assert graph.bottom() < stage.top(), (scale, graph.getRect(), stage.getRect())
    # the note as tall as its wrapped lines, and no taller (it once kept the height a
    # larger text size had given it: the page scrolled at text size 1)
    plain = QLabel(neuron.note.text())
    plain.setWordWrap(True)
    plain.setFont(neuron.note.font())
    assert neuron.note.height() >= plain.heightForWidth(neuron.note.width()) - 1
    assert neuron.note.minimumHeight() <= plain.heightForWidth(neuron.note.width()) + 1


def _on_screen(graph, item):
    """The item's rectangle in the graph's viewport, in px."""
    return graph.mapFromScene(item.sceneBoundingRect()).boundingRect()


def test_the_graph_s_text_grows_with_the_text_size_and_stays_whole(lab, qtbot, screenshot):
    """Ctrl++ on the 1280×720 projector: each node's name drawn taller at each larger
    text size (it was drawn smaller: 13 px at 1, 10 px from 1.25 on, as the rows around
    the graph took its height), at least the body text's size up to 1.5 (at 2.0 the
    width binds), every box and text inside the view, none drawn past its edges."""
    heights, body = {}, {}
    for scale in (1.0, 1.25, 1.5, 2.0):
        settle_at(lab, qtbot, scale)
        body[scale] = QFontInfo(QApplication.font()).pixelSize()
        graph = lab.neuron.graph
        screen = graph.viewport().rect()
        for key, node in graph.nodes.items():
            for item in (node.box, node.name, node.definition, *node.lines):
                assert screen.contains(_on_screen(graph, item)), (scale, key)
        name = graph.nodes["z"].name      # its height drawn, in px (not rounded)
        heights[scale] = name.sceneBoundingRect().height() * graph.transform().m22()
        screenshot(lab, f"neuron_graph_720p_{scale:g}")
    settle_at(lab, qtbot, 1.0)
    sizes = list(heights.values())
    assert all(a < b for a, b in zip(sizes, sizes[1:])), heights
    assert all(heights[s] >= body[s] for s in (1.0, 1.25, 1.5)), (heights, body)


def test_at_text_size_2_and_presenting_the_graph_s_text_is_the_body_s_size(lab, qtbot,
                                                                           screenshot):
    """The four columns across 2075 scene units drew the names at 21 px at most on a
    1280-px screen: at text size 2 (body 24 px) the z node stayed 128×52 px as at 1.5.
    Where the text size asks for more than the width, the graph folds (the loss under
    the output) or stacks (z, output, L in a column) and draws its text at that size."""
    graph = lab.neuron.graph
    for scale, presenting in ((2.0, False), (1.0, True), (1.5, True)):
        settle_at(lab, qtbot, scale, presenting)
        body = QFontInfo(QApplication.font()).pixelSize()
        name = graph.nodes["z"].name.sceneBoundingRect().height() * graph.transform().m22()
        screenshot(lab, f"neuron_graph_720p_{scale:g}_{'f11' if presenting else 'plain'}")
        assert name >= body, (scale, presenting, name, body)
        screen = graph.viewport().rect()
        for key, node in graph.nodes.items():
            for item in (node.box, node.name, node.definition, *node.lines):
                assert screen.contains(_on_screen(graph, item)), (scale, key)
    settle_at(lab, qtbot, 1.0)
