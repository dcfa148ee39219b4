"""Tokenizer for the expression language (see ENGINE_API.md).

Splits text into numbers, names (a run of ASCII letters or one Greek letter, with the
subscript that follows it: `x1`, `x_1`, `x₁`), operators and brackets. Typed or pasted
Unicode is read as its ASCII meaning here (`·` `×` → `*`, `−` → `-`, `²` → `^(2)`,
`θ` → theta), one character for one character, so every column stays the user's.
Anything else is refused here, with its column, so no user text ever reaches eval.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import ExpressionError

MAX_LENGTH = 10_000    # characters; longer texts are refused before any work
MAX_TOKENS = 30_000    # a superscript adds a '^' and a pair of brackets

_NUMBER = re.compile(r"(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
_DIGITS = "0123456789"     # not str.isdigit(), which accepts '²'
_LETTERS = re.compile(r"[A-Za-z]+")
_OPERATORS = ("**", "+", "-", "*", "/", "^", "(", ")", ",", "|")
_BRACKET_LOOKALIKES = {"[": "(", "]": ")", "{": "(", "}": ")"}
_SPACES = " \t\u00a0\u2009\u200a\u202f\u2002\u2003"
# One character for one character: columns in messages stay the user's.
_UNICODE_OPERATORS = {"·": "*", "⋅": "*", "×": "*", "∙": "*", "∗": "*", "−": "-",
                      "–": "-", "÷": "/", "∣": "|", "√": "√"}
# The letter each Greek name is typeset as comes first (gui/widgets/variable_names
# takes the first); its variants (ϑ, the micro sign µ, ϕ, ϵ, ϱ, ϰ, final ς) after it.
GREEK_LETTERS = {"α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon",
                 "ϵ": "epsilon", "ζ": "zeta", "η": "eta", "θ": "theta", "ϑ": "theta",
                 "ι": "iota", "κ": "kappa", "ϰ": "kappa", "λ": "lambda", "μ": "mu",
                 "µ": "mu", "ν": "nu", "ξ": "xi", "ρ": "rho", "ϱ": "rho", "σ": "sigma",
                 "ς": "sigma", "τ": "tau", "υ": "upsilon", "φ": "phi", "ϕ": "phi",
                 "χ": "chi", "ψ": "psi", "ω": "omega", "π": "pi"}
_SUPERSCRIPTS = {"⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6",
                 "⁷": "7", "⁸": "8", "⁹": "9", "⁺": "+", "⁻": "-", "⁽": "(", "⁾": ")",
                 "ⁿ": "n", "ⁱ": "i", "ˣ": "x", "ʸ": "y"}
_SUBSCRIPTS = {"₀": "0", "₁": "1", "₂": "2", "₃": "3", "₄": "4", "₅": "5", "₆": "6",
               "₇": "7", "₈": "8", "₉": "9"}


@dataclass(frozen=True)
class Token:
    kind: str      # "num", "name", "op", "end"; the parser adds "func", "const", "var"
    text: str      # for a name: the letters (ASCII; a Greek letter as its name)
    pos: int       # 0-based column of the first character
    sub: str = ""          # a name's subscript digits, normalised ("01" -> "1")
    sub_marked: bool = False   # the subscript was written x_1 or x₁ (not x1)
    end: int = -1          # column just after the token (with its subscript)
    synthetic: bool = False  # the '^', '(' and ')' that stand for a superscript


def _describe(ch: str) -> str:
    if ch in "'\"":
        return "quotes (text strings) are not part of a formula"
    if ch == "_":
        return "'_' is only allowed before a subscript number, as in x_1"
    if ch == ".":
        return "'.' is only allowed inside a number such as 0.5"
    if ch == "=":
        return "'=' is not allowed: type only the function's right-hand side, e.g. x^2 + 2y^2"
    if ch in _BRACKET_LOOKALIKES:
        return f"'{ch}' is not allowed: use round brackets '{_BRACKET_LOOKALIKES[ch]}'"
    if ch in _SUBSCRIPTS:
        return f"the subscript '{ch}' must follow a letter, as in x{ch}"
    if ch == "ο":
        return "the Greek letter 'ο' (omicron) looks just like the Latin o: write o"
    if "\u0370" <= ch <= "\u03ff" or "\u1f00" <= ch <= "\u1fff":
        return (f"the Greek letter '{ch}' is not a variable here: only the lower-case "
                f"Greek letters are (α β γ … ω, or alpha, beta, gamma … omega)")
    if ch.isprintable() and not ch.isspace():
        return f"the character '{ch}' is not allowed in a formula"
    return f"the character U+{ord(ch):04X} is not allowed in a formula"


def _subscript(text: str, i: int) -> tuple[str, int]:
    """The subscript digits starting at column i (`1`, `_1`, `_{1}`, `₁`) and the column
    after them; ("", i) when there is none."""
    n = len(text)
    if i < n and text[i] in _DIGITS:
        j = i
        while j < n and text[j] in _DIGITS:
            j += 1
        return text[i:j], j
    if i < n and text[i] in _SUBSCRIPTS:
        j = i
        while j < n and text[j] in _SUBSCRIPTS:
            j += 1
        return "".join(_SUBSCRIPTS[c] for c in text[i:j]), j
    if i < n and text[i] == "_":
        braced = text.startswith("_{", i)
        j = k = i + 2 if braced else i + 1
        while j < n and text[j] in _DIGITS:
            j += 1
        if j == k or (braced and not text.startswith("}", j)):
            raise ExpressionError("'_' must be followed by a subscript number, as in x_1", i)
        return text[k:j], j + braced
    return "", i


def tokenize(text: str, offset: int = 0) -> list[Token]:
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
        if ch in _SPACES:
            i += 1
            continue
        if ch in _DIGITS or (ch == "." and i + 1 < n and text[i + 1] in _DIGITS):
            m = _NUMBER.match(text, i)
            tokens.append(Token("num", m.group(0), offset + i, end=offset + m.end()))
            i = m.end()
            if i < n and text[i] == ".":
                raise ExpressionError("a number has a second decimal point", offset + i)
        elif (ch.isascii() and ch.isalpha()) or ch in GREEK_LETTERS:
            if ch in GREEK_LETTERS:
                word, j = GREEK_LETTERS[ch], i + 1
            else:
                m = _LETTERS.match(text, i)
                word, j = m.group(0), m.end()
            sub, k = _subscript(text, j)
            if sub and k < n and text[k] == "." and text[j] != "_":
                raise ExpressionError("a subscript is a whole number, as in x_1", offset + k)
            marked = bool(sub) and text[j] not in _DIGITS
            sub = str(int(sub)) if sub else ""
            tokens.append(Token("name", word, offset + i, sub, sub_marked=marked, end=offset + k))
            i = k
        elif ch in _SUPERSCRIPTS:
            j = i
            while j < n and text[j] in _SUPERSCRIPTS:
                j += 1
            inner = tokenize("".join(_SUPERSCRIPTS[c] for c in text[i:j]), offset + i)
            tokens.append(Token("op", "^", offset + i, end=offset + i, synthetic=True))
            tokens.append(Token("op", "(", offset + i, end=offset + i, synthetic=True))
            tokens += inner[:-1]
            tokens.append(Token("op", ")", offset + j - 1, end=offset + j, synthetic=True))
            i = j
        else:
            op = _UNICODE_OPERATORS.get(ch) or next(
                (o for o in _OPERATORS if text.startswith(o, i)), None)
            if op is None:
                raise ExpressionError(_describe(ch), offset + i)
            width = 1 if ch in _UNICODE_OPERATORS else len(op)
            tokens.append(Token("op", op, offset + i, end=offset + i + width))
            i += width
        if len(tokens) > MAX_TOKENS:
            raise ExpressionError(
                f"the expression is too long (more than {MAX_TOKENS} symbols)", offset + i)
    tokens.append(Token("end", "", offset + n, end=offset + n))
    return tokens
