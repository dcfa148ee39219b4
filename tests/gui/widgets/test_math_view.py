"""The formulas typeset with ziamath: one equation per formula, none blank, text fallback."""
import numpy as np
import pytest
from PySide6.QtGui import QImage

from gui.compute.latex_renderer import plain_text, render_svg, tidy_latex
from gui.widgets.equation_pixmap import draw_svg
from gui.widgets.math_view import MARGIN, MathView
from gui.app.presets import find_preset


def dark_pixels(pixmap) -> int:
    """How many pixels of the pixmap are clearly inked (opaque and dark)."""
    image = pixmap.toImage().convertToFormat(QImage.Format.Format_RGBA8888)
    arr = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), -1)[:, :image.width() * 4]
    rgba = arr.reshape(image.height(), image.width(), 4).astype(int)
    return int(np.sum((rgba[..., 3] > 128) & (rgba[..., :3].sum(axis=-1) < 300)))


def show_view(qtbot, model, preset, width=1200):
    view = MathView(model)
    qtbot.addWidget(view)
    view.resize(width, 100)
    view.show()
    model.load_preset(find_preset(preset))
    assert model.wait_for_analysis()
    qtbot.waitUntil(lambda: view.is_ready and view.equations
                    and all(e.kind == "typeset" for e in view.equations), timeout=20000)
    view.resize(width, view.panel_height())
    qtbot.wait(30)
    return view


@pytest.mark.parametrize("preset, count", [("x^4 - 4x^3 + 4x^2", 3), ("x^2 + 2y^2", 5)])
def test_equations_are_typeset_and_not_blank(qtbot, model, preset, count):
    view = show_view(qtbot, model, preset)
    assert len(view.equations) == count == len(model.formulas)
    for eq, formula in zip(view.equations, model.formulas):
        assert eq.tex == f"{formula.label} = {formula.latex}"
        assert eq.width > 40 and eq.height > 15
        assert dark_pixels(eq.pixmap) > 100
    rects = view.equation_rects()
    assert len(rects) == count
    for a, b in zip(rects, rects[1:]):
        assert not a.intersects(b)
    assert all(view.rect().contains(r.toRect()) for r in rects)


def test_shrinks_when_narrow_and_scales(qtbot, model):
    """Narrow, the set shrinks to fit the panel, whose height stays, every formula drawn
    whole (the partials too: ∇f shows them by name); a larger scale draws the
    equations larger in a taller panel."""
    view = show_view(qtbot, model, "x^2 + 2y^2", width=1400)
    height = view.panel_height()
    # each row starts at the left margin
    rows = lambda: sum(r.left() == MARGIN for r in view.equation_rects())   # noqa: E731
    assert rows() == 1 and view.fit == 1.0
    view.resize(420, height)
    qtbot.wait(30)
    qtbot.waitUntil(lambda: view.forms_ready, timeout=10000)
    assert view.height() == height and 0.6 <= view.fit < 1.0
    view.equation_rects()                               # laid out at this size
    texts = [eq.tex for eq in view.equations]
    # ∂f/∂x, ∂f/∂y left out only where keeping them would scroll: ∇f lists them in full
    assert not view.scroll_bar.isVisible()
    if view.left_out:
        assert view.left_out == {1, 2} and len(texts) == 3
        assert "4 y" in texts[1]
    else:
        assert len(texts) == 5 and texts[1].endswith("= 2 x") and texts[2].endswith("= 4 y")
    assert all(r.right() <= view.width() and r.width() > 20 for r in view.equation_rects())
    width = view.equations[0].width
    view.set_scale(2.0)
    assert view.equations[0].width == pytest.approx(2 * width, rel=0.01)
    assert view.panel_height() > height


