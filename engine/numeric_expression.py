"""A formula as numpy closures, parsed without sympy: a first picture while sympy loads.

    f = parse_numeric("x^2 + 2y^2")     # None for what it does not read (then: parse)
    f(3, 2) -> 17.0;  f.gradient(3, 2) -> array([6., 8.]);  f.exact() -> parse(text)

The app's start shows its first analysed landscape from this (sympy's import is ~0.3 s
of CPU that the window would wait for); engine.expression's Expression, parsed from the
same text, replaces it once sympy is in, and everything that stays on screen (paths,
critical points, formulas) comes from that one. So this reads a subset of the language
with the same tokenizer and names (engine.tokens, engine.names, engine.bars) and the
same grammar as engine.parser, and refuses (None) whatever it cannot read exactly as
the parser does: a number right after a term, √, glued exponents, functions of several
arguments, constants that are not finite real numbers, a negative base to a power that
is not a whole number. ∇f and H are forward-mode derivatives (engine.jets), equal to the
lambdified symbolic ones up to rounding. Never imports sympy.
"""
from __future__ import annotations

import math

import numpy as np

from . import jets
from .errors import ExpressionError
from .names import formula_tokens, name_key
from .tokens import Token

__all__ = ["parse_numeric", "NumericExpression"]

MAX_DEPTH = 100                 # as engine.parser
MAX_VARIABLES = 100
MAX_EXPONENT = 100              # larger constant exponents are left to the parser's guards
_STARTS_ATOM = {"num", "var", "const", "func"}
_CONSTANTS = {"pi": math.pi, "e": math.e}
_BASES = {"log10": 10, "log2": 2}


class _Unsupported(Exception):
    """The text is outside what this module reads the way engine.parser does."""


class _Node:
    """A formula's node: `evaluate(xs, order)` gives its jet (engine.jets) at the
    variables' arrays `xs`; `const` is its value when it has no variable, else None."""
    __slots__ = ("evaluate", "const")

    def __init__(self, evaluate, const=None):
        self.evaluate, self.const = evaluate, const


def _constant(value: float) -> _Node:
    value = float(value)
    if not math.isfinite(value):
        raise _Unsupported("a constant that is not a finite real number")
    return _Node(lambda xs, order: jets.constant(value), value)


def _combine(rule, *nodes, const=None) -> _Node:
    """A node of `nodes` by `rule(*jets, order)`, folded to a constant when they are."""
    def evaluate(xs, order):
        return rule(*(n.evaluate(xs, order) for n in nodes), order)
    if all(n.const is not None for n in nodes):
        with np.errstate(all="ignore"):
            return _constant(evaluate([], 0)[0])
    return _Node(evaluate)


def parse_numeric(text: str) -> "NumericExpression | None":
    """The formula of `text` as numpy closures, or None when `text` does not parse or is
    outside the subset read here (engine.expression.parse then reads or refuses it)."""
    try:
        reader = _Reader(text)
        root = reader.parse()
    except (_Unsupported, ExpressionError, RecursionError, IndexError):
        return None
    names = tuple(sorted(reader.variables, key=name_key)) or ("x",)
    return NumericExpression(text, root, names, reader.variables)


