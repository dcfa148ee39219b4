"""Which '|' opens an absolute value and which closes one.

A bar where an operand is expected opens (`|x|`, `x - |y|`). A bar after an operand
closes the innermost open bar or opens a new one by implicit multiplication: `|x - |y||`
has one reading, `|x|y|z|` has two (|x|·y·|z| and |x·|y|·z|) and is refused. Every
assignment of the bars that makes brackets and bars nest and leaves no operator without
an operand is tried; exactly one must fit.
"""
from __future__ import annotations

from .errors import ExpressionError
from .tokens import Token

_OPERANDS = ("num", "var", "const")
_BUDGET = 100_000          # steps of the search, on top of a few passes over the text


def _is_bar(t: Token) -> bool:
    return t.kind == "op" and t.text == "|"


def assign_bars(tokens: list[Token]) -> dict[int, str]:
    """{index of a bar token: "open" or "close"}; raises ExpressionError when the bars
    can be read in two ways (or too many ways to search)."""
    if not any(_is_bar(t) for t in tokens):
        return {}
    solutions, budget = [], _BUDGET + 4 * len(tokens)
    pending = [(0, (), True, None)]          # (index, open brackets, operand expected, choices)
    while pending and len(solutions) < 2:
        i, stack, expect, choices = pending.pop()
        while True:
            budget -= 1
            if budget < 0:
                raise ExpressionError("there are too many '|' bars to read them safely: "
                                      "write abs(…) instead", None)
            t = tokens[i]
            if t.kind == "end":
                if not stack and not expect:
                    solutions.append(choices)
                break
            if _is_bar(t):
                if not expect and stack and stack[-1] == "|":
                    pending.append((i + 1, stack + ("|",), True, (i, "open", choices)))
                    stack, expect, choices = stack[:-1], False, (i, "close", choices)
                else:
                    stack, expect, choices = stack + ("|",), True, (i, "open", choices)
            elif t.kind in _OPERANDS:
                expect = False
            elif t.kind == "func" or (t.kind == "op" and t.text in "+-√"):
                expect = True
            elif t.text == "(":
                stack, expect = stack + ("(",), True
            elif t.text == ")":
                if expect or not stack or stack[-1] != "(":
                    break
                stack, expect = stack[:-1], False
            else:                                  # * / ^ ** ,
                if expect:
                    break
                expect = True
            i += 1
    if len(solutions) == 2:
        a, b = (_as_dict(s) for s in solutions)
        where = min(k for k in a if a[k] != b.get(k))
        raise ExpressionError(
            "this '|' could close an absolute value or open a new one, so the formula "
            "has two readings: write abs(…) to say which", tokens[where].pos)
    if solutions:
        return _as_dict(solutions[0])
    return _greedy(tokens)      # no reading fits: the parser says what is wrong


def _as_dict(choices) -> dict[int, str]:
    out = {}
    while choices is not None:
        i, kind, choices = choices
        out[i] = kind
    return out


def _greedy(tokens) -> dict[int, str]:
    """Close whenever a bar is open and an operand came before; else open."""
    out, depth, expect = {}, 0, True
    for i, t in enumerate(tokens):
        if _is_bar(t):
            if not expect and depth:
                out[i], depth, expect = "close", depth - 1, False
            else:
                out[i], depth, expect = "open", depth + 1, True
        elif t.kind in _OPERANDS or (t.kind == "op" and t.text == ")"):
            expect = False
        else:
            expect = True
    return out
