"""ContourView: every number it draws is the engine's, and the geometry is right on screen."""
import numpy as np
import pytest
from numpy.testing import assert_allclose
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from gui.plots.contour_view import ContourView
from gui.widgets.palette import CRITICAL_STYLE, METHOD_LABELS
from gui.app.presets import default_preset, find_preset
from tests.gui.widgets.screen_contrast import pixels


@pytest.fixture
def view(shown, model):
    return shown(ContourView(model), 640, 540)


def load(model, qtbot, name=None, frame=0):
    model.load_preset(find_preset(name) if name else default_preset())
    assert model.wait_for_analysis()
    model.set_frame(frame)
    qtbot.wait(200)           # let the range settle (debounce) before inspecting


def to_widget(view, x, y) -> QPoint:
    """Widget coordinates (of the canvas viewport) of the world point (x, y)."""
    scene = view.plot.vb.mapViewToScene(QPointF(x, y))
    return view.canvas.mapFromScene(scene)


def world_segments(segments, image):
    """Iso-line segments (2m, 2) in the image's pixels, in world coordinates, (m, 2, 2)."""
    seg = segments.reshape(-1, 2, 2)
    pts = [image.mapToParent(QPointF(*p)) for p in seg.reshape(-1, 2)]
    return np.array([(p.x(), p.y()) for p in pts]).reshape(-1, 2, 2)


def test_image_is_f_on_the_grid(view, model, qtbot):
    load(model, qtbot)
    f, scape = model.expression, view.landscape
    for i, j in [(0, 0), (17, 123), (100, 50), (199, 199)]:
        assert scape.Z[i, j] == pytest.approx(f(scape.xs[i], scape.ys[j]), rel=1e-12)
    assert_allclose(view.image.image, scape.colour_position(scape.Z))
    # colour is a monotone function of f: sorting by f sorts the colours
    order = np.argsort(scape.Z, axis=None)
    assert np.all(np.diff(view.image.image.ravel()[order]) >= -1e-12)
    # pixel (i, j) is centred on (xs[i], ys[j]); the grid covers the model's window
    centre = view.image.mapToParent(QPointF(17.5, 123.5))
    assert (centre.x(), centre.y()) == pytest.approx((scape.xs[17], scape.ys[123]))
    (xlo, xhi), (ylo, yhi) = scape.window
    (wxlo, wxhi), (wylo, wyhi) = model.window
    assert xlo <= wxlo + 1e-9 and xhi >= wxhi - 1e-9 and ylo <= wylo + 1e-9 and yhi >= wyhi - 1e-9


def test_isolines_are_level_sets(view, model, qtbot):
    load(model, qtbot, "Himmelblau")
    f = model.expression
    iso = view.iso_lines
    assert iso.isVisible() and len(iso.levels) >= 10
    for level, segments in zip(iso.levels, iso.segments_per_level):
        pts = world_segments(segments, view.image).reshape(-1, 2)
        assert len(pts) > 10
        values = f(pts[:, 0], pts[:, 1])
        # linear interpolation on a 200-cell grid: within a small fraction of the level
        assert np.median(np.abs(values - level)) < 0.01 * max(1.0, abs(level))


