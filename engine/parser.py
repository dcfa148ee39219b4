"""A recursive-descent parser from tokens straight to sympy objects.

Grammar (lowest precedence first):
    sum     := product (('+' | '-') product)*
    product := unary (('*' | '/') unary | unary)*      # juxtaposition multiplies
    unary   := ('-' | '+') unary | power
    power   := atom (('^' | '**') unary)?              # right-associative: 2^3^2 = 2^9
    atom    := number | variable | constant | function '(' sum ')' | '(' sum ')'

Every node is built by sympy with guards first, so no text can make sympy compute
a gigantic number or a complex/undefined constant: `9^9^9`, `x^(10^10)`, `1/0`
and `log(-1)` are refused with the column of the operator that caused them, and
`(-0.88)^x` (complex for most x) with the column of its negative base.
"""
from __future__ import annotations

from fractions import Fraction

import sympy as sp

from .errors import ExpressionError
from .functions import CONSTANTS, FUNCTIONS
from .tokens import Token, tokenize

MAX_DEPTH = 100          # nesting of brackets, signs and powers
MAX_EXPONENT = 1000      # largest integer exponent accepted
MAX_BITS = 4000          # largest exact rational (numerator or denominator), in bits
_NAMES = sorted([*FUNCTIONS, *CONSTANTS], key=len, reverse=True)


def _split_names(tokens: list[Token]) -> list[Token]:
    """Break runs of letters into functions, constants and one-letter variables.

    `2xy` -> 2·x·y, `xsin(x)` -> x·sin(x), `pix` -> pi·x; `origin` keeps the
    whole run so an error can quote what the student typed.
    """
    out: list[Token] = []
    for tok in tokens:
        if tok.kind != "name":
            out.append(tok)
            continue
        word, i = tok.text, 0
        while i < len(word):
            name = next((n for n in _NAMES if word.startswith(n, i)), None)
            if name in FUNCTIONS:
                kind = "func"
            elif name in CONSTANTS:
                kind = "const"
            else:
                kind, name = "var", word[i]
            out.append(Token(kind, name, tok.pos + i, word, tok.pos))
            i += len(name)
    return out


_STARTS_ATOM = {"num", "var", "const", "func"}


