"""A race is a list of runs: a method with its own learning rate, hyperparameters and
(optionally) start, its own colour and a label that says what differs from the others.

Plain Python, no Qt: `LandscapeModel` holds a tuple of `Run`s; the views ask the model
for a run's colour and label by its key (the key of `model.paths`).
A run's `lr` None means "the shared learning rate" (the Learning rate box), and its
`hyper` holds only what it sets itself over the shared per-method settings, so an old
session ("methods" + "lr") is simply one run per method with nothing of its own.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

from engine.optimizer_settings import HYPERPARAMETERS, METHODS, method_settings
from gui.widgets.palette import METHOD_COLOURS, METHOD_LABELS
from gui.widgets.number_text import significant_text, true_minus

SHORT_NAMES = {"gd": "GD", "momentum": "Momentum", "nesterov": "Nesterov",
               "adagrad": "AdaGrad", "rmsprop": "RMSprop", "adam": "Adam", "newton": "Newton"}
# symbols a lecturer writes on the board for each hyperparameter
SYMBOLS = {"momentum": "μ", "dampening": "dampening", "alpha": "α", "eps": "ε",
           "lr_decay": "decay", "initial_accumulator_value": "G₀", "betas": "β",
           "centered": "centered", "amsgrad": "AMSGrad"}
MAX_RUNS = 12     # a legend a class can still read


@dataclass(frozen=True)
class Run:
    """method; lr (None: the shared rate; Newton: its full step); hyper: only the
    settings this run sets itself; start (None: the shared start); key: the run's name
    in `model.paths`, unique in a race and kept when runs are reordered."""
    method: str
    lr: float | None = None
    hyper: dict = field(default_factory=dict)
    start: tuple | None = None
    key: str = ""


def with_keys(runs) -> tuple:
    """Runs with a unique key each: the first run of a method is keyed by the method
    (so a one-run-per-method race looks as before), the others "gd#2", "gd#3", …"""
    taken = {r.key for r in runs if r.key}
    keyed = []
    for run in runs:
        if not run.key:
            key, n = run.method, 1
            while key in taken:
                n += 1
                key = f"{run.method}#{n}"
            taken.add(key)
            run = replace(run, key=key)
        keyed.append(run)
    return tuple(keyed)


def runs_for_methods(methods, runs=()) -> tuple:
    """The runs of a ticked-methods list: existing runs of those methods kept (with their
    own settings), one plain run added for each method that has none."""
    kept = [r for r in runs if r.method in methods]
    kept += [Run(m) for m in methods if all(r.method != m for r in kept)]
    return with_keys(kept)


def methods_of(runs) -> tuple:
    """The distinct methods of the runs, in run order."""
    return tuple(dict.fromkeys(r.method for r in runs))


def effective_lr(run, shared_lr):
    """What descend gets as lr: the run's own, else the shared rate (Newton: None, the
    engine's full step)."""
    if run.lr is not None:
        return run.lr
    return None if run.method == "newton" else shared_lr


def effective_hyper(run, shared_hyper) -> dict:
    """The run's keyword settings: the shared ones of its method, then its own."""
    return {**shared_hyper.get(run.method, {}), **run.hyper}


# --- labels and colours ------------------------------------------------------------

def _number(value) -> str:
    if isinstance(value, bool):
        return "on" if value else "off"
    if isinstance(value, (tuple, list)):
        return "/".join(_number(v) for v in value)
    return true_minus(significant_text(value, 3))


def short_label(label: str, method: str) -> str:
    """A run's label with its method's short name, where the label is the full one
    ("Gradient descent" → "GD"; "GD η=0.1" stays)."""
    return SHORT_NAMES.get(method, label) if label == METHOD_LABELS.get(method) else label


def labels(runs, shared_lr, shared_hyper) -> dict:
    """key -> label: a run alone with its method has the method's name ("Adam"); runs
    of one method have its short name and whatever differs between them ("GD η=0.1",
    "GD η=0.3"); identical twins get "(2)", "(3)"."""
    out = {}
    for method in methods_of(runs):
        group = [r for r in runs if r.method == method]
        if len(group) == 1:       # alone: its full name, as before runs existed
            out[group[0].key] = METHOD_LABELS[method]
            continue
        lrs = [effective_lr(r, shared_lr) for r in group]
        hypers = [{**HYPERPARAMETERS[method], **effective_hyper(r, shared_hyper)}
                  for r in group]
        starts = [r.start for r in group]
        seen: dict = {}
        for i, run in enumerate(group):
            parts = [SHORT_NAMES[method]]
            if len(set(map(str, lrs))) > 1:
                parts.append(f"η={_number(lrs[i]) if lrs[i] is not None else '1'}")
            for name in HYPERPARAMETERS[method]:
                if len({str(h[name]) for h in hypers}) > 1:
                    parts.append(f"{SYMBOLS.get(name, name)}={_number(hypers[i][name])}")
            if len(set(starts)) > 1:
                parts.append("from " + ("start" if run.start is None else
                                        "(" + ", ".join(map(_number, run.start)) + ")"))
            text = " ".join(parts)
            seen[text] = seen.get(text, 0) + 1
            out[run.key] = text if seen[text] == 1 else f"{text} ({seen[text]})"
    return out


