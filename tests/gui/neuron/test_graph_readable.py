"""The computational graph read from the back of the room: its text drawn at least as
large as the body text (it was ~10 px type, 7 px letters, beside 12 px body text at
1280×720), the graph across the view's width (it used 620 of 1264 px), and no edge
label on an arrow or a box ("∂L/∂output = 0.0502601" ran into L's arrowhead)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QApplication

from gui.neuron.model import STAGES
from tests.gui.app.projector import projector_window, settle_at

pytestmark = pytest.mark.xdist_group("neuron_graph_readable")

LOOKS = [((1280, 720), False, False), ((1280, 720), True, True), ((1920, 1080), False, False)]


def _texts(graph):
    for node in graph.nodes.values():
        yield from (node.name, node.definition, *node.lines)
    for edge in graph.edges.values():
        yield from edge.labels


def _labels_clear(graph) -> list:
    """Every edge label that overlaps a box, an arrow or an arrowhead: (label, what)."""
    drawn = {id(node.box): key for key, node in graph.nodes.items()}
    for pair, edge in graph.edges.items():
        drawn[id(edge.line)] = drawn[id(edge.head)] = f"{pair} arrow"
    hits = []
    for edge in graph.edges.values():
        for label in edge.labels:
            if not label.text():
                continue
            under = graph.scene().items(label.sceneBoundingRect(),
                                        Qt.ItemSelectionMode.IntersectsItemShape)
            hits += [(label.text(), drawn[id(it)]) for it in under if id(it) in drawn]
    return hits


@pytest.mark.parametrize("screen, dark, presenting", LOOKS)
def test_graph_text_at_body_size_across_the_width_and_labels_clear(
        qapp, tmp_path_factory, qtbot, screenshot, screen, dark, presenting):
    window = next(gen := projector_window(tmp_path_factory, "neuron", screen=screen))
    try:
        window.commands.set_theme("dark" if dark else "light")
        settle_at(window, qtbot, 1.0, presenting=presenting)
        graph = window.neuron.graph
        qtbot.waitUntil(graph.isVisible, timeout=2000)
        body_px = QFontInfo(QApplication.font()).pixelSize()
        smallest = min(item.font().pixelSize() * graph.transform().m22()
                       for item in _texts(graph))
        assert smallest >= body_px, (screen, presenting, smallest, body_px)
        used = graph.mapFromScene(graph.scene().itemsBoundingRect()).boundingRect()
        assert used.width() >= 0.95 * graph.viewport().width(), (used, graph.viewport().rect())
        for stage in range(len(STAGES)):
            window.neuron.model.set_stage(stage)
            assert _labels_clear(graph) == [], (screen, stage)
        screenshot(window, f"neuron_graph_{screen[0]}_{'present' if presenting else 'plain'}")
    finally:
        window.commands.set_theme("light")
        next(gen, None)