class Parser:
    def __init__(self, text: str):
        self.text = text
        self.tokens = _split_names(tokenize(text))
        self.i = 0
        self.depth = 0
        self.symbols: dict[str, sp.Symbol] = {}
        self.first_seen: dict[str, Token] = {}

    # --- helpers -------------------------------------------------------------
    @property
    def tok(self) -> Token:
        return self.tokens[self.i]

    def _advance(self) -> Token:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def _is_op(self, *ops: str) -> bool:
        return self.tok.kind == "op" and self.tok.text in ops

    def _enter(self, pos: int):
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExpressionError(
                f"the expression is nested too deeply (more than {MAX_DEPTH} levels)", pos)

    # --- grammar -------------------------------------------------------------
    def parse(self) -> sp.Expr:
        if self.tok.kind == "end":
            raise ExpressionError("the expression is empty: type a formula such as x^2 + 2y^2", 0)
        node = self._sum()
        if self.tok.kind != "end":
            if self._is_op(")"):
                raise ExpressionError("this ')' has no matching '('", self.tok.pos)
            raise ExpressionError(f"unexpected '{self.tok.text}'", self.tok.pos)
        return node

    def _sum(self) -> sp.Expr:
        node = self._product()
        while self._is_op("+", "-"):
            op = self._advance()
            rhs = self._product()
            node = _checked(node + rhs if op.text == "+" else node - rhs, op.pos, op.text)
        return node

    def _product(self) -> sp.Expr:
        node = self._unary()
        while True:
            if self._is_op("*", "/"):
                op = self._advance()
                rhs = self._unary()
                node = _checked(node * rhs if op.text == "*" else node / rhs, op.pos, op.text)
            elif self.tok.kind in _STARTS_ATOM or self._is_op("("):
                pos = self.tok.pos
                node = _checked(node * self._power(), pos, "*")
            else:
                return node

    def _unary(self) -> sp.Expr:
        if self._is_op("-", "+"):
            op = self._advance()
            self._enter(op.pos)
            operand = self._unary()
            self.depth -= 1
            return -operand if op.text == "-" else operand
        return self._power()

    def _power(self) -> sp.Expr:
        start = self.tok.pos
        base = self._atom()
        if not self._is_op("^", "**"):
            return base
        op = self._advance()
        if self.tok.kind == "end":
            raise ExpressionError(f"'{op.text}' needs an exponent after it", op.pos)
        self._enter(op.pos)
        exponent_start = self.tok.pos
        exponent = self._unary()
        self.depth -= 1
        if not exponent.is_Integer and _is_negative_number(base):
            # (-0.88)^x is complex for most x (numpy gives nan, sympy complex gradients)
            base_text = self.text[start:op.pos].strip()
            exponent_text = self.text[exponent_start:self.tok.pos].strip()
            raise _negative_base(base_text, exponent, exponent_text,
                                 start if exponent.free_symbols else op.pos)
        return _power(base, exponent, op.pos)

    def _atom(self) -> sp.Expr:
        tok = self.tok
        if tok.kind == "num":
            self._advance()
            return _number(tok)
        if tok.kind == "const":
            self._advance()
            return CONSTANTS[tok.text]
        if tok.kind == "var":
            self._advance()
            return self._variable(tok)
        if tok.kind == "func":
            return self._call()
        if self._is_op("("):
            return self._bracketed(self._advance())
        if tok.kind == "end":
            before = self.tokens[self.i - 1].text if self.i else ""
            raise ExpressionError(f"the expression ends too early, after '{before}'", tok.pos)
        if self._is_op(")"):
            prev = self.tokens[self.i - 1] if self.i else None
            if prev is not None and prev.kind == "op" and prev.text == "(":
                raise ExpressionError("empty brackets '()': put something inside", prev.pos)
            raise ExpressionError("this ')' has no matching '('", tok.pos)
        raise ExpressionError(f"'{tok.text}' cannot stand here: a number, a variable or "
                              f"a bracket is missing before it", tok.pos)

    def _bracketed(self, opener: Token) -> sp.Expr:
        self._enter(opener.pos)
        if self._is_op(")"):
            raise ExpressionError("empty brackets '()': put something inside", opener.pos)
        node = self._sum()
        if not self._is_op(")"):
            raise ExpressionError("this '(' is never closed", opener.pos)
        self._advance()
        self.depth -= 1
        return node

    def _call(self) -> sp.Expr:
        fn = self._advance()
        if self.tok.word_pos == fn.word_pos >= 0 and self.tok.kind != "op":
            raise _unknown_word(fn)     # e.g. 'sinh': sin followed by more letters
        if not self._is_op("("):
            raise ExpressionError(f"{fn.text} needs its argument in brackets, e.g. {fn.text}(x)",
                                  fn.pos)
        arg = self._bracketed(self._advance())
        try:
            node = FUNCTIONS[fn.text](arg)
        except (ValueError, TypeError, ArithmeticError) as exc:
            raise ExpressionError(f"{fn.text}(…) cannot be applied here ({exc})", fn.pos) from None
        return _checked(node, fn.pos, fn.text)

    def _variable(self, tok: Token) -> sp.Symbol:
        name = tok.text
        if name not in self.symbols:
            if len(self.symbols) == 2:
                raise self._too_many(tok)
            self.symbols[name] = sp.Symbol(name, real=True)
            self.first_seen[name] = tok
        return self.symbols[name]

    def _too_many(self, tok: Token) -> ExpressionError:
        have = " and ".join(sorted(self.symbols))
        # A long run of letters is most likely a misspelt or unknown function name.
        word_tok = tok if len(tok.word) > 1 else next(
            (t for t in self.tokens if t.kind == "var" and len(t.word) > 2), None)
        if word_tok is not None:
            return _unknown_word(word_tok)
        return ExpressionError(
            f"too many variables: '{tok.text}' would be a third one besides {have} "
            f"(at most two)", tok.pos)


