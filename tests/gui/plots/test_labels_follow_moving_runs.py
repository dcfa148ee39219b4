"""A race frame re-places the map's names only when a run's mark blocks or frees a box a
name may take (CriticalLabels.layout(keep_if_same=True)): a run's current point moving
onto a name still moves the name off it, and away again brings it back; a run moving
far from every name leaves them as they were, without a new placement."""
import numpy as np
import pyqtgraph as pg
import pytest

import gui.plots.critical_labels as critical_labels
from gui.plots.contour_view import ContourView
from gui.plots.critical_labels import _scene_boxes
from gui.plots.label_layout import PLACES, LabelRequest, blocked_boxes, place_labels
from gui.plots.race_marks import CURRENT_HALF_PX, HEAD_HALF_PX


class _Marks:
    """A race's marks as CriticalLabels.show_runs reads them: one run's current point."""

    def __init__(self, *points):
        self.points = points

    def head_marks(self):
        return [(p, CURRENT_HALF_PX) for p in self.points], []


@pytest.fixture
def bowl(shown, model, qtbot):
    view = shown(ContourView(model), 640, 540)
    model.set_text("x^2 + 2y^2")
    qtbot.waitUntil(lambda: len(model.critical_points) == 1, timeout=60000)
    qtbot.wait(200)                 # range settled, names placed
    return view


def _view_point(vb, scene_point):
    p = vb.mapSceneToView(scene_point)
    return (p.x(), p.y())


def _name(view):
    (label, rect), = view.labels.visible_boxes()
    return label.toPlainText(), rect


def _placements_counted(monkeypatch):
    counted = []
    best = critical_labels._best_placements

    def counting(*args, **kwargs):
        counted.append(1)
        return best(*args, **kwargs)
    monkeypatch.setattr(critical_labels, "_best_placements", counting)
    return counted


def test_a_current_point_moving_onto_the_name_moves_the_name_off_it(bowl, qtbot, monkeypatch):
    vb = bowl.plot.vb
    far = _view_point(vb, vb.sceneBoundingRect().topLeft() + pg.Point(30, 30))
    bowl.labels.show_runs(_Marks(far))
    text, first = _name(bowl)
    assert text == "minimum" and bowl.labels.items[0].anchor == pg.Point(*PLACES[0])
    counted = _placements_counted(monkeypatch)
    onto = _view_point(vb, first.center())
    bowl.labels.show_runs(_Marks(onto))
    qtbot.wait(60)                                   # painted where it now is
    assert counted == [1]
    text, moved = _name(bowl)
    assert text in ("minimum", "min")
    point = vb.mapViewToScene(pg.Point(*onto))
    reach = moved.adjusted(-CURRENT_HALF_PX, -CURRENT_HALF_PX, CURRENT_HALF_PX, CURRENT_HALF_PX)
    assert not reach.contains(point)                 # off the run's point now
    assert moved.center() != first.center()
    bowl.labels.show_runs(_Marks(far))               # the run goes: the name comes back
    qtbot.wait(60)
    assert counted == [1, 1]
    assert _name(bowl) == ("minimum", first)


def test_a_run_moving_far_from_every_name_leaves_them_unplaced_again(bowl, qtbot, monkeypatch):
    vb = bowl.plot.vb
    corner = vb.sceneBoundingRect().topLeft()
    bowl.labels.show_runs(_Marks(_view_point(vb, corner + pg.Point(30, 30))))
    before = _name(bowl)
    counted = _placements_counted(monkeypatch)
    for step in range(1, 6):                         # a run crawling in the far corner
        bowl.labels.show_runs(_Marks(_view_point(vb, corner + pg.Point(30 + step, 30))))
    assert counted == []
    assert _name(bowl) == before
    bowl.labels.set_shown(True)                      # any other change places them again
    assert counted == [1]


def test_marks_map_to_the_scene_as_the_view_box_maps_each(bowl):
    vb = bowl.plot.vb
    marks = [((0.1234567, -2.5), CURRENT_HALF_PX), ((3.3, 1e8), HEAD_HALF_PX), ((-7.0, 0.0), 8)]
    boxes = _scene_boxes(vb, marks)
    for (point, half), box in zip(marks, boxes):
        p = vb.mapViewToScene(pg.Point(*point))
        assert tuple(box) == (p.x() - half, p.y() - half, p.x() + half, p.y() + half)


def test_markers_that_block_the_same_boxes_give_the_same_placement():
    """Runs crawling by a few pixels round three names: whenever the blocked boxes are
    the same the placement is, and every change of placement shows in them."""
    rng = np.random.default_rng(7)
    bounds = (0.0, 0.0, 400.0, 300.0)
    same, moved = 0, 0
    for _ in range(400):
        requests = [LabelRequest(float(x), float(y), (60.0, 20.0), (30.0, 20.0), p)
                    for p, (x, y) in enumerate(rng.uniform((20, 20), (380, 280), (3, 2)))]
        own = [(r.x - 8, r.y - 8, r.x + 8, r.y + 8) for r in requests]
        near = np.array([(r.x, r.y) for r in requests])[rng.integers(0, 3, 6)]
        centres = near + rng.uniform(-40, 40, near.shape)
        a = np.column_stack([centres - 10, centres + 10])
        shift = rng.uniform(-6, 6, (len(a), 2))          # each mark moved a few pixels
        b = a + np.hstack([shift, shift])
        placed_a = place_labels(requests, bounds, own + [tuple(m) for m in a])
        placed_b = place_labels(requests, bounds, own + [tuple(m) for m in b])
        if blocked_boxes(requests, a) == blocked_boxes(requests, b):
            assert placed_a == placed_b
            same += 1
        if placed_a != placed_b:
            assert blocked_boxes(requests, a) != blocked_boxes(requests, b)
            moved += 1
    assert same > 50 and moved > 50               # both cases were tried
