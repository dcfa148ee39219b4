"""Generated formulas: a random expression tree is written as text in varied equivalent
styles (spaces, implicit multiplication, ^ or **, superscripts, Unicode operators, |x|,
subscripts written three ways, Greek letters or names), parsed, and checked against the
tree's own numpy evaluation; str() of the result must parse back to the same function.
A second generator glues terms together wherever a student might (xsin(x), 2x, x1y),
and the parser must then read the tree or refuse, never something else."""
import math
import random

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from engine.expression import ExpressionError, parse
from engine.functions import FUNCTIONS

VARIABLES = ["x", "y", "w_1", "w_2", "w_10", "theta", "alpha", "b"]
NUMBERS = ["1", "2", "3", "0.5", "1.5", "2.25"]

_UNARY = {
    "sin": np.sin, "cos": np.cos, "tanh": np.tanh, "atan": np.arctan, "asinh": np.arcsinh,
    "sinh": np.sinh, "sigmoid": lambda t: 1 / (1 + np.exp(-t)),
    "softplus": lambda t: np.logaddexp(0, t), "abs": np.abs, "sqrt": np.sqrt,
    "exp": np.exp, "log": np.log, "log10": np.log10, "relu": lambda t: np.maximum(t, 0),
}
_BINARY_FN = {"max": np.maximum, "min": np.minimum,
              # atan2(0, 0) has no value (numpy says 0); sin(π) is 0 exactly for sympy
              "atan2": lambda y, x: np.where((np.abs(y) < 1e-12) & (np.abs(x) < 1e-12),
                                             np.nan, np.arctan2(y, x))}

# --- trees --------------------------------------------------------------------------
leaves = st.one_of(st.tuples(st.just("num"), st.sampled_from(NUMBERS)),
                   st.tuples(st.just("var"), st.sampled_from(VARIABLES)),
                   st.tuples(st.just("const"), st.sampled_from(["pi", "e"])))


def _extend(inner):
    return st.one_of(
        st.tuples(st.sampled_from(["add", "sub", "mul", "div"]), inner, inner),
        st.tuples(st.just("pow"), inner, st.sampled_from([2, 3])),
        st.tuples(st.just("neg"), inner),
        st.tuples(st.just("fn"), st.sampled_from(sorted(_UNARY)), inner),
        st.tuples(st.just("fn2"), st.sampled_from(sorted(_BINARY_FN)), inner, inner),
    )


trees = st.recursive(leaves, _extend, max_leaves=7)


def evaluate(node, point):
    """The tree's value at point {name: value}, in numpy float64 (nan/inf, no errors)."""
    kind = node[0]
    if kind == "num":
        return np.float64(node[1])
    if kind == "var":
        return np.float64(point[node[1]])
    if kind == "const":
        return np.float64(math.pi if node[1] == "pi" else math.e)
    if kind == "pow":
        return evaluate(node[1], point) ** node[2]
    if kind == "neg":
        return -evaluate(node[1], point)
    if kind == "fn":
        return _UNARY[node[1]](evaluate(node[2], point))
    if kind == "fn2":
        # + 0.0 turns a float's −0.0 into 0: exact arithmetic has one zero, and
        # atan2(−(1 − 1), −2) is π to sympy, −π to a float
        return _BINARY_FN[node[1]](evaluate(node[2], point) + 0.0,
                                   evaluate(node[3], point) + 0.0)
    a, b = evaluate(node[1], point), evaluate(node[2], point)
    return {"add": a + b, "sub": a - b, "mul": a * b, "div": a / b}[kind]


def has_undefined_part(node) -> bool:
    """A part with no real value anywhere (1/(1-1), log(-2), 1/(x - x)): sympy folds it
    to a constant, and the parser may refuse the text there (ENGINE_API.md)."""
    if not isinstance(node, tuple) or node[0] in ("num", "var", "const"):
        return False
    with np.errstate(all="ignore"):
        if not any(np.isfinite(evaluate(node, p)) for p in _points(7, 5)):
            return True
        # 1/sin(π): exactly 1/0 to sympy, 1/1.2e-16 to a float
        if node[0] == "div" and all(abs(evaluate(node[2], p)) < 1e-12 for p in _points(7, 5)):
            return True
    return any(has_undefined_part(c) for c in node[1:])


