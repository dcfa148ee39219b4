"""Every lower-case Greek name and letter is one variable, never a product of letters.

Before, only nine names were known: `theta^2 + phi` read as f(h, i, p, θ) = hip + θ²
(a 4×4 Hessian), `mu + nu` as μ + n·u, and `eta x` was refused with "e t a" suggested.
The names are written out here (not imported from the engine) so that a name dropped
there fails here.
"""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from numpy.testing import assert_allclose

from engine.analysis import formulas
from engine.expression import ExpressionError, parse
from engine.names import unfinished_name
from engine.numeric_expression import parse_numeric

NAMES = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota",
         "kappa", "lambda", "mu", "nu", "xi", "rho", "sigma", "tau", "upsilon", "phi",
         "chi", "psi", "omega"]
LETTERS = {"α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon",
           "ζ": "zeta", "η": "eta", "θ": "theta", "ι": "iota", "κ": "kappa",
           "λ": "lambda", "μ": "mu", "ν": "nu", "ξ": "xi", "ρ": "rho", "σ": "sigma",
           "τ": "tau", "υ": "upsilon", "φ": "phi", "χ": "chi", "ψ": "psi", "ω": "omega",
           # the variants a keyboard or a paste gives
           "ϵ": "epsilon", "ϑ": "theta", "ϰ": "kappa", "µ": "mu", "ϱ": "rho", "ς": "sigma",
           "ϕ": "phi"}


@pytest.mark.parametrize("name", NAMES)
def test_each_greek_name_is_one_variable(name):
    f = parse(f"{name}^2 + 3{name} + y")
    assert f.variables == tuple(sorted([name, "y"]))
    at = {name: np.array(2.0), "y": np.array(5.0)}
    value, gradient = f.value_and_gradient(*(at[v] for v in f.variables))
    assert_allclose(value, 4 + 6 + 5)
    assert_allclose(gradient[f.variables.index(name)], 2 * 2 + 3)
    assert parse(f"{name}_2 * x").variables == tuple(sorted([f"{name}_2", "x"]))


@pytest.mark.parametrize("letter, name", LETTERS.items())
def test_each_greek_letter_is_its_name(letter, name):
    assert parse(f"{letter}^2 + y") == parse(f"{name}^2 + y")
    assert parse(f"2{letter}₁").variables == (f"{name}_1",)


def test_theta_squared_plus_phi_is_a_function_of_two_variables():
    """The lecture's example: f(φ, θ), a 2×2 Hessian, not f(h, i, p, θ)."""
    f = parse("theta^2 + phi")
    assert f.variables == ("phi", "theta")
    assert_allclose(f.hessian(np.array(0.3), np.array(1.2)), [[0, 0], [0, 2]])
    label = formulas(f)[0].label
    assert label == r"f(\varphi, \theta)"          # φ as typed and labelled, not ϕ
    h = next(fm for fm in formulas(f) if fm.label == "H")
    assert h.latex.count(r"\\") == 1 and h.latex.count("&") == 2      # two rows, two columns


@pytest.mark.parametrize("text, variables", [
    ("mu + nu", ("mu", "nu")), ("eta x", ("eta", "x")), ("xi", ("xi",)), ("x i", ("i", "x")),
    ("psi", ("psi",)), ("p si", ("i", "p", "s")), ("tau x", ("tau", "x")),
    ("beta + theta", ("beta", "theta")), ("2xi", ("xi",)), ("phi x", ("phi", "x")),
    ("exp(x)", ("x",)), ("xi1 + phi_2 + ψ₃", ("phi_2", "psi_3", "xi_1")), ("epsilon^2 + upsilon", ("epsilon", "upsilon")),
    ("φ ψ χ ρ τ ν η", ("chi", "eta", "nu", "phi", "psi", "rho", "tau")),
])
def test_runs_that_hold_greek_names(text, variables):
    assert parse(text).variables == variables


def test_phi_and_epsilon_are_typeset_as_typed():
    """φ and ε (LaTeX's \\varphi, \\varepsilon), the letters the editor's label and a
    keyboard give, not the other forms ϕ and ϵ; the rest as sympy writes them."""
    (f, *derivatives) = formulas(parse("phi_1 epsilon + xi"))
    assert f.label == r"f(\varepsilon, \varphi_{1}, \xi)"
    assert f.latex == r"\varepsilon \varphi_{1} + \xi"
    assert derivatives[0].label == r"\frac{\partial f}{\partial \varepsilon}"


