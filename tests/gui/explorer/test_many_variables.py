"""The explorer with three and six variables, end to end in the real window: typeset
formulas, the iterate table's columns, one start box per variable, the map and surface
as a slice through the current iterate (named on the map, moving with the animation),
projected paths, and a saved session that reopens to the same slice."""
import numpy as np
import pytest
from PySide6.QtGui import QColor

from engine.expression import parse
from gui.compute.typesetting import display_tex, gradient_as_partials
from gui.widgets.number_text import significant_text

# One window for the module, put back by File ▸ New before each test (fixture `window`):
# f, start, slice and frame are session state. own_window: the test resizes the window,
# or saves a file (the recent files in QSettings), which File ▸ New keeps.
pytestmark = [pytest.mark.shared_window, pytest.mark.xdist_group("many_variables_shared")]

THREE = "(w_1-1)^2 + (w_2+2)^2 + b^2"
SIX = "(x_1-1)^2 + (x_2+1)^2 + x_3^2 + 2x_4^2 + (x_5-2)^2 + 0.5x_6^2 + x_1 x_2"


def _type(window, qtbot, text):
    m = window.model
    m.set_text(text)
    assert m.wait_for_analysis(30000)
    # f, ∇f (its column lists every ∂f/∂v, so they are not repeated) and H
    qtbot.waitUntil(lambda: window.math_view.is_ready and len(window.math_view.equations)
                    == 3 and m.dimension > 2, timeout=30000)
    return m


def test_three_variables_formulas_table_and_start(window, qtbot):
    m = _type(window, qtbot, THREE)
    assert m.expression.variables == ("b", "w_1", "w_2")
    assert m.window == ((-3.0, 3.0),) * 3 and m.start == (1.5, 1.5, 1.5)
    view = window.math_view
    # ∇f typeset in full: its column of the three partials
    (grad,) = [f for f in m.formulas if f.label == r"\nabla f"]
    full = display_tex(grad, m.expression.variables)
    assert full == (r"\nabla f = \left[\begin{matrix}2 b\\2 w_{1} - 2\\"
                    r"2 w_{2} + 4\end{matrix}\right]")
    assert view.renderer.svg(full) is not None
    # on screen, once its shorter forms are typeset too (they come after the formulas:
    # read before them, the panel still showed the column, and on a loaded CI after them
    # it did not): three 3-row matrices do not fit the 80-px panel readably, so ∇f is
    # shown in one line with its entries (its partials are not listed beside it: by its
    # definition alone the panel showed no derivative of f at all), f and H in full
    qtbot.waitUntil(lambda: view.forms_ready and bool(view.equation_rects())
                    and view.shortened == {1}, timeout=30000)
    eqs = view.equations
    assert all(e.kind == "typeset" for e in eqs)
    assert eqs[-1].tex == r"H = \left[\begin{matrix}2 & 0 & 0\\0 & 2 & 0\\0 & 0 & 2\end{matrix}\right]"
    assert eqs[1].tex == r"\nabla f = \left(2 b, 2 w_{1} - 2, 2 w_{2} + 4\right)"
    assert gradient_as_partials(m.expression.variables) == (     # its last resort
        r"\nabla f = \left(\frac{\partial f}{\partial b}, \frac{\partial f}{\partial w_{1}}, "
        r"\frac{\partial f}{\partial w_{2}}\right)")
    assert eqs[0].tex.startswith("f(b, w_{1}, w_{2}) = ")
    assert window.editor.prefix.text() == "f(b, w₁, w₂) ="
    table = window.iterate_table.table_model
    headers = [table.headerData(c, Qt_Horizontal()) for c in range(table.columnCount())]
    assert headers == ["k", "b", "w₁", "w₂", "f(b, w₁, w₂)", "∂f/∂b", "∂f/∂w₁", "∂f/∂w₂", "|∇f|"]
    boxes = window.explorer.descent_panel.start_boxes
    assert [b.isVisibleTo(window) for b in boxes[:3]] == [True] * 3
    boxes[2].setValue(-0.5)                        # editing one box moves only that coordinate
    assert m.start == (1.5, 1.5, -0.5)


@pytest.mark.parametrize("text, row", [
    ("atan(x) + w1*w2", r"\nabla f = \left(w_{2}, w_{1}, \frac{1}{x^{2} + 1}\right)"),
    ("x^2 + y^2 + z^2 + x*y*z", r"\nabla f = \left(2 x + y z, x z + 2 y, x y + 2 z\right)")])
