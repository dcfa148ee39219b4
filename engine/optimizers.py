"""Gradient descent and its relatives, run on an Expression one step at a time.

``descend(f, start, method)`` returns a frozen ``Path``: every iterate, its value and
its gradient. The first-order methods follow the algorithm boxes of the matching
``torch.optim`` class (SGD, SGD with momentum, SGD with ``nesterov=True``, Adagrad,
RMSprop, Adam) line by line, with PyTorch's hyperparameter names and defaults, so a
path equals the one PyTorch produces from the same start. ``"newton"`` steps by
``lr * H^-1 g``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

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

DIVERGENCE_LIMIT = 1e12  # |f| beyond this counts as diverged


@dataclass(frozen=True, eq=False)  # eq=False: comparing arrays with == is ambiguous
class Path:
    """One optimisation run; arrays are read-only float64.

    points     (n+1, d)  the start first, then each iterate
    values     (n+1,)    f at each point
    gradients  (n+1, d)  the true gradient of f at each point (before noise or clipping)
    status     "converged" (gradient norm < tol at the last point), "diverged" (the last
               point or its value is non-finite, or |value| > 1e12) or "max_steps"
    method, lr the method and the learning rate actually used
    hyper      every other setting (the method's hyperparameters with defaults filled
               in, weight_decay, noise, clip, seed), so that
               ``descend(f, path.points[0], path.method, lr=path.lr, **path.hyper)``
               repeats the run
    """

    points: np.ndarray
    values: np.ndarray
    gradients: np.ndarray
    status: str
    method: str
    lr: float
    hyper: Mapping[str, object]

    @property
    def stop_step(self) -> int:
        """Index of the last point (the number of steps taken)."""
        return len(self.values) - 1


# One small class per torch.optim algorithm. step(theta, g) takes the current point and
# the gradient the optimiser sees (weight decay already added), both shape (d,), and
# returns the next point; the method's state lives on the instance.


class _SGD:
    """torch.optim.SGD: plain (momentum 0), heavy-ball momentum, or Nesterov."""

    def __init__(self, lr, momentum=0.0, dampening=0.0, nesterov=False):
        self.lr, self.momentum, self.dampening = lr, momentum, dampening
        self.nesterov = nesterov
        self.buffer = None

    def step(self, theta, g):
        if self.momentum != 0:
            if self.buffer is None:
                self.buffer = g  # b_1 = g_1: PyTorch's first buffer is not dampened
            else:
                self.buffer = self.momentum * self.buffer + (1 - self.dampening) * g
            g = g + self.momentum * self.buffer if self.nesterov else self.buffer
        return theta - self.lr * g


class _Adagrad:
    """torch.optim.Adagrad: steps shrink with each coordinate's summed squared gradient."""

    def __init__(self, lr, lr_decay, initial_accumulator_value, eps):
        self.lr, self.lr_decay, self.eps = lr, lr_decay, eps
        self.state_sum = initial_accumulator_value
        self.t = 0

    def step(self, theta, g):
        self.t += 1
        lr = self.lr / (1 + (self.t - 1) * self.lr_decay)
        self.state_sum = self.state_sum + g * g
        return theta - lr * (g / (np.sqrt(self.state_sum) + self.eps))


class _RMSprop:
    """torch.optim.RMSprop: divide by a running RMS of the gradient (maybe centred)."""

    def __init__(self, lr, alpha, eps, momentum, centered):
        self.lr, self.alpha, self.eps = lr, alpha, eps
        self.momentum, self.centered = momentum, centered
        self.square_avg = self.grad_avg = self.buffer = 0.0

    def step(self, theta, g):
        a = self.alpha
        self.square_avg = a * self.square_avg + (1 - a) * (g * g)
        v = self.square_avg
        if self.centered:  # subtract the squared mean: a running variance
            self.grad_avg = a * self.grad_avg + (1 - a) * g
            v = v - self.grad_avg**2
        scaled = g / (np.sqrt(v) + self.eps)
        if self.momentum > 0:
            self.buffer = self.momentum * self.buffer + scaled
            return theta - self.lr * self.buffer
        return theta - self.lr * scaled


class _Adam:
    """torch.optim.Adam: bias-corrected running mean over running RMS of the gradient."""

    def __init__(self, lr, betas, eps, amsgrad):
        self.lr, (self.beta1, self.beta2), self.eps = lr, betas, eps
        self.amsgrad = amsgrad
        self.m = self.v = self.v_max = 0.0
        self.t = 0

    def step(self, theta, g):
        self.t += 1
        b1, b2 = self.beta1, self.beta2
        self.m = b1 * self.m + (1 - b1) * g
        self.v = b2 * self.v + (1 - b2) * (g * g)
        m_hat = self.m / (1 - b1**self.t)
        if self.amsgrad:
            # As in torch's box: the maximum is of the uncorrected v_t, corrected after.
            self.v_max = np.maximum(self.v_max, self.v)
            v_hat = self.v_max / (1 - b2**self.t)
        else:
            v_hat = self.v / (1 - b2**self.t)
        return theta - self.lr * m_hat / (np.sqrt(v_hat) + self.eps)


