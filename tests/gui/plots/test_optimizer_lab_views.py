"""The optimizer lab's views on the contour map and the sweep: per-run settings reach
the engine, arrows end where the engine's step_terms say, the quadratic model of
x²+2y², and the sweep and basin map finish with the engine's numbers."""
import numpy as np
import pytest
from numpy.testing import assert_allclose
from PySide6.QtGui import QColor

from engine.expression import parse
from engine.optimizer_lab import DIVERGED, UNFINISHED, basins, lr_sweep, quadratic_model, step_terms
from engine.optimizers import descend
from gui.plots import runs as race
from gui.plots.basin_map import RESOLUTION, BasinMap, basin_pieces
from gui.plots.contour_view import ContourView
from gui.plots.lr_sweep_view import LRS, LrSweepView
from gui.plots.quadratic_model_overlay import QuadraticModelOverlay
from gui.plots.step_arrows import StepArrows


@pytest.fixture
def race_model(model, qtbot):
    model.set_text("x^2 + 2y^2")
    model.set_start((3.0, 2.0))
    model.set_settings(runs=race.parse_runs("gd:lr=0.1, gd:lr=0.3, momentum:lr=0.05, "
                                            "adam:lr=0.3,betas=0.8/0.99"))
    qtbot.waitUntil(lambda: len(model.paths) == 4, timeout=60000)
    return model


@pytest.fixture
def contour(shown, race_model):
    return shown(ContourView(race_model), 700, 520)


def test_each_run_is_the_engine_path_with_its_own_settings(race_model):
    f = parse("x^2 + 2y^2")
    expected = {"gd": dict(method="gd", lr=0.1), "gd#2": dict(method="gd", lr=0.3),
                "momentum": dict(method="momentum", lr=0.05),
                "adam": dict(method="adam", lr=0.3, betas=(0.8, 0.99))}
    assert list(race_model.paths) == list(expected)
    for key, settings in expected.items():
        path = race_model.paths[key]
        engine = descend(f, (3.0, 2.0), steps=race_model.settings.max_steps, **settings)
        assert path.lr == settings["lr"]
        assert_allclose(path.points, engine.points)
    labels = [race_model.lab.label(k) for k in race_model.paths]
    assert labels == ["GD η=0.1", "GD η=0.3", "Momentum", "Adam"]


def test_a_run_with_its_own_start_starts_there(race_model):
    runs = list(race_model.settings.runs)
    runs[1] = race.Run("gd", 0.3, start=(-2.0, 1.0), key=runs[1].key)
    race_model.set_settings(runs=tuple(runs))
    assert_allclose(race_model.paths["gd#2"].points[0], (-2.0, 1.0))
    assert_allclose(race_model.paths["gd"].points[0], (3.0, 2.0))


def test_arrows_end_where_the_engine_steps(contour, race_model, qtbot):
    arrows = StepArrows(race_model, contour.plot)
    race_model.lab.select("momentum")
    race_model.set_frame(3)
    path = race_model.paths["momentum"]
    terms = step_terms(path)
    theta = path.points[3]
    (tail, head) = arrows.segments["plain"]
    assert_allclose(tail, theta)
    assert_allclose(head, theta + terms["plain_step"][3])
    assert_allclose(arrows.segments["step"][1], path.points[4])
    assert_allclose(arrows.segments["correction"][0], theta + terms["plain_step"][3])
    assert_allclose(arrows.segments["correction"][1], path.points[4])
    xs, ys = arrows.shafts["step"].getData()
    assert_allclose([xs[1], ys[1]], path.points[4])
    assert arrows.shafts["step"].isVisible()
    # the step arrow is drawn in the run's colour: find it on screen
    qtbot.wait(50)
    image = contour.grab().toImage()
    colour = QColor(race_model.lab.colour("momentum"))
    found = sum(1 for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)
                if _near(QColor(image.pixel(x, y)), colour))
    assert found > 10
    race_model.lab.select("gd")      # plain GD: the step is −η∇f, no correction arrow
    assert "correction" not in arrows.segments
    arrows.set_enabled(False)
    assert not arrows.shafts["step"].isVisible()


