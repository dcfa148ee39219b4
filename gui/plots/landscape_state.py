"""The Explorer's saved state checked before use: every number against the bounds of
the control that sets it (descent panel, learning-rate box, speed slider), the formula
parsed, the lists the right length. LandscapeModel.set_state applies only what this
returns; a file's "max_steps": 1e7 or "lr": -1 is refused with a plain message."""
from __future__ import annotations

import numpy as np

from engine.errors import ExpressionError
from engine.optimizers import HYPERPARAMETERS, METHODS

from gui.compute.bounds import Bound, checked, checked_list
from gui.plots import runs as race

WINDOW_LIMIT = 1e6         # zooming out stops at ±1e6, like the start point's boxes
WINDOW_MIN_WIDTH = 1e-6    # ... and zooming in at this width

# The bounds of the controls that set each number (descent panel, learning-rate box,
# speed slider): a session file is held to the same, in check_state, before use.
BOUNDS = {
    "lr": Bound("learning rate", 1e-5, 10.0),
    "max_steps": Bound("max steps", 1, 5000, integer=True),
    "noise": Bound("noise", 0.0, 100.0),
    "clip": Bound("gradient clip", 1e-3, 1e4),
    "seed": Bound("noise seed", 0, 2**31 - 1, integer=True),
    "start": Bound("start point", -1e6, 1e6),
    "window": Bound("window", -WINDOW_LIMIT, WINDOW_LIMIT),
    "speed": Bound("speed (steps per second)", 0.5, 240.0),
    "frame": Bound("step shown", 0, 5000, integer=True),
}
HYPER_BOUNDS = {      # gui.explorer.hyperparameter_forms offers the same ranges
    "momentum": Bound("momentum", 0.0, 0.999), "dampening": Bound("dampening", 0.0, 1.0),
    "alpha": Bound("α", 0.0, 0.9999), "eps": Bound("ε", 1e-12, 1.0),
    "lr_decay": Bound("learning-rate decay", 0.0, 10.0),
    "initial_accumulator_value": Bound("initial accumulator", 0.0, 100.0),
    "betas": Bound("β", 0.0, 0.99999),
}


def check_state(state: dict) -> dict:
    """The state with every value checked against BOUNDS (and the formula parsed):
    ValueError naming the first problem in the user's words; applies nothing."""
    if not isinstance(state, dict):
        raise ValueError("The Explorer settings are not a group of settings.")
    text = state.get("text")
    if not isinstance(text, str):
        raise ValueError("The Explorer settings hold no formula.")
    from engine.expression import parse      # sympy: not before the app's first paint
    try:
        dimension = parse(text).dimension
    except ExpressionError as exc:
        raise ValueError(f"The formula “{text[:60]}” cannot be read: {exc}") from None
    window = state.get("window")
    check_range_count(len(window) if isinstance(window, list) else None, dimension, text)
    window = [checked_list(BOUNDS["window"], w, 2) for w in window]
    if any(not hi - lo >= WINDOW_MIN_WIDTH for lo, hi in window):
        raise ValueError("The window is empty (each range must go from low to high).")
    start = checked_list(BOUNDS["start"], state.get("start"), dimension)
    d = state.get("descent")
    if not isinstance(d, dict):
        raise ValueError("The Explorer settings hold no descent settings.")
    methods = d.get("methods")
    check_methods(methods)
    hyper = d.get("hyper", {})
    if not isinstance(hyper, dict):
        raise ValueError("The optimizer settings are not a group of settings.")
    checked_hyper = {}
    for method, values in hyper.items():
        if method not in HYPERPARAMETERS or not isinstance(values, dict):
            raise ValueError(f"There is no optimizer called “{method}”.")
        unknown = set(values) - set(HYPERPARAMETERS[method])
        if unknown:
            raise ValueError(f"The optimizer {method} has no setting “{sorted(unknown)[0]}”.")
        checked_hyper[method] = {name: _checked_hyper(name, v) for name, v in values.items()}
    runs = d.get("runs")      # sessions before runs have "methods" + "lr" only
    if runs is not None:
        _check_runs(runs, dimension)
    clip = d.get("clip")
    frame = state.get("frame", 0)
    return {"text": text, "window": window, "start": start, "methods": methods,
            "lr": checked(BOUNDS["lr"], d.get("lr")),
            "max_steps": checked(BOUNDS["max_steps"], d.get("max_steps")),
            "runs": runs, "hyper": checked_hyper, "noise": checked(BOUNDS["noise"], d.get("noise", 0.0)),
            "seed": checked(BOUNDS["seed"], d.get("seed", 0)),
            "clip": None if clip is None else checked(BOUNDS["clip"], clip),
            "speed": checked(BOUNDS["speed"], state.get("speed", 10.0)),
            "frame": checked(BOUNDS["frame"], frame)}


def check_range_count(count, dimension: int, text: str) -> None:
    """ValueError unless a window of `count` ranges fits f's `dimension` variables (also
    the command line's check of --window, before any window is built)."""
    if count != dimension:
        raise ValueError(f"The window must have one range per variable of “{text[:60]}”.")


def check_methods(methods) -> None:
    """ValueError unless `methods` is a non-empty list of the engine's method names (also
    the command line's check of --methods)."""
    if (not isinstance(methods, list) or not methods
            or any(not isinstance(m, str) or m not in METHODS for m in methods)):
        raise ValueError(f"The methods must be some of {', '.join(METHODS)}.")


def _check_runs(runs, dimension: int) -> None:
    """Each run's method, own learning rate, hyperparameters and own start within the
    controls' bounds (the runs panel's)."""
    try:
        parsed = race.from_json(runs)
    except (KeyError, TypeError, AttributeError):
        raise ValueError("The runs of the race are not a list of runs "
                         "(each a method with its settings).") from None
    for run in parsed:
        if run.lr is not None:
            checked(BOUNDS["lr"], run.lr)
        if run.start is not None:
            checked_list(BOUNDS["start"], list(run.start), dimension)
        for name, value in run.hyper.items():
            _checked_hyper(name, list(value) if isinstance(value, tuple) else value)


def _checked_hyper(name: str, value):
    """A hyperparameter from a file: a yes/no, a pair of β or a number in its bounds."""
    if name in ("centered", "amsgrad"):
        if not isinstance(value, bool):
            raise ValueError(f"The setting “{name}” must be yes or no (true/false).")
        return value
    if name == "betas":
        return tuple(checked_list(HYPER_BOUNDS["betas"], value, 2))
    return checked(HYPER_BOUNDS[name], value)


def capped_range(lo: float, hi: float) -> tuple | None:
    """(lo, hi) inside ±WINDOW_LIMIT and at least WINDOW_MIN_WIDTH wide; None if not a range."""
    if not (np.isfinite(lo) and np.isfinite(hi) and hi > lo):
        return None
    lo, hi = max(lo, -WINDOW_LIMIT), min(hi, WINDOW_LIMIT)
    if hi - lo < WINDOW_MIN_WIDTH:
        centre = min(max((lo + hi) / 2, -WINDOW_LIMIT + WINDOW_MIN_WIDTH),
                     WINDOW_LIMIT - WINDOW_MIN_WIDTH)
        lo, hi = centre - WINDOW_MIN_WIDTH / 2, centre + WINDOW_MIN_WIDTH / 2
    return lo, hi
