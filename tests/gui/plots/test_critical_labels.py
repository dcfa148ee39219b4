"""Critical-point labels never cover one another, sit above the paths, keep the
higher-priority name when room is short, and can be switched off."""
import itertools

import pytest

from gui.app.presets import find_preset
from gui.plots.contour_view import ContourView
from gui.plots.label_layout import LabelRequest, place_labels


@pytest.fixture
def view(shown, model):
    return shown(ContourView(model), 640, 540)


def _load(model, qtbot, name):
    model.load_preset(find_preset(name))
    assert model.wait_for_analysis(60000)   # a busy machine: the first analysis can be slow
    qtbot.wait(200)           # range settled, labels placed


def _overlapping(view):
    boxes = view.labels.visible_boxes()
    return [(a.toPlainText(), b.toPlainText()) for (a, ra), (b, rb)
            in itertools.combinations(boxes, 2) if ra.intersects(rb)]


@pytest.mark.parametrize("name, size", [("Himmelblau", (640, 540)), ("Himmelblau", (380, 320)),
                                        ("Bumpy bowl", (640, 540)), ("Bumpy bowl", (420, 360))])
def test_no_two_labels_overlap(view, model, qtbot, screenshot, name, size):
    view.resize(*size)
    _load(model, qtbot, name)
    boxes = view.labels.visible_boxes()
    assert len(boxes) >= min(4, len(model.critical_points))   # most are still named
    assert _overlapping(view) == []
    area = view.plot.vb.sceneBoundingRect()
    for _, rect in boxes:                      # and every one lies on the plot
        assert area.contains(rect)
    screenshot(view, f"labels_{name.split()[0].lower()}_{size[0]}")


def test_every_minimum_keeps_its_label_when_room_is_short(view, model, qtbot):
    view.resize(380, 320)
    _load(model, qtbot, "Himmelblau")
    kinds = [lab.toPlainText() for lab, _ in view.labels.visible_boxes()]
    assert kinds.count("minimum") + kinds.count("min") == 4


def test_labels_are_above_the_paths(view, model, qtbot):
    _load(model, qtbot, "Himmelblau")
    top_path = max(item.zValue() for item in view.path_items.values())
    assert all(lab.zValue() > top_path for lab in view.critical_labels)


def test_the_labels_toggle(view, model, qtbot):
    _load(model, qtbot, "Himmelblau")
    view.labels_toggle.setChecked(False)
    assert view.labels.visible_boxes() == []
    view.labels_toggle.setChecked(True)
    assert len(view.labels.visible_boxes()) == 9


def test_layout_prefers_the_higher_priority_label():
    # two points 10 px apart, labels 60×20: the second cannot sit below, above or
    # beside without touching the first; in a tight area it is shortened or hidden
    big, small = (60, 20), (30, 20)
    placed = place_labels([LabelRequest(100, 100, big, small, 1),
                           LabelRequest(100, 108, big, small, 0)],
                          bounds=(40, 60, 160, 160))
    assert placed[1].anchor is not None and not placed[1].short   # the priority-0 one
    if placed[0].anchor is not None:
        a, b = placed[0].box, placed[1].box
        assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]


def test_one_variable_labels_never_overlap(shown, model, qtbot, screenshot):
    """sin(10x)/10 has 26 critical points on −4…4: labels that would touch give way."""
    from gui.plots.curve_view import CurveView
    curve = shown(CurveView(model), 1000, 640)
    model.set_text("sin(10x)/10")
    assert model.wait_for_analysis(60000)
    qtbot.waitUntil(lambda: curve.xs.size > 0 and model.expression.dimension == 1)
    qtbot.wait(100)
    shown_labels = [t for t in curve.critical_labels if t.isVisible()]
    assert len(shown_labels) >= 8
    rects = [t.sceneBoundingRect() for t in shown_labels]
    for a, b in itertools.combinations(rects, 2):
        assert not a.intersects(b)
    screenshot(curve, "labels_curve_sin10x")


@pytest.mark.parametrize("size", [(940, 330), (1000, 640)])
def test_no_one_variable_label_covers_the_start(shown, model, qtbot, size):
    """x⁴ − 4x³ + 4x² from 0.9 (the lecture's "where you start" scene, 940 × 330 px at
    1280 × 720): "maximum" above x = 1 sat on the start's star; it moves aside."""
    import pyqtgraph as pg
    from PySide6.QtCore import QRectF
    from tests.gui.plots.curve_setup import shown_curve
    curve = shown_curve(shown, model, qtbot, "x^4 - 4x^3 + 4x^2", size)
    model.set_start((0.9,))
    qtbot.waitUntil(lambda: curve.start_item.getData()[0].tolist() == [0.9])
    qtbot.wait(100)
    star = curve.plot_f.vb.mapViewToScene(pg.Point(0.9, model.expression(0.9)))
    star_box = QRectF(star.x() - 9, star.y() - 9, 18, 18)       # the 18-px star
    shown_labels = {t.toPlainText(): t.sceneBoundingRect()
                    for t in curve.critical_labels if t.isVisible()}
    assert any(name.startswith("max") for name in shown_labels)
    assert {name: rect for name, rect in shown_labels.items() if rect.intersects(star_box)} == {}