def test_tidy_latex_keeps_tall_fences_only():
    assert tidy_latex(r"4 x \left(x^{2} - 3 x + 2\right)") == "4 x (x^{2} - 3 x + 2)"
    tall = r"\left(\frac{1}{x}\right)"
    assert tidy_latex(tall) == tall
    assert tidy_latex(r"\left|{y}\right|") == "|{y}|"
    assert r"\left[" in tidy_latex(r"\left[\begin{matrix}1 & 2\end{matrix}\right]")


def test_sympy_constructs_typeset():
    for tex in (r"f'(x) = \frac{1}{\cosh^{2}{\left(x \right)}}", r"\sigma\left(x\right)",
                r"\operatorname{relu}\left(x\right)", r"e^{- x}", r"\left|{y}\right|",
                r"\sqrt{x} + \log{\left(x \right)} + \sin{\left(x y \right)}",
                r"H = \left[\begin{matrix}2 & 0\\0 & 4\end{matrix}\right]"):
        assert "<path" in render_svg(tex)


def test_plain_text_fallback_is_readable():
    assert plain_text(r"\frac{\partial f}{\partial x} = \frac{1}{x}") == "(∂f)/(∂x) = 1/x"
    assert plain_text(r"f(x) = x^{4} - 4 \sqrt{x}") == "f(x) = x^4 - 4 √(x)"


def test_big_gradient_shows_its_definition_and_the_hessian_its_entries(qtbot, model):
    """Beale: ∇f (335 characters) by its definition, next to the partials; H never as
    ∂²f/∂x² placeholders: its entries, or (too long to read) its numbers at the iterate."""
    view = MathView(model)
    qtbot.addWidget(view)
    model.load_preset(find_preset("Beale"))
    assert model.wait_for_analysis(30000)
    qtbot.waitUntil(lambda: view.is_ready and len(view.equations) == 5, timeout=30000)
    grad, hess = view.equations[3], view.equations[4]
    assert grad.tex.startswith(r"\nabla f = ") and r"\frac{\partial f}{\partial x}" in grad.tex
    assert r"\partial" not in hess.tex
    assert grad.kind == hess.kind == "typeset"
    if hess.tex.startswith("H("):                       # the numbers at the start (1, 1.5)
        assert hess.tex.startswith("H(1, 1.5) = ")
        h = model.expression.hessian(1.0, 1.5)
        for v in h.ravel():
            assert f"{v:.4g}" in hess.tex
    else:
        assert hess.tex.startswith(r"H = \left[") and "y^{2}" in hess.tex


def test_a_long_hessian_shows_its_numbers_at_the_current_iterate(qtbot, model):
    from engine.analysis import Formula, hessian_at
    view = MathView(model)
    qtbot.addWidget(view)
    model.load_preset(find_preset("Bumpy bowl"))
    assert model.wait_for_analysis(30000)
    qtbot.waitUntil(lambda: view.is_ready and len(view.equations) == 5, timeout=30000)
    formulas = list(model.formulas)
    formulas[-1] = Formula("H", formulas[-1].latex, long=True)   # as the engine marks a long one
    view._on_formulas(tuple(formulas))
    qtbot.waitUntil(lambda: view.is_ready, timeout=10000)
    expected = hessian_at(model.expression, model.start)
    assert view.equations[-1].tex == f"{expected.label} = {expected.latex}"
    assert view.equations[-1].kind == "typeset"
    model.set_frame(7)                                  # the numbers follow the iterate
    point = model.paths["gd"].points[7]
    expected = hessian_at(model.expression, point)
    qtbot.waitUntil(lambda: view.is_ready and view.equations[-1].tex ==
                    f"{expected.label} = {expected.latex}", timeout=10000)
    assert r"\partial" not in view.equations[-1].tex


def test_overlong_equations_show_as_shortened_text(qtbot, model):
    from engine.analysis import Formula
    view = MathView(model)
    qtbot.addWidget(view)
    long = Formula("f(x)", " + ".join(["x^{2}"] * 200))
    view._on_formulas((Formula("f(x)", "x^{2}"), long))
    qtbot.waitUntil(lambda: view.is_ready, timeout=5000)
    assert [e.kind for e in view.equations] == ["typeset", "text"]
    assert view.equations[1].width < 2500


