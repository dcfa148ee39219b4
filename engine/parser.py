"""A recursive-descent parser from tokens straight to sympy objects.

Grammar (lowest precedence first):
    sum     := product (('+' | '-') product)*
    product := unary (('*' | '/') unary | power)*        # juxtaposition multiplies
    unary   := ('-' | '+') unary | power
    power   := atom (('^' | '**') unary)?                # right-associative: 2^3^2 = 2^9
    atom    := number | variable | constant | function '(' sum (',' sum)* ')'
             | '(' sum ')' | '|' sum '|' | '√' root
A superscript (x²) is read as '^(2)' by the tokenizer; names are resolved by
engine.names, bars by engine.bars, before the grammar runs.

Nothing is guessed: a number right after a term (`1 000`, `2y^2 3`), `√2x`, `x²^3` and
`sin²(x)` are refused with the reading(s) to type instead.

Every node is built by sympy with the guards of engine.guards (no gigantic numbers, no
complex or undefined constants). Sums and products are built in one sympy call each,
so a long sum costs linear time.
"""
from __future__ import annotations

import sympy as sp

from .errors import ExpressionError
from .functions import CONSTANTS, FUNCTIONS
from .guards import checked as _checked
from .guards import is_negative_number as _is_negative_number
from .guards import negative_base as _negative_base
from .guards import number as _number
from .guards import power as _power
from .names import formula_tokens
from .tokens import Token

MAX_DEPTH = 100          # nesting of brackets, signs and powers
MAX_VARIABLES = 100


_STARTS_ATOM = {"num", "var", "const", "func"}
_OPENERS = ("(", "|open", "√")


