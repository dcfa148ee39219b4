"""The whole explorer window: what it shows are the engine's numbers, typing reaches
every view, bad text and bad learning rates are survived, presets and Space work.

Every test runs on the real main window under Xvfb: the tests that only look at the fresh
start share one never-reset window (`untouched_window`, conftest.py); the others share one
window put back to a fresh start by File ▸ New before each (`window`, module marked
shared_window).
"""
import numpy as np
import pytest
from numpy.testing import assert_allclose
from PySide6.QtCore import Qt

from engine.errors import ExpressionError
from engine.expression import parse
from engine.optimizers import descend
from gui.app.presets import find_preset, presets

FOUR = ("gd", "momentum", "adam", "newton")

# Everything these tests change (text, settings, frame, preset, tab, playing) is session
# state that File ▸ New puts back (fixture `window`, conftest.py), the one-variable
# curve's tangent and secant too (tests/gui/app/test_file_new.py). Both shared windows are built once per worker that runs the module: keep it on one.
pytestmark = [pytest.mark.shared_window, pytest.mark.xdist_group("main_window_shared")]


# --- helpers -------------------------------------------------------------------------
def engine_path(model, method="gd"):
    """What engine.optimizers.descend gives for the model's current set-up."""
    s = model.settings
    return descend(parse(model.text), model.start, method=method,
                   lr=None if method == "newton" else s.lr, steps=s.max_steps,
                   noise=s.noise, clip=s.clip, seed=s.seed, **s.hyper.get(method, {}))


def displayed_rows(table, rows):
    """The numbers the iterate table shows (its DisplayRole text) in the first rows,
    variable columns only, parsed back to floats."""
    tm = table.table_model
    d = len(table.model.start)
    return np.array([[float(tm.data(tm.index(r, c)).replace("−", "-"))
                      for c in range(1, 1 + d)] for r in range(rows)])


def type_text(qtbot, window, text):
    """Replace the editor's text by typing it, as a user would, and wait for the
    debounce and the analysis to be applied."""
    edit = window.editor.line_edit
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)
    assert edit.text() == text
    qtbot.waitUntil(lambda: window.model.text == text, timeout=3000)
    assert window.model.wait_for_analysis()


def wait_for_expression(qtbot, model, text):
    qtbot.waitUntil(lambda: model.expression == parse(text), timeout=10000)


def load(qtbot, window, name, frame=0):
    window.model.load_preset(find_preset(name))
    assert window.model.wait_for_analysis()
    window.model.set_frame(frame)
    qtbot.wait(50)


def menu_action(window, name):
    menu = next(a.menu() for a in window.menuBar().actions() if "Examples" in a.text())
    return next(a for a in menu.actions() if a.text() == name)


