"""engine.analysis: typeset derivatives that mean the same, and the critical points of
landscapes whose symbolic work used to take many seconds (results, not timings)."""
import math

import numpy as np
import pytest
import sympy as sp
from numpy.testing import assert_allclose

from engine.analysis import _shortest, _tidy, analyse, formulas
from engine.expression import parse

TANH_LOSS = "0.5*(tanh(2*w+b) - 0.7)^2"
TANH_RELU = "tanh(sin(x)*cos(y))/(1+relu(x-y))"
WAVE = "sin(x*y)*exp(-x^2-y^2)"
BEALE = "(1.5-x+x*y)^2+(2.25-x+x*y^2)^2+(2.625-x+x*y^3)^2"
CAMEL = "(4 - 2.1x^2 + x^4/3)x^2 + x y + (-4 + 4y^2)y^2"
BOX = [(-3, 3), (-3, 3)]

NASTY = [TANH_LOSS, TANH_RELU, WAVE, BEALE, CAMEL, "abs(x)+abs(y)", "sigmoid(x*y)",
         "x^4 - 4x^3 + 4x^2", "log(x^2+1)", "tanh(x)", "(x+y+1)^100*(x-y)^50",
         "1/((x+y+1)^20+(x-y)^20)", "exp((x+y)^30)", "(x^2+y)^10*(x+y^2)^10",
         "log(1+exp(x*y))*sqrt(1+x^2+y^2)"]


def _is_critical(f, p, bounds):
    """|∇f(p)| is tiny next to |∇f| a little way off."""
    span = np.array([hi - lo for lo, hi in bounds])
    near = max(np.linalg.norm(f.gradient(*(p + d * span))) for d in (0.01, -0.01))
    return np.linalg.norm(f.gradient(*p)) <= 1e-8 * max(near, 1e-300)


@pytest.mark.parametrize("text", NASTY)
def test_tidied_derivatives_mean_the_same(text):
    f = parse(text)
    rng = np.random.default_rng(0)
    pts = rng.uniform(-0.9, 0.9, size=(f.dimension, 20))
    entries = [*f.gradient_exprs, *(h for row in f.hessian_exprs for h in row)]
    for e in entries:
        tidy = _tidy(e)
        raw_fn, tidy_fn = (sp.lambdify(f.symbols, g, modules=[
            {"sigmoid": lambda t: 1 / (1 + np.exp(-t)), "relu": lambda t: np.maximum(t, 0),
             "step": lambda t: np.where(t > 0, 1.0, 0.0)}, "numpy"]) for g in (e, tidy))
        with np.errstate(all="ignore"):
            a = np.broadcast_to(raw_fn(*pts), pts.shape[1:])
            b = np.broadcast_to(tidy_fn(*pts), pts.shape[1:])
        ok = np.isfinite(a) & (np.abs(a) < 1e100)
        assert_allclose(b[ok], a[ok], rtol=1e-9, atol=1e-12 * np.max(np.abs(a[ok]), initial=1))


@pytest.mark.parametrize("text", NASTY)
def test_formulas_for_every_entry(text):
    f = parse(text)
    a = analyse(f, [(-2, 2)] * f.dimension)
    assert len(a.formulas) == (3 if f.dimension == 1 else 5)
    assert all(isinstance(fm.latex, str) and fm.latex for fm in a.formulas)


def test_tidy_reads_like_a_lecturer():
    f = parse("tanh(x)")
    assert _tidy(f.gradient_exprs[0]) == 1 - sp.tanh(f.symbols[0]) ** 2     # not cosh⁻²
    (x,) = parse("x^4 - 4x^3 + 4x^2").symbols
    assert _tidy(parse("x^4 - 4x^3 + 4x^2").gradient_exprs[0]) == 4 * x * (x - 1) * (x - 2)



def test_the_shortest_form_has_the_fewest_operations_then_the_shortest_text():
    x, y, z = sp.symbols("x y z")
    long_text = sp.Symbol("a_very_long_name")
    # fewest operations wins, whatever the text's length
    assert _shortest([x * y + x * z, x * (y + z)]) == (x * (y + z), 2)
    # equal operations: the shorter text; equal both: the first
    assert _shortest([long_text + 1, x + 1]) == (x + 1, 1)
    assert _shortest([x + 1, y + 1]) == (x + 1, 1)
    # a candidate given with its count is taken at its word
    assert _shortest([(x * y + x, 1), x + y + z]) == (x * y + x, 1)