class Parser:
    def __init__(self, text: str):
        self.text = text
        self.tokens = formula_tokens(text)
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

    def _starts_juxtaposed(self) -> bool:
        return self.tok.kind in _STARTS_ATOM or self._is_op(*_OPENERS)

    def _enter(self, pos: int):
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExpressionError(
                f"the expression is nested too deeply (more than {MAX_DEPTH} levels)", pos)

    # --- the nodes sums and products build (engine.typed_form builds them as typed) --
    def _add(self, terms: list) -> sp.Expr:
        return sp.Add(*terms)

    def _multiply(self, factors: list) -> sp.Expr:
        return sp.Mul(*factors)

    def _negative(self, operand: sp.Expr) -> sp.Expr:
        return -operand

    # --- grammar -------------------------------------------------------------
    def parse(self) -> sp.Expr:
        if self.tok.kind == "end":
            raise ExpressionError("the expression is empty: type a formula such as x^2 + 2y^2", 0)
        node = self._sum()
        if self.tok.kind != "end":
            if self._is_op(")"):
                raise ExpressionError("this ')' has no matching '('", self.tok.pos)
            if self._is_op(","):
                raise ExpressionError("',' only separates the arguments of a function, "
                                      "as in max(x, y)", self.tok.pos)
            if self._is_op("|close"):
                raise ExpressionError("this '|' closes no absolute value", self.tok.pos)
            raise ExpressionError(f"unexpected '{self.tok.text}'", self.tok.pos)
        return node

    def _sum(self) -> sp.Expr:
        terms = [self._product()]
        first = None
        while self._is_op("+", "-"):
            op = self._advance()
            first = op.pos if first is None else first
            rhs = self._product()
            terms.append(rhs if op.text == "+" else self._negative(rhs))
        return terms[0] if first is None else _checked(self._add(terms), first, "+")

    def _product(self) -> sp.Expr:
        factors = [self._unary()]
        first = None
        while True:
            if self._is_op("*", "/"):
                op = self._advance()
                rhs = self._unary()
                if op.text == "/" and rhs.is_zero:
                    raise ExpressionError("division by zero", op.pos)
                factors.append(rhs if op.text == "*" else _checked(sp.Pow(rhs, -1), op.pos, "/"))
            elif self.tok.kind == "num":
                raise self._number_after_term()
            elif self._starts_juxtaposed():
                op = self.tok
                if op.text == "|open" and self.tokens[self.i + 1].text in ("+", "-", "|open"):
                    raise ExpressionError("write * before this '|': an absolute value that "
                                          "starts with a sign or a bar is not multiplied "
                                          "silently, e.g. x*|-y|", op.pos)
                factors.append(self._power())
            else:
                break
            first = op.pos if first is None else first
        return factors[0] if first is None else _checked(self._multiply(factors), first, "*")

    def _number_after_term(self) -> ExpressionError:
        tok, prev = self.tok, self.tokens[self.i - 1]
        if prev.kind == "num" and self.text[prev.end:tok.pos].strip() == "":
            return ExpressionError(
                f"two numbers side by side ('{self.text[prev.pos:tok.end]}'): write a "
                f"number without spaces, or put an operator such as * between them", tok.pos)
        return ExpressionError("a number after a term needs an operator: write * (or + or -) "
                               "before it, or put the number first, as in 3x", tok.pos)

    def _unary(self) -> sp.Expr:
        if self._is_op("-", "+"):
            op = self._advance()
            self._enter(op.pos)
            operand = self._unary()
            self.depth -= 1
            return self._negative(operand) if op.text == "-" else operand
        return self._power()

    def _power(self) -> sp.Expr:
        first = self.tok
        start = first.pos
        base = self._atom()
        if not self._is_op("^", "**"):
            return base
        op = self._advance()
        if first.synthetic and not op.synthetic:
            raise ExpressionError("a superscript power cannot be raised again: write (x²)^3 "
                                  "or x^(2·3) to say which you mean", op.pos)
        if self.tok.kind == "end":
            raise ExpressionError(f"'{op.text}' needs an exponent after it", op.pos)
        self._enter(op.pos)
        exponent_start, first = self.tok.pos, self.i
        exponent = self._unary()
        self.depth -= 1
        if not op.synthetic:
            self._check_exponent_end(start, op, first)
        if not exponent.is_Integer and _is_negative_number(base):
            # (-0.88)^x is complex for most x (numpy gives nan, sympy complex gradients)
            base_text = self.text[start:op.pos].strip()
            end = self.tokens[self.i - 1].end
            exponent_text = self.text[exponent_start:end].strip()
            raise _negative_base(base_text, exponent, exponent_text,
                                 start if exponent.free_symbols else op.pos)
        return _power(base, exponent, op.pos)

    def _check_exponent_end(self, start: int, op: Token, first: int) -> None:
        """e^2x: e^(2x) to some, e²·x to others. A term glued to an exponent that is not
        one bracket is refused; after a space (e^2 x) or a bracket (e^(2)x) it multiplies."""
        last = self.tokens[self.i - 1]
        nxt = self.tok
        if not self._starts_juxtaposed() or nxt.pos != last.end or _one_bracket(
                self.tokens, first, self.i - 1):
            return
        base = self.text[start:op.pos].strip()
        exponent = self.text[self.tokens[first].pos:last.end]
        after = self.text[nxt.pos:nxt.end]
        raise ExpressionError(
            f"{base}{op.text}{exponent}{after} has two readings: write "
            f"{base}{op.text}{exponent} {after} (with a space) or {base}{op.text}{exponent}*{after} "
            f"for the product, or {base}{op.text}({exponent}{after}) for the power", nxt.pos)

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
        if self._is_op("|open"):
            return self._absolute(self._advance())
        if self._is_op("√"):
            return self._root(self._advance())
        if tok.kind == "end":
            prev = self.tokens[self.i - 1] if self.i else None
            before = self.text[prev.pos:prev.end] if prev is not None else ""
            raise ExpressionError(f"the expression ends too early, after '{before}'", tok.pos)
        if self._is_op(")"):
            prev = self.tokens[self.i - 1] if self.i else None
            if prev is not None and prev.kind == "op" and prev.text == "(":
                raise ExpressionError("empty brackets '()': put something inside", prev.pos)
            raise ExpressionError("this ')' has no matching '('", tok.pos)
        if self._is_op("|close"):
            raise ExpressionError("empty bars '||': put something inside", tok.pos)
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

    def _absolute(self, opener: Token) -> sp.Expr:
        self._enter(opener.pos)
        if self.tok.kind == "end":
            raise ExpressionError("this '|' is never closed: an absolute value is |x|",
                                  opener.pos)
        node = self._sum()
        if not self._is_op("|close"):
            raise ExpressionError("this '|' is never closed: an absolute value is |x|",
                                  opener.pos)
        self._advance()
        self.depth -= 1
        return _checked(sp.Abs(node), opener.pos, "abs")

    def _root(self, root: Token) -> sp.Expr:
        """√(x + 1), √x, √2, √sin(x); `√x^2` and `√2x` are refused (two readings)."""
        self._enter(root.pos)
        bracketed = self._is_op("(")
        if not (bracketed or self.tok.kind in _STARTS_ATOM or self._is_op("√", "|open")):
            raise ExpressionError("√ needs a number, a variable or brackets after it, "
                                  "as in √x or √(x + 1)", root.pos)
        start = self.tok.pos
        operand = self._atom()
        self.depth -= 1
        if not bracketed and not self.tok.synthetic:
            inner = self.text[start:self.tokens[self.i - 1].end]
            if self._is_op("^", "**"):
                raise ExpressionError(
                    f"√{inner}{self.tok.text}… has two readings: write √({inner}{self.tok.text}…) "
                    f"or (√{inner}){self.tok.text}…", root.pos)
            if self._starts_juxtaposed():
                nxt = self.text[self.tok.pos:self.tok.end]
                raise ExpressionError(
                    f"√{inner}{nxt} has two readings: write √({inner}{nxt}) for the root of "
                    f"the product, or √({inner}){nxt} for a product with the root", root.pos)
        elif not bracketed and self._is_op("^"):        # √x²: a superscript after √x
            raise ExpressionError("this has two readings: write √(x²) or (√x)²", root.pos)
        return _checked(sp.sqrt(operand), root.pos, "sqrt")

    def _call(self) -> sp.Expr:
        fn = self._advance()
        builder, fewest, most, _ = FUNCTIONS[fn.text]
        name = fn.text + (f"_{fn.sub}" if fn.sub else "")
        if self._is_op("^", "**"):
            raise ExpressionError(f"write {name}(x)^2 for a power of {name}(x): the power "
                                  f"goes after the brackets", self.tok.pos)
        if not self._is_op("("):
            raise ExpressionError(f"{name} needs its argument in brackets, e.g. {name}(x)",
                                  fn.pos)
        opener = self._advance()
        args = [self._bracketed_argument(opener)]
        while self._is_op(","):
            self._advance()
            args.append(self._bracketed_argument(opener))
        if not self._is_op(")"):
            raise ExpressionError("this '(' is never closed", opener.pos)
        self._advance()
        self.depth -= 1
        if fn.sub:
            if len(args) != 1:
                raise ExpressionError(f"{name} takes one argument, e.g. {name}(x)", fn.pos)
            args.append(sp.Integer(int(fn.sub)))
        if len(args) < fewest or (most is not None and len(args) > most):
            wanted = ("one argument" if most == 1 else f"{fewest} arguments" if most == fewest
                      else f"{fewest} or {most} arguments" if most else
                      f"at least {fewest} arguments")
            example = {"log": "log(x) or log(x, 2)", "atan2": "atan2(y, x)"}.get(
                fn.text, f"{fn.text}(x, y)" if fewest > 1 else f"{fn.text}(x)")
            raise ExpressionError(f"{fn.text} takes {wanted}, e.g. {example}", fn.pos)
        try:
            node = builder(*args)
        except (ValueError, TypeError, ArithmeticError) as exc:
            raise ExpressionError(f"{fn.text}(…) cannot be applied here ({exc})", fn.pos) from None
        return _checked(node, fn.pos, fn.text)

    def _bracketed_argument(self, opener: Token) -> sp.Expr:
        if opener is self.tokens[self.i - 1]:
            self._enter(opener.pos)
            if self._is_op(")"):
                raise ExpressionError("empty brackets '()': put something inside", opener.pos)
        if self._is_op(",", ")"):
            raise ExpressionError("an argument is missing here", self.tok.pos)
        return self._sum()

    def _variable(self, tok: Token) -> sp.Symbol:
        name = tok.text
        if name not in self.symbols:
            if len(self.symbols) == MAX_VARIABLES:
                raise ExpressionError(f"too many variables (at most {MAX_VARIABLES})", tok.pos)
            self.symbols[name] = sp.Symbol(name, real=True)
            self.first_seen[name] = tok
        return self.symbols[name]


def _one_bracket(tokens: list[Token], first: int, last: int) -> bool:
    """tokens[first..last] are one bracket '(' … ')'."""
    if not (tokens[first].text == "(" and tokens[last].text == ")"):
        return False
    depth = 0
    for k in range(first, last + 1):
        depth += {"(": 1, ")": -1}.get(tokens[k].text, 0)
        if depth == 0:
            return k == last
    return False
