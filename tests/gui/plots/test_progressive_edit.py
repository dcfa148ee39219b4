"""An edit draws the map of the new f first (from f alone: sketchChanged), then the rest.
What is drawn early must end in exactly the picture a view that never saw the sketch
draws, and under rapid edits no picture of an older f may follow a newer one."""
import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QImage

from engine.calculus import critical_points
from engine.expression import parse
from gui.app.presets import default_preset
from gui.compute.analysis_worker import INLINE_ANALYSIS_NODES, INLINE_SKETCH_NODES
from gui.plots import landscape
from gui.plots.contour_view import GRID, N_LEVELS, ContourView
from tests.gui.paint_counter import Paints

# max(): not compiled from its tree (engine.numpy_source), so it is sketched; a small f
# that is, is answered at once with no sketch (tests/gui/plots/test_edit_at_once.py)
SMALL = "x^2 - y^2 + max(x, 0)^4/7"
# a gradient estimated over INLINE_SKETCH_NODES: its sketch is compiled in the pool thread
LARGE = " + ".join(f"sin({k}x + y^2)cos(x - {k}y)" for k in range(1, 5))

# The tests of the whole window share one (~1 s of CPU a build), put back by File ▸ New
# before each (fixture `window`): they change only f, which is session state.
pytestmark = [pytest.mark.shared_window, pytest.mark.xdist_group("progressive_edit_shared")]


@pytest.fixture
def view(shown, model, qtbot):
    model.load_preset(default_preset())
    assert model.wait_for_analysis()
    v = shown(ContourView(model), 640, 540)
    qtbot.wait(200)                 # the range settles (debounce) before anything is timed
    return v


