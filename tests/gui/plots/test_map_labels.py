"""Every label on the contour map — the critical points' names, the quadratic model's
"Newton's next point" and λ labels — is placed in one pass: no two visible labels
overlap, none covers another's marker (the start's star included), each sits next to
its own point, and without the model the critical points' names are where they were."""
import itertools

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QRectF

from gui.app.presets import find_preset
from gui.plots import runs as race
from gui.plots.contour_view import ContourView
from gui.plots.critical_labels import MARKER_PX
from gui.plots.quadratic_model_overlay import NEWTON_MARKER_PX, QuadraticModelOverlay
from gui.widgets import theme

START_PX = 8       # half the start's star but its tips
NEAR_PX = 6        # a label's box is at most this far from its own marker's edge
# the map's size in the window at 1280×720 and at 1920×1080 (Explorer, default layout)
MAP_SIZES = [(490, 330), (810, 600)]


@pytest.fixture
def himmelblau(shown, model, qtbot):
    def build(size, frame, runs=None):
        view = shown(ContourView(model), *size)
        overlay = QuadraticModelOverlay(model, view.plot, view, labels=view.labels)
        model.load_preset(find_preset("Himmelblau"))
        assert model.wait_for_analysis(60000)
        if runs:
            model.set_settings(runs=race.parse_runs(runs))
            qtbot.waitUntil(lambda: len(model.paths) == runs.count(",") + 1, timeout=60000)
        qtbot.waitUntil(lambda: len(model.critical_points) == 9 and len(model.paths) > 0, timeout=60000)
        model.set_frame(frame)
        qtbot.wait(200)              # range settled, labels placed
        return view, overlay
    return build


@pytest.fixture
def look(qapp):
    """theme.apply_theme for the test, the light look at text size 1 afterwards."""
    from PySide6.QtWidgets import QWidget
    roots = []

    def apply(name, scale, root):
        roots.append(root)
        theme.apply_theme(qapp, root, name, scale)
    yield apply
    if roots:
        theme.apply_theme(qapp, QWidget(), "light", 1.0)


def _labels(view, overlay):
    """(text, scene rect, own point in scene pixels, own marker's half-size) of every
    visible label on the map."""
    vb = view.plot.vb
    out = []
    for item, half in [*((i, MARKER_PX) for i in view.labels.items),
                       *((i, 0) for i in overlay.axis_labels),
                       (overlay.newton_label, NEWTON_MARKER_PX)]:
        if item.isVisible():
            p = vb.mapViewToScene(item.pos())
            out.append((item.toPlainText(), item.mapRectToScene(item.boundingRect()), p, half))
    return out


def _markers(view, overlay):
    """(kind, scene rect, centre) of the critical points', Newton's and the start's
    markers."""
    vb = view.plot.vb
    centres = [(cp.kind, vb.mapViewToScene(pg.Point(*cp.point)), MARKER_PX)
               for cp in view.model.critical_points]
    if overlay.newton.isVisible():
        x, y = overlay.newton.getData()
        centres.append(("newton", vb.mapViewToScene(pg.Point(x[0], y[0])), NEWTON_MARKER_PX))
    centres.append(("start", vb.mapViewToScene(pg.Point(*view.model.start)), START_PX))
    return [(kind, QRectF(p.x() - h, p.y() - h, 2 * h, 2 * h), p) for kind, p, h in centres]


def _distance(rect, point) -> float:
    dx = max(rect.left() - point.x(), 0, point.x() - rect.right())
    dy = max(rect.top() - point.y(), 0, point.y() - rect.bottom())
    return (dx * dx + dy * dy) ** 0.5


def _check(view, overlay, qtbot):
    qtbot.wait(100)       # painted: a TextItem undoes the view's scale only when painted
    labels = _labels(view, overlay)
    overlapping = [(a[0], b[0]) for a, b in itertools.combinations(labels, 2)
                   if a[1].intersects(b[1])]
    assert overlapping == []
    area = view.plot.vb.sceneBoundingRect()
    for text, rect, own, half in labels:
        assert area.contains(rect), text
        assert _distance(rect, own) <= half + NEAR_PX, (text, rect, own)
        for kind, marker, at in _markers(view, overlay):
            mine = abs(at.x() - own.x()) <= MARKER_PX and abs(at.y() - own.y()) <= MARKER_PX
            if not mine:                  # no label covers another point's marker
                assert not rect.intersects(marker), (text, kind)
    return labels


@pytest.mark.parametrize("size", MAP_SIZES)
@pytest.mark.parametrize("frame", [0, 5, 78])
def test_newton_and_the_critical_points_labels_never_overlap(himmelblau, qtbot, screenshot,
                                                              size, frame):
    view, overlay = himmelblau(size, frame)
    overlay.set_enabled(True)
    labels = _check(view, overlay, qtbot)
    screenshot(view, f"map_labels_quadratic_{size[0]}_{frame}")
    texts = [label[0] for label in labels]
    # the model's labels are there, not just dropped, whenever the map has room
    x, y = overlay.newton.getData()
    if view.plot.vb.viewRect().contains(x[0], y[0]):     # (frame 5: far off the map)
        assert any(t.startswith("Newton") for t in texts), texts
    if size == MAP_SIZES[1] and frame != 5:
        assert "Newton's next point" in texts
        assert sum(t.startswith("λ") for t in texts) == 2, texts
    assert sum(t in ("minimum", "min") for t in texts) == 4, texts


