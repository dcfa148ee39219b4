"""The seed's Exercise 2 on the map: for f = x² + y², ∇f at (1, 0), (0, 1), (1, 1), and
each perpendicular to the contour through its point (gui.plots.gradient_pins). Before the
pins a lecturer could read ∇f only under the mouse, and a click set the descent's start."""
from __future__ import annotations

import math

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from engine.expression import parse
from gui.app.presets import find_preset
from gui.plots.contour_view import ContourView
from gui.plots.gradient_pins import ARROW_SHARE, EDGE_PX, MIN_ARROW_PX
from gui.widgets.palette import COLORMAP, GRADIENT_PIN_COLOUR, GRADIENT_PIN_HALO
from gui.widgets.theme import contrast
from tests.gui.plots.test_contour_view import load, to_widget
from tests.gui.plots.test_labels_take_the_look import _settle, projector  # noqa: F401

SEED = "From the notes: x² + y²"
SEED_POINTS = ((1.0, 0.0), (0.0, 1.0), (1.0, 1.0))
SHIFT = Qt.KeyboardModifier.ShiftModifier


def shift_click(view, qtbot, x, y, off_px=2):
    """Shift+click `off_px` pixels below and left of (x, y): it snaps to (x, y)."""
    px, py = view.plot.vb.viewPixelSize()
    qtbot.mouseClick(view.canvas.viewport(), Qt.MouseButton.LeftButton, SHIFT,
                     to_widget(view, x - off_px * px, y - off_px * py))


def pin_seed_points(view, qtbot):
    for x, y in SEED_POINTS:
        shift_click(view, qtbot, x, y)
    qtbot.waitUntil(lambda: len(view.pins.points) == 3)
    qtbot.wait(50)                   # the labels placed after the view's range settles


@pytest.fixture
def seed_map(shown, model, qtbot):
    view = shown(ContourView(model), 640, 540)
    load(model, qtbot, SEED)
    return view


def label_texts(view):
    return [label.toPlainText() for label in view.pins.labels if label.isVisible()]


def test_shift_clicks_pin_the_engines_gradients_at_the_seeds_points(seed_map, model, qtbot):
    start = model.start
    pin_seed_points(seed_map, qtbot)
    pins = seed_map.pins
    assert pins.points == list(SEED_POINTS)                 # snapped onto the round points
    assert model.start == start                              # a Shift+click is no new start
    assert [t for t, _ in pins.texts] == ["∇f(1, 0) = (2, 0)", "∇f(0, 1) = (0, 2)",
                                          "∇f(1, 1) = (2, 2)"]
    f = parse("x^2 + y^2")
    for (_, grad), point in zip(pins.values, SEED_POINTS):
        np.testing.assert_allclose(grad, f.gradient(*point))
    # every label is on the map, with its vector, and none covers another
    shown = label_texts(seed_map)
    assert len(shown) == 3 and all(v in " ".join(shown) for v in ("(2, 0)", "(0, 2)", "(2, 2)"))
    boxes = [label.mapRectToScene(label.boundingRect()) for label in pins.labels]
    area = seed_map.plot.vb.sceneBoundingRect()
    assert all(area.contains(b) for b in boxes)
    assert not any(a.intersects(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])


def test_a_shift_click_on_a_pin_removes_it(seed_map, qtbot):
    pin_seed_points(seed_map, qtbot)
    shift_click(seed_map, qtbot, 0.0, 1.0, off_px=4)
    qtbot.waitUntil(lambda: len(seed_map.pins.points) == 2)
    assert seed_map.pins.points == [(1.0, 0.0), (1.0, 1.0)]
    assert label_texts(seed_map) and not any("(0, 2)" in t for t in label_texts(seed_map))


