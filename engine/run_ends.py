"""Where many runs end, without keeping their paths: what a basin map and a
learning-rate sweep need.

``run_ends(f, starts, method, …)`` takes descend_many's arguments and returns, per run,
its last point, the value there, the step it stopped at and how (``Ends``), equal bit
for bit to what ``engine.optimizers._run_many`` reports for the same call. It is
cheaper in two ways: no (steps+1, d, N) history is written (for a 200×200 basin map of
400 steps that is 128 MB, and writing and scanning it took half the time), and a run
that has stopped (converged or diverged) is dropped from the arrays that are stepped.
Every operation on a run is elementwise, so which other runs share its arrays never
changes its numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import update_rules
from .optimizers import (
    DIVERGENCE_LIMIT,
    many_arguments,
    many_hessian,
    many_used_gradient,
)

__all__ = ["Ends", "run_ends"]

STATUS = np.array(["max_steps", "converged", "diverged"])
_MAX_STEPS, _CONVERGED, _DIVERGED = 0, 1, 2
COMPACT_EVERY = 16  # steps between compactions while only a few stopped runs are left in


@dataclass(frozen=True, eq=False)
class Ends:
    """Where N runs stopped. points (N, d): each run's last point (as descend's
    path.points[-1], non-finite or huge for a diverged run); values (N,): f there; stop
    (N,): the index of that point (the steps taken); status (N,): "converged",
    "diverged" or "max_steps"."""

    points: np.ndarray
    values: np.ndarray
    stop: np.ndarray
    status: np.ndarray


def run_ends(f, starts, method="gd", lr=None, steps=50, tol=0.0, weight_decay=0.0,
             noise=0.0, clip=None, seed=0, **hyper) -> Ends:
    """Run ``method`` from each of N starts (N, d) and report where each run ended.

    Arguments as engine.optimizers.descend_many (lr a number or (N,)); run i ends where
    descend(f, starts[i], …, tol=tol) ends, with the same status and stop step.
    """
    starts, lr, steps, tol, weight_decay, noise, clip, settings = many_arguments(
        f, starts, method, lr, steps, tol, weight_decay, noise, clip, seed, hyper)
    n, d = starts.shape
    optimizer = update_rules.make(method, lr, (d, n), settings, many_hessian(f),
                                  weight_decay)
    optimizer.in_place = True        # no state rows are kept here: see update_rules
    rng = np.random.default_rng(seed)
    end_points, end_values = np.empty((n, d)), np.empty(n)
    stop, status = np.full(n, steps), np.zeros(n, dtype=np.int8)
    theta = starts.T.copy()          # runs as columns (d, active), as in _run_many
    runs = np.arange(n)              # the run of each active column
    stopped = np.zeros(n, dtype=bool)  # active columns whose end is already recorded
    value_and_gradient = _on_columns(f)
    with np.errstate(all="ignore"):
        for k in range(steps + 1):
            value, grad = value_and_gradient(theta)
            # as descend judges a point: diverged if it or its value is not finite or
            # |value| > 1e12; converged if the gradient norm < tol (a nan compares False)
            bad = ~_finite_columns(theta)
            bad |= ~(np.abs(value) <= DIVERGENCE_LIMIT)
            done = bad | (np.sqrt(_column_squares(grad)) < tol) if tol > 0 else bad
            if k == steps:
                last = ~stopped
                _record(last, k, theta, value, runs, end_points, end_values, stop)
                status[runs[last]] = np.where(done[last], np.where(
                    bad[last], _DIVERGED, _CONVERGED), _MAX_STEPS)
                break
            if done.any():
                new = done & ~stopped
                if new.any():
                    _record(new, k, theta, value, runs, end_points, end_values, stop)
                    status[runs[new]] = np.where(bad[new], _DIVERGED, _CONVERGED)
                    stopped |= new
                count = int(stopped.sum())
                # compacting copies every per-run array: worth it once enough have stopped
                if count == len(runs) or count * 8 >= len(runs) or k % COMPACT_EVERY == 0:
                    keep = ~stopped
                    if not keep.any():
                        break
                    theta, grad, runs = theta[:, keep], grad[:, keep], runs[keep]
                    update_rules.keep_runs(optimizer, keep)
                    stopped = stopped[keep]
            g = many_used_gradient(grad, theta, rng, noise, clip, weight_decay)
            theta = optimizer.step(theta, g)
    return Ends(end_points, end_values, stop, STATUS[status])


def _on_columns(f):
    """theta (d, N) -> (value (N,), gradient (d, N)), the same arrays as
    f.value_and_gradient(*theta), from f's one compiled function of f and ∇f (cse'd).

    The public method checks its arguments and every result on each call, which cost
    ~40 µs a step on 5,000 runs, a fifth of the step. Here the compiled function is
    called directly; whatever it returns that is not a fresh (N,) array (a constant
    component, an input passed through, an error) goes the public way.
    """
    compiled = getattr(f, "_value_grad", None)

    def evaluate(theta):
        if compiled is None:
            return f.value_and_gradient(*theta)
        try:
            out = compiled(*theta)
        except (ArithmeticError, ValueError, TypeError):
            return f.value_and_gradient(*theta)
        shape = theta.shape[1:]
        if all(type(a) is np.ndarray and a.shape == shape and a.base is None
               and a.dtype == np.float64 for a in out):
            return out[0], np.stack(out[1:])
        return f.value_and_gradient(*theta)
    return evaluate


# Row by row: numpy's reductions over the first axis of a (d, N) array take several
# times as long as d elementwise passes, and these run at every step.
def _finite_columns(theta):
    """(N,): the columns of theta (d, N) whose every coordinate is finite."""
    finite = np.isfinite(theta[0])
    for row in theta[1:]:
        finite &= np.isfinite(row)
    return finite


def _column_squares(grad):
    """(N,): the squared norm of each column of grad (d, N), added in the order of
    (grad * grad).sum(axis=0), so _run_many's norms are the same bits."""
    total = grad[0] * grad[0]
    for row in grad[1:]:
        total += row * row
    return total


def _record(columns, k, theta, value, runs, end_points, end_values, stop):
    """Store where the runs in `columns` (a mask over the active ones) ended: at step k."""
    which = runs[columns]
    end_points[which] = theta[:, columns].T
    end_values[which] = value[columns]
    stop[which] = k