def _near(a, b, tol=30):
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue()) < tol


def test_quadratic_model_of_x2_plus_2y2(contour, race_model):
    overlay = QuadraticModelOverlay(race_model, contour.plot)
    texts = []
    overlay.described.connect(texts.append)
    overlay.set_enabled(True)
    q = overlay.quadratic
    assert q.condition == pytest.approx(2.0)
    assert q.critical_lr == pytest.approx(0.5)
    assert_allclose(q.eigenvalues, [2.0, 4.0])
    assert "κ = λmax/λmin = 2" in texts[-1] and "2/λmax = 0.5" in texts[-1]
    assert [l.toPlainText() for l in overlay.axis_labels] == ["λ₁ = 2", "λ₂ = 4"]
    newton = overlay.newton.getData()
    assert_allclose([newton[0][0], newton[1][0]], [0.0, 0.0], atol=1e-12)
    xs, ys = overlay.rings.getData()
    assert len(xs) > 40       # the rings are drawn; and they are ellipses of q
    values = quadratic_model(parse("x^2 + 2y^2"), overlay.point())(xs, ys)
    assert len(np.unique(np.round(values, 1))) <= 5 * 3
    overlay.set_enabled(False)
    assert not overlay.rings.isVisible() and texts[-1] == ""



def test_newtons_label_is_boxed_and_clear_of_the_minimums(contour, race_model, qtbot):
    """For a quadratic f Newton's next point is the minimum: the two labels at one point
    sit on opposite sides, each on its own box, so both read whole over the contours."""
    from PySide6.QtCore import Qt
    overlay = QuadraticModelOverlay(race_model, contour.plot)
    overlay.set_enabled(True)
    qtbot.waitUntil(lambda: any(l.isVisible() for l in contour.critical_labels), timeout=20000)
    qtbot.wait(50)
    newton = overlay.newton_label
    assert newton.isVisible() and newton.fill.style() != Qt.BrushStyle.NoBrush
    box = newton.mapRectToScene(newton.boundingRect())
    # on the map at text size (it once kept the view's scale, thousands of px wide, off it)
    view = contour.plot.vb.mapRectToScene(contour.plot.vb.boundingRect())
    assert view.contains(box) and box.width() < 300
    for label in contour.critical_labels:
        if label.isVisible():
            assert not box.intersects(label.mapRectToScene(label.boundingRect())), \
                label.toPlainText()

def test_the_sweep_finishes_and_shows_what_the_engine_computes(shown, race_model, qtbot):
    view = shown(LrSweepView(race_model), 700, 400)
    view.set_active(True)
    qtbot.waitUntil(lambda: view.done, timeout=60000)
    f = parse("x^2 + 2y^2")
    engine = lr_sweep(f, (3.0, 2.0), "adam", LRS, steps=race_model.settings.max_steps,
                      betas=(0.8, 0.99))
    assert set(view.sweeps) == {"gd", "momentum", "adam"}
    assert_allclose(view.sweeps["adam"].final_values, engine.final_values)
    xs, ys = view.curves["adam"].getData()
    keep = engine.status != "diverged"
    assert_allclose(10 ** xs, engine.lrs[keep])
    assert_allclose(ys, engine.final_values[keep])
    assert view.critical_line.isVisible()
    assert 10 ** view.critical_line.value() == pytest.approx(0.5)
    view.choose(0.02, None)         # a click on GD's curve at η ≈ 0.02
    chosen = LRS[np.argmin(np.abs(np.log10(LRS) - np.log10(0.02)))]
    assert race_model.paths["gd"].lr == pytest.approx(chosen)
    view.shutdown()