def test_the_lecturers_race_at_1280x720_names_newton(himmelblau, qtbot, screenshot):
    """The picture that was reported: six methods and Newton, step 78, Newton's × on the
    minimum (3, 2) among the names of the saddles and minima. Since the runs' current
    points are kept free too (RMSprop's is 20 px left of (3, 2), a saddle's name under
    it), "Newton" or that minimum's name has no room left: one gives way (the minimum's
    name is kept), no other label is hidden, and no label covers a run."""
    view, overlay = himmelblau(MAP_SIZES[0], 78,
                               "gd, momentum, nesterov, adagrad, rmsprop, adam, newton")
    overlay.set_enabled(True)
    labels = _check(view, overlay, qtbot)
    screenshot(view, "map_labels_quadratic_lecture_race")
    texts = [label[0] for label in labels]
    assert len(texts) >= 9, texts                    # Newton's or that name, and the rest
    assert sum(t in ("minimum", "min") for t in texts) == 4, texts
    vb = view.plot.vb
    for key, path in view.model.paths.items():
        at = vb.mapViewToScene(pg.Point(*path.points[min(78, len(path.points) - 1)]))
        assert not any(rect.contains(at) for _, rect, *_ in labels), key
    overlay.set_enabled(False)                       # and without it, all nine
    qtbot.wait(50)
    assert len(_labels(view, overlay)) == 9


@pytest.mark.parametrize("name, scale", [("dark", 1.0), ("light", 1.5), ("dark", 1.5)])
@pytest.mark.parametrize("size", MAP_SIZES)
def test_the_same_in_the_dark_and_at_larger_text(himmelblau, look, qtbot, screenshot, size,
                                                 name, scale):
    view, overlay = himmelblau(size, 78)
    look(name, scale, view)
    overlay.set_enabled(True)
    view.labels.layout()             # (the range settled at the new font already)
    labels = _check(view, overlay, qtbot)
    assert sum(label[0] in ("minimum", "min") for label in labels) == 4, labels
    screenshot(view, f"map_labels_quadratic_{name}_{scale}_{size[0]}")


@pytest.mark.parametrize("size", MAP_SIZES)
def test_without_the_model_the_names_stay_where_they_were(himmelblau, qtbot, size):
    view, overlay = himmelblau(size, 78)
    before = [(t, r.getRect()) for t, r, *_ in _labels(view, overlay)]
    image_before = view.grab().toImage()
    overlay.set_enabled(True)
    qtbot.wait(50)
    moved = [(t, r.getRect()) for t, r, *_ in _labels(view, overlay)]
    assert moved != before               # the model's labels came (and maybe moved some)
    overlay.set_enabled(False)
    qtbot.wait(50)
    assert [(t, r.getRect()) for t, r, *_ in _labels(view, overlay)] == before
    assert view.grab().toImage() == image_before
    assert len(before) == 9              # all nine named at both sizes


def test_a_marker_on_the_labels_own_point_does_not_block_it():
    """Newton's × on the minimum it finds: both names still find a place."""
    from gui.plots.label_layout import LabelRequest, place_labels
    big, small = (60, 20), (30, 20)
    marker = (92, 92, 108, 108)
    placed = place_labels([LabelRequest(100, 100, big, small, 0),
                           LabelRequest(100, 100, (120, 20), (50, 20), 10)],
                          bounds=(0, 0, 400, 400), markers=[marker, marker])
    assert all(p.anchor is not None and not p.short for p in placed)
    a, b = placed[0].box, placed[1].box
    assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
    # another point's marker still keeps a label off it
    blocked = place_labels([LabelRequest(100, 100, big, small, 0)], bounds=(0, 0, 400, 400),
                           markers=[None, (70, 106, 130, 140)])
    assert blocked[0].box[3] <= 106 or blocked[0].box[1] >= 140


def test_no_line_shows_through_a_label(shown, model, qtbot):
    """x² + 2y² with the quadratic model (the walkthrough's b02): its rings run under
    "minimum", "λ₁ = 2", "λ₂ = 4" and "Newton's next point" (68, 40, 30 and 114 of their
    points at 490×330); the labels' plates were translucent and the rings crossed the
    text. Drawn with and without the rings and axes, every label looks the same."""
    from gui.app.presets import default_preset
    from tests.gui.widgets.screen_contrast import pixels
    view = shown(ContourView(model), *MAP_SIZES[0])
    overlay = QuadraticModelOverlay(model, view.plot, view, labels=view.labels)
    model.load_preset(default_preset())
    assert model.wait_for_analysis()
    overlay.set_enabled(True)
    model.set_frame(0)
    qtbot.wait(200)
    items = [i for i in (*view.labels.items, *overlay.axis_labels, overlay.newton_label)
             if i.isVisible()]
    assert len(items) == 4
    boxes = [view.canvas.mapFromScene(i.mapRectToScene(i.boundingRect())).boundingRect()
             .adjusted(2, 2, -2, -2) for i in items]
    with_lines = pixels(view.canvas.grab().toImage())
    overlay.rings.setVisible(False)
    overlay.axes.setVisible(False)
    qtbot.wait(50)
    without = pixels(view.canvas.grab().toImage())
    for item, box in zip(items, boxes):
        window = (slice(box.top(), box.bottom()), slice(box.left(), box.right()))
        changed = (with_lines[window] != without[window]).any(axis=-1).sum()
        assert changed == 0, (item.toPlainText(), int(changed))
