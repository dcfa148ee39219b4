"""The helpers' answers already worked out, by what was asked.

A request's symbolic answers — the formulas (as tidied), their typeset SVGs and the
critical points — depend on the formula's text and the window alone (the formulas and
SVGs on the text alone: `recall_formulas`). A text and window
asked before (File ▸ New, an example shown again, undo and redo, a lecture's scene
entered again) get them at once from here: no helper works ~150 ms of CPU on them again
and every view settles as soon as f and ∇f are compiled. Only complete answers are kept
(never one cut short by the time budget), the newest SIZE of them. The direction f
falls without end along (engine.unbounded) depends on the text alone: kept by text.
"""
from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

SIZE = 48


@dataclass(frozen=True)
class Answer:
    formulas: tuple     # (tuple of engine.analysis.Formula, tidied: bool)
    typeset: dict       # {display latex: svg or None}, as the helper typeset them
    points: tuple       # engine.calculus.CriticalPoint, their arrays read-only
    box_points: object = None   # (n, d) the points in a wider box asked too, or None


_answers: OrderedDict = OrderedDict()
_falling: OrderedDict = OrderedDict()     # text -> (d,) tuple or None, as the helper found


def recall(text: str, bounds: tuple) -> Answer | None:
    answer = _answers.get((text, bounds))
    if answer is not None:
        _answers.move_to_end((text, bounds))
    return answer


def recall_formulas(text: str) -> Answer | None:
    """The newest answer for this text in any window, for its formulas and their SVGs:
    those depend on the text alone (a pan or zoom asks the critical points only)."""
    for (asked, _bounds), answer in reversed(_answers.items()):
        if asked == text:
            return answer
    return None


def remember(text: str, bounds: tuple, answer: Answer) -> None:
    _answers[(text, bounds)] = answer
    _answers.move_to_end((text, bounds))
    while len(_answers) > SIZE:
        _answers.popitem(last=False)


def remember_falling(text: str, direction) -> None:
    _falling[text] = direction
    _falling.move_to_end(text)
    while len(_falling) > SIZE:
        _falling.popitem(last=False)


def recall_falling(text: str):
    """(d,) tuple: f of `text` is proved unbounded below along it; None: not (or not
    known yet: the points helper sends it after the critical points)."""
    return _falling.get(text)


def falling_known(text: str) -> bool:
    """Whether the points helper's answer for `text` came (recall_falling's None then
    means "proved nothing", not "not yet")."""
    return text in _falling


def forget_all() -> None:
    """(Tests that time or kill a helper need it to be asked.)"""
    _answers.clear()
    _falling.clear()