def test_where_grad_f_is_zero_or_has_no_value_the_label_says_so(seed_map, model, qtbot):
    """At the minimum ∇f = (0, 0): a label and no arrow; on |x| + |y|'s kink no vector
    (the formula's sign(0) = 0 is no slope of f)."""
    seed_map.pins.toggle((0.0, 0.0))
    assert seed_map.pins.texts == [("∇f(0, 0) = (0, 0)", "∇f = (0, 0)")]
    assert len(seed_map.pins.arrows) == 0 and label_texts(seed_map)
    model.set_text("|x| + |y|")
    assert model.wait_for_analysis(30000)
    seed_map.pins.toggle((0.0, 1.0))
    assert [t for t, _ in seed_map.pins.texts] == ["∇f(0, 0): none (kink)",
                                                   "∇f(0, 1): none (kink)"]


def _tangent_near(segments, point):
    """The unit direction of the iso-line segment nearest `point` ((2m, 2) pairs)."""
    seg = segments.reshape(-1, 2, 2)
    middle = seg.mean(axis=1)
    nearest = seg[np.argmin(np.hypot(*(middle - point).T))]
    d = nearest[1] - nearest[0]
    return d / np.hypot(*d), float(np.min(np.hypot(*(middle - point).T)))


@pytest.mark.parametrize("text", ["x^2 + y^2", "x^2 + 2y^2"])
def test_each_arrow_is_perpendicular_to_the_contour_through_its_base(seed_map, model, qtbot,
                                                                      text):
    """The drawn arrow has ∇f's direction (the engine's), and the iso-line drawn through
    its base (sampled from f, not from ∇f) crosses it at a right angle; on the ellipses of
    x² + 2y² ∇f is not radial, so the check is not one of the circles' symmetry."""
    model.set_text(text)
    assert model.wait_for_analysis(30000)
    pin_seed_points(seed_map, qtbot)
    f = parse(text)
    pins = seed_map.pins
    px = seed_map.plot.vb.viewPixelSize()[0]
    assert len(pins.arrows) == 3 and len(pins.contours) == 3
    for (base, tip), contour, point in zip(pins.arrows, pins.contours, SEED_POINTS):
        np.testing.assert_allclose(base, point)
        arrow = (tip - base) / np.hypot(*(tip - base))
        grad = f.gradient(*point)
        np.testing.assert_allclose(arrow, grad / np.hypot(*grad), atol=1e-12)
        tangent, off = _tangent_near(contour, np.array(point))
        assert off < 3 * px                                  # the line goes through the point
        assert abs(float(np.dot(tangent, arrow))) < 0.03      # cos of the angle: 90° ± 1.7°


def test_the_drawn_arrows_compare_as_their_lengths_and_stay_on_the_map(seed_map, qtbot):
    """One scale for all: |∇f(1, 1)| = √2 |∇f(1, 0)| reads as √2 times the arrow; the
    longest is ARROW_SHARE of the map's shorter side (true length would leave the
    map), readable (≥ 60 px at this size), and every tip is inside the map."""
    pin_seed_points(seed_map, qtbot)
    lengths = [float(np.hypot(*(tip - base))) for base, tip in seed_map.pins.arrows]
    assert lengths[2] / lengths[0] == pytest.approx(math.sqrt(2))
    assert lengths[1] == pytest.approx(lengths[0])
    (xlo, xhi), (ylo, yhi) = seed_map.plot.vb.viewRange()
    assert lengths[2] == pytest.approx(ARROW_SHARE * min(xhi - xlo, yhi - ylo))
    px = seed_map.plot.vb.viewPixelSize()[0]
    assert min(lengths) / px >= max(60, MIN_ARROW_PX)
    for x, y in seed_map.pins.arrows[:, 1]:
        assert xlo + EDGE_PX * px * 0.99 <= x <= xhi - EDGE_PX * px * 0.99
        assert ylo + EDGE_PX * px * 0.99 <= y <= yhi - EDGE_PX * px * 0.99


def test_the_arrow_is_drawn_in_the_pins_colour(seed_map, qtbot):
    """On screen: the pixel in the middle of the (1, 0) arrow's shaft is the pins' pink."""
    pin_seed_points(seed_map, qtbot)
    image = seed_map.canvas.grab().toImage()
    base, tip = seed_map.pins.arrows[0]
    middle = to_widget(seed_map, *((base + tip) / 2))
    ratio = image.devicePixelRatio()
    colour = image.pixelColor(int(middle.x() * ratio), int(middle.y() * ratio))
    pink = QColor(GRADIENT_PIN_COLOUR)
    assert max(abs(colour.red() - pink.red()), abs(colour.green() - pink.green()),
               abs(colour.blue() - pink.blue())) <= 12, colour.name()


