"""The Neuron tab at larger text on a 1280×720 projector: the loss landscape keeps a map
(at text size 1.5 it was a ~50 px strip under its legend), the seed's note the lines it
wraps into, and nothing lies on the graph; where that does not fit, the page scrolls."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

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
