"""What the descent panel sets (`DescentSettings`) and the settings an example sets
(`preset_settings`): plain values, one `descend` call per run (gui/plots/runs.py)."""
from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from types import MappingProxyType

import numpy as np

from engine.optimizers import descend
from gui.plots import runs as race


@dataclass(frozen=True)
class DescentSettings:
    """What the descent panel sets; one `descend` call per run (gui/plots/runs.py).
    methods: the distinct methods of runs (kept in step with them by set_settings)."""
    methods: tuple[str, ...] = ("gd",)
    lr: float = 0.1
    hyper: dict = field(default_factory=dict)     # method -> {name: value}
    noise: float = 0.0
    clip: float | None = None
    max_steps: int = 100
    seed: int = 0
    runs: tuple = (race.Run("gd", key="gd"),)

    def to_json(self) -> dict:
        """As a session file holds them (the "descent" part of the Explorer's state)."""
        return {"methods": list(self.methods), "lr": self.lr,
                "hyper": {m: {k: list(v) if isinstance(v, tuple) else v for k, v in h.items()}
                          for m, h in self.hyper.items()},
                "noise": self.noise, "clip": self.clip, "max_steps": self.max_steps,
                "seed": self.seed, "runs": race.to_json(self.runs)}


def preset_settings(preset: dict) -> DescentSettings:
    """Every descent setting an example sets: its own values, the defaults for the rest
    (noise left on from before would make its caption's numbers wrong)."""
    d, clip = DescentSettings(), preset.get("clip")
    runs = race.from_json(preset["runs"]) if preset.get("runs") else \
        race.runs_for_methods(tuple(preset.get("methods", d.methods)))
    return DescentSettings(
        methods=race.methods_of(runs), runs=runs, lr=float(preset.get("lr", d.lr)),
        hyper={m: {k: tuple(v) if isinstance(v, list) else v for k, v in h.items()}
               for m, h in preset.get("hyper", {}).items()},
        noise=float(preset.get("noise", d.noise)), clip=None if clip is None else float(clip),
        max_steps=int(preset.get("max_steps", d.max_steps)), seed=int(preset.get("seed", d.seed)))


def descend_runs(f, start, s: DescentSettings) -> dict:
    """run key -> engine Path: every run of `s` descending f, from its own start (if it
    has one for f's variables) or `start`."""
    return {run.key: without_undefined_step(descend(
                f, run.start if run.start and len(run.start) == f.dimension else start,
                method=run.method, lr=race.effective_lr(run, s.lr), steps=s.max_steps,
                noise=s.noise, clip=s.clip, seed=s.seed, **race.effective_hyper(run, s.hyper)))
            for run in s.runs}


def without_undefined_step(path):
    """The path without its last point where that point came from a ∇f with no value
    (f had one): no step was taken there, so none is shown. √x + y² from (0, 1):
    ∂f/∂x = 1/(2√x) is undefined and descend's "diverged" path keeps the point it
    stepped to, (−∞, 0.8), as step 1; the counter read "step 1 / 1" and the table a row
    1 beside "no step can be taken". Still "diverged": stop_step is the point it stopped
    at, whose gradient is not finite (gui/explorer/run_notices.gradient_undefined_text)."""
    k = path.stop_step
    if path.status != "diverged" or not k or not math.isfinite(path.values[k - 1]) or \
            np.isfinite(path.gradients[k - 1]).all():
        return path
    return first_points(path, k)


def first_points(path, n: int):
    """The path's first `n` points: its iterates, values, gradients and state so far."""
    used = None if path.used_gradients is None else path.used_gradients[:n]
    return replace(path, points=path.points[:n], values=path.values[:n],
                   gradients=path.gradients[:n], used_gradients=used,
                   state=MappingProxyType({name: rows[:n] for name, rows in path.state.items()}))