# --- writing a tree as text ------------------------------------------------------------
_SUPERSCRIPT = {2: "²", 3: "³"}
_SUBSCRIPT = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
_GREEK = {"theta": "θ", "alpha": "α"}
SUM, PRODUCT, UNARY, POWER, ATOM = range(5)


class Writer:
    """Writes a tree with random but equivalent choices. glue=True also joins factors
    with no space wherever a student might (the reading may then be refused)."""

    def __init__(self, rng: random.Random, glue: bool = False):
        self.rng, self.glue = rng, glue

    def choice(self, *options):
        return self.rng.choice(options)

    def space(self):
        return self.choice("", " ", " ")

    def write(self, node, need=SUM) -> str:
        text, level = self._write(node)
        if level < need:
            return f"({text})"
        return text

    def _write(self, node):
        kind = node[0]
        if kind == "num":
            return node[1], ATOM
        if kind == "const":
            return (self.choice("pi", "π") if node[1] == "pi" else "e"), ATOM
        if kind == "var":
            return self._variable(node[1]), ATOM
        if kind in ("add", "sub"):
            op = "+" if kind == "add" else self.choice("-", "−")
            right = self.write(node[2], SUM + 1 if kind == "sub" else SUM)
            if kind == "add" and right.startswith("-"):
                right = f"({right})"
            return f"{self.write(node[1], SUM)}{self.space()}{op}{self.space()}{right}", SUM
        if kind == "mul":
            return self._product(node), PRODUCT
        if kind == "div":
            left, right = self.write(node[1], PRODUCT), self.write(node[2], POWER)
            return f"{left}{self.space()}{self.choice('/', '÷')}{self.space()}{right}", PRODUCT
        if kind == "neg":
            return self.choice("-", "−") + self.write(node[1], UNARY), UNARY
        if kind == "pow":
            base = self.write(node[1], ATOM)
            if node[1][0] == "num" or base.endswith(("²", "³")):
                base = f"({base})"         # 2² is fine, but (2)^3 keeps it plainly a power
            style = self.choice("^", "**", "sup")
            if style == "sup":
                return base + _SUPERSCRIPT[node[2]], POWER
            return f"{base}{style}{node[2]}", POWER
        if kind == "fn":
            name, arg = node[1], self.write(node[2])
            if name == "abs" and self.choice(True, False):
                return f"|{arg}|", ATOM
            if name == "sqrt" and self.choice(True, False):
                return f"√({arg})", ATOM
            if name == "log10" and self.choice(True, False):
                return self.choice(f"log_10({arg})", f"log₁₀({arg})", f"log({arg}, 10)"), ATOM
            if name == "atan":
                name = self.choice("atan", "arctan")
            return f"{name}({arg})", ATOM
        args = f"{self.write(node[2])},{self.space()}{self.write(node[3])}"
        return f"{node[1]}({args})", ATOM

    def _variable(self, name):
        letters, _, sub = name.partition("_")
        letters = _GREEK[letters] if letters in _GREEK and self.choice(True, False) else letters
        if not sub:
            return letters
        return letters + self.choice(sub, "_" + sub, sub.translate(_SUBSCRIPT))

    def _product(self, node):
        left = self.write(node[1], PRODUCT)
        right = self.write(node[2], POWER)
        explicit = f"{left}{self.space()}{self.choice('*', '·', '×')}{self.space()}{right}"
        first = right[0]
        if first.isdigit() or first in "-−.|√" or left[-1] in "|":
            return explicit                       # a number or a sign needs its operator
        if (left[-1].isalpha() and first.isalpha() or left[-1].isdigit() and first in "₀₁₂₃"
                or left.endswith(("^2", "^3", "**2", "**3"))):    # x^2y: the parser asks
            if not self.glue or _forms_another_name(left, right):
                return self.choice(explicit, f"{left} {right}")
        return self.choice(explicit, f"{left} {right}", f"{left}{right}")