def test_three_variables_show_their_derivatives_in_one_line(window, qtbot, text, row):
    """Where ∇f's column does not fit, its one line with the entries comes before its
    definition, and H's numbers are tried with it: the definition alone with H's
    numbers showed not one derivative of f (its partials are not listed for three)."""
    _type(window, qtbot, text)
    view = window.math_view
    qtbot.waitUntil(lambda: view.forms_ready and bool(view.equation_rects()), timeout=30000)
    assert [e.tex for e in view.equations][1] == row
    assert not view.scroll_bar.isVisible()


def Qt_Horizontal():
    from PySide6.QtCore import Qt
    return Qt.Orientation.Horizontal


def test_three_variables_map_is_a_slice_that_moves_with_the_animation(window, qtbot):
    m = _type(window, qtbot, THREE)
    picker, contour = window.explorer.slice_picker, window.contour_view
    assert picker.isVisible()
    assert (picker.across.currentText(), picker.up.currentText()) == ("b", "w₁")
    assert picker.held.text() == "slice at w₂ = 1.5"
    assert contour.plot.titleLabel.text == "slice at w₂ = 1.5"
    assert contour.plot.getAxis("bottom").labelText == "b"
    assert contour.plot.getAxis("left").labelText == "w₁"
    # the map is f with w₂ held at 1.5: its smallest value (w₂ + 2)² at b = 0, w₁ = 1
    z = contour.landscape
    i, j = np.unravel_index(np.nanargmin(z.Z), z.Z.shape)
    assert abs(z.xs[i]) < 0.1 and abs(z.ys[j] - 1) < 0.1
    assert np.nanmin(z.Z) == pytest.approx(3.5 ** 2, abs=0.02)
    star = contour.start_item.getData()          # the start (1.5, 1.5, 1.5) seen as (b, w₁)
    assert (star[0][0], star[1][0]) == (1.5, 1.5)

    m.set_frame(5)
    w2 = m.paths["gd"].points[5, 2]
    text = f"slice at w₂ = {w2:.3g}".replace("-", "−")
    qtbot.waitUntil(lambda: picker.held.text() == text, timeout=3000)
    assert text != "slice at w₂ = 1.5" and contour.plot.titleLabel.text == text
    assert np.nanmin(contour.landscape.Z) == pytest.approx((w2 + 2) ** 2, abs=0.02)
    # the path is projected: its shown points are the iterates' (b, w₁)
    xs, ys = contour.path_items["gd"].getData()
    np.testing.assert_allclose(np.column_stack([xs, ys]), m.paths["gd"].points[:6, :2])
    # ... and on the surface it lies on the slice; its tip is the current iterate's f
    tip = window.surface_view.shown_points("gd")[-1]
    mapping = window.surface_view.mapping
    f_tip = m.expression(*m.paths["gd"].points[5])
    np.testing.assert_allclose(tip[:2], mapping(*m.paths["gd"].points[5, :2], f_tip)[:2])


def test_picking_the_two_variables_of_the_map(window, qtbot):
    m = _type(window, qtbot, THREE)
    picker, contour = window.explorer.slice_picker, window.contour_view
    picker.across.setCurrentIndex(1)                     # w₁ across …
    picker.across.activated.emit(1)
    picker.up.setCurrentIndex(2)                         # … and w₂ up: b is held
    picker.up.activated.emit(2)
    assert m.slice_axes == ("w_1", "w_2")
    assert picker.held.text() == "slice at b = 1.5"
    assert contour.plot.getAxis("bottom").labelText == "w₁"
    assert contour.plot.getAxis("left").labelText == "w₂"
    z = contour.landscape
    i, j = np.unravel_index(np.nanargmin(z.Z), z.Z.shape)
    assert abs(z.xs[i] - 1) < 0.1 and abs(z.ys[j] + 2) < 0.1     # the minimum's (w₁, w₂)
    # a click on the map sets the shown coordinates of the start; b keeps its value
    window.explorer.slice_model.set_start((0.5, -1.0))
    assert m.start == (1.5, 0.5, -1.0)