def test_every_level_is_painted_where_its_segments_lie(view, model, qtbot):
    """One item draws every level: on the screen, each level's lines are where its
    segments say (a level left out, or a bounding rect that clips, shows here)."""
    load(model, qtbot, "Himmelblau")
    iso = view.iso_lines
    iso.setPen((255, 0, 0))                     # pure red: no red in the colour map
    qtbot.wait(50)
    rgb = pixels(view.canvas.grab().toImage()).astype(int)
    red = (rgb[..., 0] > 180) & (rgb[..., 1] < 90) & (rgb[..., 2] < 90)
    h, w = red.shape
    assert len(iso.levels) >= 10
    for level, segments in zip(iso.levels, iso.segments_per_level):
        mids = world_segments(segments, view.image).mean(axis=1)
        hits = []
        for x, y in mids[:: max(1, len(mids) // 40)]:
            p = to_widget(view, x, y)
            if 2 <= p.x() < w - 2 and 2 <= p.y() < h - 2:
                hits.append(red[p.y() - 2:p.y() + 3, p.x() - 2:p.x() + 3].any())
        assert len(hits) > 5 and np.mean(hits) > 0.7, (level, np.mean(hits))


def test_arrows_follow_the_gradient_and_cross_isolines_at_right_angles(view, model, qtbot):
    load(model, qtbot)
    f = model.expression
    base, grad = view.field_base, view.field_gradient
    assert len(base) > 150
    assert_allclose(grad, f.gradient(base[:, 0], base[:, 1]).T)
    x, y = view.field_item.getData()
    shafts = np.column_stack([x, y]).reshape(-1, 2, 2)
    assert_allclose(shafts[:, 0], base)
    direction = shafts[:, 1] - shafts[:, 0]
    cross = direction[:, 0] * grad[:, 1] - direction[:, 1] * grad[:, 0]
    assert_allclose(cross / (np.hypot(*direction.T) * np.hypot(*grad.T)), 0, atol=1e-9)
    assert np.all(np.sum(direction * grad, axis=1) > 0)          # uphill: +∇f
    # each arrow is perpendicular to the iso-line segments drawn near its base
    segs = np.concatenate([world_segments(s, view.image)
                           for s in view.iso_lines.segments_per_level])
    mids, tangents = segs.mean(axis=1), segs[:, 1] - segs[:, 0]
    cosines = []
    for b, d in zip(base, direction):
        near = np.hypot(*(mids - b).T) < 0.05
        if near.any():
            t = tangents[near]
            cosines.extend(np.abs(t @ d) / (np.hypot(*t.T) * np.hypot(*d)))
    assert len(cosines) > 20
    assert np.median(cosines) < 0.05
    # and on screen too: the aspect is locked, one unit is as long in x as in y
    o, ex, ey = (view.plot.vb.mapViewToScene(QPointF(*p)) for p in [(0, 0), (1, 0), (0, 1)])
    assert (ex - o).x() == pytest.approx(-(ey - o).y(), rel=1e-6)


def test_field_toggle_hides_the_arrows(view, model, qtbot):
    load(model, qtbot)
    view.field_toggle.setChecked(False)
    assert not view.field_item.isVisible() and not view.field_heads.isVisible()
    view.field_toggle.setChecked(True)
    assert view.field_item.isVisible() and view.field_heads.isVisible()


def test_critical_points_of_himmelblau(view, model, qtbot, screenshot):
    load(model, qtbot, "Himmelblau", frame=60)
    points = model.critical_points
    assert len(points) == 9
    spots = view.critical_item.points()
    assert len(spots) == 9
    for spot, cp in zip(spots, points):
        assert (spot.pos().x(), spot.pos().y()) == pytest.approx(tuple(cp.point))
        assert spot.symbol() == CRITICAL_STYLE[cp.kind][0]
    labels = [lab.toPlainText() for lab in view.critical_labels if lab.isVisible()]
    assert sorted(labels) == sorted(cp.kind for cp in points)
    assert labels.count("minimum") == 4 and labels.count("saddle") == 4
    screenshot(view, "contour_himmelblau_field")


def test_a_huge_coefficient_keeps_the_minimum_mark(view, model, qtbot):
    """1e300·x² + y² showed no mark at (0, 0), where x² + y² shows its minimum
    (engine.calculus: ∇f's squares overflowed, and y's 2 was 0 beside x's 2e300)."""
    model.set_text("1e300*x^2 + y^2")
    assert model.wait_for_analysis(30000)
    qtbot.waitUntil(lambda: len(view.critical_item.points()) == 1, timeout=10000)
    (cp,), (spot,) = model.critical_points, view.critical_item.points()
    assert (cp.kind, tuple(cp.point), cp.value) == ("minimum", (0.0, 0.0), 0.0)
    assert (spot.pos().x(), spot.pos().y()) == (0.0, 0.0)
    assert spot.symbol() == CRITICAL_STYLE["minimum"][0]
    assert [lab.toPlainText() for lab in view.critical_labels if lab.isVisible()] == ["minimum"]


def test_paths_drawn_up_to_the_frame(view, model, qtbot, screenshot):
    load(model, qtbot, frame=6)
    path = model.paths["gd"]
    x, y = view.path_items["gd"].getData()
    assert_allclose(np.column_stack([x, y]), path.points[:7])
    cx, cy = view.current_items["gd"].getData()
    assert_allclose([cx[0], cy[0]], path.points[6])
    assert_allclose(path.points[1], [2.4, 1.2])         # the seed's worked example
    sx, sy = view.start_item.getData()
    assert (sx[0], sy[0]) == (3.0, 2.0)
    legend = [label.text for _, label in view.legend.items]
    assert METHOD_LABELS["gd"] in legend
    model.set_frame(2)
    x, _ = view.path_items["gd"].getData()
    assert len(x) == 3
    model.set_frame(8)
    screenshot(view, "contour_default")


def test_several_methods_each_get_a_path(view, model, qtbot):
    load(model, qtbot, "Rosenbrock's banana", frame=400)
    for method, path in model.paths.items():
        x, y = view.path_items[method].getData()
        n = min(400, len(path.points) - 1) + 1
        assert_allclose(np.column_stack([x, y]), path.points[:n])
    legend = [label.text for _, label in view.legend.items]
    assert legend[:3] == [METHOD_LABELS[m] for m in ("gd", "momentum", "adam")]


def test_click_sets_the_start_point(view, model, qtbot):
    load(model, qtbot)
    qtbot.mouseClick(view.canvas.viewport(), Qt.MouseButton.LeftButton,
                     pos=to_widget(view, -1.5, 1.0))
    qtbot.waitUntil(lambda: model.start != (3.0, 2.0))
    pixel = 8.0 / view.plot.vb.width()                 # one pixel in world units, at most
    assert model.start == pytest.approx((-1.5, 1.0), abs=2 * pixel)
    sx, sy = view.start_item.getData()
    assert (sx[0], sy[0]) == model.start
    assert_allclose(view.path_items["gd"].getData()[0][0], model.start[0])


def test_hover_reads_f_and_gradient_from_the_engine(view, model, qtbot):
    load(model, qtbot)
    qtbot.mouseMove(view.canvas.viewport(), to_widget(view, 1.0, -1.0))
    qtbot.waitUntil(lambda: view.hover_values is not None)
    (x, y), value, grad = view.hover_values
    f = model.expression
    assert value == f(x, y)
    assert_allclose(grad, f.gradient(x, y))
    assert (x, y) == pytest.approx((1.0, -1.0), abs=0.05)
    assert f"{value:.4g}" in view.readout.text()


def test_wheel_zoom_sets_the_window_and_recomputes(view, model, qtbot):
    load(model, qtbot)
    before = model.window
    viewport = view.canvas.viewport()
    centre = QPointF(to_widget(view, 0.0, 0.0))
    event = QWheelEvent(centre, QPointF(viewport.mapToGlobal(centre.toPoint())), QPoint(0, 0),
                        QPoint(0, 240), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(viewport, event)
    qtbot.waitUntil(lambda: model.window != before)
    (xlo, xhi), (ylo, yhi) = model.window
    assert xhi - xlo < before[0][1] - before[0][0]            # zoomed in
    assert_allclose(np.array(view.plot.vb.viewRange()), np.array(model.window))
    qtbot.waitUntil(lambda: view.landscape.window == model.window)
    scape, f = view.landscape, model.expression
    assert scape.Z[5, 7] == pytest.approx(f(scape.xs[5], scape.ys[7]))
    qtbot.wait(300)                                            # no echo: the range stays
    # The aspect lock may widen one axis if the view's height changes late (a loaded
    # machine lays out late), but the zoomed window stays shown whole, centred as asked.
    (vxlo, vxhi), (vylo, vyhi) = view.plot.vb.viewRange()
    for (lo, hi), (vlo, vhi) in zip(model.window, view.plot.vb.viewRange()):
        assert vlo <= lo + 1e-9 and vhi >= hi - 1e-9
        assert (vlo + vhi) / 2 == pytest.approx((lo + hi) / 2, abs=1e-6 * (hi - lo))
    assert min(vxhi - vxlo - (xhi - xlo), vyhi - vylo - (yhi - ylo)) == pytest.approx(0, abs=1e-9)


def test_one_variable_leaves_the_view_alone(view, model, qtbot):
    load(model, qtbot)
    shown = view.landscape
    model.set_text("x^3 - x")
    assert model.wait_for_analysis()
    assert model.expression.dimension == 1
    for frame in (1, 2, 0):                    # 1-D paths must not reach the 2-D items
        model.set_frame(frame)
    model.set_start((0.5,))
    assert view.landscape is shown


def test_undefined_values_stay_blank_and_carry_no_arrows(view, model, qtbot):
    load(model, qtbot)
    model.set_text("log(x) + y^2")
    assert model.wait_for_analysis()
    qtbot.wait(100)
    scape = view.landscape
    left = scape.xs < 0
    assert np.all(np.isnan(scape.Z[left])) and np.all(np.isnan(view.image.image[left]))
    assert np.all(np.isfinite(view.image.image[~left]))
    assert len(view.field_base) > 50 and np.all(view.field_base[:, 0] > 0)
    for segments in view.iso_lines.segments_per_level:
        assert np.all(world_segments(segments, view.image)[..., 0] > 0)


def test_iso_lines_of_all_levels_at_once_equal_one_level_at_a_time():
    from gui.plots.iso_lines import iso_segments, iso_segments_per_level
    xs = np.linspace(-3, 3, 60)
    X, Y = np.meshgrid(xs, xs, indexing="ij")
    Z = np.sin(2 * X) * np.cos(2 * Y) + 0.1 * X    # saddles (four-edge cells) included
    Z[10:13, 20:25] = np.nan
    levels = np.array([-0.5, 0.0, 0.05, 0.7])
    together = iso_segments_per_level(Z, levels)
    for level, segments in zip(levels, together):
        single = iso_segments(Z, level)
        assert len(single) > 0
        assert_allclose(segments, single)


def test_a_hidden_view_samples_only_when_shown(qtbot, model, shown):
    view = ContourView(model)              # never shown yet: as the neuron tab at start-up
    qtbot.addWidget(view)
    model.load_preset(default_preset())
    assert model.wait_for_analysis()
    assert view.landscape is None
    shown(view, 640, 540)
    assert view.landscape is not None
    assert view.landscape.Z[0, 0] == pytest.approx(
        model.expression(view.landscape.xs[0], view.landscape.ys[0]))


def test_the_map_keeps_its_place_when_the_first_paths_come(view, model, qtbot, screenshot):
    # The legend's row is there before any path ("start" alone): added with the first
    # paths, it pushed the map down ~20 px and re-ranged it a second after start-up.
    qtbot.wait(50)
    assert [label.text for _, label in view.legend.items] == ["start"]
    assert view.legend.boundingRect().height() > 10
    top, row = view.plot.vb.sceneBoundingRect().top(), view.legend.boundingRect().height()
    load(model, qtbot)
    assert [label.text for _, label in view.legend.items] == [METHOD_LABELS["gd"], "start"]
    # (its axes' numbers come with the first f: the map's top edge is the legend's doing)
    assert view.plot.vb.sceneBoundingRect().top() == top
    assert view.legend.boundingRect().height() == row
    screenshot(view, "contour_first_paths")


def test_hover_readout_goes_back_to_the_hint_when_the_mouse_leaves(view, model, qtbot):
    load(model, qtbot)
    view.window().raise_()        # over any window an earlier test left where the pointer goes
    qtbot.mouseMove(view.field_toggle)        # (where an earlier test left the mouse: no move)
    # onto the map, a pixel further each try: a move to where the pointer already is makes
    # no event (on CI under load one move's hover never came in 5 s)
    tries = iter(range(1000))

    def hovering() -> bool:
        at = to_widget(view, 1.0, -1.0) + QPoint(next(tries) % 5, 0)
        qtbot.mouseMove(view.canvas.viewport(), at)
        return view.hover_values is not None
    qtbot.waitUntil(hovering)
    hint = "click: start here"
    assert hint not in view.readout.text()
    qtbot.mouseMove(view.field_toggle)        # onto the bar above the canvas
    qtbot.waitUntil(lambda: view.hover_values is None)
    assert view.readout.text().startswith(hint)
    assert not view._hover.flush()            # no move held by the rate limit: none comes back