def test_failed_typesetting_shows_text(qtbot, model):
    from engine.analysis import Formula
    view = MathView(model)
    qtbot.addWidget(view)
    # LaTeX that ziamath refuses (in the typesetting process): each shows as plain text
    broken = (Formula("f(x)", r"\frac{1}{"), Formula("g(x)", r"x^"), Formula("h(x)", r"\left( x"))
    view._on_formulas(broken)
    qtbot.waitUntil(lambda: view.is_ready, timeout=10000)
    assert [e.kind for e in view.equations] == ["text"] * 3
    assert all(dark_pixels(e.pixmap) > 20 for e in view.equations)
    assert all(view.renderer.svg(t) is None for t in view._texts)


@pytest.mark.parametrize("preset, name", [("x^4 - 4x^3 + 4x^2", "math_view_1d"),
                                          ("(x-5)^2 + (y-3)^2 + 2xy", "math_view_2d"),
                                          ("(1-x)^2 + 100(y-x^2)^2", "math_view_rosenbrock"),
                                          ("Beale", "math_view_beale")])
def test_screenshots(qtbot, model, screenshot, preset, name):
    view = show_view(qtbot, model, preset, width=1100)
    screenshot(view, name)


def inked_columns(view) -> np.ndarray:
    """(height, width) booleans: where the view's picture holds dark ink (glyphs)."""
    image = view.grab().toImage().convertToFormat(QImage.Format.Format_RGBA8888)
    arr = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), -1)
    rgb = arr[:, :image.width() * 4].reshape(image.height(), image.width(), 4)[..., :3]
    return rgb.astype(int).sum(-1) < 300


@pytest.mark.parametrize("width", [1264, 1904])      # the panel in a 1280 / 1920 window
def test_himmelblaus_hessian_shows_without_scrolling(qtbot, model, width):
    """Himmelblau's H sat on a second row, behind the scroll bar, at both widths: f, the
    partials, ∇f and H show whole, inked, with no scroll bar."""
    view = show_view(qtbot, model, "Himmelblau", width=width)
    qtbot.waitUntil(lambda: view.forms_ready, timeout=10000)
    labels = [f.label for f in model.formulas]
    rects = view.equation_rects()
    hessian = rects[labels.index("H")]
    assert not view.scroll_bar.isVisible()
    assert view.rect().contains(hessian.toRect()) and view.fit >= 0.6
    inked = inked_columns(view)
    box = hessian.toRect()
    assert inked[box.top():box.bottom(), box.left():box.right()].sum() > 150   # (its numbers: less ink)
    assert inked[box.top():box.bottom(), box.right() + 3:].sum() == 0   # none cut at its right
    for label in ("f(x, y)", r"\nabla f"):
        assert view.rect().contains(rects[labels.index(label)].toRect())
    # the partials are never left out: short of room, ∇f names them instead
    for i, label in enumerate(labels):
        if label.startswith(r"\frac"):
            assert view.rect().contains(rects[i].toRect()) and i not in view.shortened
    assert (3 in view.shortened) == (width < 1900)