def test_tanh_loss_has_a_valley_of_minima_not_isolated_points():
    # 0.5(tanh(2w+b) − 0.7)² is 0 on the whole line 2w + b = atanh(0.7): a continuum of
    # minima, none of them isolated, so none is reported, and nowhere else is ∇f = 0.
    f = parse(TANH_LOSS)
    a = analyse(f, BOX)
    assert a.critical_points == ()
    b, w = 0.3, (math.atanh(0.7) - 0.3) / 2
    assert_allclose(f.gradient(b, w), [0, 0], atol=1e-15)
    assert f(b, w) == pytest.approx(0, abs=1e-30)


def test_tanh_loss_in_one_weight_has_its_isolated_minimum():
    f = parse("0.5*(tanh(2*w) - 0.7)^2")
    (p,) = analyse(f, [(-3, 3)]).critical_points
    assert p.kind == "minimum"
    assert_allclose(p.point, [math.atanh(0.7) / 2], rtol=1e-12)


def test_tanh_relu_points_are_critical_and_off_the_kink():
    f = parse(TANH_RELU)
    pts = analyse(f, BOX).critical_points
    for p in pts:
        assert _is_critical(f, p.point, BOX)
        assert abs(p.point[0] - p.point[1]) > 1e-3        # not on the relu kink x = y
    found = {(round(p.point[0], 6), round(p.point[1], 6)): p.kind for p in pts}
    h = round(math.pi / 2, 6)
    assert found[(-h, 0.0)] == "minimum"                  # tanh(−1) where x < y
    assert found[(0.0, -h)] == found[(0.0, h)] == "saddle"
    assert len(pts) == 4


def test_wave_points_have_the_symmetries_of_f():
    f = parse(WAVE)
    pts = analyse(f, BOX).critical_points
    assert len(pts) == 13
    assert all(_is_critical(f, p.point, BOX) for p in pts)
    kinds = {tuple(np.round(p.point, 6)): p.kind for p in pts}
    assert kinds[(0.0, 0.0)] == "saddle"
    for (x, y), kind in kinds.items():
        assert kinds[(y, x)] == kind                        # f(x, y) = f(y, x)
        assert kinds[(-x, -y)] == kind                      # f(−x, −y) = f(x, y)
        flipped = {"minimum": "maximum", "maximum": "minimum", "saddle": "saddle"}[kind]
        assert kinds[(-x if x else 0.0, y)] == flipped      # f(−x, y) = −f(x, y)


def test_beale():
    bounds = [(-4.5, 4.5), (-4.5, 4.5)]
    f = parse(BEALE)
    pts = analyse(f, bounds).critical_points
    assert [p.kind for p in pts] == ["saddle", "saddle", "minimum"]
    assert_allclose(pts[0].point, [0, 1], atol=1e-12)
    assert_allclose(pts[2].point, [3, 0.5], rtol=1e-10)
    assert _is_critical(f, pts[1].point, bounds)


def test_kinks_and_a_smooth_saddle():
    assert analyse(parse("abs(x)+abs(y)"), BOX).critical_points == ()
    (p,) = analyse(parse("sigmoid(x*y)"), BOX).critical_points
    assert p.kind == "saddle"
    assert_allclose(p.point, [0, 0], atol=1e-12)


def test_seed_results_unchanged():
    pts = analyse(parse("x^4 - 4x^3 + 4x^2"), [(-1, 3)]).critical_points
    assert [p.kind for p in pts] == ["minimum", "maximum", "minimum"]
    assert_allclose([p.point[0] for p in pts], [0, 1, 2], atol=1e-12)
    assert len(analyse(parse(CAMEL), [(-3, 3), (-2, 2)]).critical_points) == 15


