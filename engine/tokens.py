"""Tokenizer for the expression language (see ENGINE_API.md).

Splits text into numbers, runs of letters, operators and brackets. Anything else
is refused here, with its column, so no user text ever reaches Python's eval.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import ExpressionError

MAX_LENGTH = 2000      # characters; longer texts are refused before any work
MAX_TOKENS = 1000

_NUMBER = re.compile(r"(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
_DIGITS = "0123456789"     # not str.isdigit(), which accepts '²'
_LETTERS = re.compile(r"[A-Za-z]+")
_OPERATORS = ("**", "+", "-", "*", "/", "^", "(", ")")
_BRACKET_LOOKALIKES = {"[": "(", "]": ")", "{": "(", "}": ")"}


@dataclass(frozen=True)
class Token:
    kind: str      # "num", "name", "op", "end"; the parser adds "func", "const", "var"
    text: str
    pos: int       # 0-based column of the first character
    word: str = ""         # for pieces of a run of letters: the whole run, for messages
    word_pos: int = -1


def _describe(ch: str) -> str:
    if ch in "'\"":
        return "quotes (text strings) are not part of a formula"
    if ch == "_":
        return "'_' is not allowed in a formula"
    if ch == ".":
        return "'.' is only allowed inside a number such as 0.5"
    if ch == ",":
        return "',' is not allowed: functions take one argument, e.g. sin(x)"
    if ch == "=":
        return "'=' is not allowed: type only the function's right-hand side, e.g. x^2 + 2y^2"
    if ch in _BRACKET_LOOKALIKES:
        return f"'{ch}' is not allowed: use round brackets '{_BRACKET_LOOKALIKES[ch]}'"
    if ch.isprintable() and not ch.isspace():
        return f"the character '{ch}' is not allowed in a formula"
    return f"the character U+{ord(ch):04X} is not allowed in a formula"


def tokenize(text: str) -> list[Token]:
    """Return the tokens of `text`, ending with an "end" token at len(text)."""
    if not isinstance(text, str):
        raise ExpressionError("the expression must be text", None)
    if len(text) > MAX_LENGTH:
        raise ExpressionError(
            f"the expression is too long ({len(text)} characters; at most {MAX_LENGTH})",
            MAX_LENGTH)
    tokens: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in " \t":
            i += 1
            continue
        if ch in _DIGITS or (ch == "." and i + 1 < n and text[i + 1] in _DIGITS):
            m = _NUMBER.match(text, i)
            tokens.append(Token("num", m.group(0), i))
            i = m.end()
            if i < n and text[i] == ".":
                raise ExpressionError("a number has a second decimal point", i)
        elif ch.isascii() and ch.isalpha():
            m = _LETTERS.match(text, i)
            tokens.append(Token("name", m.group(0), i))
            i = m.end()
        else:
            op = next((o for o in _OPERATORS if text.startswith(o, i)), None)
            if op is None:
                raise ExpressionError(_describe(ch), i)
            tokens.append(Token("op", op, i))
            i += len(op)
        if len(tokens) > MAX_TOKENS:
            raise ExpressionError(
                f"the expression is too long (more than {MAX_TOKENS} symbols)", i)
    tokens.append(Token("end", "", n))
    return tokens