class _Newton:
    """Newton's method: theta - lr * H^-1 g. It seeks any critical point, so it can land
    on saddles and maxima; a singular H uses the least-squares (pseudo-inverse) step."""

    def __init__(self, lr, hessian, weight_decay, d):
        self.lr, self.hessian = lr, hessian
        # weight decay adds (wd/2)|theta|^2 to f, hence wd*theta to g and wd*I to H
        self.decay = weight_decay * np.eye(d)

    def step(self, theta, g):
        h = np.asarray(self.hessian(*theta.tolist()), dtype=float) + self.decay
        if not (np.isfinite(h).all() and np.isfinite(g).all()):
            return theta + np.nan  # LAPACK may raise on nan; descend() flags divergence
        try:
            direction = np.linalg.solve(h, g)
        except np.linalg.LinAlgError:
            direction = np.linalg.lstsq(h, g, rcond=None)[0]
        return theta - self.lr * direction


def _settings(method, hyper):
    """The method's hyperparameters: defaults updated by hyper. ValueError on unknowns."""
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
            settings[name] = tuple(float(b) for b in value)
        elif isinstance(allowed[name], bool):
            settings[name] = bool(value)
        else:
            settings[name] = float(value)
    return settings


def _optimizer(method, lr, settings, f, weight_decay, d):
    if method in ("gd", "momentum", "nesterov"):
        return _SGD(lr, nesterov=method == "nesterov", **settings)
    if method == "adagrad":
        return _Adagrad(lr, **settings)
    if method == "rmsprop":
        return _RMSprop(lr, **settings)
    if method == "adam":
        return _Adam(lr, **settings)
    return _Newton(lr, f.hessian, weight_decay, d)


def descend(
    f,
    start,
    method="gd",
    lr=None,
    steps=50,
    tol=1e-8,
    weight_decay=0.0,
    noise=0.0,
    clip=None,
    seed=0,
    **hyper,
) -> Path:
    """Run ``method`` on ``f`` from ``start`` for at most ``steps`` steps.

    f: an Expression (``f(*p)`` -> float, ``f.gradient(*p)`` -> (d,), and for Newton
    ``f.hessian(*p)`` -> (d, d)). start: d numbers (a bare number when d = 1).
    lr None means the method's PyTorch default (DEFAULT_LR). ``**hyper`` sets the
    method's hyperparameters (HYPERPARAMETERS); unknown method or name -> ValueError.

    Each step the optimiser sees the true gradient plus Gaussian noise of std ``noise``
    (from ``np.random.default_rng(seed)``, so runs repeat), then rescaled to norm at
    most ``clip`` as ``torch.nn.utils.clip_grad_norm_`` does, then ``weight_decay *
    theta`` added as inside ``torch.optim``. The run stops at the first point whose true
    gradient norm is below ``tol`` ("converged") or whose value or coordinates are
    non-finite or |value| > 1e12 ("diverged"); that point is the last one in the Path.
    Numeric trouble never raises: it ends the path as "diverged".
    """
    if lr is None:
        lr = DEFAULT_LR.get(method)
    settings = _settings(method, hyper)
    lr, tol, noise = float(lr), float(tol), float(noise)
    weight_decay = float(weight_decay)
    if not lr >= 0 or steps < 0 or not noise >= 0 or not (clip is None or clip > 0):
        raise ValueError("need lr >= 0, steps >= 0, noise >= 0 and clip None or > 0")
    theta = np.atleast_1d(np.asarray(start, dtype=float)).copy()
    d = len(f.variables)
    if theta.shape != (d,):
        raise ValueError(f"start has {theta.size} coordinates; f has {f.variables}")

    optimizer = _optimizer(method, lr, settings, f, weight_decay, d)
    rng = np.random.default_rng(seed)
    points, gradients = np.empty((steps + 1, d)), np.empty((steps + 1, d))
    values = np.empty(steps + 1)
    status = "max_steps"
    with np.errstate(all="ignore"):
        for k in range(steps + 1):
            x = theta.tolist()  # Python floats: Expression's scalar input, and fast
            value, grad = f.value_and_gradient(*x)
            points[k], values[k], gradients[k] = theta, value, grad
            finite = all(map(math.isfinite, x)) and math.isfinite(value)
            if not (finite and abs(value) <= DIVERGENCE_LIMIT):
                status = "diverged"
                break
            if math.hypot(*grad.tolist()) < tol:
                status = "converged"
                break
            if k == steps:
                break
            g = grad
            if noise > 0:
                g = g + noise * rng.standard_normal(d)
            if clip is not None:
                # clip_grad_norm_'s 1e-6 keeps a zero gradient from dividing by zero
                g = g * min(1.0, clip / (math.hypot(*g.tolist()) + 1e-6))
            if weight_decay != 0:
                g = g + weight_decay * theta
            theta = optimizer.step(theta, g)

    n = k + 1
    arrays = [np.array(a[:n]) for a in (points, values, gradients)]
    for a in arrays:
        a.flags.writeable = False
    used = {**settings, "weight_decay": weight_decay, "noise": noise, "clip": clip}
    used["seed"] = seed
    return Path(*arrays, status, method, lr, hyper=MappingProxyType(used))
