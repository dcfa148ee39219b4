"""F11, the dark theme and Ctrl++ twice at 1280×720, as lecturers rehearse: the graph's
text is never smaller than the body text (× TEXT_OVER_BODY) and never shrinks with a
Ctrl++ (the graph fills its view where there is room; presenting at 1280×720 the width
binds, the same 26 px at 1.5, 1.75 and 2.0), and the x, w, b row stays above the graph at
1.75 and 2.0 (presenting folded it for a blank band under the graph). A text size round trip gives the
graph back pixel for pixel."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QApplication

from gui.neuron.graph_layout import TEXT_OVER_BODY
from tests.gui.app.layout_checks import window_rect
from tests.gui.app.projector import projector_window, settle_at
from tests.gui.app.test_look_round_trip import differing_places, pixels
from tests.gui.neuron.test_graph_readable import _texts

pytestmark = pytest.mark.xdist_group("neuron_graph_text_size")


@pytest.fixture(scope="module")
def lab(qapp, tmp_path_factory):
    yield from projector_window(tmp_path_factory, "neuron", look="dark")


def _cap_height_drawn(graph) -> int:
    """Rows of ink of the loss node's name "L" on the grabbed graph (its cap height, px)."""
    name = graph.nodes["loss"].name
    rect = graph.mapFromScene(name.sceneBoundingRect()).boundingRect()
    image = pixels(graph.viewport())[rect.top():rect.bottom() + 1, rect.left():rect.right() + 1]
    fill = np.array(graph.nodes["loss"].fill.getRgb()[:3])
    inked = (np.abs(image.astype(int) - fill).max(axis=-1) > 100).any(axis=1)
    return int(inked.sum())


def test_each_ctrl_plus_keeps_the_graph_text_at_least_body_size_and_the_inputs_row(lab, qtbot, screenshot):
    graph, caps = lab.neuron.graph, {}
    for scale in (1.5, 1.75, 2.0):
        settle_at(lab, qtbot, scale, presenting=True)
        screenshot(lab, f"neuron_graph_f11_dark_{scale:g}")
        body = QFontInfo(QApplication.font()).pixelSize()
        drawn = [graph.mapFromScene(item.sceneBoundingRect()).boundingRect()
                 for item in _texts(graph) if item.text()]
        smallest = min(item.font().pixelSize() * graph.transform().m22()
                       for item in _texts(graph))
        assert smallest >= TEXT_OVER_BODY * body - 0.5, (scale, smallest, body)
        assert all(graph.viewport().rect().contains(r) for r in drawn), scale
        caps[scale] = _cap_height_drawn(graph)
        if scale >= 1.75:      # the page fits: nothing need be folded for the graph
            params = window_rect(lab.neuron.parameters, lab)
            assert lab.neuron.parameters.isVisible(), scale
            assert lab.rect().contains(params) and params.bottom() < window_rect(graph, lab).top()
    # never smaller with a larger text size (where the width binds, as presenting at
    # 1280×720, the graph already fills it at 1.5: the same size, not larger)
    sizes = list(caps.values())
    assert all(a <= b for a, b in zip(sizes, sizes[1:])), caps


def test_text_size_1_to_the_largest_and_back_gives_back_the_graph(lab, qtbot, screenshot):
    settle_at(lab, qtbot, 1.0)
    before = pixels(lab.neuron.graph)
    settle_at(lab, qtbot, 3.0)
    screenshot(lab, "neuron_graph_dark_3")
    graph = lab.neuron.graph
    for item in _texts(graph):          # the largest: whole, on the stacked layout
        if item.text():
            assert graph.viewport().rect().contains(
                graph.mapFromScene(item.sceneBoundingRect()).boundingRect()), item.text()
    settle_at(lab, qtbot, 1.0)
    after = pixels(lab.neuron.graph)
    assert before.shape == after.shape and (before == after).all(), \
        differing_places(before, after)
