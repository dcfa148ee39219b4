"""What a descent run shows before its status does: that it is diverging (long before
|f| passes 1e12), and that f may have no minimum at all.

x² + 2y² at η = 0.55 (GD) multiplies y by 1 − 4η = −1.2 a step: f grows ×1.44 a step and
only passes 1e12 after ~70 steps, so a 30-step run ended "max_steps" and nothing said it
was diverging. (x−5)² + (y−3)² + 2xy has H = [[2, 2], [2, 2]], only semidefinite, and ∇f
is never 0: f falls without end along (1, −1), and descent "reached max steps" at f = −62.

Plain facts (frozen dataclasses, floats, arrays); the GUI words them. Only what is
computed is claimed: the rate bound 2/λmax is GD's (other methods get f's growth only).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["RISES", "Divergence", "NoMinimum", "diverging_from", "divergence",
           "unbounded_direction", "kept_decreasing", "no_minimum"]

RISES = 3            # f rose this many steps in a row, above every value before: diverging
# ... by at least this factor a step over those rises: Newton climbing Himmelblau's
# maximum from (0, 0) (f 170 → 181.6, ×1.02) was "diverging, ×1 per step"
GROWTH_LEAST = 1.05
SAMPLE_POINTS = 5    # where H is compared to call it constant (f quadratic)


@dataclass(frozen=True)
class Divergence:
    """A run seen diverging at `frame`. step: the first step it counted as diverging;
    growth: f's factor per step over the last RISES steps up to frame (nan where f ≤ 0
    or not finite there); lr: its learning rate; lambda_max: the largest eigenvalue of
    H (+ weight decay) at the start, for GD only (else None); limit: 2/lambda_max (None
    unless lambda_max > 0); quadratic: H was the same at the start and at the frame's
    point (f quadratic-like along the run, so GD with lr > limit must diverge)."""

    step: int
    growth: float
    lr: float
    lambda_max: float | None
    limit: float | None
    quadratic: bool

    @property
    def above_limit(self) -> bool:
        """lr is past GD's stability bound 2/λmax (a claim only where it is computed)."""
        return self.limit is not None and self.lr > self.limit


@dataclass(frozen=True)
class NoMinimum:
    """Why f may have no minimum. unbounded: True when it is proved (f quadratic, H
    constant, ∇f never 0 in the directions H does not bend, or H has a negative
    eigenvalue); direction (d,): a unit vector along which f falls without end (None
    when only the run shows it); steps: the steps the run kept decreasing f for."""

    unbounded: bool
    direction: np.ndarray | None
    steps: int


def diverging_from(values) -> int:
    """The first step k at which f rose in each of the last RISES steps (k−RISES+1 … k)
    to a value above every value before that streak; -1 when none. A non-finite value
    after finite ones counts as a rise. A momentum run may climb for a few steps while
    it converges, but not above where it started: hence the new high."""
    hits = np.flatnonzero(_rising_to_new_highs(values))
    return int(hits[0]) if len(hits) else -1


def _rising_to_new_highs(values) -> np.ndarray:
    """(n,) bool: step k ends RISES rises in a row to a value above every one before."""
    v = np.asarray(values, dtype=float)
    out = np.zeros(len(v), dtype=bool)
    if len(v) <= RISES:
        return out
    v = np.where(np.isnan(v), np.inf, v)           # blown up: above everything before
    with np.errstate(invalid="ignore"):            # inf − inf: no rise
        rose = np.diff(v) > 0                      # rose[j]: step j + 1 rose
    streak = np.ones(len(v) - RISES, dtype=bool)   # for k = RISES … n − 1
    for j in range(RISES):                         # steps k − RISES + 1 … k all rose
        streak &= rose[j:len(rose) - RISES + 1 + j]
    before = np.maximum.accumulate(v)[:len(v) - RISES]   # max of v[:k − RISES + 1]
    out[RISES:] = streak & (v[RISES:] > before)
    return out


def divergence(f, path, frame: int) -> Divergence | None:
    """The run `path` (engine.optimizers.Path of f) seen at `frame`: a Divergence when
    it is diverging there — f has risen its last RISES steps to a new high, by
    GROWTH_LEAST a step at least (step: where those rises in a row began) — or its
    status is "diverged" past a finite start; else None. A run that rose for a while
    and settled (RMSprop's first steps on a bumpy bowl), or stopped where ∇f = 0 (at a
    maximum), is not diverging there."""
    frame = min(int(frame), path.stop_step)
    values = np.asarray(path.values[:frame + 1], dtype=float)
    blew_up = (path.status == "diverged" and frame == path.stop_step > 0
               and np.isfinite(path.values[0]))
    if path.status == "converged" and frame == path.stop_step or frame < RISES and not blew_up:
        return None
    growth = float("nan")
    last = frame if np.isfinite(values[frame]) else frame - 1
    first = max(last - RISES, 0)
    if last > first and values[first] > 0 and 0 < values[last] < np.inf:
        growth = float((values[last] / values[first]) ** (1.0 / (last - first)))
    rising = _rising_to_new_highs(values)
    if rising[frame] and growth >= GROWTH_LEAST:
        step = frame
        while step > RISES and rising[step - 1]:   # back to where the rises in a row began
            step -= 1
    elif blew_up:
        step = frame                                # blew up before RISES rises
    else:
        return None
    lambda_max = limit = None
    quadratic = False
    start = np.asarray(path.points[0], dtype=float)
    with np.errstate(all="ignore"):
        h0 = np.asarray(f.hessian(*start), dtype=float)
        here = np.asarray(path.points[last], dtype=float)
        if last > 0 and np.all(np.isfinite(h0)) and np.all(np.isfinite(here)):
            quadratic = bool(np.allclose(f.hessian(*here), h0, rtol=1e-9, atol=1e-9))
    if path.method == "gd" and np.all(np.isfinite(h0)):
        decay = float(path.hyper.get("weight_decay", 0.0) or 0.0)
        lambda_max = float(np.max(np.linalg.eigvalsh((h0 + h0.T) / 2))) + decay
        if lambda_max > 0:
            limit = 2.0 / lambda_max
    return Divergence(step, growth, float(path.lr), lambda_max, limit, quadratic)