# --- any number of variables ---------------------------------------------------------
def test_formulas_of_three_variables_typeset_subscripts_and_greek():
    f = parse("theta^2 + x_1 theta + sin(w2)")
    a = analyse(f, [(-2, 2)] * 3)
    labels = [fm.label for fm in a.formulas]
    assert labels == [r"f(\theta, w_{2}, x_{1})", r"\frac{\partial f}{\partial \theta}",
                      r"\frac{\partial f}{\partial w_{2}}", r"\frac{\partial f}{\partial x_{1}}",
                      r"\nabla f", "H"]
    assert a.formulas[1].latex == r"2 \theta + x_{1}"
    assert a.formulas[-1].latex == (r"\left[\begin{matrix}2 & 0 & 1\\0 & - \sin{\left(w_{2} "
                                    r"\right)} & 0\\1 & 0 & 0\end{matrix}\right]")
    assert not a.formulas[-1].long


def test_two_variable_labels_are_unchanged():
    a = analyse(parse("x^2 + 2y^2"), BOX)
    assert [fm.label for fm in a.formulas] == [
        "f(x, y)", r"\frac{\partial f}{\partial x}", r"\frac{\partial f}{\partial y}",
        r"\nabla f", "H"]
    assert [fm.label for fm in analyse(parse("x^3"), [(-1, 1)]).formulas] == [
        "f(x)", "f'(x)", "f''(x)"]


def test_a_long_hessian_is_marked_and_its_numbers_are_at_hand():
    from engine.analysis import HESSIAN_MAX_CHARS, formulas, hessian_at
    f = parse("sigmoid(w1 x1 + w2 x2 + b)^2 + tanh(a b c)")
    f.compile()
    # analyse's formulas are these (analyse = compile, formulas, critical points): its
    # search for critical points in six variables was 80% of this test and is not its point
    hess = formulas(f)[-1]
    assert len(hess.latex) > HESSIAN_MAX_CHARS and hess.long
    point = np.linspace(-0.5, 0.7, f.dimension)
    numbers = hessian_at(f, point)
    assert numbers.label.startswith("H(-0.5, ")
    rows = numbers.latex.removeprefix(r"\left[\begin{matrix}").removesuffix(
        r"\end{matrix}\right]").split(r"\\")
    values = np.array([[float(v.replace(r" \cdot 10^{", "e").replace("}", ""))
                        for v in row.split("&")] for row in rows])
    assert_allclose(values, f.hessian(*point), rtol=1e-3, atol=1e-4)


def test_hessian_at_writes_tiny_and_undefined_numbers_for_people():
    from engine.analysis import hessian_at
    assert hessian_at(parse("1e-9 x^2 + sqrt(y)"), [0.0, 0.0]).latex == (
        r"\left[\begin{matrix}2 \cdot 10^{-9} & 0\\0 & \text{undefined}\end{matrix}\right]")


def test_analyse_finds_critical_points_in_three_variables():
    a = analyse(parse("(x^2 - 1)^2 + y^2 - z^2"), [(-2, 2)] * 3)
    assert [p.kind for p in a.critical_points] == ["saddle", "saddle", "saddle"]
    assert_allclose([p.point for p in a.critical_points], [[-1, 0, 0], [0, 0, 0], [1, 0, 0]],
                    atol=1e-8)
    assert len(a.formulas) == 6


def test_long_integers_are_typeset_as_powers_of_ten():
    from engine.analysis import formulas
    f, dfdx, *_ = formulas(parse("1e308*x^2 + y"))
    assert f.latex == "10^{308} x^{2} + y" and dfdx.latex == r"2 \cdot 10^{308} x"
    assert formulas(parse("123456789e20*x - 1e30*x^2"))[0].latex == \
        r"- 10^{30} x^{2} + 1.23457 \cdot 10^{28} x"
    assert formulas(parse("9999999e20*x + 123456789012*x^2"))[0].latex == \
        "123456789012 x^{2} + 10^{27} x"              # twelve digits still written out


