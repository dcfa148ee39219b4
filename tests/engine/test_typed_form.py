"""The f line shows the formula as typed: sympy multiplies 2(x+1) out to 2x + 2 and puts
a sum's terms in its own order as it builds them; engine.typed_form reads the text again
with sums and such products kept as written. f itself, latex() and str() stay sympy's
(ENGINE_API)."""
import pytest

from engine.analysis import formulas, typed_f_latex
from engine.expression import parse

AS_TYPED = [
    ("2(x+1)", r"2 \left(x + 1\right)"),
    ("(x+1)*2", r"2 \left(x + 1\right)"),
    ("2(x+1) + 3", r"2 \left(x + 1\right) + 3"),
    ("-2(x-1)", r"- 2 \left(x - 1\right)"),
    ("x - (y+1)", r"x - \left(y + 1\right)"),
    ("3(x+1)/2", r"\frac{3 \left(x + 1\right)}{2}"),
    ("(x-5)^2 + (y-3)^2 + 2xy",
     r"\left(x - 5\right)^{2} + \left(y - 3\right)^{2} + 2 x y"),
    ("(1-x)^2 + 100(y-x^2)^2", r"\left(1 - x\right)^{2} + 100 \left(y - x^{2}\right)^{2}"),
    ("x₁^2 + theta", r"x_{1}^{2} + \theta"),
    ("sin(x)cos(y) + (x^2+y^2)/20",
     r"\sin{\left(x \right)} \cos{\left(y \right)} + \frac{x^{2} + y^{2}}{20}"),
    ("(x+1)(x-1)", r"\left(x + 1\right) \left(x - 1\right)"),
    # what sympy does beyond order and multiplying out stays: x·x is x²
    ("x*x", r"x^{2}"),
    ("2*3x", r"6 x"),
    # already as typed: unchanged
    ("x^2 + 2y^2", r"x^{2} + 2 y^{2}"),
    ("x^3 - 3x", r"x^{3} - 3 x"),
    ("sin(x)/x", r"\frac{\sin{\left(x \right)}}{x}"),
    ("1/(1+e^-x)", r"\frac{1}{1 + e^{- x}}"),
    ("x*y*2", r"2 x y"),
]


@pytest.mark.parametrize("text, tex", AS_TYPED)
def test_the_f_line_reads_as_typed(text, tex):
    assert typed_f_latex(text) == tex
    f = parse(text)
    assert formulas(f, typed=text)[0].latex == tex


def test_f_itself_and_the_api_stay_sympys():
    f = parse("2(x+1)")
    assert f.latex() == "2 x + 2" and str(parse(str(f))) == str(f)
    assert f(1.0) == 4.0
    # without the text the f line is sympy's form, as before
    assert formulas(f)[0].latex == "2 x + 2"
    # the derivatives are sympy's (tidied): f′ = 2
    assert [g.latex for g in formulas(f, typed="2(x+1)")[1:]] == ["2", "0"]


def test_a_text_that_does_not_read_so_falls_back():
    assert typed_f_latex("x^2y") is None          # (refused by the parser itself)
    assert formulas(parse("x + x"), typed="x + x")[0].latex == "x + x"
