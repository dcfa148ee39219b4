"""gui.compute.typesetting: the faster ziamath styles give ziamath's own SVG."""
import collections
import dataclasses

import pytest

from engine.analysis import formulas
from engine.expression import parse
from gui.compute import typesetting
from gui.compute.typesetting import display_tex, render_svg

TEXTS = ("(x^2+y-11)^2 + (x+y^2-7)^2 + x*507",       # ∇f and H: matrices, fences
         "sin(x)cos(y) + (x^2+y^2)/510",             # fractions, functions
         "sqrt(x^2 + 1) + exp(-y)/3",                # roots, exponents
         "theta^2 + w_1*theta")                      # Greek, subscripts


# each fast path of ziamath's styles beside what it replaces there (the other stays on)
FAST_PATHS = (("asdict", typesetting._style_fields, dataclasses.asdict),
              ("ChainMap", typesetting._merged, collections.ChainMap))


@pytest.mark.parametrize("name, fast_path, original", FAST_PATHS, ids=["shallow", "merged"])
@pytest.mark.parametrize("text", TEXTS)
def test_each_fast_style_path_gives_ziamaths_own_svg(text, name, fast_path, original,
                                                     monkeypatch):
    from ziamath import styles
    f = parse(text)
    texs = [display_tex(formula, f.variables) for formula in formulas(f)]
    fast = [render_svg(tex) for tex in texs]
    assert getattr(styles, name) is fast_path          # the fast path was taken
    monkeypatch.setattr(styles, name, original)
    assert [render_svg(tex) for tex in texs] == fast
    assert all(svg.startswith("<svg") and "<path" in svg for svg in fast)


def test_style_fields_are_the_scalar_fields_asdict_gives():
    from ziamath.styles import MathStyle, MathVariant
    style = MathStyle(mathvariant=MathVariant(italic=True), mathcolor="#123456", scriptlevel=2)
    deep, shallow = dataclasses.asdict(style), typesetting._style_fields(style)
    assert shallow.keys() == deep.keys()
    assert {k: v for k, v in shallow.items() if k != "mathvariant"} == \
        {k: v for k, v in deep.items() if k != "mathvariant"}
    assert shallow["mathvariant"] is style.mathvariant


@pytest.mark.parametrize("text", TEXTS)
def test_sizes_parsed_once_give_ziamaths_own_svg(text, monkeypatch):
    from ziamath.nodes import mnode
    f = parse(text)
    texs = [display_tex(formula, f.variables) for formula in formulas(f)]
    texs.append(r"a\;b\,c\!d\quad e\qquad f \mspace{3mu} g \hspace{2pt} h")   # spaces in each unit
    fast = [render_svg(tex) for tex in texs]
    assert mnode.Mnode.size_px is typesetting._size_px     # the fast path was taken
    monkeypatch.setattr(mnode.Mnode, "size_px", typesetting._original_size_px)
    assert [render_svg(tex) for tex in texs] == fast
    assert all(svg.startswith("<svg") and "<path" in svg for svg in fast)


def test_size_px_answers_as_ziamaths_own():
    from ziamath.nodes import mnode
    typesetting._typesetter()
    node = mnode.Mnode.__new__(mnode.Mnode)
    node.glyphsize = 17.5
    sizes = [*typesetting._NAMED_SPACES, "3px", "2.5", "1em", "-0.3ex", "4mu", "2pt", "1in",
             "0.2cm", "bad", "xem", "", "12dd"]
    for size in sizes:
        for fontsize in (None, 9.0):
            assert typesetting._size_px(node, size, fontsize) == \
                typesetting._original_size_px(node, size, fontsize), (size, fontsize)


# what ziamath stretches (or builds operators for), nested and beside rows that stretch nothing
STRETCHING = [r"\left(\frac{a}{b}\right) + \left[\begin{matrix}1 & x\\ \sqrt{y} & 2\end{matrix}\right]",
              r"\left|x\right| + \left\{ \frac{1}{2} \right\} + \overline{xy} + \hat{a} + \sum_{i=1}^n i",
              r"\left(\left(\frac{x}{2}\right)^{2} + (y)\right) \| b \mid c \langle x \rangle",
              r"\begin{matrix}\left(\frac{1}{x}\right) & 2\end{matrix} + \underbrace{a+b}_{c}"]


@pytest.mark.parametrize("text", TEXTS)
def test_rows_copied_in_memory_give_ziamaths_own_svg(text, monkeypatch):
    from ziamath.nodes import mrow
    f = parse(text)
    texs = [display_tex(formula, f.variables) for formula in formulas(f)]
    texs += STRETCHING
    fast = [render_svg(tex) for tex in texs]
    assert mrow.Mrow._get_height_nostretch is typesetting._height_nostretch
    monkeypatch.setattr(mrow.Mrow, "_get_height_nostretch", typesetting._original_height_nostretch)
    assert [render_svg(tex) for tex in texs] == fast


def test_the_plain_fallback_writes_greek_letters_ln_and_arctan():
    """When ziamath fails the equation shows as text: θ and φ as letters (not 'theta'),
    \\eta inside \\beta and \\theta left alone, ln and arctan as typeset."""
    tex = formulas(parse("theta^2 + phi + beta eta + ln(x) + atan(x)"))[0]
    text = typesetting.plain_text(f"{tex.label} = {tex.latex}")
    assert text.startswith("f(β, η, φ, θ, x) = ")
    assert "β η" in text and "φ" in text and "θ^2" in text
    assert "ln(x)" in text and "arctan(x)" in text
    assert not any(name in text for name in ("theta", "phi", "eta", "log", "atan"))


@pytest.mark.parametrize("name", ["phi", "epsilon", "theta", "xi", "upsilon", "w_1", "phi_2", "x"])
def test_a_variable_is_named_as_the_formulas_typeset_it(name):
    """A big ∇f shown by its definition names ∂f/∂φ as f's own formulas do (φ, not ϕ)."""
    import sympy as sp
    from engine.analysis import latex
    assert typesetting.tex_name(name) == latex(sp.Symbol(name, real=True))


@pytest.mark.parametrize("text", TEXTS[:2])
def test_each_element_of_a_formula_is_laid_out_at_most_twice(text, monkeypatch):
    """ziamath laid every row's children out twice, the first time only to measure how tall
    its fences stretch: nested rows 2^depth times (H of sin(x)cos(y): 1607 nodes built for
    its 80 MathML elements). A row with nothing that stretches is laid out once, and only
    a matrix inside stretching brackets twice."""
    from xml.etree import ElementTree

    from ziamath.nodes import mnode
    from ziamath.tex import tex2mml
    typesetting._typesetter()
    built = []
    original = mnode.Mnode.__init__
    monkeypatch.setattr(mnode.Mnode, "__init__",
                        lambda node, *a, **k: (built.append(node), original(node, *a, **k))[1])
    f = parse(text)
    for formula in formulas(f):
        tex = display_tex(formula, f.variables)
        elements = sum(1 for _ in ElementTree.fromstring(tex2mml(typesetting.tidy_latex(tex))).iter())
        built.clear()
        render_svg(tex)
        limit = 2 * elements if "matrix" in tex else elements
        assert elements <= len(built) <= limit, (formula.label, len(built), elements)
