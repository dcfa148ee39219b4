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
_MAX_STATES = 64           # readings followed at once; more is refused, not searched


def _is_bar(t: Token) -> bool:
    return t.kind == "op" and t.text == "|"


def _steps(t: Token, nxt: Token, stack, expect):
    """The (stack, expect, choice) each reading moves to on token t; [] if it dies.
    stack: None or (top, rest), top "(" or "|"; choice: "open", "close" or None."""
    if _is_bar(t):
        if expect:
            return [(("|", stack), True, "open")]
        # Opening after an operand means a product, x·|y|: not before a sign or a bar
        # (x·|-y| and x·||y|| must be written with the '*', as the parser says), so
        # |x||y||z| is |x|·|y|·|z| and |x|+|y|+… keeps one reading, not one per bar.
        out = [] if _is_bar(nxt) or nxt.text in ("+", "-") else [(("|", stack), True, "open")]
        if stack is not None and stack[0] == "|":
            out.append((stack[1], False, "close"))
        return out
    if t.kind in _OPERANDS:
        return [(stack, False, None)]
    if t.kind == "func" or t.text in ("+", "-", "√"):
        return [(stack, True, None)]
    if t.text == "(":
        return [(("(", stack), True, None)]
    if t.text == ")":
        if expect or stack is None or stack[0] != "(":
            return []
        return [(stack[1], False, None)]
    return [] if expect else [(stack, True, None)]       # * / ^ ** ,


def assign_bars(tokens: list[Token]) -> dict[int, str]:
    """{index of a bar token: "open" or "close"}; raises ExpressionError when the bars
    can be read in two ways (or too many ways to follow).

    All readings are followed side by side, token by token (those that reach the same
    state merge), so the work is linear in the length of the text."""
    if not any(_is_bar(t) for t in tokens):
        return {}
    # state (stack, expect) -> (number of readings, capped at 2; their choices, up to 2)
    states = {(None, True): (1, [None])}
    bars_left = sum(map(_is_bar, tokens))
    for i, t in enumerate(tokens[:-1]):
        nxt = tokens[i + 1]
        bars_left -= _is_bar(t)
        new: dict = {}
        for (stack, expect), (count, choices) in states.items():
            for stack2, expect2, choice in _steps(t, nxt, stack, expect):
                if choice == "open" and _open_bars(stack2, bars_left) > bars_left:
                    continue                     # not enough bars left to close them
                if choice is not None:
                    extended = [(i, choice, c) for c in choices]
                else:
                    extended = choices
                key = (stack2, expect2)
                if key in new:
                    old_count, old_choices = new[key]
                    new[key] = (min(2, old_count + count), (old_choices + extended)[:2])
                else:
                    new[key] = (count, extended)
        states = new
        if not states:
            return _greedy(tokens)      # no reading fits: the parser says what is wrong
        if len(states) > _MAX_STATES:
            raise ExpressionError("there are too many '|' bars to read them safely: "
                                  "write abs(…) instead", t.pos)
    count, choices = states.get((None, False), (0, []))
    if count == 0:
        return _greedy(tokens)
    if count >= 2:
        a, b = (_as_dict(c) for c in choices[:2])
        where = min(k for k in a if a[k] != b.get(k))
        raise ExpressionError(
            "this '|' could close an absolute value or open a new one, so the formula "
            "has two readings: write abs(…) to say which", tokens[where].pos)
    return _as_dict(choices[0])


def _open_bars(stack, limit: int) -> int:
    """Open bars on the stack, counted up to limit + 1."""
    n = 0
    while stack is not None and n <= limit:
        n += stack[0] == "|"
        stack = stack[1]
    return n


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
            just_opened = i > 0 and out.get(i - 1) == "open"
            if depth and (not expect or just_opened):        # || closes: "empty bars"
                out[i], depth, expect = "close", depth - 1, False
            else:
                out[i], depth, expect = "open", depth + 1, True
        elif t.kind in _OPERANDS or (t.kind == "op" and t.text == ")"):
            expect = False
        else:
            expect = True
    return out