def test_a_set_too_big_to_fit_scrolls_smoothly_per_pixel(qtbot, model):
    """Past MIN_FIT (even with the partials left out) the panel scrolls per pixel: a
    wheel notch moves a line, a touchpad its pixels, and the row at the edge is drawn cut
    as it passes (a whole-row jump hid it). Nothing is drawn under the scroll bar."""
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtCore import Qt
    view = show_view(qtbot, model, "Rosenbrock", width=300)
    height = view.panel_height()
    qtbot.wait(50)
    assert view.scroll_bar.isVisible() and view.fit == pytest.approx(0.6)
    bar_left = view.scroll_bar.x()
    assert all(r.right() <= bar_left for r in view.equation_rects())

    def wheel(angle=0, pixels=0):
        view.wheelEvent(QWheelEvent(
            QPointF(50, 20), QPointF(view.mapToGlobal(QPoint(50, 20))), QPoint(0, pixels),
            QPoint(0, angle), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase, False))
    wheel(pixels=-3)
    assert view.scroll_bar.value() == 3
    wheel(angle=-120)
    assert view.scroll_bar.value() == 3 + view.scroll_bar.singleStep() or \
        view.scroll_bar.value() == view.scroll_bar.maximum()
    # a row straddling the bottom edge is drawn (cut), not left blank
    view.scroll_bar.setValue(0)
    straddling = [r for r in view.equation_rects() if r.top() < height - 4 < r.bottom()]
    if straddling:
        qtbot.wait(20)
        inked = inked_columns(view)
        top = round(min(r.top() for r in straddling)) + 1
        assert inked[top:height - 2, :bar_left].sum() > 0


def test_a_huge_number_is_typeset_as_a_power_of_ten_and_fits(qtbot, model):
    # 1e308·x² + y was typeset with its 309 digits: shrunk to the least size and still
    # wider than a 1280-pixel window, its end (x², + y) cut off at the panel's edge
    view = MathView(model)
    qtbot.addWidget(view)
    view.resize(1260, 100)
    view.show()
    model.set_text("1e308*x^2 + y")
    assert model.wait_for_analysis()
    qtbot.waitUntil(lambda: view.is_ready and view.equations
                    and all(e.kind == "typeset" for e in view.equations), timeout=20000)
    view.resize(1260, view.panel_height())
    qtbot.wait(30)
    first = view.equations[0]
    assert first.tex == r"f(x, y) = 10^{308} x^{2} + y"
    assert dark_pixels(first.pixmap) > 100
    rect = view.equation_rects()[0]
    assert view.rect().contains(rect.toRect()) and rect.width() < 400


def test_himmelblau_presented_at_720p_shows_h_whole_the_partials_making_way(qtbot, model):
    """Presenting Himmelblau on a 1280×720 projector (the panel 1264 × 83 px at text
    size 1.5): the set wrapped to two rows under a scroll bar, H cut in half. Where
    keeping ∂f/∂x and ∂f/∂y would scroll, they make way (∇f lists them in full)."""
    view = show_view(qtbot, model, "Himmelblau", width=1264)
    view.set_scale(1.5)
    view.resize(1264, 83)
    qtbot.waitUntil(lambda: view.forms_ready, timeout=10000)
    qtbot.wait(30)
    rects = view.equation_rects()
    assert not view.scroll_bar.isVisible() and view.left_out == {1, 2}
    labels = [eq.tex.split(" = ")[0] for eq in view.equations]
    assert labels[0].startswith("f(") and labels[1] == r"\nabla f" and labels[2].startswith("H")
    assert all(r.bottom() <= view.height() and r.right() <= view.width() for r in rects)


def test_a_moved_point_draws_only_the_formulas_that_changed(qtbot, model):
    """The numbers at the iterate change as it moves; the symbolic formulas do not, and
    keep the drawings they had (each was drawn from its SVG again: ~1–2 ms a formula,
    per frame of a race), while a new look (dark) draws them again in its ink."""
    from PySide6.QtWidgets import QApplication
    from gui.widgets import theme
    view = show_view(qtbot, model, "x^2 + 2y^2")
    before = [eq.pixmap.cacheKey() for eq in view.equations]
    view._show()                        # as a moved point's show: every formula again
    assert [eq.pixmap.cacheKey() for eq in view.equations] == before
    assert dark_pixels(view.equations[0].pixmap) > 100
    try:
        theme.apply_theme(QApplication.instance(), view, "dark", 1.0)
        qtbot.waitUntil(lambda: view.equations[0].pixmap.cacheKey() != before[0], timeout=5000)
        assert dark_pixels(view.equations[0].pixmap) == 0       # light ink on dark
    finally:
        theme.apply_theme(QApplication.instance(), view, "light", 1.0)
    qtbot.waitUntil(lambda: dark_pixels(view.equations[0].pixmap) > 100, timeout=5000)


