"""Gradient descent and its relatives, run on an Expression one step at a time.

``descend(f, start, method)`` returns a frozen ``Path``: every iterate, its value, its
gradient, the gradient the optimiser used and the optimiser's state after every step.
``descend_many(f, starts, method)`` runs many starts (or learning rates) at once.
The first-order methods follow the algorithm boxes of the matching ``torch.optim``
class (SGD, SGD with momentum, SGD with ``nesterov=True``, Adagrad, RMSprop, Adam)
line by line (engine/update_rules.py), with PyTorch's hyperparameter names and
defaults (engine/optimizer_settings.py), so a path equals the one PyTorch produces from
the same start. ``"newton"`` steps by ``lr * H^-1 g``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np

from . import update_rules
from .optimizer_settings import (  # noqa: F401 - METHODS … MAX_STEPS are public here too
    DEFAULT_LR,
    HYPERPARAMETERS,
    LABELS,
    MAX_STEPS,
    METHODS,
    check_number,
    check_run,
)

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
    state      read-only mapping, torch.optim's state name -> (n+1, d): row 0 the
               initial state (zeros, or adagrad's initial_accumulator_value), row k the
               state after step k (see ENGINE_API.md for the names of each method)
    used_gradients (n+1, d) the gradient the optimiser used for the step from
               points[k] (after noise, clipping and weight decay); the last row, from
               which no step was taken, is nan
    The step taken from points[k] is points[k+1] - points[k].
    """

    points: np.ndarray
    values: np.ndarray
    gradients: np.ndarray
    status: str
    method: str
    lr: float
    hyper: Mapping[str, object]
    state: Mapping[str, np.ndarray] = field(default_factory=lambda: MappingProxyType({}))
    used_gradients: np.ndarray | None = None

    @property
    def stop_step(self) -> int:
        """Index of the last point (the number of steps taken)."""
        return len(self.values) - 1

def _start(f, start):
    theta = np.atleast_1d(np.asarray(start, dtype=float)).copy()
    d = len(f.variables)
    if theta.shape != (d,):
        raise ValueError(f"start has {theta.size} coordinates; f has {f.variables}")
    return theta, d


def _frozen(array):
    array = np.array(array)
    array.flags.writeable = False
    return array