def test_the_map_shows_the_slice_in_its_colours(window, qtbot):
    """On screen: the darkest colour of the map sits at the slice's minimum (b, w₁) = (0, 1)."""
    _type(window, qtbot, THREE)
    contour = window.contour_view
    _wait_for_the_map(qtbot, contour)           # (a fixed 300 ms before)
    image = contour.canvas.grab().toImage()
    vb = contour.plot.vb

    def brightness(x, y):
        """The median brightness of a 9 × 9 patch (an arrow of the field may cross it)."""
        scene = vb.mapViewToScene(pg_point(x, y))
        r = image.devicePixelRatio()
        px, py = int(scene.x() * r), int(scene.y() * r)
        values = [sum(QColor(image.pixel(px + dx, py + dy)).getRgb()[:3])
                  for dx in range(-4, 5) for dy in range(-4, 5)]
        return float(np.median(values))
    # left of the minimum's marker and label (at (0, 1)): dark blue; far from it: light
    assert brightness(-1.2, 1.0) < brightness(-2.6, -2.6) - 150


def _wait_for_the_map(qtbot, contour):
    """Until the map is sampled for the range shown and no resample is pending."""
    qtbot.wait(10)                  # what the last change posted runs first
    qtbot.waitUntil(lambda: not contour._settle.isActive() and contour.landscape is not None
                    and contour.landscape.window == contour._grid_window(), timeout=5000)


def pg_point(x, y):
    from PySide6.QtCore import QPointF
    return QPointF(x, y)


@pytest.mark.own_window
def test_six_variables(window, qtbot, screenshot):
    m = _type(window, qtbot, SIX)
    assert m.expression.variables == tuple(f"x_{k}" for k in range(1, 7))
    assert len(m.start) == 6 and len(m.window) == 6
    table = window.iterate_table.table_model
    headers = [table.headerData(c, Qt_Horizontal()) for c in range(table.columnCount())]
    assert headers[1:7] == ["x₁", "x₂", "x₃", "x₄", "x₅", "x₆"]
    assert len(headers) == 1 + 6 + 1 + 6 + 1
    boxes = window.explorer.descent_panel.start_boxes
    assert sum(b.isVisibleTo(window) for b in boxes) == 6
    assert window.explorer.slice_picker.held.text() == \
        "slice at x₃ = 1.5, x₄ = 1.5, x₅ = 1.5, x₆ = 1.5"
    H = window.math_view.equations[-1]
    assert H.kind == "typeset" and H.tex.count(r"\\") == 5      # six rows, typeset
    # one minimum, found in all six variables
    (cp,) = m.critical_points
    np.testing.assert_allclose(cp.point, [2, -2, 0, 0, 2, 0], atol=1e-6)
    m.set_settings(methods=("gd", "adam"))
    m.set_frame(20)
    qtbot.waitUntil(lambda: set(window.contour_view.path_items) >= {"gd", "adam"},
                    timeout=5000)               # (a fixed 200 ms before)
    for size, name in (((1280, 720), "explorer_6_variables_1280"),
                       ((1920, 1080), "explorer_6_variables_1920")):
        window.resize(*size)
        _wait_for_the_map(qtbot, window.contour_view)      # (a fixed 400 ms before)
        screenshot(window, name)


@pytest.mark.own_window
def test_session_round_trip_keeps_the_slice(window, qtbot, tmp_path):
    m = _type(window, qtbot, THREE)
    m.set_slice_axes(("w_2", "b"))
    m.set_start((0.5, -1.0, 2.0))
    m.set_frame(4)
    before = window.session.state()
    assert before["explorer"]["slice_axes"] == ["w_2", "b"]
    assert window.commands.save_as(tmp_path / "three")
    window.commands.new_session()
    assert m.wait_for_analysis(30000)
    assert m.slice_axes is None and m.dimension == 2
    assert window.commands.open(tmp_path / "three.gradlab.json")
    assert m.wait_for_analysis(30000)
    qtbot.waitUntil(lambda: m.frame == 4, timeout=5000)
    assert window.session.state() == before
    picker = window.explorer.slice_picker
    assert (picker.across.currentText(), picker.up.currentText()) == ("w₂", "b")
    w1 = m.paths["gd"].points[4, 1]
    assert picker.held.text() == f"slice at w₁ = {significant_text(w1, 3)}".replace("-", "−")


def test_back_to_two_variables_hides_the_slice(window, qtbot):
    _type(window, qtbot, THREE)
    m = window.model
    m.set_text("x^2 + 2y^2")
    assert m.wait_for_analysis(30000)
    qtbot.waitUntil(lambda: window.contour_view.plot.getAxis("bottom").labelText == "x",
                    timeout=5000)
    assert not window.explorer.slice_picker.isVisible()
    assert window.contour_view.plot.titleLabel.text in ("", None) or \
        not window.contour_view.plot.titleLabel.isVisible()
    assert window.explorer.slice_model.expression is m.expression
    assert parse("x^2 + 2y^2") == m.expression