def unbounded_direction(f, points) -> np.ndarray | None:
    """A unit vector along which f falls without end, when f is quadratic (H the same
    at every one of `points`, (k, d), and ∇f changing by H across them) and unbounded below: H has a negative eigenvalue
    (its eigenvector), or H is semidefinite and ∇f has a part in H's null space (minus
    that part: f falls linearly along it). None when f is not seen to be quadratic or
    it has a minimum."""
    points = np.asarray(points, dtype=float)
    with np.errstate(all="ignore"):
        hessians = [np.asarray(f.hessian(*p), dtype=float) for p in points]
        if not all(np.all(np.isfinite(h)) for h in hessians):
            return None
        h = (hessians[0] + hessians[0].T) / 2
        scale = max(1.0, float(np.max(np.abs(h))))
        if not all(np.allclose(x, hessians[0], rtol=1e-9, atol=1e-9 * scale)
                   for x in hessians[1:]):
            return None
        # and ∇f affine, as a quadratic's is: |x|'s H is 0 wherever it has one, but its
        # gradient jumps from −1 to 1 (it was called "unbounded below along (−1)")
        gradients = [np.asarray(f.gradient(*p), dtype=float).reshape(-1) for p in points]
        g = gradients[0]
        if not all(np.all(np.isfinite(x)) for x in gradients):
            return None
        g_scale = max(1.0, max(float(np.max(np.abs(x))) for x in gradients))
        if not all(np.allclose(x, g + h @ (p - points[0]), rtol=1e-7, atol=1e-7 * g_scale)
                   for x, p in zip(gradients[1:], points[1:])):
            return None
        eigenvalues, vectors = np.linalg.eigh(h)
        tol = 1e-9 * scale
        if eigenvalues[0] < -tol:
            return _tidy(vectors[:, 0])
        null = vectors[:, np.abs(eigenvalues) <= tol]
        if null.shape[1] == 0:
            return None
        along = null @ (null.T @ g)                # ∇f's part H cannot cancel
        if np.linalg.norm(along) <= 1e-9 * max(1.0, float(np.linalg.norm(g))):
            return None                            # a valley of minima, not unbounded
        return _tidy(-along)


def _tidy(v: np.ndarray) -> np.ndarray:
    """A unit vector with tiny components made 0 (−1e−17 would print as "−0")."""
    v = v / np.linalg.norm(v)
    v[np.abs(v) < 1e-12] = 0.0
    return v + 0.0


def kept_decreasing(path) -> bool:
    """The run went all its steps without converging, lowering f at every step and not
    slowing down: its last step lowered f at least 0.8 times as much as its middle step
    (a run nearing a minimum slows down geometrically: GD at η = 0.001 on x² + 2y²
    lowers f ~0.45 times as much at step 100 as at step 50)."""
    values = np.asarray(path.values, dtype=float)
    if path.status != "max_steps" or len(values) < RISES + 2 or \
            not np.all(np.isfinite(values)):
        return False
    drops = -np.diff(values)
    return bool(np.all(drops > 0) and drops[-1] >= 0.8 * drops[len(drops) // 2])


def _quadratic_witnesses(start, window) -> list[np.ndarray]:
    """The points H is compared at to call f quadratic: the start and SAMPLE_POINTS
    points of `window` ((lo, hi), …), the same ones every time."""
    points = [np.asarray(start, dtype=float)]
    if window is not None:
        lo, hi = np.array(window, dtype=float).T
        rng = np.random.default_rng(0)
        points += list(lo + (hi - lo) * rng.random((SAMPLE_POINTS, len(lo))))
    return points


def unbounded_from_start(f, start, window=None) -> np.ndarray | None:
    """unbounded_direction from f alone, before any step (H compared at `start` and in
    `window`): what no_minimum proves for a quadratic f is known as soon as f is."""
    return unbounded_direction(f, _quadratic_witnesses(start, window))


def no_minimum(f, path, window=None) -> NoMinimum | None:
    """Whether f may have no minimum, from f itself where it is quadratic (H compared
    at the run's start, its last finite point and points of `window`, ((lo, hi), …))
    and else from the run: a NoMinimum when f is proved unbounded below, or when the
    run kept decreasing f for all its steps; None otherwise."""
    finite = np.all(np.isfinite(path.points), axis=1)
    last = np.asarray(path.points[np.flatnonzero(finite)[-1]], dtype=float)
    direction = unbounded_direction(f, _quadratic_witnesses(path.points[0], window) + [last])
    steps = path.stop_step
    if direction is not None:
        return NoMinimum(True, direction, steps)
    if kept_decreasing(path):
        return NoMinimum(False, None, steps)
    return None