def _letters(text, from_end):
    chars = reversed(text) if from_end else iter(text)
    run = "".join(c for c in _takewhile_ascii_letters(chars))
    return run[::-1] if from_end else run


def _takewhile_ascii_letters(chars):
    for c in chars:
        if not (c.isascii() and c.isalpha()):
            return
        yield c


def _forms_another_name(left, right):
    """Gluing would make a longer function name (a + tan( -> atan(): that is another
    formula, not a misreading, so the writer keeps a space there."""
    head, tail = _letters(right, False), _letters(left, True)
    joined = tail + head
    return any(joined[i:] in FUNCTIONS or joined[i:].startswith(tuple(FUNCTIONS))
               for i in range(len(tail)))


# --- checks ---------------------------------------------------------------------------
def _points(seed, n=12):
    rng = np.random.default_rng(seed)
    return [dict(zip(VARIABLES, rng.uniform(-1.5, 1.5, len(VARIABLES)))) for _ in range(n)]


def _arguments(f, point):
    return [float(point.get(v, 0.0)) for v in f.variables]


def assert_reads_as_tree(f, tree, seed, text):
    compared = 0
    for point in _points(seed):
        with np.errstate(all="ignore"):
            expected = float(evaluate(tree, point))
        if not math.isfinite(expected) or abs(expected) > 1e6:
            continue
        got = f(*_arguments(f, point))
        assert got == pytest.approx(expected, rel=1e-7, abs=1e-7), (text, str(f), point)
        compared += 1
    return compared


def assert_round_trip(f, seed, text):
    g = parse(str(f))
    if f.expr.free_symbols:                # x + y - y prints as x: a function of x only
        assert set(g.variables) <= set(f.variables), (text, str(f))
    for point in _points(seed + 1, 5):
        a, b = f(*_arguments(f, point)), g(*_arguments(g, point))
        assert (math.isnan(a) and math.isnan(b)) or b == pytest.approx(a, rel=1e-9, abs=1e-12), (
            text, str(f))


_SETTINGS = settings(max_examples=300, deadline=None,
                     suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(trees, st.integers(0, 2 ** 32 - 1))
def test_written_formulas_read_as_their_tree_and_round_trip(tree, seed):
    text = Writer(random.Random(seed)).write(tree)
    try:
        f = parse(text)       # every style the writer uses is part of the language
    except ExpressionError as exc:
        assert has_undefined_part(tree), (text, exc)
        return
    assert_reads_as_tree(f, tree, seed, text)
    assert_round_trip(f, seed, text)
    assert set(f.variables) <= set(VARIABLES) | {"x"}


@_SETTINGS
@given(trees, st.integers(0, 2 ** 32 - 1))
def test_glued_formulas_are_read_right_or_refused(tree, seed):
    text = Writer(random.Random(seed), glue=True).write(tree)
    try:
        f = parse(text)
    except ExpressionError as exc:
        assert exc.position is None or 0 <= exc.position <= len(text)
        return
    assert_reads_as_tree(f, tree, seed, text)
    assert_round_trip(f, seed, text)


def test_the_writer_really_varies_its_styles():
    rng = random.Random(1)
    tree = ("add", ("mul", ("num", "2"), ("pow", ("var", "w_1"), 2)),
            ("fn", "abs", ("sub", ("var", "theta"), ("var", "x"))))
    texts = {Writer(rng).write(tree) for _ in range(200)}
    assert len(texts) > 50
    for marker in ("²", "**", "^", "|", "abs(", "θ", "w₁", "w_1", "·", "×", "−"):
        assert any(marker in t for t in texts), marker
    assert any("2w" in t for t in texts)                       # implicit multiplication
    for t in texts:
        f = parse(t)
        assert f.variables == ("theta", "w_1", "x")
        assert f(0.5, 2.0, 1.5) == pytest.approx(2 * 2.0 ** 2 + abs(0.5 - 1.5)), t
