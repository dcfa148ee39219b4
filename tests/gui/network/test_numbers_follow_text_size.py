"""F11, the dark theme and Ctrl++ twice at 1280×720, as lecturers rehearse: the neurons'
numbers grow with each Ctrl++. The diagram's column kept the width it had, and the
numbers beside the circles were fitted into it: 27 px at text size 1.5, 23 at 1.75 and
20 at 2.0 (their digits 20 px high at 1.5, 14 px at 2.0). The diagram now asks for the
width its numbers take at the text size (the map beside it narrows), never so much that
the page scrolls sideways."""
from __future__ import annotations

import numpy as np
import pytest

from gui.network import neuron_labels
from gui.widgets.scroll_page import page_overflow
from tests.gui.app.projector import projector_window, settle_at
from tests.gui.app.test_look_round_trip import pixels
from tests.gui.network.test_diagram_labels import _label_boxes

pytestmark = pytest.mark.xdist_group("network_numbers_text_size")


@pytest.fixture(scope="module")
def lab(qapp, tmp_path_factory):
    yield from projector_window(tmp_path_factory, "network", look="dark")


def _digit_height(diagram) -> int:
    """Rows of light ink (the dark theme's text) in the numbers' boxes as painted on the
    grabbed diagram: the digits' height, px (the tallest of the neurons' numbers). A row
    counts with 5 light pixels or more: the plate's upright edge crosses every row."""
    image = pixels(diagram)
    _labels, boxes = _label_boxes(diagram)
    heights = []
    for *_, box, _point, _r in boxes:
        top, left = int(box.top()) + 1, int(box.left()) + 2
        inside = image[top:int(box.bottom()), left:int(box.right()) - 1]
        heights.append(int(((inside.min(axis=-1) > 170).sum(axis=1) >= 5).sum()))
    return max(heights)


def test_each_ctrl_plus_writes_the_neurons_numbers_larger(lab, qtbot, screenshot):
    diagram, digits = lab.network.diagram, {}
    for scale in (1.5, 1.75, 2.0):
        settle_at(lab, qtbot, scale, presenting=True)
        screenshot(lab, f"network_f11_dark_{scale:g}")
        labels, boxes = _label_boxes(diagram)
        # at the text size's full size, with two decimals
        assert labels.pixel_size >= round(neuron_labels.LARGEST_PX * scale) and \
            labels.decimals == 2, (scale, labels)
        rects = [box for *_, box, _point, _r in boxes]
        assert not [(a, b) for i, a in enumerate(rects) for b in rects[i + 1:]
                    if a.intersects(b)], scale
        assert all(diagram.rect().contains(r.toAlignedRect()) for r in rects), scale
        assert page_overflow(lab.network)[0] == 0, scale         # no sideways scrolling
        digits[scale] = _digit_height(diagram)
    sizes = list(digits.values())
    assert all(a < b for a, b in zip(sizes, sizes[1:])), digits
    settle_at(lab, qtbot, 1.0)


@pytest.mark.parametrize("scale", [2.0, 3.0])
def test_the_page_never_scrolls_sideways_for_the_numbers(lab, qtbot, scale):
    """Not presenting, the cost plots beside the diagram too: the diagram's width is what
    the page has left beside their least widths, the numbers as large as that allows."""
    settle_at(lab, qtbot, scale)
    assert page_overflow(lab.network)[0] == 0, scale
    labels, _boxes = _label_boxes(lab.network.diagram)
    assert labels.decimals == 2 and labels.pixel_size >= neuron_labels.READABLE_PX * 1.5, labels
    settle_at(lab, qtbot, 1.0)


def test_text_size_1_to_the_largest_and_back_gives_back_the_diagram(lab, qtbot):
    settle_at(lab, qtbot, 1.0)
    before = pixels(lab.network.diagram)
    settle_at(lab, qtbot, 3.0)
    settle_at(lab, qtbot, 1.0)
    after = pixels(lab.network.diagram)
    assert before.shape == after.shape and np.array_equal(before, after)
