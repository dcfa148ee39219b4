"""One neuron, one example: output = act(w x + b), loss = (output - target)^2 / 2.

`Neuron.train_step` runs the forward pass and backpropagation on a `Value` graph and
returns every factor of the chain rule

    dL/dw = dL/doutput * doutput/dz * dz/dw,    dL/db = dL/doutput * doutput/dz * dz/db

so the lab can show each number. The activations and their closed-form derivatives
(`ACTIVATIONS`) are vectorised numpy functions, shared with `engine.network`.
"""
from dataclasses import dataclass

import numpy as np

from engine.value import Value


def sigmoid(z):
    """1 / (1 + e^-z), elementwise, without overflow for any finite z."""
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))  # <= 1, so it cannot overflow
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _sigmoid_slope(z):
    s = sigmoid(z)
    return s * (1.0 - s)


def _tanh_slope(z):
    return 1.0 - np.tanh(z) ** 2


def _relu(z):
    return np.maximum(z, 0.0)


def _relu_slope(z):
    # At the kink z = 0 we use 0, the same choice as Value.relu.
    return (np.asarray(z) > 0).astype(float)


def _identity(z):
    return np.asarray(z, dtype=float)


def _one(z):
    return np.ones_like(np.asarray(z, dtype=float))


# name -> (act(z), act'(z)); both elementwise on arrays. "none" is the network's name
# for the identity, "linear" the neuron's.
ACTIVATIONS = {
    "sigmoid": (sigmoid, _sigmoid_slope),
    "tanh": (np.tanh, _tanh_slope),
    "relu": (_relu, _relu_slope),
    "linear": (_identity, _one),
    "none": (_identity, _one),
}
NEURON_ACTIVATIONS = ("sigmoid", "tanh", "relu", "linear")


def check_activation(name, allowed=NEURON_ACTIVATIONS):
    if name not in allowed:
        raise ValueError(f"unknown activation {name!r}; choose one of {', '.join(allowed)}")
    return name


@dataclass(frozen=True)
class NeuronStep:
    """Everything one gradient-descent step computed, as plain floats."""
    x: float
    w: float
    b: float
    target: float
    lr: float
    activation: str
    z: float
    output: float
    loss: float
    dloss_doutput: float
    doutput_dz: float
    dz_dw: float
    dz_db: float
    dloss_dw: float
    dloss_db: float
    w_new: float
    b_new: float


class Neuron:
    """A single neuron with weight `w`, bias `b` and an activation from NEURON_ACTIVATIONS."""

    def __init__(self, w=0.5, b=0.1, activation="sigmoid"):
        self.w = float(w)
        self.b = float(b)
        self.activation = check_activation(activation)

    def __repr__(self):
        return f"Neuron(w={self.w!r}, b={self.b!r}, activation={self.activation!r})"

    def forward(self, x):
        """act(w x + b); x a float or an array (the result has x's shape)."""
        act, _ = ACTIVATIONS[self.activation]
        out = act(self.w * np.asarray(x, dtype=float) + self.b)
        return float(out) if out.ndim == 0 else out

    def local_derivative(self, z):
        """Closed-form d output / d z = act'(z) (sigmoid: s(1-s), tanh: 1-t^2, relu: [z>0])."""
        _, slope = ACTIVATIONS[self.activation]
        return float(slope(z))

    def graph(self, x, target):
        """Build the loss's computational graph at (x, target) and backpropagate through it.

        Returns a dict of the named nodes "x", "w", "b", "z", "output", "target", "loss"
        (each a `Value`, its `label` the key); `grad` of each is dLoss/d(node). Walk
        `_prev` from "loss" for the whole graph, intermediate nodes included.
        """
        xv = Value(x, label="x")
        wv = Value(self.w, label="w")
        bv = Value(self.b, label="b")
        tv = Value(target, label="target")
        wx = wv * xv
        wx.label = "w·x"
        z = wx + bv
        z.label = "z"
        output = getattr(z, self.activation)()
        output.label = "output"
        error = output - tv
        error.label = "error"
        squared = error ** 2
        squared.label = "error²"
        loss = 0.5 * squared
        loss.label = "loss"
        loss.backward()
        return {"x": xv, "w": wv, "b": bv, "z": z, "output": output,
                "target": tv, "loss": loss}

    def train_step(self, x, target, lr):
        """One forward pass, backward pass and update w -= lr dL/dw, b -= lr dL/db."""
        g = self.graph(x, target)
        step = NeuronStep(
            x=float(x), w=self.w, b=self.b, target=float(target), lr=float(lr),
            activation=self.activation,
            z=g["z"].data, output=g["output"].data, loss=g["loss"].data,
            dloss_doutput=g["output"].grad,
            doutput_dz=self.local_derivative(g["z"].data),
            dz_dw=float(x), dz_db=1.0,
            dloss_dw=g["w"].grad, dloss_db=g["b"].grad,
            w_new=self.w - lr * g["w"].grad, b_new=self.b - lr * g["b"].grad,
        )
        self.w, self.b = step.w_new, step.b_new
        return step

    def train(self, x, target, lr, steps):
        """`steps` successive train_steps on the same example; the list of NeuronSteps."""
        return [self.train_step(x, target, lr) for _ in range(steps)]

    def loss_surface(self, x, target, W, B):
        """Loss (act(W x + B) - target)^2 / 2 at arrays W, B of weights and biases.

        W and B broadcast (e.g. from np.meshgrid(ws, bs, indexing="ij")); the result has
        their broadcast shape. The neuron's own w and b are not used.
        """
        act, _ = ACTIVATIONS[self.activation]
        z = np.asarray(W, dtype=float) * x + np.asarray(B, dtype=float)
        return 0.5 * (act(z) - target) ** 2
