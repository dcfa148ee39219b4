"""The words of a run's warning in its status line: that it is diverging (before |f|
passes 1e12, which is all the status knew), that it diverged, or that f has no minimum.
The facts come from engine.run_health; only what it computed is claimed. No Qt.

Scene 8 of the sample lecture (x² + 2y², η = 0.55) at step 12 read "paused at step 12"
with y at 17.8 and f at 636, and nothing on screen named the learning rate as the cause.
"""
from __future__ import annotations

import math
import weakref

import numpy as np

from engine.optimizers import DIVERGENCE_LIMIT
from engine.point_values import gradient_overflows
from engine.run_health import RISES, divergence, no_minimum, unbounded_from_start
from gui.widgets.number_text import compact
from gui.widgets.variable_names import display_name

WARNING_SIGN = "⚠"
# GD's critical rate as one word: a word joiner (U+2060, drawn as nothing) after the slash,
# else a wrapped status line broke it as "2/" | "λmax" (presenting, 366-416 px wide)
CRITICAL_RATE = "2/\u2060λmax"


def rate_reason(seen) -> str:
    """Why it diverges, as far as computed: GD's rate past 2/λmax, else only its rate."""
    eta = f"η = {compact(seen.lr, 3)}"
    if not seen.above_limit:
        return f"({eta})"
    bound = f"{eta} > {CRITICAL_RATE} = {compact(seen.limit, 3)}"
    return bound if seen.quadratic else f"{bound} (H at the start)"


def start_beyond_limit(path) -> str:
    """'' unless the run stopped at its start because f there is finite but past the
    engine's limit (engine.optimizers.DIVERGENCE_LIMIT: e^(10x) at x = 2.8, f = 1.45e12):
    then why, in words. "diverged at step 0" read as a fault of the method, which never
    stepped (Adam's first step is exactly η)."""
    value = float(path.values[0]) if len(path.values) else math.nan
    if path.status != "diverged" or path.stop_step != 0 or not math.isfinite(value):
        return ""
    return (f"not run: f = {compact(value, 3)} at the start, past the "
            f"{compact(DIVERGENCE_LIMIT, 3)} where a run stops: start where |f| is smaller")


def diverging_text(label: str, f, path, frame: int) -> str:
    """'' unless the run is diverging by `frame` (or diverged there): then one line,
    e.g. "⚠ Gradient descent is diverging: f = 636, ×1.44 per step — η = 0.55 >
    2/λmax = 0.5"."""
    seen = divergence(f, path, frame)
    if seen is None or gradient_undefined_text(path) and frame >= path.stop_step:
        return ""
    k = min(frame, path.stop_step)
    if beyond := start_beyond_limit(path):
        return f"{WARNING_SIGN} {label}: {beyond}"
    if path.status == "diverged" and k == path.stop_step:
        return f"{WARNING_SIGN} {label} diverged at step {k}: f blew up — {rate_reason(seen)}"
    value = f"f = {compact(float(path.values[k]), 3)}"
    growth = (f"{value}, ×{compact(seen.growth, 3)} per step" if math.isfinite(seen.growth)
              else f"{value}, up {RISES} steps in a row")
    return f"{WARNING_SIGN} {label} is diverging: {growth} — {rate_reason(seen)}"


def gradient_undefined_text(path, f=None) -> str:
    """'' unless the run ended because ∇f had no value at its last point (f had one):
    √x + y² from (0, 1), where ∂f/∂x = 1/(2√x) is undefined, stepped to x = −∞ and read
    "diverged at step 1: f blew up", blaming the method; then "∇f is undefined at the
    start: no step can be taken". The path is the app's (gui/plots/descent_settings
    without_undefined_step): it ends at that point, without the step to x = −∞."""
    k = path.stop_step
    if path.status != "diverged" or not math.isfinite(path.values[k]) or \
            np.all(np.isfinite(path.gradients[k])):
        return ""
    gradient = "f′" if path.points.shape[1] == 1 else "∇f"
    where = "the start" if k == 0 else f"step {k}"
    # (with f:) a value floats cannot hold is no point outside f′'s domain (1e308·x²)
    if f is not None and gradient_overflows(f, path.points[k]):
        return f"{gradient} overflows floating point at {where}: no step can be taken"
    return f"{gradient} is undefined at {where}: no step can be taken"