def _unknown_word(tok: Token) -> ExpressionError:
    return ExpressionError(
        f"'{tok.word}' is not a known function or constant (known functions: "
        f"{', '.join(sorted(FUNCTIONS))}; constants: pi, e). A run of letters that is "
        f"not a name is a product of one-letter variables, and at most two are allowed",
        tok.word_pos)


def _is_negative_number(expr: sp.Expr) -> bool:
    if not expr.is_number:
        return False
    negative = expr.is_extended_negative
    if negative is not None:
        return bool(negative)
    try:                               # sympy could not decide: ask a float
        return float(expr) < 0
    except (TypeError, ValueError, ArithmeticError):
        return False


def _negative_base(base_text, exponent, exponent_text, pos) -> ExpressionError:
    """The refusal of (negative number)^(variable or fraction), with what to type instead."""
    kind = "a variable" if exponent.free_symbols else "a non-integer"
    inner = base_text[1:-1].strip() if base_text.startswith("(") and base_text.endswith(")") else ""
    positive = inner[1:].strip()
    if not (inner.startswith("-") and positive and all(c.isalnum() or c == "." for c in positive)):
        positive, exponent_text = "0.88", "x"      # not a plain (-number): a generic example
    return ExpressionError(
        f"a negative number to {kind} power is not a real number: use a positive base such "
        f"as {positive}^{exponent_text}, or put the minus sign outside: -({positive}^{exponent_text})",
        pos)


# --- guarded construction of sympy nodes ---------------------------------------

def _number(tok: Token) -> sp.Rational:
    mantissa, _, exponent = tok.text.lower().partition("e")
    # Bounded before Fraction() so that '1e999999999' costs nothing; the limits
    # admit every number str() prints for an expression that passed _checked.
    if len(mantissa) > 1300 or (exponent and abs(int(exponent)) > 308):
        raise ExpressionError("this number is too large or too precise to handle", tok.pos)
    value = Fraction(tok.text)
    return _checked(sp.Rational(value.numerator, value.denominator), tok.pos, "number")


def _power(base: sp.Expr, exponent: sp.Expr, pos: int) -> sp.Expr:
    if exponent.is_Integer and abs(int(exponent)) > MAX_EXPONENT and base not in (0, 1, -1):
        raise ExpressionError(
            f"the exponent {exponent} is too large (at most {MAX_EXPONENT})", pos)
    if base.is_Rational and exponent.is_Integer:
        bits = max(base.p.bit_length(), base.q.bit_length()) * abs(int(exponent))
        if bits > MAX_BITS:
            raise ExpressionError("this power is a number too large to handle", pos)
    return _checked(sp.Pow(base, exponent), pos, "^")


def _checked(node: sp.Expr, pos: int, what: str) -> sp.Expr:
    """Refuse a node that is undefined, complex or an unreasonably large number."""
    if node.has(sp.zoo, sp.nan, sp.oo):
        if what in ("/", "^"):
            raise ExpressionError("division by zero", pos)
        raise ExpressionError(f"{what}(…) is undefined here", pos)
    for part in (node, *node.args) if isinstance(node, sp.Mul) else (node,):
        # sympy merges (x^100)^100 and x^900·x^900 into one power: check the result too
        if isinstance(part, sp.Pow) and part.exp.is_Integer and abs(part.exp) > MAX_EXPONENT:
            raise ExpressionError(
                f"the exponent {part.exp} is too large (at most {MAX_EXPONENT})", pos)
    if node.is_number:
        if node.is_extended_real is False:
            raise ExpressionError(f"{'this' if what in '+-*/^' else what + '(…)'} "
                                  f"is not a real number", pos)
        for r in node.atoms(sp.Rational):
            if max(r.p.bit_length(), r.q.bit_length()) > MAX_BITS:
                raise ExpressionError("this number is too large to handle", pos)
    return node
