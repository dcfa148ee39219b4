"""The parts of the Explorer's session beyond the formula and the descent: which two
variables the map shows (three or more variables), the example still on screen (so its
caption comes back) and the views' picture (gui.plots.view_states). Each is read from a
file with care: a malformed one is left out, it never stops a session from opening."""
from __future__ import annotations

import math


def extra_state(model) -> dict:
    axes, example = model.slice_axes, model.preset
    if example is not None and example.get("expr", "").replace(" ", "") != \
            model.text.replace(" ", ""):
        example = None                # another function typed since: its caption is gone
    return {"slice_axes": list(axes) if axes else None,
            "preset": example,               # the example (its caption) still on screen
            "views": model.view_states.get_state()}


def apply_extra_state(model, state: dict) -> None:
    """After the rest of set_state: the slice's variables, the example, then the views
    (last: an example resets the 3-D camera)."""
    axes = state.get("slice_axes")
    ok = isinstance(axes, list) and len(axes) == 2 and all(isinstance(a, str) for a in axes)
    model.set_slice_axes(tuple(axes) if ok else None)
    example = _example(state.get("preset"), len(state["start"]))
    if example is not None:
        model._preset = example
        model.presetChanged.emit(example)
    model.view_states.set_state(state.get("views", {}))


def _example(example, dimension: int):
    """The saved example if it has what its caption needs (gui.explorer.example_caption)."""
    if not isinstance(example, dict) or not isinstance(example.get("caption"), str) or \
            not isinstance(example.get("expr"), str):
        return None
    start = example.get("start")
    if not isinstance(start, list) or len(start) != dimension or not all(
            isinstance(v, (int, float)) and math.isfinite(v) for v in start):
        return None
    return example