class _Reader:
    """engine.parser's grammar, building _Nodes (see its docstring); refuses by raising."""

    def __init__(self, text: str):
        self.tokens = formula_tokens(text)
        self.i = 0
        self.depth = 0
        self.variables: dict[str, int] = {}      # name -> order of first appearance

    @property
    def tok(self) -> Token:
        return self.tokens[self.i]

    def _advance(self) -> Token:
        self.i += 1
        return self.tokens[self.i - 1]

    def _is_op(self, *ops: str) -> bool:
        return self.tok.kind == "op" and self.tok.text in ops

    def _starts_juxtaposed(self) -> bool:
        return self.tok.kind in _STARTS_ATOM or self._is_op("(", "|open", "√")

    def _enter(self):
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _Unsupported("nested too deeply")

    def parse(self) -> _Node:
        node = self._sum()
        if self.tok.kind != "end":
            raise _Unsupported("text after the formula")
        return node

    def _sum(self) -> _Node:
        node = self._product()
        while self._is_op("+", "-"):
            rule = jets.add if self._advance().text == "+" else jets.sub
            node = _combine(rule, node, self._product())
        return node

    def _product(self) -> _Node:
        node = self._unary()
        while True:
            if self._is_op("*", "/"):
                divide = self._advance().text == "/"
                rhs = self._unary()
                if divide:
                    if rhs.const == 0 or (rhs.const is None and self._zero_everywhere(rhs)):
                        raise _Unsupported("division by zero")   # 1/(y - y) too, as the parser
                    rhs = _combine(lambda a, order: jets.power_constant(a, -1.0, order), rhs)
                node = _combine(jets.mul, node, rhs)
            elif self.tok.kind == "num" or self._is_op("|open", "√"):
                raise _Unsupported("a number or bar after a term")
            elif self._starts_juxtaposed():
                node = _combine(jets.mul, node, self._power())
            else:
                return node

    def _zero_everywhere(self, node: _Node) -> bool:
        """node is 0 at a few scattered points: most likely 0 as sympy simplifies it."""
        points = ((0.7357, -1.3921, 2.1893), (-0.4113, 0.9281, -1.7727), (1.9127, 0.3319, 0.5573))
        for point in points:
            xs = {name: (lambda order, v=point[k % 3] + 0.1 * k: jets.variable(v, 0, 1, 0))
                  for k, name in enumerate(self.variables)}
            with np.errstate(all="ignore"):
                if node.evaluate(xs, 0)[0] != 0:
                    return False
        return True

    def _unary(self) -> _Node:
        if self._is_op("-", "+"):
            negative = self._advance().text == "-"
            self._enter()
            operand = self._unary()
            self.depth -= 1
            return _combine(jets.neg, operand) if negative else operand
        return self._power()

    def _power(self) -> _Node:
        first = self.tok
        base = self._atom()
        if not self._is_op("^", "**"):
            return base
        op = self._advance()
        if first.synthetic and not op.synthetic:
            raise _Unsupported("a superscript raised again")
        self._enter()
        exponent = self._unary()
        self.depth -= 1
        if not op.synthetic and self._starts_juxtaposed() \
                and self.tok.pos == self.tokens[self.i - 1].end:
            raise _Unsupported("a term glued to an exponent")
        return _power(base, exponent, first)

    def _atom(self) -> _Node:
        tok = self.tok
        if tok.kind == "num":
            self._advance()
            mantissa = tok.text.lower().partition("e")[0]
            if len(mantissa) > 1 and mantissa[0] == "0" and mantissa[1] != ".":
                raise _Unsupported("a number with leading zeros")
            return _constant(float(tok.text))
        if tok.kind == "const":
            self._advance()
            return _constant(_CONSTANTS[tok.text])
        if tok.kind == "var":
            self._advance()
            return self._variable(tok.text)
        if tok.kind == "func":
            return self._call()
        if self._is_op("(", "|open"):
            opener = self._advance()
            self._enter()
            node = self._sum()
            closer = ")" if opener.text == "(" else "|close"
            if not self._is_op(closer):
                raise _Unsupported("not closed")
            self._advance()
            self.depth -= 1
            return node if opener.text == "(" else self._apply("abs", node)
        raise _Unsupported(f"'{tok.text}' here")

    def _call(self) -> _Node:
        fn = self._advance()
        name = fn.text
        if name == "log" and fn.sub:
            base = float(fn.sub)
        else:
            base = _BASES.get(name)
        if (name not in jets.UNARY and base is None) or not self._is_op("(") \
                or self.tok.synthetic:
            raise _Unsupported(f"{name} here")
        self._advance()
        self._enter()
        if self._is_op(")"):
            raise _Unsupported("no argument")
        argument = self._sum()
        if not self._is_op(")"):
            raise _Unsupported("several arguments")
        self._advance()
        self.depth -= 1
        if base is None:
            return self._apply(name, argument)
        log_base = math.log(base)
        return _combine(lambda a, order: jets.chain(
            a, lambda u: np.log(u) / log_base, lambda u: 1 / (u * log_base),
            lambda u: -1 / (u ** 2 * log_base), order), argument)

    def _apply(self, name: str, argument: _Node) -> _Node:
        f0, f1, f2 = jets.UNARY[name]
        return _combine(lambda a, order: jets.chain(a, f0, f1, f2, order), argument)

    def _variable(self, name: str) -> _Node:
        if name not in self.variables:
            if len(self.variables) == MAX_VARIABLES:
                raise _Unsupported("too many variables")
            self.variables[name] = len(self.variables)
        return _Node(lambda xs, order: xs[name](order))


