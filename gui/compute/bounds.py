"""Numbers read from a file (or typed on the command line) checked against the same
bounds as the control that sets them, before anything uses them.

Each model declares one table, name -> Bound, and checks a whole state with it in one
place (its check_state). A session's "max_steps": 1e7 or "lr": -1 is then refused with
a message in the user's words instead of hanging a click or raising on every repaint.
It lives in the lowest gui layer so that every model (plots, network, neuron) can use it.
"""
from __future__ import annotations

import math
from typing import NamedTuple


# The Explorer's controls' limits (max-steps box, start boxes, learning-rate box), which
# the command line shares (gui/app/cli_options.py): here, with no Qt, so that a refused
# command line imports none.
STEPS_MIN, STEPS_MAX = 1, 5000
START_LIMIT = 1e6
LR_MIN, LR_MAX = 1e-4, 2.0


class Bound(NamedTuple):
    label: str              # what the user calls it: "learning rate", "max steps"
    lo: float
    hi: float
    integer: bool = False


def checked(bound: Bound, value, what: str | None = None):
    """value as a float (an int for integer bounds) inside [lo, hi]; else ValueError
    naming the setting, the allowed range and the value found."""
    label = what or bound.label
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"The {label} must be a number, not {_shown(value)}.")
    number = float(value) if not isinstance(value, int) else value
    if isinstance(number, float) and not math.isfinite(number):
        raise ValueError(f"The {label} must be a finite number, not {_shown(value)}.")
    if bound.integer and number != int(number):
        raise ValueError(f"The {label} must be a whole number, not {_shown(value)}.")
    if not bound.lo <= number <= bound.hi:
        raise ValueError(f"The {label} must be from {bound.lo:g} to {bound.hi:g}, "
                         f"not {_shown(value)}.")
    return int(number) if bound.integer else float(number)


def checked_list(bound: Bound, values, length: int | None = None, what: str | None = None):
    """A list of numbers, each checked (and `length` of them when given)."""
    label = what or bound.label
    if not isinstance(values, (list, tuple)):
        raise ValueError(f"The {label} must be a list of numbers, not {_shown(values)}.")
    if length is not None and len(values) != length:
        raise ValueError(f"The {label} must have {length} numbers, not {len(values)}.")
    return [checked(bound, v, label) for v in values]


def _shown(value) -> str:
    """A short description of a bad value for a message."""
    if isinstance(value, str):
        return f"the text “{value[:30]}”"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value) if abs(value) < 10**15 else "a number far too large"
    return {type(None): "empty", bool: "yes/no", list: "a list",
            dict: "a group of settings"}.get(type(value), "that value")