def _mix(colour: str, towards: str, amount: float) -> str:
    a = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    b = [int(towards[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * amount):02X}" for x, y in zip(a, b))


# A method's further runs: its hue, lighter then darker, so the family reads at a glance.
_SHADES = ((None, 0.0), ("#FFFFFF", 0.45), ("#000000", 0.4), ("#FFFFFF", 0.7),
           ("#000000", 0.65))


def colours(runs) -> dict:
    """key -> "#RRGGBB": the first run of a method in the method's colour, the others
    in lighter and darker shades of it (Newton's black: greys)."""
    out, count = {}, {}
    for run in runs:
        i = count.get(run.method, 0)
        count[run.method] = i + 1
        base = METHOD_COLOURS[run.method]
        towards, amount = _SHADES[i % len(_SHADES)]
        r, g, b = (int(base[k:k + 2], 16) for k in (1, 3, 5))
        if towards is not None and (0.299 * r + 0.587 * g + 0.114 * b) / 255 > 0.5:
            # a bright hue (Adam's orange) made lighter fades into the page: darker first
            towards = "#000000" if towards == "#FFFFFF" else "#FFFFFF"
        if base == "#000000" and towards == "#000000":
            towards, amount = "#FFFFFF", 0.25 + amount / 2
        out[run.key] = base if towards is None else _mix(base, towards, amount)
    return out


# --- editing a race ------------------------------------------------------------------

def duplicate(runs, index) -> tuple:
    """A copy of runs[index] (its settings, a new key) right after it."""
    runs = list(runs)
    if len(runs) >= MAX_RUNS:
        return tuple(runs)
    runs.insert(index + 1, replace(runs[index], key=""))
    return with_keys(runs)


def add(runs, method, lr=None) -> tuple:
    if len(runs) >= MAX_RUNS:
        return tuple(runs)
    return with_keys((*runs, Run(method, lr)))


def remove(runs, index) -> tuple:
    """Without runs[index]; the last run stays (a race needs one)."""
    if len(runs) <= 1:
        return tuple(runs)
    return tuple(r for i, r in enumerate(runs) if i != index)


def move(runs, index, delta) -> tuple:
    runs = list(runs)
    target = index + delta
    if 0 <= index < len(runs) and 0 <= target < len(runs):
        runs[index], runs[target] = runs[target], runs[index]
    return tuple(runs)


# --- files and the command line ------------------------------------------------------

def _jsonable(value):
    return list(value) if isinstance(value, tuple) else value


def to_json(runs) -> list:
    return [{"method": r.method, "lr": r.lr,
             "hyper": {k: _jsonable(v) for k, v in r.hyper.items()},
             "start": None if r.start is None else list(r.start)} for r in runs]


def check_run_settings(method, lr, hyper) -> dict:
    """hyper checked by the engine's own rules (ValueError says what is wrong)."""
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}; choose one of {', '.join(METHODS)}")
    if lr is not None and not (isinstance(lr, (int, float)) and not isinstance(lr, bool)
                               and math.isfinite(lr) and lr > 0):
        raise ValueError(f"the learning rate of a {method} run must be a number > 0, "
                         f"not {lr!r}")
    method_settings(method, hyper)
    return hyper


def from_json(items) -> tuple:
    """Runs from to_json's list (checked; ValueError names the problem)."""
    if not isinstance(items, list) or not items:
        raise ValueError("runs must be a non-empty list")
    if len(items) > MAX_RUNS:
        raise ValueError(f"at most {MAX_RUNS} runs, not {len(items)}")
    runs = []
    for item in items:
        method, lr = item["method"], item.get("lr")
        hyper = {k: tuple(v) if isinstance(v, list) else v
                 for k, v in (item.get("hyper") or {}).items()}
        check_run_settings(method, lr, hyper)
        start = item.get("start")
        if start is not None:
            start = tuple(float(v) for v in start)
            if not all(map(math.isfinite, start)):
                raise ValueError("a run's start must be finite numbers")
        runs.append(Run(method, None if lr is None else float(lr), hyper, start))
    return with_keys(runs)


def _value(name, text):
    text = text.strip()
    if "/" in text:
        return tuple(_value(name, part) for part in text.split("/"))
    if text.lower() in ("true", "on", "yes"):
        return True
    if text.lower() in ("false", "off", "no"):
        return False
    try:
        return float(text)
    except ValueError:
        raise ValueError(f"{name}={text!r}: expected a number") from None


def parse_runs(text: str) -> tuple:
    """Runs from the command line's --runs, e.g.
    "gd:lr=0.1, gd:lr=0.3, adam:lr=0.05,betas=0.8/0.99, newton, gd:start=1/2".

    A piece with ":" (or a bare method name) starts a run; "name=value" pieces after it
    set that run's lr, start (x/y) or hyperparameters (pairs as a/b, switches as
    true/false). Values are read as numbers only (never evaluated). ValueError says
    which piece is wrong."""
    runs: list = []
    for piece in (p.strip() for p in text.split(",")):
        if not piece:
            continue
        if ":" in piece or "=" not in piece:
            method, _, piece = piece.partition(":")
            method = method.strip().lower()
            if method not in METHODS:
                raise ValueError(f"unknown method {method!r} in --runs; "
                                 f"choose from {', '.join(METHODS)}")
            runs.append({"method": method, "lr": None, "hyper": {}, "start": None})
            if not piece.strip():
                continue
        if not runs:
            raise ValueError(f"{piece!r}: --runs must start with a method, e.g. gd:lr=0.1")
        name, equals, value = piece.partition("=")
        name = name.strip()
        if not equals:
            raise ValueError(f"{piece!r}: expected name=value")
        run = runs[-1]
        parsed = _value(name, value)
        if name in ("lr", "η", "eta"):
            run["lr"] = parsed
        elif name == "start":
            run["start"] = list(parsed) if isinstance(parsed, tuple) else [parsed]
        else:
            run["hyper"][name] = parsed
    if not runs:
        raise ValueError("--runs names no run")
    for run in runs:
        if isinstance(run["lr"], (tuple, bool)):
            raise ValueError(f"lr of {run['method']} must be one number")  # noqa: TRY004
    return from_json(runs)
