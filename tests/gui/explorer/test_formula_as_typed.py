"""The typeset f reads as the lecturer typed it: 2(x+1) was shown as 2x + 2 (sympy
multiplies a number over a sum as it builds it), a formula that was not the one on the
board. The derivatives may be simplified; the f line may not."""
from tests.gui.explorer.test_greek_formulas import _inked, _svg_width, _type


def test_two_times_x_plus_one_is_typeset_as_typed(window, qtbot, screenshot):
    view = _type(window, qtbot, "2(x+1)", 3)
    texts = [e.tex for e in view.equations]
    assert texts[0] == r"f(x) = 2 \left(x + 1\right)"
    assert texts[1] == "f'(x) = 2"                     # derivatives: sympy's, tidied
    # on screen: as wide as "2(x + 1)" typesets, not as "2x + 2"
    rect = view.equation_rects()[0]
    scale = view.effective_scale * view.fit
    ours = _svg_width(texts[0])
    multiplied_out = _svg_width(r"f(x) = 2 x + 2")
    assert abs(rect.width() - scale * ours) < 2
    assert abs(ours - multiplied_out) > 3
    assert _inked(view, rect) > 100
    # f itself is unchanged: the same function, the views draw 2x + 2
    assert window.model.expression(1.0) == 4.0
    screenshot(window, "formula_as_typed_2_x_plus_1")


def test_a_sum_keeps_the_order_typed(window, qtbot):
    view = _type(window, qtbot, "(x-5)^2 + (y-3)^2 + 2xy", 5)
    assert view.equations[0].tex == (r"f(x, y) = \left(x - 5\right)^{2} + "
                                     r"\left(y - 3\right)^{2} + 2 x y")