def _power(base: _Node, exponent: _Node, first: Token) -> _Node:
    c = exponent.const
    if c is not None:
        if c == int(c) and abs(c) > MAX_EXPONENT:
            raise _Unsupported("a large exponent")
        if base.const is not None and base.const < 0 and c != int(c):
            raise _Unsupported("a negative number to a fractional power")
        if first.kind == "const" and first.text == "e" and base.const == math.e:
            return _combine(lambda a, order: jets.exp_of(a, order), exponent)
        if c in (0, 1):     # as sympy has them: x^0 is 1, x^1 is x (no 0·x^-1 at x = 0)
            return _constant(1.0) if c == 0 else base
        return _combine(lambda a, order: jets.power_constant(a, c, order), base)
    if base.const is not None:
        if base.const <= 0:
            raise _Unsupported("a base that is not positive to a varying power")
        if first.kind == "const" and first.text == "e":
            return _combine(lambda a, order: jets.exp_of(a, order), exponent)
        k = math.log(base.const)
        return _combine(lambda a, order: jets.exp_of(a, order, k), exponent)
    return _combine(jets.power, base, exponent)


class NumericExpression:
    """The numeric side of engine.expression.Expression (calls, gradient,
    value_and_gradient, hessian, with the same shapes), for a formula parsed by
    parse_numeric. `provisional`: the app replaces it with `exact()` once sympy is in."""

    provisional = True
    numeric_gradient = numeric_hessian = False

    def __init__(self, text: str, root: _Node, variables: tuple[str, ...], seen: dict):
        self.text = text
        self.variables = tuple(variables)
        self._root = root
        self._seen = seen               # the variables the formula uses (x when none)

    dimension = property(lambda self: len(self.variables))
    symbolic_sizes = (0, 0)     # nothing symbolic to build (see Expression.symbolic_sizes)

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"parse_numeric({self.text!r})"

    def __eq__(self, other) -> bool:
        return isinstance(other, NumericExpression) and other.text == self.text

    def __hash__(self) -> int:
        return hash(self.text)

    def exact(self):
        """The engine's Expression of the same text (imports sympy)."""
        from .expression import parse
        return parse(self.text)

    def compile(self, hessian: bool = True, gradient: bool = True,
                value_gradient: bool = True) -> "NumericExpression":
        """Nothing to build: as Expression.compile, returns self."""
        return self

    def _jet(self, args, order: int):
        if len(args) != self.dimension:
            raise TypeError(f"{self} takes {self.dimension} argument(s) "
                            f"({', '.join(self.variables)}), got {len(args)}")
        arrays = [np.asarray(a, dtype=float) for a in args]
        shape = np.broadcast_shapes(*(a.shape for a in arrays))
        d = self.dimension
        xs = {name: (lambda order, i=i, x=arrays[i]: jets.variable(x, i, d, order))
              for i, name in enumerate(self.variables)}
        with np.errstate(all="ignore"):
            value, g, h = self._root.evaluate(xs, order)
        g = [0.0 if e is None else e for e in g or [None] * d]
        h = [[0.0 if e is None else e for e in row] for row in h or [[None] * d] * d]
        return value, g, h, shape

    @staticmethod
    def _array(value, shape):
        out = np.array(np.broadcast_to(np.asarray(value, dtype=float), shape))
        return float(out) if not shape else out

    def __call__(self, *args):
        """f at a point (float) or on broadcasting arrays (array of their shape)."""
        value, _, _, shape = self._jet(args, 0)
        return self._array(value, shape)

    def gradient(self, *args) -> np.ndarray:
        """∇f: shape (d,) for scalars, (d, *shape) for arrays."""
        _, g, _, shape = self._jet(args, 1)
        return np.stack([np.broadcast_to(np.asarray(e, dtype=float), shape) for e in g])

    def value_and_gradient(self, *args) -> tuple:
        value, g, _, shape = self._jet(args, 1)
        return self._array(value, shape), np.stack(
            [np.broadcast_to(np.asarray(e, dtype=float), shape) for e in g])

    def hessian(self, *args) -> np.ndarray:
        """The Hessian: shape (d, d) for scalars, (d, d, *shape) for arrays."""
        _, _, h, shape = self._jet(args, 2)
        return np.stack([np.stack([np.broadcast_to(np.asarray(e, dtype=float), shape)
                                   for e in row]) for row in h])
