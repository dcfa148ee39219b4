"""The Network tab's state: one QObject whose signals fire only on real change.

It holds the architecture (layer sizes, activation), the toy data set, the training
settings (learning rate, batch size) and an `engine.network.Network`, and trains it
live: while playing, a QTimer runs `steps_per_tick` engine steps per ~33 ms tick and
then announces the new parameters once, so the views redraw at most once a frame.
Every number (costs, gradient norms, activations, Jacobians) comes from the engine.
"""
from __future__ import annotations

import math
import re

import numpy as np
from PySide6.QtCore import QObject, Signal

from engine.datasets import DATASETS, make_dataset
from engine.network import NETWORK_ACTIVATIONS, Network

from gui.compute.bounds import Bound, checked, checked_list
from gui.compute.playback import Playback
from gui.plots.view_states import ViewStates

MAX_UNITS = 12          # per layer: more neurons would not fit the diagram legibly
MAX_LAYERS = 8          # weight layers L
MAX_STEPS = 200_000     # playing stops here (the histories stay a few MB)
GRADIENT_EVERY = 10      # steps between two samples of the gradient norms
TICK_MS = 25            # up to 40 frames a second; slower machines get what they can
# The bounds of the tab's controls (the spin boxes of gui.network.tab; the input point
# is picked on the boundary plot): a session file is held to the same, in check_state.
BOUNDS = {
    "noise": Bound("data noise", 0.0, 1.0), "n_points": Bound("number of points", 2, 2000, True),
    "data_seed": Bound("data seed", 0, 9999, True), "init_seed": Bound("weight seed", 0, 9999, True),
    "lr": Bound("learning rate η", 0.001, 20.0), "batch_size": Bound("batch size", 1, 2000, True),
    "steps_per_tick": Bound("steps per frame", 1, 200, True),
    "input": Bound("chosen input", -100.0, 100.0), "step": Bound("step", 0, MAX_STEPS, True),
}
DATASET_LABELS = {"xor": "XOR", "circles": "Circles", "moons": "Two moons",
                  "linear": "Linearly separable"}


def parse_sizes(text) -> tuple:
    """'2-8-8-1' (or '2, 8, 8, 1', or a sequence) -> (2, 8, 8, 1); ValueError says what is wrong."""
    if isinstance(text, str):
        _missing_size(text.strip())
        parts = [p for p in re.split(r"[\s,\-–x×]+", text.strip()) if p]
        if not parts or not all(p.isdigit() for p in parts):
            raise ValueError("Write the layer sizes as whole numbers joined by '-', e.g. 2-8-8-1")
        sizes = tuple(int(p) for p in parts)
    else:
        sizes = tuple(int(s) for s in text)
    if len(sizes) < 2:
        raise ValueError("A network needs at least an input and an output layer, e.g. 2-1")
    if sizes[0] != 2:
        raise ValueError("The first layer must have 2 units: the data are points (x₁, x₂)")
    if sizes[-1] != 1:
        raise ValueError("The last layer must have 1 unit: one output, the class score")
    if min(sizes) < 1 or max(sizes) > MAX_UNITS:
        raise ValueError(f"Each layer needs 1 to {MAX_UNITS} units")
    if len(sizes) - 1 > MAX_LAYERS:
        raise ValueError(f"At most {MAX_LAYERS} weight layers (L ≤ {MAX_LAYERS})")
    return sizes


def _missing_size(text: str) -> None:
    """A ValueError naming where a size is missing: '2-4-' ends with a separator (the
    size-checks further on would only say the last layer is not 1 unit)."""
    first, last = re.match(r"\s*[,\-–x×]", text), re.search(r"[,\-–x×]\s*$", text)
    if last:
        raise ValueError(f"A layer size is missing after the last '{last.group().strip()}' "
                         "(e.g. 2-4-1)")
    if first:
        raise ValueError(f"A layer size is missing before the first '{first.group().strip()}'")
    if re.search(r"[,\-–x×]\s*[,\-–x×]", text):
        raise ValueError("A layer size is missing between two separators (e.g. 2-4-1)")


def output_activation(activation: str) -> str:
    """The output layer's activation: a sigmoid (a score in (0, 1), read as 'class 1 if
    > 0.5'), except for 'none', where every layer stays linear so the network collapses."""
    return "none" if activation == "none" else "sigmoid"