def test_the_basin_map_finishes_with_the_engines_labels(contour, race_model, qtbot):
    race_model.set_text("x^4 - 2x^2 + y^2")        # two minima, at x = ±1
    qtbot.waitUntil(lambda: race_model.expression == parse("x^4 - 2x^2 + y^2")
                    and race_model.paths["gd"].points.shape[1] == 2, timeout=60000)
    basin = BasinMap(race_model, contour.plot)
    race_model.lab.select("gd")
    basin.set_enabled(True)
    qtbot.waitUntil(lambda: basin.done, timeout=120000)
    labels = basin.labels
    assert labels.shape == (RESOLUTION, RESOLUTION)
    (x0, x1), (y0, y1) = basin._window_asked
    xs, ys = np.linspace(x0, x1, RESOLUTION), np.linspace(y0, y1, RESOLUTION)
    sample = [(10, 50), (190, 100), (120, 30), (60, 170)]
    starts = np.array([(xs[i], ys[j]) for i, j in sample])
    points = [cp.point for cp in race_model.critical_points] or None
    engine = basins(parse("x^4 - 2x^2 + y^2"), starts, "gd", lr=0.1,
                    steps=min(race_model.settings.max_steps, 500),
                    radius=1e-2 * max(x1 - x0, y1 - y0),
                    minima=None if points is None else np.array(points))
    mine = [labels[i, j] for i, j in sample]
    ends = [basin.attractors[k] if k >= 0 else None for k in mine]
    theirs = [engine.attractors[k] if k >= 0 else None for k in engine.labels]
    for a, b, k, l in zip(ends, theirs, mine, engine.labels):
        assert (k < 0) == (l < 0) and (a is None or np.allclose(a, b))
    left, right = labels[RESOLUTION // 4, RESOLUTION // 2], labels[3 * RESOLUTION // 4,
                                                                   RESOLUTION // 2]
    assert left >= 0 and right >= 0 and left != right       # two basins, side by side
    assert basin.reached() == sorted({int(left), int(right)})
    # what the image shows: each start in its basin's colour
    from gui.widgets.palette import BASIN_COLOURS
    for i, j in sample + [(RESOLUTION // 4, RESOLUTION // 2)]:
        if labels[i, j] < 0:
            continue          # diverged / unfinished: drawn dark / light, not a basin
        colour = QColor(BASIN_COLOURS[labels[i, j] % len(BASIN_COLOURS)])
        assert tuple(basin.image.image[i, j][:3]) == (colour.red(), colour.green(),
                                                      colour.blue())
    assert basin.image.isVisible()
    basin.shutdown()


def test_surface_arrows_end_where_the_engine_steps(shown, race_model):
    from gui.plots.surface_step_arrows import LIFT, SurfaceStepArrows
    from gui.plots.surface_view import SurfaceView
    view = shown(SurfaceView(race_model), 600, 480)
    arrows = SurfaceStepArrows(race_model, view)
    race_model.lab.select("adam")
    race_model.set_frame(2)
    path = race_model.paths["adam"]
    box = arrows.box_segments["step"]
    expected = view.mapping(path.points[2:4, 0], path.points[2:4, 1], path.values[2:4])
    assert_allclose(box[:, :2], expected[:, :2])
    assert_allclose(box[:, 2], expected[:, 2] + LIFT)
    plain = path.points[2] + step_terms(path)["plain_step"][2]
    assert_allclose(arrows.box_segments["plain"][1, :2],
                    view.mapping(plain[:1], plain[1:], np.zeros(1))[0, :2])
    assert arrows.lines.visible()
    arrows.set_enabled(False)
    assert not arrows.lines.visible()


def test_surface_arrows_follow_the_surface_built_after_them(shown, race_model):
    """Paths and frame before the 3-D view's first surface (hidden: built when shown), then
    a new window: the arrows stand where the surface's mapping puts the engine's step (CI
    saw a deferred 3-D view with arrows, one built at once without)."""
    from gui.plots.surface_step_arrows import LIFT, SurfaceStepArrows
    from gui.plots.surface_view import SurfaceView
    view = SurfaceView(race_model)
    arrows = SurfaceStepArrows(race_model, view)
    race_model.lab.select("adam")
    race_model.set_frame(2)
    assert view.mapping is None and not arrows.box_segments       # nothing to draw on yet
    path = race_model.paths["adam"]

    def expected():
        return view.mapping(path.points[2:4, 0], path.points[2:4, 1], path.values[2:4])
    shown(view, 600, 480)
    assert_allclose(arrows.box_segments["step"][:, :2], expected()[:, :2])
    assert_allclose(arrows.box_segments["step"][:, 2], expected()[:, 2] + LIFT)
    assert arrows.lines.visible()
    race_model.set_window(((-6.0, 6.0), (-4.0, 4.0)))         # another box mapping
    path = race_model.paths["adam"]
    assert_allclose(arrows.box_segments["step"][:, :2], expected()[:, :2])


def test_the_basin_map_never_covers_only_part_of_a_wider_window(contour, race_model, qtbot):
    """Zoomed out (as the map widens leaving F11), the map computed for the narrower
    window covered its middle only, bare stripes at the sides, until the new window's
    map came (~200 ms): now it is not shown until then, then it covers the whole map."""
    from tests.gui.app.test_presentation_leave import MapPaints
    basin = BasinMap(race_model, contour.plot)
    race_model.lab.select("gd")
    basin.set_enabled(True)
    qtbot.waitUntil(lambda: basin.done, timeout=120000)
    paints = MapPaints(basin)
    contour.plot.vb.scaleBy((1.5, 1.5))
    qtbot.waitUntil(lambda: basin.done and basin.image.isVisible(), timeout=120000)
    qtbot.wait(50)
    assert paints.seen and all(covered for _, covered in paints.seen), paints.seen
    basin.shutdown()


def test_a_basin_piece_that_arrives_after_basins_went_off_is_dropped(contour, race_model):
    """Basins switched off while a map was computing: its next piece raised TypeError in
    the event loop (the asked window was already forgotten)."""
    basin = BasinMap(race_model, contour.plot)
    race_model.lab.select("gd")
    basin.set_enabled(True)
    late = next(basin_pieces(race_model.expression, ((-1, 1), (-1, 1)),
                             ("gd", 0.1, 10, {}), None, resolution=50))
    basin.set_enabled(False)
    basin._on_result(basin.request_id, late)         # as the job's queued signal delivers it
    assert not basin.image.isVisible()
    basin.shutdown()


@pytest.mark.parametrize("leave", ["basins off", "one variable"])
def test_a_finished_map_that_arrives_after_it_was_dropped_is_ignored(
        contour, race_model, qtbot, leave):
    """The job's last signal ("finished") came after Basins went off, or after a lecture
    scene of one variable dropped the map: it read the dropped labels and raised
    AttributeError in the event loop (CI, test_lecture_samples)."""
    basin = BasinMap(race_model, contour.plot)
    texts = []
    basin.changed.connect(texts.append)
    race_model.lab.select("gd")
    basin.set_enabled(True)
    late = list(basin_pieces(race_model.expression, ((-1, 1), (-1, 1)),
                             ("gd", 0.1, 10, {}), None, resolution=50))[-1]
    asked = basin.request_id
    if leave == "basins off":
        basin.set_enabled(False)
    else:
        race_model.set_text("x^2")
        qtbot.waitUntil(lambda: race_model.expression == parse("x^2"), timeout=60000)
        basin._request()
    said = list(texts)
    basin._on_finished(asked, late)          # as the job's queued signal delivers it
    assert not basin.image.isVisible() and not basin.markers.isVisible()
    assert texts == said                     # no "Basins of …" for a map not shown
    basin.shutdown()


def test_a_basin_map_whose_plot_is_gone_asks_nothing_more(race_model, qtbot):
    """The map's plot deleted before the map object (its owner lives on until collected):
    the settle timer started by the model's next change called into the deleted ★ and
    raised RuntimeError in the event loop, in a later test's time (full suite, a test
    of LandscapeModel alone)."""
    from gui.plots.basin_map import SETTLE_MS
    view = ContourView(race_model)          # (not qtbot's: deleted here, not closed after)
    view.resize(400, 300)
    view.show()
    qtbot.waitExposed(view)
    basin = BasinMap(race_model, view.plot)
    race_model.lab.select("gd")
    basin.set_enabled(True)
    qtbot.waitUntil(lambda: basin.done, timeout=120000)
    view.close()
    view.deleteLater()
    qtbot.waitUntil(lambda: not basin.enabled, timeout=5000)   # the ★ went with its plot
    race_model.set_text("x^2")                  # a change: once it started the settle timer
    assert race_model.wait_for_analysis()
    qtbot.wait(SETTLE_MS + 100)                 # (an error in the event loop fails the test)
    basin.shutdown()


def _basin_map_of_the_bowl(contour, race_model, qtbot):
    basin = BasinMap(race_model, contour.plot)
    texts = []
    basin.changed.connect(texts.append)
    race_model.lab.select("gd")
    basin.set_enabled(True)
    qtbot.waitUntil(lambda: basin.done, timeout=120000)
    assert basin.reached() == [0] and basin.markers.isVisible()
    assert_allclose(basin.markers.getData()[0], [0], atol=1e-3)   # x² + 2y²'s minimum
    return basin, texts


@pytest.mark.parametrize("text", ["x + y", "x + y + z"])
def test_the_old_fs_basins_and_star_go_with_it(contour, race_model, qtbot, text):
    """x² + 2y² → x + y (or x + y + z) left the bowl's blue ★ at (0, 0) on the map while
    the page said "computing…": marks of a function no longer shown."""
    basin, texts = _basin_map_of_the_bowl(contour, race_model, qtbot)
    seen = []    # what the map showed whenever the page said something new
    basin.changed.connect(lambda t: seen.append(
        (t, basin.markers.isVisible() and len(basin.markers.getData()[0]),
         basin.image.isVisible())))
    race_model.set_text(text)
    qtbot.waitUntil(lambda: race_model.expression == parse(text), timeout=60000)
    qtbot.waitUntil(lambda: bool(seen), timeout=60000)
    assert seen[0][1:] == (0, False), seen[0]
    assert not basin.markers.isVisible() or len(basin.markers.getData()[0]) == 0
    basin.shutdown()


def test_the_basins_of_a_linear_f_reach_no_critical_point(contour, race_model, qtbot):
    """The basins of x + y were 2129 "critical points" in random colours (engine: the
    zero Hessian's least-squares Newton step, 0 at every end)."""
    basin, texts = _basin_map_of_the_bowl(contour, race_model, qtbot)
    before = len(texts)
    race_model.set_text("x + y")
    qtbot.waitUntil(lambda: any("computing" in t for t in texts[before:]), timeout=60000)
    qtbot.waitUntil(lambda: basin.done, timeout=120000)
    assert basin.reached() == [] and len(basin.attractors) == 0
    assert (basin.labels == UNFINISHED).all()
    assert "0 critical point(s) reached" in texts[-1] and "unfinished (100%)" in texts[-1]
    from gui.widgets.palette import BASIN_UNFINISHED
    colour = QColor(BASIN_UNFINISHED)
    assert {tuple(c) for c in basin.image.image[..., :3].reshape(-1, 3)} == {
        (colour.red(), colour.green(), colour.blue())}
    assert len(basin.markers.getData()[0]) == 0
    basin.shutdown()


def test_the_basins_note_agrees_with_its_counts(contour, race_model, qtbot):
    """The monkey saddle's note read "2 critical point(s) reached … dark = diverged
    (100%), light = unfinished (0%)": 39 962 of 40 000 starts diverged, 10 were
    unfinished, the rest reached the points; whole percents said none did."""
    basin, texts = _basin_map_of_the_bowl(contour, race_model, qtbot)
    before = len(texts)
    race_model.set_text("x^3 - 3x y^2")
    qtbot.waitUntil(lambda: any("computing" in t for t in texts[before:]), timeout=60000)
    qtbot.waitUntil(lambda: basin.done, timeout=120000)
    note, labels = texts[-1], basin.labels
    diverged, unfinished = int((labels == DIVERGED).sum()), int((labels == UNFINISHED).sum())
    assert basin.reached() and 0.99 * labels.size < diverged < labels.size, diverged
    assert 0 < unfinished < 0.01 * labels.size, unfinished
    assert f"{len(basin.reached())} critical point(s) reached" in note, note
    assert "dark = diverged (> 99%)" in note and "light = unfinished (< 1%)" in note, note
    basin.shutdown()