@pytest.mark.parametrize("text", ["theta^2 + phi", "mu + nu", "eta x + xi1^2", "φ ψ + τ ρ"])
def test_the_reader_without_sympy_reads_the_same_variables(text):
    """The first picture at start-up is drawn from engine.numeric_expression: the same
    names, the same values."""
    f, g = parse(text), parse_numeric(text)
    assert g.variables == f.variables
    point = [np.array(0.7 + k) for k in range(len(f.variables))]
    for ours, exact in zip(g.value_and_gradient(*point), f.value_and_gradient(*point)):
        assert_allclose(ours, exact)


def test_pi_and_e_stay_constants_and_exp_the_exponential():
    f = parse("pi + e + y")
    assert f.variables == ("y",)
    assert_allclose(f.value_and_gradient(np.array(0.0))[0], np.pi + np.e)
    assert_allclose(parse("exp(x)").value_and_gradient(np.array(1.0))[0], np.e)


# text, where the run starts, both readings the message must offer
AMBIGUOUS = [
    ("taux", 0, ["tau x", "t a u x"]),
    ("y + phix", 4, ["phi x", "p h i x"]),
    ("psix", 0, ["psi x", "p s i x"]),
    ("xix", 0, ["xi x", "x i x"]),
    ("2 betax", 2, ["beta x", "b eta x"]),            # beta holds eta
    ("thetax", 0, ["theta x", "t h eta x"]),          # so does theta
    ("nux", 0, ["nu x", "n u x"]),
    ("chipsi", 0, ["chi psi", "c h i p s i"]),
    ("etan", 0, ["eta n", "e·tan(…)"]),                # a function in the run too
    ("phisin(x)", 0, ["phi·sin(…)", "p·h·i·sin(…)"]),
    ("pix", 0, ["pi x", "p i x"]),
]


@pytest.mark.parametrize("text, position, readings", AMBIGUOUS)
def test_an_ambiguous_run_is_refused_with_both_readings(text, position, readings):
    with pytest.raises(ExpressionError) as info:
        parse(text)
    assert info.value.position == position
    for reading in readings:
        assert f"write {reading} for" in str(info.value) or f"or {reading} for" in str(info.value)


@pytest.mark.parametrize("text, words, position", [
    ("omicron", "looks just like the Latin o", 0),
    ("x + ο", "looks just like the Latin o", 4),
    ("Φ + x", "only the lower-case Greek letters", 0),
])
def test_omicron_and_capitals_are_refused(text, words, position):
    with pytest.raises(ExpressionError) as info:
        parse(text)
    assert words in str(info.value) and info.value.position == position


@pytest.mark.parametrize("text, unfinished", [
    ("pi", False), ("mu", False), ("phi", False), ("theta", False), ("x^2 + eta", False),
    ("ph", True), ("x + ps", True), ("x", True), ("eps", True),
])
def test_the_editor_waits_inside_a_greek_name_only(text, unfinished):
    assert unfinished_name(text) is unfinished


name = st.sampled_from(NAMES)
letter = st.sampled_from("abcdfghjkmnpqrstuvwxyz")     # no e (Euler's number), no i, o


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(name, letter, st.sampled_from(sorted(LETTERS))), min_size=1,
                max_size=6),
       st.lists(st.sampled_from([" ", " * ", " + ", "*", "+", " - "]), min_size=6, max_size=6))
def test_a_greek_name_is_never_split(pieces, separators):
    """Names, letters and Greek letters between operators: exactly those variables."""
    text = "".join(p + s for p, s in zip(pieces, separators))[:-1].rstrip(" *+-")
    expected = {LETTERS.get(p, p) for p in pieces}
    assert set(parse(text).variables) == expected


@settings(max_examples=300, deadline=None)
@given(name, st.text("abcdefghijklmnopqrstuvwxyz", max_size=2),
       st.text("abcdefghijklmnopqrstuvwxyz", max_size=2))
def test_a_run_holding_a_greek_name_is_that_name_or_refused(inner, before, after):
    """Glued to letters, a Greek name is never read as its letters: the run is a name
    itself (b+eta is beta), or refused with its readings."""
    run = before + inner + after
    try:
        f = parse(run)
    except ExpressionError as error:
        assert error.position == 0
        return
    assert f.variables == (run,) and run in NAMES