# --- one run ---------------------------------------------------------------------------


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
    method's hyperparameters (HYPERPARAMETERS). steps is a whole number from 0 to
    MAX_STEPS (100,000): the path keeps every point, so more would take minutes and
    gigabytes. Any bad argument raises ValueError saying what is wrong: an unknown
    method or name, lr, tol, noise or weight_decay negative or not finite, clip not None
    or > 0, a hyperparameter outside PyTorch's range (eps >= 0, 0 <= betas < 1,
    momentum >= 0, 0 <= alpha <= 1, lr_decay >= 0, …), seed not a whole number >= 0.

    Each step the optimiser sees the true gradient plus Gaussian noise of std ``noise``
    (from ``np.random.default_rng(seed)``, so runs repeat), then rescaled to norm at
    most ``clip`` as ``torch.nn.utils.clip_grad_norm_`` does, then ``weight_decay *
    theta`` added as inside ``torch.optim``. The run stops at the first point whose true
    gradient norm is below ``tol`` ("converged") or whose value or coordinates are
    non-finite or |value| > 1e12 ("diverged"); that point is the last one in the Path.
    Numeric trouble never raises: it ends the path as "diverged".
    """
    lr, steps, tol, weight_decay, noise, clip, settings = check_run(
        method, lr, steps, tol, weight_decay, noise, clip, seed, hyper)
    lr = check_number("lr", lr)
    theta, d = _start(f, start)

    def hessian(p):
        return np.asarray(f.hessian(*p.tolist()), dtype=float)

    optimizer = update_rules.make(method, lr, (d,), settings, hessian, weight_decay)
    rng = np.random.default_rng(seed)
    points, gradients = np.empty((steps + 1, d)), np.empty((steps + 1, d))
    used = np.full((steps + 1, d), np.nan)
    values = np.empty(steps + 1)
    state = {name: np.empty((steps + 1, d)) for name in optimizer.state()}
    for name, value in optimizer.state().items():
        state[name][0] = value
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
            used[k] = g
            theta = optimizer.step(theta, g)
            if state:
                for name, value in optimizer.state().items():
                    state[name][k + 1] = value

    n = k + 1
    state = {name: _frozen(rows[:n]) for name, rows in state.items()}
    arrays = [_frozen(a[:n]) for a in (points, values, gradients)]
    hyper_used = {**settings, "weight_decay": weight_decay, "noise": noise, "clip": clip}
    hyper_used["seed"] = seed
    return Path(*arrays, status, method, lr, hyper=MappingProxyType(hyper_used),
                state=MappingProxyType(state), used_gradients=_frozen(used[:n]))


# --- many runs at once -------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class ManyRuns:
    """descend_many's full answer (see _run_many); N runs of at most `steps` steps.

    points (steps+1, N, d), values (steps+1, N); stop (N,) the index of each run's last
    point as descend would report it; status (N,) "converged" | "diverged" | "max_steps".
    """

    points: np.ndarray
    values: np.ndarray
    stop: np.ndarray
    status: np.ndarray


def many_arguments(f, starts, method, lr, steps, tol, weight_decay, noise, clip, seed,
                   hyper):
    """descend_many's arguments checked: (starts (N, d) float, lr (number or (N,)),
    steps, tol, weight_decay, noise, clip, settings); ValueError naming what is wrong."""
    lr, steps, tol, weight_decay, noise, clip, settings = check_run(
        method, lr, steps, tol, weight_decay, noise, clip, seed, hyper)
    d = len(f.variables)
    starts = np.asarray(starts, dtype=float)
    if starts.ndim == 1 and d == 1:
        starts = starts[:, None]
    if starts.ndim != 2 or starts.shape[1] != d:
        raise ValueError(f"starts must have shape (N, {d}) for f of {f.variables}, "
                         f"not {starts.shape}")
    n = len(starts)
    try:
        lr_array = None if isinstance(lr, (bool, str)) else np.asarray(lr, dtype=float)
    except (TypeError, ValueError):
        lr_array = None
    if lr_array is None or lr_array.shape not in ((), (n,)):
        raise ValueError(f"lr must be a number or an array of shape ({n},), not {lr!r}")
    if lr_array.ndim:
        for rate in lr_array:
            check_number("lr", float(rate))
        lr = lr_array
    else:
        lr = check_number("lr", float(lr_array))
    return starts, lr, steps, tol, weight_decay, noise, clip, settings


def many_hessian(f):
    """f's Hessian for runs held as columns: theta (d, N) -> (N, d, d)."""
    def hessian(p):
        return np.moveaxis(np.asarray(f.hessian(*p), dtype=float), -1, 0)
    return hessian


def many_used_gradient(grad, theta, rng, noise, clip, weight_decay):
    """The gradient (d, N) the optimiser sees, as descend makes it: noise (one draw per
    step, shared by all runs, so each equals descend's with the same seed), clipping,
    weight decay. grad itself is returned when none applies."""
    g = grad
    if noise > 0:
        g = g + noise * rng.standard_normal(len(g))[:, None]
    if clip is not None:
        norm = np.sqrt((g * g).sum(axis=0))
        g = g * np.minimum(1.0, clip / (norm + 1e-6))
    if weight_decay != 0:
        g = g + weight_decay * theta
    return g