class _Series:
    """A growing numpy buffer (amortised O(1) appends; views get a slice, no copy)."""

    def __init__(self, width=None):
        self._width = width
        self._data = np.empty((64,) if width is None else (64, width))
        self._n = 0

    def extend(self, rows):
        rows = np.asarray(rows, dtype=float)
        need = self._n + len(rows)
        if need > len(self._data):
            grown = np.empty((max(need, 2 * len(self._data)),) + self._data.shape[1:])
            grown[:self._n] = self._data[:self._n]
            self._data = grown
        self._data[self._n:need] = rows
        self._n = need

    def array(self):
        return self._data[:self._n]


class NetworkModel(QObject):
    architectureChanged = Signal(object)   # (sizes, activation): a new network was built
    dataChanged = Signal(object)           # (X (n, 2), Y (n, 1))
    settingsChanged = Signal(object)       # dict: lr, batch_size, steps_per_tick
    trainingChanged = Signal(int)          # the step count, after parameters changed
    playingChanged = Signal(bool)
    inputChanged = Signal(object)          # the chosen input x, array (2,)
    jacobianLayerChanged = Signal(int)     # l in 1..L

    def __init__(self, parent=None):
        super().__init__(parent)
        self._sizes = (2, 4, 1)
        self._activation = "tanh"
        self._dataset, self._noise, self._n_points, self._data_seed = "xor", 0.1, 200, 0
        self._init_seed = 0
        self._lr = 1.0
        self._batch_size: int | None = None       # None = full batch
        self._steps_per_tick = 20
        self._input = np.array([0.5, -0.5])
        self._jacobian_layer = 1
        self._X, self._Y = make_dataset(self._dataset, self._n_points, self._noise, self._data_seed)
        self.playback = Playback(
            self, TICK_MS, lambda: not self.diverged and self._step < MAX_STEPS)
        self.playback.ticked.connect(self._on_tick)
        self.playback.playingChanged.connect(self.playingChanged)
        self._new_network()
        # the views' part of a session (the log cost); named only where not as built
        self.view_states = ViewStates()

    # --- read-only state ------------------------------------------------------
    sizes = property(lambda self: self._sizes)
    activation = property(lambda self: self._activation)
    dataset = property(lambda self: self._dataset)
    noise = property(lambda self: self._noise)
    n_points = property(lambda self: self._n_points)
    data_seed = property(lambda self: self._data_seed)
    init_seed = property(lambda self: self._init_seed)
    lr = property(lambda self: self._lr)
    batch_size = property(lambda self: self._batch_size)
    steps_per_tick = property(lambda self: self._steps_per_tick)
    network = property(lambda self: self._net)
    X = property(lambda self: self._X)
    Y = property(lambda self: self._Y)
    step_count = property(lambda self: self._step)
    input_point = property(lambda self: self._input.copy())
    jacobian_layer = property(lambda self: self._jacobian_layer)

    @property
    def playing(self) -> bool:
        return self.playback.playing

    @property
    def cost_history(self) -> np.ndarray:
        """C on all the data before step k, k = 0..step_count (length step_count + 1)."""
        return self._costs.array()

    @property
    def gradient_history(self):
        """(steps (m,), norms (m, L)): ||dC/dW^l|| on all the data, sampled once per tick."""
        return self._grad_steps.array(), self._grad_norms.array()

    @property
    def cost(self) -> float:
        return float(self._costs.array()[-1])

    @property
    def diverged(self) -> bool:
        return not math.isfinite(self.cost)

    # --- architecture and data -----------------------------------------------
    def set_sizes(self, sizes) -> None:
        """Text like '2-8-8-1' or a sequence; raises ValueError (message for the user)."""
        sizes = parse_sizes(sizes)
        if sizes != self._sizes:
            self._sizes = sizes
            self._jacobian_layer = min(self._jacobian_layer, len(sizes) - 1)
            self._new_network()

    def set_activation(self, name: str) -> None:
        if name not in NETWORK_ACTIVATIONS:
            raise ValueError(f"activation must be one of {', '.join(NETWORK_ACTIVATIONS)}")
        if name != self._activation:
            self._activation = name
            self._new_network()

    def set_init_seed(self, seed: int) -> None:
        if int(seed) != self._init_seed:
            self._init_seed = int(seed)
            self._new_network()

    def set_data(self, name=None, noise=None, seed=None, n=None) -> None:
        """Change the toy data set (engine.datasets); the network restarts from its init."""
        name = self._dataset if name is None else name
        if name not in DATASETS:
            raise ValueError(f"unknown data set {name!r}")
        noise = self._noise if noise is None else float(noise)
        seed = self._data_seed if seed is None else int(seed)
        n = self._n_points if n is None else int(n)
        if (name, noise, seed, n) == (self._dataset, self._noise, self._data_seed, self._n_points):
            return
        self._dataset, self._noise, self._data_seed, self._n_points = name, noise, seed, n
        self._X, self._Y = make_dataset(name, n, noise, seed)
        self.dataChanged.emit((self._X, self._Y))
        self._restart()

    def _new_network(self) -> None:
        self._net = Network(self._sizes, self._activation, self._init_seed,
                            output_activation(self._activation))
        self.architectureChanged.emit((self._sizes, self._activation))
        self.jacobianLayerChanged.emit(self._jacobian_layer)
        self._restart(rebuild=False)

    def _restart(self, rebuild=True) -> None:
        """Back to the initial weights, step 0, empty histories."""
        self.pause()
        if rebuild:
            self._net = Network(self._sizes, self._activation, self._init_seed,
                                output_activation(self._activation))
        self._step = 0
        self._costs = _Series()
        self._grad_steps, self._grad_norms = _Series(), _Series(self._net.n_layers)
        self._costs.extend([self._net.cost(self._X, self._Y)])
        self._record_gradients()
        self.trainingChanged.emit(0)

    def _record_gradients(self) -> None:
        self._grad_steps.extend([self._step])
        self._grad_norms.extend([self._net.gradient_norms(self._X, self._Y)])

    # --- training settings ----------------------------------------------------
    def set_lr(self, lr: float) -> None:
        lr = float(lr)
        if not lr > 0:
            raise ValueError("the learning rate must be > 0")
        if lr != self._lr:
            self._lr = lr
            self._emit_settings()

    def set_batch_size(self, batch_size) -> None:
        """None (or >= n) = full batch; k = mini-batches of k; 1 = stochastic (SGD)."""
        if batch_size is not None:
            batch_size = int(batch_size)
            if batch_size < 1:
                raise ValueError("the batch size must be >= 1")
        if batch_size != self._batch_size:
            self._batch_size = batch_size
            self._emit_settings()

    def set_steps_per_tick(self, steps: int) -> None:
        steps = int(np.clip(steps, 1, 500))
        if steps != self._steps_per_tick:
            self._steps_per_tick = steps
            self._emit_settings()

    def _emit_settings(self) -> None:
        self.settingsChanged.emit({"lr": self._lr, "batch_size": self._batch_size,
                                   "steps_per_tick": self._steps_per_tick})

    # --- chosen input and Jacobian layer -------------------------------------
    def set_input(self, point) -> None:
        point = np.asarray(point, dtype=float).reshape(2)
        if not np.array_equal(point, self._input):
            self._input = point
            self.inputChanged.emit(point.copy())

    def set_jacobian_layer(self, l: int) -> None:
        l = int(np.clip(l, 1, self._net.n_layers))
        if l != self._jacobian_layer:
            self._jacobian_layer = l
            self.jacobianLayerChanged.emit(l)

    # --- training -------------------------------------------------------------
    def train(self, steps: int) -> None:
        """`steps` engine updates now (Step button, ticks, tests); one trainingChanged.

        Runs in chunks of GRADIENT_EVERY steps, recording the gradient norms after each,
        so their curves have detail even when many steps are asked for at once.
        """
        if steps < 1 or self.diverged:
            return
        done = 0
        while done < steps and not self.diverged:
            chunk = min(GRADIENT_EVERY, steps - done)
            # A fresh batch order per chunk, reproducible from (init seed, step count).
            history = self._net.train(self._X, self._Y, self._lr, chunk,
                                      batch_size=self._batch_size, seed=(self._init_seed, self._step))
            self._costs.extend(history[1:])
            self._step += chunk
            done += chunk
            self._record_gradients()
        if self.diverged or self._step >= MAX_STEPS:
            self.pause()
        self.trainingChanged.emit(self._step)

    def step(self) -> None:
        self.train(1)

    def reset(self) -> None:
        self._restart()

    def play(self) -> None:
        self.playback.play()

    def pause(self) -> None:
        self.playback.pause()

    def toggle_play(self) -> None:
        self.playback.toggle()

    def _on_tick(self) -> None:
        self.train(self._steps_per_tick)

    # --- saved sessions -------------------------------------------------------
    def get_state(self) -> dict:
        """Plain lists, numbers and strings (JSON-ready); set_state restores them exactly."""
        steps, norms = self.gradient_history
        return {"sizes": list(self._sizes), "activation": self._activation,
                "dataset": self._dataset, "noise": self._noise, "n_points": self._n_points,
                "data_seed": self._data_seed, "init_seed": self._init_seed, "lr": self._lr,
                "batch_size": self._batch_size, "steps_per_tick": self._steps_per_tick,
                "input": self._input.tolist(), "jacobian_layer": self._jacobian_layer,
                "step": self._step, "network": self._net.get_state(),
                "cost_history": self.cost_history.tolist(),
                "gradient_steps": steps.astype(int).tolist(), "gradient_norms": norms.tolist(),
                **({"views": views} if (views := self.view_states.changed_state()) else {})}

    @staticmethod
    def check_state(state: dict) -> dict:
        """The state with every value checked against BOUNDS, the architecture, data set
        and histories consistent: ValueError in the user's words; applies nothing."""
        if not isinstance(state, dict):
            raise ValueError("The Network settings are not a group of settings.")
        s = {name: checked(bound, state.get(name)) for name, bound in BOUNDS.items()
             if name not in ("batch_size", "input")}
        s["sizes"] = parse_sizes(_list(state.get("sizes"), "layer sizes"))
        s["activation"], s["dataset"] = state.get("activation"), state.get("dataset")
        if s["activation"] not in NETWORK_ACTIVATIONS:
            raise ValueError(f"The activation must be one of {', '.join(NETWORK_ACTIVATIONS)}.")
        if s["dataset"] not in DATASETS:
            raise ValueError(f"The data set must be one of {', '.join(DATASETS)}.")
        batch = state.get("batch_size")
        s["batch_size"] = None if batch is None else checked(BOUNDS["batch_size"], batch)
        s["input"] = checked_list(BOUNDS["input"], state.get("input"), 2)
        layer = state.get("jacobian_layer")
        s["jacobian_layer"] = checked(Bound("Jacobian's layer", 1, len(s["sizes"]) - 1, True), layer)
        net = state.get("network")
        if (not isinstance(net, dict) or net.get("sizes") != list(s["sizes"])
                or net.get("activation") != s["activation"]):
            raise ValueError("The network's weights do not match its layer sizes.")
        s["network"] = state["network"]
        n_layers = len(s["sizes"]) - 1
        costs = _numbers(state.get("cost_history"), "cost history")
        steps = _numbers(state.get("gradient_steps"), "gradient history")
        norms = _numbers(state.get("gradient_norms"), "gradient history", n_layers)
        if len(costs) != s["step"] + 1 or len(norms) != len(steps):
            raise ValueError("The training history does not match the step count.")
        s["cost_history"], s["gradient_steps"], s["gradient_norms"] = costs, steps, norms
        return s

    def set_state(self, state: dict) -> None:
        """Apply a state from get_state (checked first: a bad one changes nothing but
        the weights it fails to fit, put back by the session's undo)."""
        s = self.check_state(state)
        self.pause()
        self.set_data(s["dataset"], s["noise"], s["data_seed"], s["n_points"])
        self._sizes = s["sizes"]
        self._activation = s["activation"]
        self._init_seed = s["init_seed"]
        self._jacobian_layer = s["jacobian_layer"]
        self._new_network()
        self._lr, self._batch_size = s["lr"], s["batch_size"]
        self._steps_per_tick = s["steps_per_tick"]
        self._emit_settings()
        self._net.set_state(s["network"])
        self._step = s["step"]
        self._costs = _Series()
        self._costs.extend(s["cost_history"])
        self._grad_steps, self._grad_norms = _Series(), _Series(self._net.n_layers)
        self._grad_steps.extend(s["gradient_steps"])
        self._grad_norms.extend(s["gradient_norms"])
        self.set_input(s["input"])
        self.trainingChanged.emit(self._step)
        # the views it does not name as built: a log cost did not carry over to a scene
        views = state.get("views")
        self.view_states.reset(keep=views if isinstance(views, dict) else ())
        self.view_states.set_state(views)

    def shutdown(self) -> None:
        self.pause()


def _list(value, what: str) -> list:
    if not isinstance(value, list):
        raise ValueError(f"The {what} must be a list.")
    return value


def _numbers(value, what: str, width: int | None = None) -> np.ndarray:
    """A list of numbers, or of rows of `width` numbers (nan and ±inf allowed: a diverged
    run is saved as it was)."""
    values = _list(value, what)
    if width is not None:
        if any(not isinstance(row, list) or len(row) != width for row in values):
            raise ValueError(f"The {what} must be rows of {width} numbers, one per layer.")
        flat = [v for row in values for v in row]
    else:
        flat = values
    if len(values) > MAX_STEPS + 1 or any(
            isinstance(v, bool) or not isinstance(v, (int, float)) for v in flat):
        raise ValueError(f"The {what} must be a list of at most {MAX_STEPS + 1} numbers.")
    try:
        return np.asarray(values, dtype=float).reshape((len(values),) + ((width,) if width else ()))
    except OverflowError:
        raise ValueError(f"The {what} holds a number far too large.") from None