def activate(qtbot, window):
    """Shortcuts only fire in the active window (Xvfb has no window manager to do it)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)


def pixels_of(image):
    """(n, 3) RGB bytes of a QImage."""
    image = image.convertToFormat(image.Format.Format_RGB32)
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), -1, 4)
    return rows[:, :image.width(), 2::-1].reshape(-1, 3).copy()


# --- the default example --------------------------------------------------------------
def test_default_example_is_seed_two(untouched_window):
    window = untouched_window
    model = window.model
    assert model.text == "x^2 + 2y^2"
    assert model.expression == parse("x^2 + 2y^2")
    assert model.start == (3.0, 2.0)
    assert model.settings.methods == ("gd",) and model.settings.lr == pytest.approx(0.1)
    assert window.editor.line_edit.text() == "x^2 + 2y^2"
    assert window.views.currentWidget() is not window.curve_view


def test_iterate_table_shows_the_seed_iterates(untouched_window):
    window = untouched_window
    path = engine_path(window.model)
    rows = displayed_rows(window.iterate_table, 3)
    assert_allclose(rows, [(3, 2), (2.4, 1.2), (1.92, 0.72)], rtol=1e-12)
    assert_allclose(rows, path.points[:3], rtol=1e-6)   # 6 significant digits shown
    assert window.iterate_table.table_model.rowCount() == len(path.points)


def test_contour_path_is_the_engines(window, qtbot):
    model, view = window.model, window.contour_view
    path = engine_path(model)
    for frame in (0, 2, model.last_frame):
        model.set_frame(frame)
        xs, ys = view.path_items["gd"].getData()
        assert_allclose(np.column_stack([xs, ys]), path.points[:frame + 1], rtol=1e-12)
        cx, cy = view.current_items["gd"].getData()
        assert_allclose([cx[0], cy[0]], path.points[frame])
    assert model.last_frame == path.stop_step


def test_contour_image_is_f_on_its_grid(untouched_window):
    window = untouched_window
    scape, f = window.contour_view.landscape, window.model.expression
    X, Y = np.meshgrid(scape.xs, scape.ys, indexing="ij")
    assert_allclose(scape.Z, X**2 + 2 * Y**2, rtol=1e-12)
    assert_allclose(scape.Z[[0, 50, -1], [3, 100, -1]],
                    [f(scape.xs[i], scape.ys[j]) for i, j in [(0, 3), (50, 100), (-1, -1)]])


# --- typing ---------------------------------------------------------------------------
def test_typing_a_one_variable_function_shows_its_curve(window, qtbot):
    text = "x^4-4x^3+4x^2"
    type_text(qtbot, window, text)
    wait_for_expression(qtbot, window.model, text)
    view, f = window.curve_view, parse(text)
    assert window.views.currentWidget() is view
    xs, ys = view.curves["f"].getData()
    assert len(xs) > 100
    shown = np.isfinite(ys)
    assert shown.mean() > 0.9                        # for_display clips only far outliers
    assert_allclose(ys[shown], f(xs[shown]), rtol=1e-12)
    _, dys = view.curves["df"].getData()
    ok = np.isfinite(dys)
    assert_allclose(dys[ok], 4 * xs[ok]**3 - 12 * xs[ok]**2 + 8 * xs[ok], rtol=1e-9, atol=1e-9)
    cx, cy = view.critical_item.getData()
    assert_allclose(np.sort(cx), [0, 1, 2], atol=1e-9)
    assert_allclose(cy[np.argsort(cx)], [0, 1, 0], atol=1e-9)
    kinds = [lb.toPlainText() for lb in view.critical_labels if lb.isVisible()]
    assert sorted(kinds) == ["maximum", "minimum", "minimum"]
    # the descent drawn on the curve is the engine's too
    path = engine_path(window.model)
    window.model.set_frame(3)
    px, py = view.path_items["gd"].getData()
    assert_allclose(px, path.points[:4, 0], rtol=1e-12)
    assert_allclose(py, path.values[:4], rtol=1e-12)
    assert window.editor.prefix.text() == "f(x) ="


def test_typing_a_new_two_variable_function_redraws_every_view(window, qtbot):
    text = "x^2 - y^2"
    type_text(qtbot, window, text)
    wait_for_expression(qtbot, window.model, text)
    scape = window.contour_view.landscape
    X, Y = np.meshgrid(scape.xs, scape.ys, indexing="ij")
    assert_allclose(scape.Z, X**2 - Y**2, rtol=1e-12, atol=1e-12)
    surf = window.surface_view.landscape
    X, Y = np.meshgrid(surf.xs, surf.ys, indexing="ij")
    assert_allclose(surf.Z, X**2 - Y**2, rtol=1e-12, atol=1e-12)
    path = engine_path(window.model)
    window.model.set_frame(5)
    xs, ys = window.contour_view.path_items["gd"].getData()
    assert_allclose(np.column_stack([xs, ys]), path.points[:6], rtol=1e-12)
    assert_allclose(displayed_rows(window.iterate_table, 6), path.points[:6], rtol=1e-5)
    steps, values = window.loss_plot.curve_data("gd")
    assert_allclose(values, path.values[:6], rtol=1e-12)
    cx, cy = window.contour_view.critical_item.getData()
    assert_allclose([cx[0], cy[0]], [0, 0], atol=1e-9)
    qtbot.waitUntil(lambda: window.math_view.is_ready, timeout=10000)


@pytest.mark.parametrize("bad", ["x^", "sin("])
def test_invalid_text_shows_the_engines_message_and_keeps_the_plots(window, qtbot, bad):
    model = window.model
    before = {
        "expression": model.expression,
        "image": window.contour_view.image.image.copy(),
        "window": window.contour_view.landscape.window,
        "path": np.column_stack(window.contour_view.path_items["gd"].getData()),
        "z": window.surface_view.landscape.Z.copy(),
        "rows": displayed_rows(window.iterate_table, 3),
    }
    with pytest.raises(ExpressionError) as info:
        parse(bad)
    error = info.value
    assert error.position is not None

    type_text(qtbot, window, bad)
    qtbot.waitUntil(lambda: window.editor.error_text != "", timeout=3000)
    assert error.message in window.editor.error_text
    assert f"at character {error.position + 1}" in window.editor.error_text
    assert window.editor.error_column == error.position
    assert str(model.error) == str(error)

    qtbot.wait(300)          # anything late would have arrived by now
    assert model.expression == before["expression"]
    assert model.expression == parse("x^2 + 2y^2")
    # The error line takes some height from the views, so the aspect-locked map may show
    # a little more of y and resample: the same f on the new grid, not the same array.
    scape = window.contour_view.landscape
    if scape.window == before["window"]:
        np.testing.assert_array_equal(window.contour_view.image.image, before["image"])
    X, Y = np.meshgrid(scape.xs, scape.ys, indexing="ij")
    assert_allclose(scape.Z, X**2 + 2 * Y**2, rtol=1e-12)
    np.testing.assert_array_equal(
        np.column_stack(window.contour_view.path_items["gd"].getData()), before["path"])
    np.testing.assert_array_equal(window.surface_view.landscape.Z, before["z"])
    np.testing.assert_array_equal(displayed_rows(window.iterate_table, 3), before["rows"])
    assert window.views.currentWidget() is not window.curve_view

    # fixing the text clears the message
    type_text(qtbot, window, "x^2 + y^2")
    wait_for_expression(qtbot, model, "x^2 + y^2")
    assert window.editor.error_text == "" and window.editor.error_column is None


# --- divergence ---------------------------------------------------------------------
def _check_diverged(window, qtbot):
    model = window.model
    path = model.paths["gd"]
    assert path.status == "diverged"
    model.set_frame(model.last_frame)
    qtbot.wait(50)
    status = window.descent_panel.playback.status_text("gd")
    assert "diverged" in status and str(path.stop_step) in status
    steps, values = window.loss_plot.curve_data("gd")
    assert len(values) == len(path.values)
    finite = values[np.isfinite(values)]
    assert finite.max() > 1e6                        # the loss curve climbs away
    lo, hi = window.loss_plot.plot.getPlotItem().vb.viewRange()[1]
    assert hi >= finite.max() * 0.9                  # and the axis follows it
    window.grab()                                    # painting a huge range must not raise


def test_learning_rate_1_5_on_x_squared_diverges(window, qtbot):
    type_text(qtbot, window, "x^2")
    wait_for_expression(qtbot, window.model, "x^2")
    window.model.set_settings(lr=1.5)
    _check_diverged(window, qtbot)


def test_learning_rate_0_6_on_the_default_diverges(window, qtbot):
    window.model.set_settings(lr=0.6)
    _check_diverged(window, qtbot)
    window.model.play()      # playing a diverged path stays quiet too
    qtbot.wait(100)
    window.model.pause()


# --- 3-D ---------------------------------------------------------------------------
def test_surface_renders_a_real_picture(window, qtbot):
    view = window.surface_view
    assert view.gl is not None and view.gl.context().isValid()
    window.model.set_frame(5)
    qtbot.wait(100)
    pixels = pixels_of(view.render_image())
    assert pixels.std(axis=0).max() > 20
    assert len(np.unique(pixels // 8, axis=0)) > 50


# --- presets and keys -----------------------------------------------------------------
@pytest.mark.parametrize("name", ["Himmelblau",
                                  "Example 1 of the notes: x⁴ − 4x³ + 4x²",
                                  "Rosenbrock's banana"])
def test_examples_menu_loads_a_preset(window, qtbot, name):
    preset = find_preset(name)
    menu_action(window, name).trigger()
    assert window.model.wait_for_analysis()
    wait_for_expression(qtbot, window.model, preset["expr"])
    assert window.caption.text() == preset["caption"]
    assert window.editor.line_edit.text() == preset["expr"]
    assert window.model.settings.methods == tuple(preset["methods"])
    one_d = len(preset["start"]) == 1
    assert (window.views.currentWidget() is window.curve_view) == one_d
    f = parse(preset["expr"])
    if one_d:
        xs, ys = window.curve_view.curves["f"].getData()
        ok = np.isfinite(ys)
        assert_allclose(ys[ok], f(xs[ok]), rtol=1e-12)
    else:
        scape = window.contour_view.landscape
        X, Y = np.meshgrid(scape.xs, scape.ys, indexing="ij")
        assert_allclose(scape.Z, f(X, Y), rtol=1e-12)
        xs, _ = window.contour_view.path_items[preset["methods"][0]].getData()
        assert xs[0] == pytest.approx(preset["start"][0])
    assert window.iterate_table.table_model.rowCount() == \
        len(window.model.paths[preset["methods"][0]].points)


def test_every_preset_has_a_menu_action(untouched_window):
    window = untouched_window
    menu = next(a.menu() for a in window.menuBar().actions() if "Examples" in a.text())
    entries = [a for a in menu.actions() if not a.isSeparator()]
    assert entries[0] is window.commands.actions["examples"]      # the gallery (G) first
    assert [a.text() for a in entries[1:]] == [p["name"] for p in presets()]


def test_space_plays_and_pauses_on_the_explorer(window, qtbot):
    model = window.model
    activate(qtbot, window)
    target = window.contour_view.canvas
    target.setFocus()
    assert not model.playing
    qtbot.keyClick(target, Qt.Key.Key_Space)
    assert model.playing
    qtbot.keyClick(target, Qt.Key.Key_Space)
    assert not model.playing


def test_space_in_the_editor_types_a_space(window, qtbot):
    edit = window.editor.line_edit
    edit.setFocus()
    edit.end(False)
    qtbot.keyClicks(edit, " ")
    assert edit.text().endswith(" ") and not window.model.playing


def test_space_does_nothing_to_the_explorer_on_other_tabs(window, qtbot):
    model = window.model
    activate(qtbot, window)
    for index in (1, 2):
        window.tabs.setCurrentIndex(index)
        page = window.tabs.currentWidget()
        page.setFocus()
        for _ in range(2):          # on, then off again: that tab's own animation
            qtbot.keyClick(page, Qt.Key.Key_Space)
            assert not model.playing


# --- screenshots ------------------------------------------------------------------------
def _settle(qtbot, window):
    """The formulas typeset, then the window's picture at rest (settle: its one-shot
    timers done, two grabs alike), for the screenshot: a fixed 200 ms before."""
    from tests.gui.app.test_look_round_trip import settle
    qtbot.waitUntil(lambda: window.math_view.is_ready, timeout=10000)
    settle(qtbot, window)


def test_screenshot_default_four_methods(window, qtbot, screenshot):
    window.model.set_settings(methods=FOUR)
    window.model.set_frame(6)
    _settle(qtbot, window)
    assert all(window.contour_view.path_items[m].isVisible() for m in FOUR)
    screenshot(window, "main_window_default_four_methods")


def test_screenshot_one_variable(window, qtbot, screenshot):
    load(qtbot, window, "Seed 1: x⁴ − 4x³ + 4x²", frame=20)
    _settle(qtbot, window)
    screenshot(window, "main_window_quartic")


def test_screenshot_himmelblau(window, qtbot, screenshot):
    load(qtbot, window, "Himmelblau", frame=40)
    _settle(qtbot, window)
    screenshot(window, "main_window_himmelblau")


@pytest.mark.parametrize("index, name", [(1, "neuron"), (2, "network")])
def test_screenshot_other_tabs(window, qtbot, screenshot, index, name):
    from tests.gui.app.test_look_round_trip import settle
    window.tabs.setCurrentIndex(index)
    settle(qtbot, window)            # the tab built and at rest (a fixed 400 ms before)
    screenshot(window, f"main_window_{name}_tab")


def test_no_plot_opens_a_context_menu(window, qtbot):
    """pyqtgraph's context menus (axis ranges, export, plot options) are not the
    lecture's: no view box of any tab has one (they are no longer built and then
    dropped), and a right-click on the map or the loss curve opens no menu."""
    import pyqtgraph as pg
    from PySide6.QtWidgets import QApplication
    window.neuron, window.network          # built: their plots too
    boxes = [item for view in window.findChildren(pg.GraphicsView)
             for item in view.scene().items() if isinstance(item, pg.ViewBox)]
    assert len(boxes) >= 10
    assert [(box.menuEnabled(), box.menu) for box in boxes] == [(False, None)] * len(boxes)
    for canvas in (window.contour_view.canvas, window.loss_plot.plot):
        viewport = canvas.viewport()
        qtbot.mouseClick(viewport, Qt.MouseButton.RightButton, pos=viewport.rect().center())
        assert QApplication.activePopupWidget() is None


@pytest.mark.own_window
def test_the_window_leaves_the_screen_before_the_helpers_stop(window, monkeypatch):
    """Closing hides the window as soon as its state is saved: it stayed on screen while
    the helpers and workers stopped (and, at a quit, through the process's end)."""
    visible_at_shutdown = []
    monkeypatch.setattr(window.model, "shutdown",
                        lambda: visible_at_shutdown.append(window.isVisible()))
    window.close()
    assert visible_at_shutdown == [False]
