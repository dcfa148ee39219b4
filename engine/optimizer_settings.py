"""What each optimizer takes: names, PyTorch's defaults, the allowed ranges, and the
one place that checks descend's arguments (every bad one is a ValueError that says what
is wrong, in the user's terms: issue 16)."""

from __future__ import annotations

import math
from numbers import Integral

import numpy as np

METHODS = ("gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "newton")

LABELS = {
    "gd": "Gradient descent",
    "momentum": "Momentum",
    "nesterov": "Nesterov momentum",
    "adagrad": "Adagrad",
    "rmsprop": "RMSprop",
    "adam": "Adam",
    "newton": "Newton's method",
}

# PyTorch's default learning rates (torch.optim.SGD, Adagrad, RMSprop, Adam); Newton's
# full step is lr = 1.
DEFAULT_LR = {
    "gd": 1e-3,
    "momentum": 1e-3,
    "nesterov": 1e-3,
    "adagrad": 1e-2,
    "rmsprop": 1e-2,
    "adam": 1e-3,
    "newton": 1.0,
}

# Each method's extra keywords for descend() and their defaults, as torch.optim names them.
# The GUI builds its controls from this; treat it as read-only.
HYPERPARAMETERS = {
    "gd": {},
    "momentum": {"momentum": 0.9, "dampening": 0.0},
    # torch rejects dampening with nesterov=True, so it is not offered here.
    "nesterov": {"momentum": 0.9},
    "adagrad": {"lr_decay": 0.0, "initial_accumulator_value": 0.0, "eps": 1e-10},
    "rmsprop": {"alpha": 0.99, "eps": 1e-8, "momentum": 0.0, "centered": False},
    "adam": {"betas": (0.9, 0.999), "eps": 1e-8, "amsgrad": False},
    "newton": {},
}

# A path keeps every point, so steps bounds its memory and time (5,000,000 steps took
# 32 s and 455 MB); the GUI asks for at most 5,000.
MAX_STEPS = 100_000


# --- argument checking: every bad argument is a ValueError that says what is wrong ---

# name -> (low, high, high included): the range torch.optim accepts, narrowed where
# torch accepts nonsense (alpha > 1, dampening > 1).
_RANGES = {
    "momentum": (0.0, math.inf, False), "dampening": (0.0, 1.0, True),
    "lr_decay": (0.0, math.inf, False), "initial_accumulator_value": (0.0, math.inf, False),
    "eps": (0.0, math.inf, False), "alpha": (0.0, 1.0, True),
}


def check_number(name, value, low=0.0, high=math.inf, high_ok=False) -> float:
    """value as a finite float in [low, high) (or [low, high]); ValueError otherwise."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (Integral, float,
                                                                     np.floating)):
        raise ValueError(f"{name} must be a number, not {value!r}")  # noqa: TRY004 (issue 16)
    value = float(value)
    above = value > high or (value == high and not high_ok)
    if not math.isfinite(value) or value < low or above:
        bracket = "]" if high_ok else ")"
        limit = f"in [{low:g}, {high:g}{bracket}" if math.isfinite(high) else f">= {low:g}"
        raise ValueError(f"{name} must be a finite number {limit}, not {value!r}")
    return value


def method_settings(method, hyper):
    """The method's hyperparameters: defaults updated by hyper. ValueError on unknown
    names and on values out of range."""
    if method not in HYPERPARAMETERS:
        choices = ", ".join(METHODS)
        raise ValueError(f"unknown method {method!r}; choose one of {choices}")
    allowed = HYPERPARAMETERS[method]
    for name in hyper:
        if name not in allowed:
            takes = ", ".join(allowed) or "none"
            raise ValueError(
                f"unknown hyperparameter {name!r} for method {method!r} (takes: {takes})"
            )
    settings = {**allowed, **hyper}
    for name, value in settings.items():
        if name == "betas":
            try:
                b1, b2 = value
            except (TypeError, ValueError):
                raise ValueError(f"betas must be a pair of numbers, not {value!r}") from None
            settings[name] = (check_number("betas[0]", b1, 0, 1),
                              check_number("betas[1]", b2, 0, 1))
        elif isinstance(allowed[name], bool):
            if value not in (True, False):  # also accepts 0, 1 and numpy booleans
                raise ValueError(f"{name} must be True or False, not {value!r}")
            settings[name] = bool(value)
        else:
            settings[name] = check_number(name, value, *_RANGES[name])
    return settings


def check_run(method, lr, steps, tol, weight_decay, noise, clip, seed, hyper):
    """Check descend's arguments; returns them as floats/ints and the settings."""
    settings = method_settings(method, hyper)
    if lr is None:
        lr = DEFAULT_LR[method]
    if isinstance(steps, bool) or not isinstance(steps, Integral):
        raise ValueError(f"steps must be a whole number, not {steps!r}")  # noqa: TRY004
    if not 0 <= steps <= MAX_STEPS:
        raise ValueError(f"steps must be between 0 and {MAX_STEPS:,}, not {steps}")
    if not (seed is None or isinstance(seed, Integral) and not isinstance(seed, bool)
            and seed >= 0):
        raise ValueError(f"seed must be a whole number >= 0 (or None), not {seed!r}")
    if clip is not None:
        clip = check_number("clip", clip)
        if clip == 0:
            raise ValueError("clip must be None (no clipping) or a number > 0, not 0")
    numbers = (check_number("tol", tol), check_number("weight_decay", weight_decay),
               check_number("noise", noise))
    return lr, int(steps), *numbers, clip, settings