def direction_text(direction) -> str:
    """A direction as the lecturer would write it: scaled so its largest component is
    ±1, e.g. (0.7071, −0.7071) → "(1, −1)"."""
    v = np.asarray(direction, dtype=float)
    v = v / np.max(np.abs(v))
    # (a no-break space: a wrapped status line broke "(−1," | "−1)" at 1280×720)
    return "(" + ",\u00a0".join(compact(float(c), 3) for c in v) + ")"


def falling_text(f, direction, local_minimum: bool = False) -> str:
    """The one wording of "f has no minimum", proved along `direction` (d,), whether a
    run found it (engine.run_health) or f's top-degree part did (engine.unbounded):
    "no minimum: f → −∞ along (1, −1)"; in 1-D "no minimum: f → −∞ as x → −∞". Short,
    so the status line needs no more room than its other words (x³'s scene at
    1280×720: "f is unbounded below along (−1)" took a line more and pushed Runs out).
    `local_minimum`: f has one (x³ − 3x at x = 1, marked "minimum" on the plot): then
    "no global minimum", or the line would deny what the plot marks."""
    words = "no global minimum" if local_minimum else "no minimum"
    if len(direction) == 1:
        end = "−∞" if float(direction[0]) < 0 else "+∞"
        return f"{words}: f → −∞ as {display_name(f.variables[0])} → {end}"
    return f"{words}: f → −∞ along {direction_text(direction)}"


def no_minimum_text(f, path, window, falling=None, local_minimum=False) -> str:
    """(after "reached max steps") '' unless the run reached max steps and f has no
    minimum (proved for a quadratic f, or by `falling`: a direction f's top-degree part
    falls along, engine.unbounded): then falling_text; or the run kept falling at a
    steady rate all its steps (then only "may")."""
    if path.status != "max_steps":
        return ""
    found = no_minimum(f, path, window)
    direction = found.direction if found is not None and found.unbounded else falling
    if direction is not None:
        return falling_text(f, direction, local_minimum)
    if found is None:
        return ""
    return f"f kept decreasing for all {found.steps} steps — f may have no minimum"


def unbounded_text(f, path, window, falling=None, local_minimum=False) -> str:
    """'' unless f is proved unbounded below (a quadratic f, from f and the run's start
    alone; else `falling`, the direction engine.unbounded.falling_direction found for
    x³ + y³, or None): then falling_text, e.g. "no minimum: f → −∞ along (1, 0)", to
    show from the start of the run, not only once it ended at max steps."""
    direction = unbounded_from_start(f, path.points[0], window)
    if direction is None:
        direction = falling
    if direction is None:
        return ""
    return falling_text(f, direction, local_minimum)


# what a run that stopped at ∇f = 0 stopped at, where that is no minimum
_NOT_A_MINIMUM = {"saddle": "a saddle point", "maximum": "a maximum",
                  "inflection": "a point of inflection"}


def critical_end_text(f, path, window) -> str:
    """(replacing "converged at step k") '' unless the run converged (∇f ≈ 0) at a point
    the derivative test (engine.calculus.classify, H at the end point) calls a saddle,
    a maximum or an inflection: then where it stopped, e.g. "reached a saddle point at
    step 1 (∇f = 0, not a minimum)". Newton on x² − y² read "converged at step 1"."""
    if path.status != "converged":
        return ""
    key = (f, None if window is None else tuple(map(tuple, window)))
    known = _END_WORDS.get(path)
    if known is None or known[0] != key:   # (an export's caption asks at every frame)
        known = _END_WORDS[path] = (key, _critical_end_words(f, path, window))
    return known[1]


# a run's words at its end, kept while the run is: the derivative test once per run
_END_WORDS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _critical_end_words(f, path, window) -> str:
    # (here, not at the top: engine.calculus imports sympy, which the window's first
    # paint must not wait for — tests/gui/app/test_first_paint.py)
    from engine.calculus import classify
    end = path.points[path.stop_step]
    bounds = [tuple(pair) for pair in window] if window is not None else None
    where = _NOT_A_MINIMUM.get(classify(f, end, bounds).kind)
    if where is None:               # a minimum, or a test that cannot decide: no claim
        return ""
    gradient = "f′" if len(end) == 1 else "∇f"
    if path.stop_step == 0:
        return f"started at {where} ({gradient} = 0 there, not a minimum: no step moves it)"
    return f"reached {where} at step {path.stop_step} ({gradient} = 0, not a minimum)"