def _run_many(f, starts, method="gd", lr=None, steps=50, tol=0.0, weight_decay=0.0,
              noise=0.0, clip=None, seed=0, **hyper) -> ManyRuns:
    """descend_many, keeping values and where and how each run stopped."""
    starts, lr, steps, tol, weight_decay, noise, clip, settings = many_arguments(
        f, starts, method, lr, steps, tol, weight_decay, noise, clip, seed, hyper)
    d, n = len(f.variables), len(starts)
    hessian = many_hessian(f)

    # Runs are columns: theta is (d, N), so each coordinate is one contiguous row that
    # f's compiled code takes as it is, and lr (N,) broadcasts against it.
    optimizer = update_rules.make(method, lr, (d, n), settings, hessian, weight_decay)
    optimizer.in_place = True  # only points are kept (copied into `points`), no state rows
    rng = np.random.default_rng(seed)
    points, values = np.empty((steps + 1, d, n)), np.empty((steps + 1, n))
    norms = np.zeros((steps + 1, n)) if tol > 0 else None
    theta = starts.T.copy()
    with np.errstate(all="ignore"):
        # Every run takes every step; where each one stopped (as descend would have) is
        # found afterwards in one pass, which is much cheaper than masks at every step.
        finished, checked = np.zeros(n, dtype=bool), 0
        for k in range(steps + 1):
            value, grad = f.value_and_gradient(*theta)
            points[k], values[k] = theta, value
            if norms is not None:
                norms[k] = np.sqrt((grad * grad).sum(axis=0))
            if k == steps:
                break
            if k % 8 == 7:  # stop early once every run has stopped (cheap to ask rarely)
                finished |= _stopped(points[checked:k + 1], values[checked:k + 1],
                                     None if norms is None else norms[checked:k + 1], tol)
                checked = k + 1
                if finished.all():
                    break
            g = many_used_gradient(grad, theta, rng, noise, clip, weight_decay)
            theta = optimizer.step(theta, g)
        last = k + 1
        bad = _bad(points[:last], values[:last])
    done = bad | (norms[:last] < tol) if norms is not None else bad
    stopped = done.any(axis=0)
    stop = np.where(stopped, done.argmax(axis=0), steps)
    runs = np.arange(n)
    diverged = stopped & bad[stop, runs]
    status = np.where(diverged, "diverged", np.where(stopped, "converged", "max_steps"))
    # Rows after a run's stop: nan for a diverged run, its last point for a converged one
    # (rows past an early exit were never filled, but every run stopped before them).
    after = np.arange(steps + 1)[:, None] > stop
    if after.any():
        converged = status == "converged"
        last_point, last_value = points[stop, :, runs], values[stop, runs]
        values = np.where(after, np.where(converged, last_value, np.nan), values)
        fill = np.where(converged[:, None], last_point, np.nan)  # (N, d)
        points = np.where(after[:, None, :], fill.T[None], points)
    return ManyRuns(points.transpose(0, 2, 1), values, stop, status)


def _bad(points, values):
    """(rows, N): where a point (rows, d, N) or its value diverged, as descend judges."""
    return ~(np.isfinite(points).all(axis=1) & (np.abs(values) <= DIVERGENCE_LIMIT))


def _stopped(points, values, norms, tol):
    """(N,): the runs that diverged or converged somewhere in these rows."""
    done = _bad(points, values)
    if norms is not None:
        done |= norms < tol
    return done.any(axis=0)


def descend_many(f, starts, method="gd", lr=None, steps=50, tol=0.0, weight_decay=0.0,
                 noise=0.0, clip=None, seed=0, **hyper) -> np.ndarray:
    """Run ``method`` from each of N starts at once; returns points (steps+1, N, d).

    starts: (N, d) (or (N,) when d = 1). lr: a number, or an array (N,) with one
    learning rate per start (a learning-rate sweep is N copies of one start). The other
    keywords are descend's, checked the same way; noise draws one vector per step shared
    by all starts, as descend with the same seed would draw it.

    P[:, i] equals descend(f, starts[i], ..., tol=tol).points for the rows up to and
    including that run's last point (equal up to the last bits of float rounding: f is
    evaluated on arrays here and on scalars there). After it: a run that diverged holds
    nan (its last real row is the offending point, as in descend); a run that converged
    (gradient norm < tol; never with the default tol=0) repeats its last point.
    """
    return _run_many(f, starts, method, lr, steps, tol, weight_decay, noise, clip, seed,
                     **hyper).points