def picture(widget) -> np.ndarray:
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    return np.frombuffer(image.constBits(), np.uint8).reshape(
        image.height(), image.bytesPerLine() // 4, 4)[:, :image.width(), :3].copy()


def engine_map(f, window):
    return landscape.sample(f, window, GRID, N_LEVELS)


def test_the_sizes_exercise_both_sketch_paths():
    assert parse(SMALL).symbolic_sizes[0] <= INLINE_SKETCH_NODES < parse(LARGE).symbolic_sizes[0]
    assert not parse(SMALL).compiled_from_tree
    assert parse(LARGE).symbolic_sizes[0] > INLINE_ANALYSIS_NODES


@pytest.mark.parametrize("text", [SMALL, LARGE])
def test_the_map_comes_first_and_ends_as_the_engines(view, model, qtbot, text):
    before = picture(view.canvas.viewport())
    seen = []          # what the view held when each signal reached it (after its own slot)

    def on_sketch(expr):
        paths = sum(item.isVisible() for item in view.path_items.values())
        seen.append(("sketch", expr, view.landscape, len(view.field.base),
                     view.critical_item.data.size + paths, picture(view.canvas.viewport())))

    def on_expression(expr):
        seen.append(("expression", expr))
    model.sketchChanged.connect(on_sketch)
    model.expressionChanged.connect(on_expression)
    model.set_text(text)
    assert model.wait_for_analysis()
    qtbot.wait(100)
    target = parse(text)

    # the sketch came first, of the new f, drawn and painted before f's analysis
    assert [s[0] for s in seen] == ["sketch", "expression"]
    _, sketched, scape, arrows, markers, painted = seen[0]
    assert sketched == target
    assert scape.window == view._grid_window()
    assert_allclose(scape.Z, engine_map(target, scape.window).Z, rtol=1e-12)
    assert arrows == 0 and markers == 0     # no ∇f yet, no critical points or paths of the old f
    changed = np.any(painted != before, axis=2).mean()
    assert changed > 0.3, f"only {changed:.0%} of the map's pixels changed at the sketch"

    # settled: the map, arrows and points are the engine's for the new f
    f = model.expression
    assert f == target and view.landscape is scape        # the sketch's grid, not resampled
    fresh = engine_map(target, scape.window)
    assert_allclose(scape.Z, fresh.Z, rtol=1e-12)
    assert_array_equal(scape.levels, fresh.levels)
    assert_array_equal(scape.knots, fresh.knots)
    assert_allclose(view.image.image, scape.colour_position(scape.Z))
    assert len(view.field.base) > 50
    assert_allclose(view.field.gradient, target.gradient(*view.field.base.T).T, rtol=1e-9)
    expected = critical_points(target, model.window)
    assert [tuple(cp.point) for cp in model.critical_points] == \
        pytest.approx([tuple(cp.point) for cp in expected])
    drawn = np.column_stack(view.critical_item.getData()) if len(expected) else np.empty((0, 2))
    assert_allclose(drawn, [cp.point for cp in expected], atol=1e-9)
    for key, path in model.paths.items():           # the new f's paths, shown again
        assert view.path_items[key].isVisible()
        assert_allclose(np.column_stack(view.path_items[key].getData()),
                        path.points[:model.frame + 1])


def test_the_settled_picture_is_the_one_drawn_without_a_sketch(view, model, qtbot, shown):
    model.set_text(SMALL)
    assert model.wait_for_analysis()
    qtbot.wait(300)
    # a second view, made now: it draws straight from the analysed f, never a sketch
    other = shown(ContourView(model), 640, 540)
    qtbot.wait(300)
    # (on a busy machine a view's range may settle late and both resample: wait for it)
    qtbot.waitUntil(lambda: other.landscape.window == view.landscape.window, timeout=5000)
    assert model.wait_for_analysis()
    assert other._map_of is model.expression and view._map_of is model.expression
    assert_array_equal(other.landscape.Z, view.landscape.Z)
    a, b = picture(view.canvas.viewport()), picture(other.canvas.viewport())
    assert a.shape == b.shape
    assert np.any(a != b, axis=2).mean() < 0.001, "the sketched view ends in another picture"


def test_rapid_edits_never_show_an_older_f_after_a_newer(view, model, qtbot):
    texts = [SMALL, LARGE, "x^2 + 3y^2", LARGE + " + x", "(x-1)^2 + y^2 + x*y/5",
             "x^2 + y^2/4"]
    order = {parse(t): k for k, t in enumerate(texts)}
    shown_order = []         # (what, index of its text) as the map showed it

    def record(what):
        def slot(expr):
            shown_order.append((what, order.get(expr, -1), order.get(view._map_of, -1)))
        return slot
    model.sketchChanged.connect(record("sketch"))
    model.expressionChanged.connect(record("expression"))
    for k, text in enumerate(texts):
        model.set_text(text)
        qtbot.wait(5 if k % 2 else 40)      # some answers arrive between edits, some not
    assert model.wait_for_analysis()
    qtbot.wait(100)
    # the text each map showed only ever moves on to newer texts
    maps = [m for _, _, m in shown_order]
    assert -1 not in maps, shown_order
    assert maps == sorted(maps), shown_order
    # and ends on the newest, as the engine computes it
    last = parse(texts[-1])
    assert model.expression == last and view._map_of is model.expression
    assert_allclose(view.landscape.Z, engine_map(last, view.landscape.window).Z, rtol=1e-12)
    assert_allclose(view.field.gradient, last.gradient(*view.field.base.T).T, rtol=1e-9)


def _analysed(model, f):
    """f's compiled analysis landing as a session's or Undo's new f lands, at the step
    the model is at (10 here: paths of more than their start to draw on the surface). A
    typed f starts at step 0, where a path is its start alone."""
    from engine.analysis import Analysis
    model._restore_frame = model.frame
    model._on_analysis(Analysis(f, None, None, tuple(model.window)))


def test_the_surface_follows_the_sketch_then_shows_the_new_paths(window, qtbot):
    """The explorer's views in order: map and surface of f alone (no old paths on them),
    then with f's analysis the same grids with the new f's paths, as the engine has them."""
    from engine.analysis import Analysis
    from gui.plots.surface_view import GRID as SURFACE_GRID
    model, surface, contour = window.model, window.surface_view, window.contour_view
    model.set_frame(10)               # paths of more than their start: drawn on the surface
    qtbot.wait(50)
    old_paths = dict(model.paths)
    assert any(item.visible() for item in surface.path_items.values())
    arrows = window.explorer.lab_panel.arrows            # the selected run's step, on the map
    assert arrows.shafts["step"].isVisible()
    f = parse(LARGE).compile(hessian=False, gradient=False, value_gradient=False)
    model._requested = f              # as set_text leaves it: the sketch is of the newest
    model._on_sketch(f)               # what the worker sends first (f alone compiled)
    qtbot.waitUntil(lambda: surface.surface_of is f, timeout=5000)
    assert model.expression != f and model.paths == old_paths    # nothing else known yet
    assert contour._map_of is f
    assert not any(item.isVisible() for item in arrows.shafts.values())    # the old f's step
    assert not any(item.visible() for item in surface.path_items.values())
    assert len(surface.current_item.pos) == 0
    sketched = surface.landscape
    assert_allclose(sketched.Z, landscape.sample(f, model.window, SURFACE_GRID).Z, rtol=1e-12)

    f.compile(hessian=False, gradient=False)
    _analysed(model, f)
    qtbot.wait(50)
    assert model.expression is f and surface.surface_of is f
    assert surface.landscape is sketched                   # not sampled twice
    assert model.paths and all(p is not old_paths.get(k) for k, p in model.paths.items())
    for key in model.paths:
        assert surface.path_items[key].visible()
        assert_allclose(surface.path_items[key].pos, surface.shown_points(key))
    assert len(surface.current_item.pos) == len(model.paths)
    assert arrows.shafts["step"].isVisible()          # the new f's step, back on the map
    assert_allclose(contour.field.gradient, f.gradient(*contour.field.base.T).T, rtol=1e-9)
    assert model.wait_for_analysis()


def test_a_quick_analysis_draws_the_new_surface_once_with_its_paths(window, qtbot,
                                                                    monkeypatch):
    """∇f compiled within SKETCH_SURFACE_WAIT_MS of the sketch: the new surface is not
    drawn for the sketch (that took the GIL from the worker compiling ∇f, and rendered
    twice) but once, with the analysis: one grid sampled, one render, its paths on it."""
    from engine.analysis import Analysis
    from gui.plots.surface_view import SKETCH_SURFACE_WAIT_MS
    model, surface, contour = window.model, window.surface_view, window.contour_view
    model.set_frame(10)
    qtbot.wait(50)
    view = surface.gl
    backgrounds, rebuilds = [], []
    paint, rebuild = view.paint, surface._rebuild      # (the window is shared: put back)
    monkeypatch.setattr(view, "paint", lambda *a, **k: (backgrounds.append(view._layer),
                                                         paint(*a, **k))[1])
    monkeypatch.setattr(surface, "_rebuild",
                        lambda: (rebuilds.append(surface._sketch), rebuild())[1])
    f = parse(SMALL).compile(hessian=False, gradient=False, value_gradient=False)
    model._requested = f
    model._on_sketch(f)
    QCoreApplication.processEvents()
    assert contour._map_of is f                      # the map's first picture at once
    assert surface.surface_of is not f and rebuilds == []       # the surface waits
    f.compile(hessian=False, gradient=False)
    _analysed(model, f)
    qtbot.wait(SKETCH_SURFACE_WAIT_MS + 100)
    assert model.expression is f and surface.surface_of is f
    assert rebuilds == [None]                        # built once, from the analysed f
    assert backgrounds == ["background"]             # and rendered once
    assert model.paths and all(surface.path_items[k].visible() for k in model.paths)
    for key in model.paths:
        assert_allclose(surface.path_items[key].pos, surface.shown_points(key))
    assert_allclose(surface.landscape.Z,
                    landscape.sample(f, model.window, surface.landscape.Z.shape[0]).Z,
                    rtol=1e-12)
    assert model.wait_for_analysis()


def test_a_sketched_f_that_cannot_be_compiled_gives_the_map_back(view, model, qtbot,
                                                                  monkeypatch):
    from engine.expression import Expression

    class Fails:        # ∇f of a new f fails to compile (its f alone compiles)
        def __get__(self, obj, owner=None):
            raise ValueError("cannot compile")
    old = model.expression
    old_map = view.landscape
    monkeypatch.setattr(Expression, "_value_grad", Fails())
    sketches = []
    model.sketchChanged.connect(sketches.append)
    model.set_text(SMALL)
    assert sketches == [parse(SMALL)]            # its map was drawn ...
    assert model.wait_for_analysis()
    qtbot.wait(50)
    assert model.expression is old               # ... and the map is of the f analysed again
    assert view._map_of is old and view.landscape is not old_map
    assert_allclose(view.landscape.Z, engine_map(old, view.landscape.window).Z, rtol=1e-12)
    assert len(view.field.base) > 50


def test_the_analysis_keeps_the_sketched_surface_picture(window, qtbot):
    """After the sketch drew the new surface, f's analysis adds paths, points and the
    tangent plane over the cached picture of the surface (not rendered again), and the
    result is pixel for pixel the picture of a scene drawn anew."""
    from engine.analysis import Analysis
    model, surface = window.model, window.surface_view
    surface.plane_toggle.setChecked(True)
    model.set_frame(10)
    qtbot.wait(50)
    view = surface.gl
    backgrounds = []
    paint = view.paint
    view.paint = lambda *a, **k: (backgrounds.append(view._layer), paint(*a, **k))[1]
    f = parse(SMALL).compile(hessian=False, gradient=False, value_gradient=False)
    model._requested = f
    model._on_sketch(f)
    qtbot.waitUntil(lambda: surface.surface_of is f, timeout=5000)
    assert view.canvas.picture() is not None
    assert backgrounds == ["background"]              # the new surface, drawn once
    f.compile(hessian=False, gradient=False)
    _analysed(model, f)
    qtbot.wait(50)
    assert model.expression is f and model.paths
    assert all(surface.path_items[k].visible() for k in model.paths)
    assert all(item.visible() for item in surface._plane_items)
    kept = view.canvas.picture().copy()
    assert backgrounds == ["background"], "the surface was rendered again for the paths"
    view._cache_valid = False                          # everything drawn anew
    view.canvas.scene_changed()
    fresh = view.canvas.picture()
    assert backgrounds == ["background", "background"]
    assert kept == fresh, "the picture over the kept surface differs from one drawn anew"
    assert model.wait_for_analysis()


def test_a_sketch_is_painted_once_at_once(view, model, qtbot):
    """The sketch's map is painted inside its slot (the worker's job for ∇f starts after
    it, and sympy there would hold the GIL half the time the map is drawn), and that
    paint holds every change made so far: the scene's own queued update of the same items
    painted the map a second time (~4 ms of an edit's GUI thread)."""
    viewport = view.canvas.viewport()
    paints = Paints(viewport)
    for _ in range(50):               # quiet first: the range settled, nothing left to paint
        count = paints.count
        qtbot.wait(50)
        if paints.count == count and not view._settle.isActive():
            break
    paints.count = 0
    f = parse("x^2 + 3y^2 - x*y/2").compile(hessian=False, gradient=False, value_gradient=False)
    model._requested = f              # as set_text leaves it: the sketch is of the newest
    painted_in_slot = []
    model.sketchChanged.connect(lambda _f: painted_in_slot.append(paints.count))
    model._on_sketch(f)
    assert view._map_of is f and painted_in_slot == [1]
    before_grab = paints.count
    at_once = picture(viewport)       # (a grab paints the viewport too: not counted)
    grabbed = paints.count - before_grab
    for _ in range(5):                # every queued update and paint request delivered
        QCoreApplication.processEvents()
        qtbot.wait(20)
    assert paints.count - grabbed == 1, f"the sketch was painted {paints.count - grabbed} times"
    assert_array_equal(picture(viewport), at_once)      # that one paint was the whole change


def test_a_new_fs_surface_draws_its_paths_once_never_the_old_fs(window, qtbot, monkeypatch):
    """Between a new f's expressionChanged and its pathsChanged the model still holds the
    old f's paths: the surface drew them on the new surface, then the new ones at once
    (a wasted draw of every path, its frame and tangent plane per edit)."""
    from engine.analysis import Analysis
    model, surface = window.model, window.surface_view
    model.set_frame(10)
    qtbot.wait(50)
    old_paths = dict(model.paths)
    assert any(item.visible() for item in surface.path_items.values())
    f = parse("x^2 + 2y^2 - x*y/3").compile(hessian=False, gradient=False, value_gradient=False)
    model._requested = f
    model._on_sketch(f)
    qtbot.waitUntil(lambda: surface.surface_of is f, timeout=5000)
    drawn = []                      # the paths each draw of the surface's path items had
    update_items = surface.paths.update_items
    monkeypatch.setattr(surface.paths, "update_items",
                        lambda paths: drawn.append(dict(paths)) or update_items(paths))
    at_expression = []
    model.expressionChanged.connect(lambda _f: at_expression.append(
        any(item.visible() for item in surface.path_items.values())))
    f.compile(hessian=False, gradient=False)
    _analysed(model, f)
    qtbot.wait(50)
    assert at_expression == [False], "the old f's paths were drawn on the new surface"
    assert len(drawn) == 1 and all(p is not old_paths.get(k) for k, p in drawn[0].items())
    assert drawn[0].keys() == model.paths.keys()
    for key in model.paths:         # the new f's, as the engine has them
        assert surface.path_items[key].visible()
        assert_allclose(surface.path_items[key].pos, surface.shown_points(key))
    assert model.wait_for_analysis()


def test_wider_colour_bar_labels_lay_the_map_out_before_its_first_paint(view, model, qtbot,
                                                                       monkeypatch):
    """A new f whose colour bar labels are wider narrows the map (its range changes with
    the aspect locked): the map is laid out and sampled for that range before its first
    picture. The width was found when the bar's axis was painted: the map was painted,
    laid out anew, resampled and painted again."""
    from gui.plots.contour_view import SETTLE_MS
    model.set_text("x^2 + y^2*701")
    assert model.wait_for_analysis()
    qtbot.wait(3 * SETTLE_MS)
    narrow = view.colour_bar.axis.width()
    chosen = []                       # the colour bar's labels chosen, for which landscape
    colour_ticks = landscape.Landscape.colour_ticks
    monkeypatch.setattr(landscape.Landscape, "colour_ticks",
                        lambda scape, *a: chosen.append(scape) or colour_ticks(scape, *a))
    at_sketch = []          # at the first picture: a sketch, or the analysis at once
    for signal in (model.sketchChanged, model.expressionChanged):
        signal.connect(lambda _f: at_sketch.append(
            (view.landscape, view._grid_window(), view.colour_bar.axis.width(), len(chosen))))
    model.set_text("(x^2+y-11)^2 + (x+y^2-7)^2 + x*707")    # f up to ~2000: wider labels
    assert model.wait_for_analysis()
    qtbot.wait(3 * SETTLE_MS)
    scape, window, width, chosen_at_sketch = at_sketch[0]
    # chosen when the bar got each landscape, and not again when the axis was painted
    assert len(chosen) == chosen_at_sketch == len(set(map(id, chosen)))
    assert view.colour_bar.axis.width() > narrow + 3        # the case this is about
    assert width == view.colour_bar.axis.width()            # laid out at the sketch
    assert scape.window == window == view._grid_window()    # sampled for the final range
    assert view.landscape is scape, "the map was sampled again after its first picture"
    assert_allclose(scape.Z, engine_map(model.expression, window).Z, rtol=1e-12)


def test_after_wider_labels_the_map_and_its_bar_are_the_ones_drawn_fresh(view, model, qtbot,
                                                                        shown):
    """The map relaid out for its bar's wider labels at the sketch ends in the picture a
    view that never saw the narrower f (nor a sketch) draws: map, bar, labels, axes."""
    from gui.plots.contour_view import SETTLE_MS
    model.set_text("x^2 + y^2*701")
    assert model.wait_for_analysis()
    qtbot.wait(3 * SETTLE_MS)
    model.set_text("(x^2+y-11)^2 + (x+y^2-7)^2 + x*707")
    assert model.wait_for_analysis()
    qtbot.wait(3 * SETTLE_MS)
    other = shown(ContourView(model), 640, 540)
    qtbot.waitUntil(lambda: other.landscape is not None
                    and other.landscape.window == view.landscape.window, timeout=5000)
    qtbot.wait(3 * SETTLE_MS)
    assert view.colour_bar.axis.width() == other.colour_bar.axis.width()
    a, b = picture(view), picture(other)
    assert a.shape == b.shape
    assert np.any(a != b, axis=2).mean() < 0.001, "the edited map ends in another picture"


def test_a_sketch_that_resizes_the_3d_view_renders_it_once_with_the_new_surface(
        window, qtbot, monkeypatch):
    """A new f whose colour bar takes another width (x² + 2y²'s "30" to a tilted
    Himmelblau's "−2000") gives the 3-D view another size at the sketch. The view rendered the OLD f at
    that size for the sketch's paint (~18 ms of the GUI thread, Mesa), a picture replaced
    a moment later by the new surface's: it now shows the old picture scaled meanwhile
    and renders once, with the new surface, at its new size."""
    model, surface = window.model, window.surface_view
    canvas, view = surface.gl.canvas, surface.gl
    qtbot.wait(50)
    size_before, renders = canvas.size(), []
    paint = view.paint                                  # (the window is shared: put back)
    monkeypatch.setattr(view, "paint", lambda *a, **k: (renders.append(model.expression),
                                                        paint(*a, **k))[1])
    f = parse("(x^2+y-11)^2 + (x+y^2-7)^2 + 707x").compile(hessian=False, gradient=False,
                                                           value_gradient=False)
    model._requested = f
    model._on_sketch(f)
    qtbot.wait(30)                                      # (its analysis is held back)
    assert canvas.size() != size_before                 # the case: the bar's width changed
    assert renders == [], "the old f rendered anew for the sketch's paint"
    f.compile(hessian=False, gradient=False)
    _analysed(model, f)
    qtbot.waitUntil(lambda: surface.surface_of is f, timeout=5000)
    qtbot.wait(50)
    assert renders == [f]                               # once, the new surface
    assert canvas.picture().size() == canvas.size() * canvas.devicePixelRatioF()
    assert model.wait_for_analysis()