def _first_glyph(tex):
    """The outline of the first glyph drawn for `tex`, moved to x = 0: its shape."""
    import re
    d = re.search(r'<path d="([^"]+)"', render_svg(tex)).group(1)
    numbers = [float(v) for v in re.findall(r"-?\d+\.?\d*", d)]
    xs, ys = numbers[0::2], numbers[1::2]
    return [round(x - min(xs), 2) for x in xs], [round(y, 2) for y in ys]


def test_a_function_name_with_a_digit_is_set_upright():
    # atan2's "a" was an italic a (read as a product a·t·a·n·2): the upright "a" of
    # arcsin, an operator name the typesetter has always set upright
    upright_a = _first_glyph(r"\operatorname{arcsin}\left(y\right)")
    assert _first_glyph(r"\operatorname{atan2}\left(y, x\right)") == upright_a
    assert _first_glyph(r"a") != upright_a             # (the italic a differs)


def test_the_hessian_where_f_is_undefined_says_so_not_infinity(qtbot, model):
    """log(x) + log(y) at (0, 0): H(0, 0) read [[−∞, 0], [0, −∞]], ∞ shown as a value."""
    view = MathView(model)
    qtbot.addWidget(view)
    view.resize(1000, 100)      # narrow: H shows as its numbers at the point
    view.show()
    model.set_text("log(x) + log(y)")
    assert model.wait_for_analysis(30000)
    def drawn(label):           # laid out at this size: `equations` holds the forms drawn
        view.resize(1000, view.panel_height())
        return view.forms_ready and view.equation_rects() is not None and any(
            e.tex.startswith(label) for e in view.equations)
    qtbot.waitUntil(lambda: drawn("H(3, 2)"), timeout=20000)
    model.set_start((0.0, 0.0))
    # the panel's forms of H now: its formula, and its numbers at (0, 0), typeset
    qtbot.waitUntil(lambda: drawn("") and any(
        e.tex.startswith("H(0, 0)") for forms in view._forms for e in forms), timeout=20000)
    (shown,) = [e for forms in view._forms for e in forms if e.tex.startswith("H(0, 0)")]
    assert r"\infty" not in shown.tex and "undefined" in shown.tex
    assert shown.kind == "typeset"


def test_a_fractional_power_reads_on_one_line(qtbot, model):
    """√x + y²'s H: −1/(4 x^(3/2)) was typeset with 3/2 stacked in the exponent (a
    fraction on a superscript, unreadable projected): the H row stood 70 px tall where
    the same matrix with x² stands 54. Now x^{3/2}, on one line."""
    view = MathView(model)
    qtbot.addWidget(view)
    view.resize(1400, 100)
    view.show()
    model.set_text("sqrt(x) + y^2")
    assert model.wait_for_analysis(30000)
    qtbot.waitUntil(lambda: view.forms_ready and any(
        e.tex.startswith("H = ") and e.kind == "typeset" for e in view.equations),
        timeout=20000)
    (h,) = [e for e in view.equations if e.tex.startswith("H = ")]
    assert r"x^{3/2}" in h.tex and r"^{\frac" not in h.tex, h.tex
    # typeset alike, the shown H is hardly taller than with a plain power in its place
    shown = draw_svg(h.tex, render_svg(h.tex), 1.0, 1.0)
    plain_tex = h.tex.replace("x^{3/2}", "x^{2}")
    plain = draw_svg(plain_tex, render_svg(plain_tex), 1.0, 1.0)
    assert dark_pixels(h.pixmap) > 100
    assert shown.height <= 1.15 * plain.height, (shown.height, plain.height)