@pytest.mark.parametrize("text, shown, not_shown", [
    ("ln(x)", r"\ln{", r"\log"), ("log(x)", r"\ln{", r"\log"),     # log is the natural log
    ("atan(x)", r"\arctan{", "atan"), ("arctan(x)", r"\arctan{", "atan"),
    ("asin(x)", r"\arcsin{", "asin"), ("acos(x)", r"\arccos{", "acos"),
])
def test_formulas_are_typeset_as_a_lecturer_writes_them(text, shown, not_shown):
    """ln, not sympy's log; arctan, arcsin, arccos, not atan, asin, acos: in f, in its
    its derivatives and Expression.latex()."""
    f = parse(text)
    typeset = [fm.latex for fm in formulas(f)]
    assert shown in typeset[0] and not_shown not in typeset[0]
    assert shown in f.latex() and not_shown not in f.latex()
    product = formulas(parse(f"y {text}"))
    assert all(not_shown not in fm.latex for fm in product)
    assert shown in product[2].latex          # ∂(y·g(x))/∂y = g(x)


def test_a_hessians_common_factor_comes_out_in_its_short_form():
    """The cone's H: four fractions over (x²+y²)^(3/2); its short form takes that out.
    A polynomial H (Rosenbrock's) shares only a number: no short form."""
    from engine.analysis import formulas
    from engine.expression import parse
    cone = formulas(parse("sqrt(x^2+y^2)"))[-1]
    # (the power on one line: x^{3/2}, never a fraction stacked in the exponent)
    assert cone.short == (r"\left(x^{2} + y^{2}\right)^{-3/2} "
                          r"\left[\begin{matrix}y^{2} & - x y\\- x y & x^{2}\end{matrix}\right]")
    assert len(cone.short) < len(cone.latex) / 2
    assert formulas(parse("(1-x)^2 + 100(y-x^2)^2"))[-1].short == ""


def test_hessian_numbers_keep_their_whole_digits():
    """Rosenbrock's H at (3, 2) is [[10002, -1200], [-1200, 200]]: shown as 1·10^4 it
    read 2 off (four significant digits, in exponent form); whole digits are kept."""
    from engine.analysis import hessian_at
    from engine.expression import parse
    h = hessian_at(parse("(1-x)^2 + 100(y-x^2)^2"), (3, 2))
    assert h.label == "H(3, 2)"
    assert h.latex == r"\left[\begin{matrix}10002 & -1200\\-1200 & 200\end{matrix}\right]"
    assert hessian_at(parse("x^2 y/7"), (1.5, 1)).latex.startswith(r"\left[\begin{matrix}0.2857")


def test_hessian_at_names_what_has_no_value_never_infinity():
    """√x + y² at (0, 0): f = 0 but f_xx = −1/(4x^1.5) has none (read −∞); log(x) + log(y)
    at (0, 0): no f, so no H; exp(x) at 800: a number past the largest float."""
    from engine.analysis import hessian_at
    from engine.expression import parse

    assert hessian_at(parse("sqrt(x) + y^2"), (0, 0)).latex == \
        r"\left[\begin{matrix}\text{undefined} & 0\\0 & 2\end{matrix}\right]"
    whole = hessian_at(parse("log(x) + log(y)"), (0, 0))
    assert whole.label == "H(0, 0)" and "undefined" in whole.latex and r"\infty" not in whole.latex
    assert r"\text{overflow}" in hessian_at(parse("exp(x) + y"), (800, 0)).latex
    assert hessian_at(parse("x^2 + 2y^2"), (1, 1)).latex == \
        r"\left[\begin{matrix}2 & 0\\0 & 4\end{matrix}\right]"


def test_the_tidied_formulas_print_again_only_what_tidying_changed(monkeypatch):
    """The formulas helper prints the derivatives as differentiated, then tidied: an entry
    tidying leaves as it was is printed once (printing was a fifth of the tidied formulas'
    time), and the formulas read as a fresh printing gives them."""
    import engine.analysis as analysis
    text = "sin(x)cos(y) + (x^2+y^2)/509"             # tidying changes nothing here
    f = parse(text)
    as_differentiated = formulas(f, tidy=False, typed=text)
    printed = []
    fresh = analysis.latex
    monkeypatch.setattr(analysis, "latex", lambda expr: (printed.append(expr), fresh(expr))[1])
    tidied = formulas(f, typed=text)
    assert tidied == as_differentiated
    assert printed == []
    analysis._remembered_latex.cache_clear()
    analysis.typed_f_latex.cache_clear()
    assert formulas(f, typed=text) == tidied and printed     # printed afresh: the same text
