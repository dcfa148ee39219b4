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


SEVEN_POINTS = ((1.0, 1.0), (0.0, 1.0), (1.0, 0.0), (-1.0, 1.0), (-1.0, -1.0), (2.0, 0.0),
                (0.0, -1.5))


def _crosses(segment, rect: QRectF) -> bool:
    """Whether the segment ((x0, y0), (x1, y1)) passes through `rect` (sampled finely)."""
    (x0, y0), (x1, y1) = segment
    steps = max(2, int(math.dist((x0, y0), (x1, y1))))
    return any(rect.contains(x0 + (x1 - x0) * k / steps, y0 + (y1 - y0) * k / steps)
               for k in range(steps + 1))


# Ctrl++ once (text size 1.75): all seven show (before: five hidden); twice (2.0): the
# ∇f(2, 0) label still finds no spot whose line passes under no other label in the
# 407 × 293 px map (before: four hidden)
@pytest.mark.parametrize("larger, hidden_at_most", [(1, 0), (2, 1)])
def test_seven_pins_presenting_larger_readable(projector, qtbot, screenshot,  # noqa: F811
                                               larger, hidden_at_most):
    """Seven pins, presenting, Ctrl++: a label hides only where no free spot is left
    anywhere on the map, and no leader passes under another label."""
    window = projector()
    window.model.set_text("x^2 + 2y^2")
    window.commands.set_presentation(True)
    _settle(window, qtbot)
    for _ in range(larger):
        window.commands.step_scale(+1)                           # Ctrl++
    _settle(window, qtbot)
    view = window.explorer.contour_view
    for x, y in SEVEN_POINTS:
        shift_click(view, qtbot, x, y)
    qtbot.waitUntil(lambda: len(view.pins.points) == len(SEVEN_POINTS))
    _settle(window, qtbot)
    screenshot(window, f"pin_labels_seven_presenting_{larger}")
    pins = view.pins
    rects = [label.mapRectToScene(label.boundingRect()) for label in pins.labels]
    hidden = [t for (t, _), label in zip(pins.texts, pins.labels) if not label.isVisible()]
    assert len(hidden) <= hidden_at_most, hidden
    named = [r for _, r in view.labels.visible_boxes()]
    shown = [r for r, label in zip(rects, pins.labels) if label.isVisible()] + named
    for i, start, end in pins.leaders:
        for rect in shown:
            if rect is not rects[i]:
                assert not _crosses((start, end), rect.adjusted(1, 1, -1, -1)), (i, rect)


def test_a_crowded_label_takes_a_free_spot_whose_line_crosses_no_label():
    """The placement alone: a label whose own places are all taken is put at the nearest
    free spot of the plot rather than hidden, and not where its line would pass under
    the label already placed."""
    from gui.plots.label_layout import LabelRequest, leader_line, place_labels, segment_hits
    near = ((0.5, -0.35),)                                # below its point only
    first = LabelRequest(100, 100, (60, 20), (60, 20), 0, near, leader_px=12)
    crowded = LabelRequest(100, 60, (60, 20), (60, 20), 1, near, leader_px=12,
                           anywhere=True)
    bounds = (0, 0, 300, 200)
    # a marker under the crowded label's only place (as another pin's arrow head)
    markers = [None, None, (90, 60, 110, 95)]
    placed = place_labels([first, crowded], bounds, markers)
    assert placed[1].anchor is not None and placed[1].free_spot
    line = leader_line(crowded, placed[1].box)
    assert line is None or not segment_hits(line, placed[0].box)
    without = place_labels([first, LabelRequest(100, 60, (60, 20), (60, 20), 1, near)],
                           bounds, markers)
    assert without[1].anchor is None                      # as every label was before


def test_a_pins_label_never_sits_by_another_pins_dot():
    """The placement alone (a lecturer's rehearsal: Himmelblau's pin at (−4, 0) sat
    beside the label "∇f = (32, −44)" of the pin at (−2, 1), only a thin line telling
    them apart): a label tied to its point by a line does not take a place within that
    line's reach of another pin's dot and nearer it than its own; its next place does."""
    from gui.plots.label_layout import LabelRequest, place_labels
    beside_a = (1.3, -0.5)         # B's first place: box (75, 107)–(125, 121), 7 px below A
    right_of_b = (-0.3, 0.5)
    a = LabelRequest(100, 100, (50, 14), (50, 14), 0, ((0.5, 1.35),), leader_px=12)
    b = LabelRequest(140, 100, (50, 14), (50, 14), 1, (beside_a, right_of_b), leader_px=12)
    markers = [(95, 95, 105, 105), (135, 95, 145, 105)]      # the pins' dots
    placed = place_labels([a, b], (0, 0, 300, 200), markers)
    assert placed[1].anchor == right_of_b, placed[1]
    untied = [a, LabelRequest(140, 100, (50, 14), (50, 14), 1, (beside_a, right_of_b))]
    assert place_labels(untied, (0, 0, 300, 200), markers)[1].anchor == beside_a