def test_the_pin_or_its_halo_stands_out_at_3_to_1_on_every_colour_of_the_map():
    import pyqtgraph as pg
    for rgb in pg.colormap.get(COLORMAP).getLookupTable(0, 1, 256, alpha=False):
        under = QColor(*map(int, rgb))
        assert max(contrast(GRADIENT_PIN_COLOUR, under),
                   contrast(GRADIENT_PIN_HALO, under)) >= 3.0, under.name()
    assert contrast(GRADIENT_PIN_COLOUR, GRADIENT_PIN_HALO) >= 3.0


def test_a_new_f_recomputes_the_pins_at_the_same_points(seed_map, model, qtbot):
    pin_seed_points(seed_map, qtbot)
    model.set_text("x^2 + 2y^2")
    assert model.wait_for_analysis(30000)
    qtbot.waitUntil(lambda: seed_map.pins.texts and seed_map.pins.texts[1][0].endswith("(0, 4)"))
    assert [t for t, _ in seed_map.pins.texts] == ["∇f(1, 0) = (2, 0)", "∇f(0, 1) = (0, 4)",
                                                   "∇f(1, 1) = (2, 4)"]
    assert len(seed_map.pins.arrows) == 3


def test_presenting_in_the_dark_the_pins_read_and_delete_and_new_clear_them(projector, qtbot,  # noqa: F811
                                                                           screenshot):
    """At 1280×720, presenting (text 1.5) in the dark theme: the three labels whole, on
    the map, apart, in the presented font on the dark plate; Delete clears the pins, and
    File ▸ New (the pins' view state put back as built) clears them too."""
    window = projector(SEED)
    window.commands.set_theme("dark")
    window.commands.set_presentation(True)
    _settle(window, qtbot)
    view = window.explorer.contour_view
    pin_seed_points(view, qtbot)
    _settle(window, qtbot)
    screenshot(window, "gradient_pins_presenting_dark")
    labels = view.pins.labels
    assert [label.toPlainText() for label in labels] == [t for t, _ in view.pins.texts]
    area = view.plot.vb.sceneBoundingRect()
    boxes = [label.mapRectToScene(label.boundingRect()) for label in labels]
    assert all(label.isVisible() for label in labels) and all(area.contains(b) for b in boxes)
    assert not any(a.intersects(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
    assert labels[0].textItem.font().pointSizeF() >= 9 * 1.5 - 0.01    # presented type
    assert QColor(labels[0].fill.color()).lightness() < 80              # the dark plate
    assert window.model.view_states.get_state()["pins"] == [list(p) for p in SEED_POINTS]
    # a session or scene sets them; what is no list of finite (x, y) is skipped
    pins = view.pins
    window.model.view_states.set_state({"pins": [[0.5, -0.5]]})
    assert pins.points == [(0.5, -0.5)] and pins.texts[0][0] == "∇f(0.5, −0.5) = (1, −1)"
    for junk in ("junk", [["nan", 1]], [[1, 2, 3]], [["__import__('os')", 0]]):
        window.model.view_states.set_state({"pins": junk})
        assert pins.points == [(0.5, -0.5)]
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_Delete)
    assert pins.points == [] and not any(label.isVisible() for label in labels)
    pin_seed_points(view, qtbot)
    window.commands.new_session()
    assert window.model.wait_for_analysis(30000)
    assert view.pins.points == [] and len(view.pins.arrows) == 0
    window.commands.set_theme("light")


def test_the_shortcut_sheet_names_the_pins(projector):  # noqa: F811
    from gui.app.about import PIN_ROW_TEXT, ShortcutSheet
    window = projector()
    rows = dict(ShortcutSheet(window).rows())
    assert rows["Shift+click / Del"] == PIN_ROW_TEXT
