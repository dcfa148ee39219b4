"""A lecture's rehearsal: x² + 2y², the start on the minimum, ∇f pinned at (1, 1), (0, 1),
(1, 0), presenting at 1280×720. The labels sat at the map's left edge, 60 px and more
from their points with nothing linking them, mixed "∇f = (0, 4)" with "∇f(1, 0) = (2, 0)"
at text size 2, and one covered the start's star. Each label must sit by its point or be
tied to it by a line in the pins' colour, all in one form, on nothing else named."""
from __future__ import annotations

import math

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QRectF

from gui.plots.pin_leaders import LEADER_FROM_PX
from tests.gui.plots.test_gradient_pins import shift_click
from tests.gui.plots.test_labels_take_the_look import _settle, projector  # noqa: F401

LECTURE_POINTS = ((1.0, 1.0), (0.0, 1.0), (1.0, 0.0))


def _scene(vb, point):
    at = vb.mapViewToScene(pg.Point(*point))
    return at.x(), at.y()


def _distance(point, rect: QRectF) -> float:
    dx = max(rect.left() - point[0], 0.0, point[0] - rect.right())
    dy = max(rect.top() - point[1], 0.0, point[1] - rect.bottom())
    return math.hypot(dx, dy)


@pytest.mark.parametrize("scale", [1.5, 2.0])
def test_each_pins_label_is_by_its_point_or_tied_to_it(projector, qtbot, screenshot,  # noqa: F811
                                                       scale):
    window = projector()
    window.model.set_text("x^2 + 2y^2")
    window.commands.set_presentation(True)
    _settle(window, qtbot)
    window.commands.set_scale(scale)
    window.model.set_start((0.0, 0.0))
    _settle(window, qtbot)
    view = window.explorer.contour_view
    for x, y in LECTURE_POINTS:
        shift_click(view, qtbot, x, y)
    qtbot.waitUntil(lambda: len(view.pins.points) == 3)
    _settle(window, qtbot)
    screenshot(window, f"pin_labels_presenting_{scale}")
    vb, pins = view.plot.vb, view.pins
    texts = [label.toPlainText() for label in pins.labels]
    assert all(label.isVisible() for label in pins.labels)
    full = [t for t, _ in pins.texts]
    short = [s for _, s in pins.texts]
    assert texts in (full, short), texts                         # one form for all
    rects = [label.mapRectToScene(label.boundingRect()) for label in pins.labels]
    leaders = {i: (start, end) for i, start, end in pins.leaders}
    for i, (rect, point) in enumerate(zip(rects, pins.points)):
        at = _scene(vb, point)
        if _distance(at, rect) <= LEADER_FROM_PX * scale + 1:
            continue                                             # by its point
        assert i in leaders, (texts[i], at, rect.getCoords())
        start, end = leaders[i]
        assert math.dist(start, at) <= 10 * scale                # from its point …
        assert _distance(end, rect) <= 1.5                       # … to its label
    # on no other label, no name, not on the start's star
    star = _scene(vb, window.model.start)
    star_half = view.start_item.opts["size"] * 0.4               # its body, tips aside
    covered = [r for _, r in view.labels.visible_boxes()] + [
        QRectF(star[0] - star_half, star[1] - star_half, 2 * star_half, 2 * star_half)]
    for i, rect in enumerate(rects):
        assert not any(rect.intersects(other) for other in rects[i + 1:] + covered), texts[i]
