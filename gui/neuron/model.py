"""The Neuron tab's state: one neuron, one example, a walk through one training step.

Plain state (x, w, b, target, learning rate, activation), the stage of the walk
through forward pass, backward pass and update, the engine's `NeuronStep` at the
current parameters and the training history so far. Signals fire only on real change.
Every number comes from `engine.neuron`; this file only keeps and sequences them.

The history is always one plain gradient-descent run from `start` with the current
x, target, activation and learning rate: editing any of those (or w, b) starts a new
run. That is what lets the landscape show the run as `descend(..., "gd")` on the loss.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from engine.neuron import NEURON_ACTIVATIONS, Neuron, NeuronStep, check_activation

from gui.compute.bounds import Bound, checked
from gui.compute.playback import Playback

DEFAULTS = {"x": 2.0, "w": 0.5, "b": 0.1, "target": 0.7, "lr": 0.1, "activation": "sigmoid"}
# The tab's spin boxes (gui.neuron.tab); a session file is held to the same in check_state.
# The current w and b may have left the boxes' range by training: only finite.
BOUNDS = {"x": Bound("input x", -10.0, 10.0), "target": Bound("target y", -10.0, 10.0),
          "lr": Bound("learning rate η", 1e-4, 100.0), "start_w": Bound("starting w", -10.0, 10.0),
          "start_b": Bound("starting b", -10.0, 10.0)}
# Caps that keep the window responsive: the landscape replays the whole run with
# `descend` after every change (~0.1 ms a step), and the engine trains at about that pace.
MAX_TRAIN_STEPS = 5_000     # in one click
MAX_HISTORY = 10_000        # in one run
DIVERGENCE_LIMIT = 1e12     # |L| beyond this ends a run, as in engine.optimizers.descend


def diverged(step: NeuronStep) -> bool:
    """The run cannot go on from this step's point (descend's rule, on the loss)."""
    return not (math.isfinite(step.loss) and abs(step.loss) <= DIVERGENCE_LIMIT
                and math.isfinite(step.w) and math.isfinite(step.b))


@dataclass(frozen=True)
class Stage:
    key: str        # what the views highlight (see neuron_graph_view.HIGHLIGHTS)
    phase: str      # "inputs", "forward", "backward" or "update"
    # shown above the formula, after "Stage 5 of 11 · ": one line presenting at 1280×720
    # (three longer ones wrapped onto two there and pushed the formula down)
    title: str


STAGES = (
    Stage("inputs", "inputs", "The inputs x, w, b and the target"),
    Stage("z", "forward", "Forward: the weighted sum z"),
    Stage("output", "forward", "Forward: the activation"),
    Stage("loss", "forward", "Forward: the loss"),
    Stage("dL_doutput", "backward", "Backward: L's slope in the output"),
    Stage("doutput_dz", "backward", "Backward: the activation's slope"),
    Stage("dz_dparams", "backward", "Backward: how z changes with w and b"),
    Stage("dL_dw", "backward", "Chain rule: along the path from L to w"),
    Stage("dL_db", "backward", "Chain rule: along the path from L to b"),
    Stage("update_w", "update", "Update: step w against its gradient"),
    Stage("update_b", "update", "Update: step b against its gradient"),
)
STAGE_KEYS = tuple(s.key for s in STAGES)


def seed_rounding_step() -> NeuronStep:
    """Example 3 of the course notes computed exactly (x=2, w=0.5, b=0.1, target 0.7, lr 0.1, σ)."""
    d = DEFAULTS
    return Neuron(d["w"], d["b"], d["activation"]).train_step(d["x"], d["target"], d["lr"])


class NeuronModel(QObject):
    parametersChanged = Signal(object)   # dict of x, w, b, target, lr, activation
    stepChanged = Signal(object)         # engine.neuron.NeuronStep at the current parameters
    stageChanged = Signal(int)           # index into STAGES
    historyChanged = Signal(object)      # tuple of NeuronStep, oldest first
    playingChanged = Signal(bool)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._params = dict(DEFAULTS)
        self._stage = 0
        self._history: tuple[NeuronStep, ...] = ()
        self._step = self._compute_step()
        self.playback = Playback(self, 1100)   # slow enough to read each formula aloud
        self.playback.ticked.connect(self._on_tick)
        self.playback.playingChanged.connect(self.playingChanged)

    # --- read-only state ------------------------------------------------------
    x = property(lambda self: self._params["x"])
    w = property(lambda self: self._params["w"])
    b = property(lambda self: self._params["b"])
    target = property(lambda self: self._params["target"])
    lr = property(lambda self: self._params["lr"])
    activation = property(lambda self: self._params["activation"])
    stage = property(lambda self: self._stage)
    step = property(lambda self: self._step)
    history = property(lambda self: self._history)
    parameters = property(lambda self: dict(self._params))

    @property
    def start(self) -> tuple[float, float]:
        """(w, b) where the current training run began."""
        return (self._history[0].w, self._history[0].b) if self._history else (self.w, self.b)

    @property
    def playing(self) -> bool:
        return self.playback.playing

    # --- parameters -------------------------------------------------------------
    def set_x(self, v): self._set_params(x=float(v))
    def set_w(self, v): self._set_params(w=float(v))
    def set_b(self, v): self._set_params(b=float(v))
    def set_target(self, v): self._set_params(target=float(v))
    def set_lr(self, v): self._set_params(lr=float(v))

    def set_wb(self, w, b):
        """Both parameters at once (a click on the loss landscape): one new run."""
        self._set_params(w=float(w), b=float(b))

    def set_activation(self, name):
        self._set_params(activation=check_activation(name))

    def _set_params(self, keep_history=False, **changes):
        new = {**self._params, **changes}
        if new == self._params:
            return
        self._params = new
        if not keep_history:
            self._set_history(())
        self.parametersChanged.emit(dict(new))
        self._set_step(self._compute_step())

    def _compute_step(self) -> NeuronStep:
        p = self._params
        return Neuron(p["w"], p["b"], p["activation"]).train_step(p["x"], p["target"], p["lr"])

    def _set_step(self, step):
        if step != self._step:
            self._step = step
            self.stepChanged.emit(step)

    def _set_history(self, history):
        history = tuple(history)
        if history != self._history:
            self._history = history
            self.historyChanged.emit(history)

    # --- the walk through one step ----------------------------------------------
    def set_stage(self, index: int) -> None:
        index = max(0, min(int(index), len(STAGES) - 1))
        if index != self._stage:
            self._stage = index
            self.stageChanged.emit(index)

    def next_stage(self) -> None:
        """One stage on; after the last one, apply the update and start the next step."""
        if self._stage < len(STAGES) - 1:
            self.set_stage(self._stage + 1)
        else:
            self.apply_update()
            self.set_stage(0)

    def previous_stage(self) -> None:
        self.set_stage(self._stage - 1)

    def play(self) -> None:
        """Walk through the stages of one step; at the last stage, on into the next step."""
        self.playback.play()

    def pause(self) -> None:
        self.playback.pause()

    def toggle_play(self) -> None:
        self.playback.toggle()

    def _on_tick(self):
        self.next_stage()
        if self._stage == len(STAGES) - 1:   # stop where the update is shown
            self.pause()

    # --- training -----------------------------------------------------------------
    def apply_update(self) -> None:
        """w, b <- the current step's w_new, b_new; the step joins the history."""
        self.train(1)

    @property
    def diverged(self) -> bool:
        return diverged(self._step)

    def train(self, steps: int) -> None:
        """`steps` gradient-descent steps from the current w, b (engine.neuron.Neuron.train).

        At most MAX_TRAIN_STEPS at once and MAX_HISTORY in one run.
        A run that diverges stops at the first point whose loss is non-finite or beyond
        DIVERGENCE_LIMIT, exactly where `descend` stops, and trains no further.
        """
        steps = max(0, min(int(steps), MAX_TRAIN_STEPS, MAX_HISTORY - len(self._history)))
        if steps == 0 or self.diverged:
            return
        p = self._params
        neuron = Neuron(p["w"], p["b"], p["activation"])
        done = neuron.train(p["x"], p["target"], p["lr"], steps)
        end = next((i for i, s in enumerate(done) if diverged(s)), None)
        if end is not None:                 # stand on the diverged point, as descend does
            done, (w, b) = done[:end], (done[end].w, done[end].b)
        else:
            w, b = neuron.w, neuron.b
        self._set_history(self._history + tuple(done))
        self._set_params(keep_history=True, w=w, b=b)

    def reset_training(self) -> None:
        """Back to where the current run started; the history is cleared."""
        self.pause()
        w0, b0 = self.start
        self._set_history(())
        self._set_params(w=w0, b=b0)
        self.set_stage(0)

    # --- saved sessions -------------------------------------------------------------
    def get_state(self) -> dict:
        """Plain values: the parameters, the stage and the run as its start and length."""
        w0, b0 = self.start
        return {**self._params, "stage": self._stage,
                "start": [w0, b0], "trained_steps": len(self._history)}

    @staticmethod
    def check_state(state: dict) -> None:
        """Raise ValueError naming the first problem in a saved state; applies nothing."""
        if not isinstance(state, dict):
            raise ValueError("the neuron's state is not a dictionary")
        check_activation(state.get("activation", DEFAULTS["activation"]))
        numbers = {k: state.get(k, DEFAULTS[k]) for k in ("x", "w", "b", "target", "lr")}
        start = state.get("start", [numbers["w"], numbers["b"]])
        if not (isinstance(start, (list, tuple)) and len(start) == 2):
            raise ValueError("the neuron's start must be [w, b]")
        numbers.update(start_w=start[0], start_b=start[1])
        for name, v in numbers.items():
            if name in BOUNDS:
                checked(BOUNDS[name], v)
            elif isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
                raise ValueError(f"The neuron's {name} must be a finite number, not {v!r}.")
        for name, hi in (("trained_steps", MAX_HISTORY), ("stage", len(STAGES) - 1)):
            v = state.get(name, 0)
            if isinstance(v, bool) or not isinstance(v, int) or not 0 <= v <= hi:
                raise ValueError(f"the neuron's {name} must be a whole number from 0 to {hi}")

    def set_state(self, state: dict) -> None:
        """Restore get_state()'s dict (checked first: a bad one changes nothing).

        The run is replayed by the engine from its start, so the history is exact.
        """
        self.check_state(state)
        self.pause()
        p = {k: state.get(k, DEFAULTS[k]) for k in DEFAULTS}
        p = {k: (v if k == "activation" else float(v)) for k, v in p.items()}
        steps = int(state.get("trained_steps", 0))
        w0, b0 = state.get("start", (p["w"], p["b"]))
        self._set_params(**{**p, "w": float(w0), "b": float(b0)})
        self._set_history(())
        while len(self._history) < steps and not self.diverged:   # train() caps one call
            before = len(self._history)
            self.train(steps - before)
            if len(self._history) == before:
                break
        if (self.w, self.b) != (p["w"], p["b"]):   # an edited file: trust its w and b
            self._set_params(w=p["w"], b=p["b"])
        self.set_stage(int(state.get("stage", 0)))

    def shutdown(self) -> None:
        self.pause()


__all__ = ["NeuronModel", "STAGES", "STAGE_KEYS", "DEFAULTS", "NEURON_ACTIVATIONS",
           "MAX_HISTORY", "MAX_TRAIN_STEPS", "seed_rounding_step"]
