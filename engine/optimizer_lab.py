"""What the optimizer lab shows beyond a path: the terms inside each step, the local
quadratic model, a learning-rate sweep and basins of attraction.

    step_terms(path)                          -> {"step": …, "m_hat": …, …}
    quadratic_model(f, point)                 -> QuadraticModel (H, eigen-axes, κ, 2/λ_max)
    lr_sweep(f, start, "adam", lrs, steps)    -> LrSweep (f after the run, steps taken)
    basins(f, starts, "gd", lr, steps)        -> Basins (which minimum each start reached)

All pure numpy on top of engine.optimizers; results are frozen dataclasses of
read-only arrays or read-only mappings.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from .optimizer_settings import check_number
from .run_ends import run_ends
from .update_rules import newton_direction

__all__ = ["Basins", "LrSweep", "QuadraticModel", "basins", "is_quadratic", "lr_sweep",
           "quadratic_model", "step_terms"]


def _frozen(array, dtype=float):
    array = np.array(array, dtype=dtype)
    array.flags.writeable = False
    return array


# --- inside a step -------------------------------------------------------------------


def step_terms(path):
    """The pieces of every step of a Path, for drawing arrows and writing the update out.

    Returns a read-only mapping of (n+1, d) arrays; row k describes the step from
    points[k] to points[k+1] (the last row, from which no step was taken, is nan):
      "gradient"      ∇f at points[k] (before noise and clipping)
      "used_gradient" the gradient the optimiser used (after noise, clip, weight decay)
      "plain_step"    -lr * used_gradient: the step plain gradient descent would take
      "step"          points[k+1] - points[k]: the step actually taken
      momentum, nesterov, rmsprop with momentum: "velocity", the momentum buffer after
                      this step
      adagrad, rmsprop, adam: "effective_lr", the per-coordinate learning rate of this
                      step (what multiplies the gradient, or Adam's m̂): adagrad
                      lr_t / (sqrt(sum) + eps), rmsprop lr / (sqrt(square_avg [-
                      grad_avg²]) + eps), adam lr / (sqrt(v̂) + eps)
      adam:           "m_hat", "v_hat", the bias-corrected moments m_t / (1 - β₁ᵗ) and
                      (max_)exp_avg_sq_t / (1 - β₂ᵗ), t = k + 1
    """
    n = len(path.points)
    nan_row = np.full((1, path.points.shape[1]), np.nan)

    def after(rows):  # state after step k+1 -> row k
        return np.concatenate([np.asarray(rows)[1:], nan_row])

    used = path.used_gradients
    terms = {"gradient": path.gradients, "used_gradient": used,
             "plain_step": -path.lr * used,
             "step": np.concatenate([np.diff(path.points, axis=0), nan_row])}
    state, hyper = path.state, path.hyper
    if "momentum_buffer" in state:
        terms["velocity"] = after(state["momentum_buffer"])
    t = np.arange(1, n + 1)[:, None]  # the step number of row k
    with np.errstate(all="ignore"):
        if path.method == "adagrad":
            lr_t = path.lr / (1 + (t - 1) * hyper["lr_decay"])
            terms["effective_lr"] = lr_t / (np.sqrt(after(state["sum"])) + hyper["eps"])
        elif path.method == "rmsprop":
            square = after(state["square_avg"])
            if "grad_avg" in state:
                square = square - after(state["grad_avg"]) ** 2
            terms["effective_lr"] = path.lr / (np.sqrt(square) + hyper["eps"])
        elif path.method == "adam":
            b1, b2 = hyper["betas"]
            second = state["max_exp_avg_sq"] if hyper["amsgrad"] else state["exp_avg_sq"]
            terms["m_hat"] = after(state["exp_avg"]) / (1 - b1**t)
            # torch's order: sqrt(v) / sqrt(1 - β₂ᵗ), so effective_lr * m_hat is the step
            root = np.sqrt(after(second)) / np.sqrt(1 - b2**t)
            terms["v_hat"] = after(second) / (1 - b2**t)
            terms["effective_lr"] = path.lr / (root + hyper["eps"])
    return MappingProxyType({k: _frozen(v) for k, v in terms.items()})


# --- the local quadratic model -------------------------------------------------------


@dataclass(frozen=True, eq=False)
class QuadraticModel:
    """The second-order Taylor model q(p + s) = f(p) + g·s + ½ sᵀHs of f at a point.

    point (d,), value, gradient (d,), hessian (d, d); eigenvalues (d,) ascending with
    eigenvectors (d, d) as columns (the model's axes); condition = max|λ| / min|λ|
    (inf when H is singular); newton_point = p - H⁻¹g, the model's critical point where
    H is regular (where H is singular: the least-squares step a Newton run takes, a
    critical point of q only if kind is "valley", "ridge", "saddle" or "flat");
    critical_lr = 2 / λ_max, above which gradient descent diverges on a quadratic (nan
    when λ_max <= 0: no rate converges); exact: f is itself a polynomial of degree <= 2,
    so the model is f and critical_lr is exact.

    singular: an eigenvalue is 0 within rounding (|λ| <= SINGULAR_RELATIVE · max|λ|);
    flat_axes (d, k): the eigenvectors of those k eigenvalues (the directions along
    which q does not curve). kind, what q's critical points are:
      H regular   "minimum", "maximum", "saddle" (eigenvalues of both signs)
      H singular  "no stationary point" (∇f has a part along a flat axis: q slopes
                  along it without end, so no minimum and no Newton point),
                  "valley" (∇f in H's range, the other eigenvalues > 0: a line or
                  plane of minima), "ridge" (the same with < 0: of maxima), "saddle"
                  (both signs), "flat" (H = 0 and ∇f = 0: q is constant)
      "undefined" where f, ∇f or H is not finite.
    """

    point: np.ndarray
    value: float
    gradient: np.ndarray
    hessian: np.ndarray
    eigenvalues: np.ndarray
    eigenvectors: np.ndarray
    condition: float
    newton_point: np.ndarray
    critical_lr: float
    exact: bool
    kind: str
    singular: bool
    flat_axes: np.ndarray

    def __call__(self, *coordinates):
        """q at points given like f's arguments (numbers or broadcasting arrays)."""
        arrays = np.broadcast_arrays(*[np.asarray(c, dtype=float) for c in coordinates])
        s = np.stack([a - p for a, p in zip(arrays, self.point)])  # (d, *shape)
        if self.kind == "undefined":   # (inf - inf in the sums below warned, 13 times)
            return math.nan if s[0].ndim == 0 else np.full(s[0].shape, np.nan)
        hs = np.tensordot(self.hessian, s, axes=1)
        q = self.value + np.tensordot(self.gradient, s, axes=1) + 0.5 * (s * hs).sum(axis=0)
        return float(q) if q.ndim == 0 else q


def quadratic_model(f, point, exact: bool | None = None) -> QuadraticModel:
    """f's quadratic model at point (d numbers); nan fields where f is not finite.
    exact: is_quadratic(f), when the caller already knows it (it costs sympy work, and
    an animation asks for the model of one f at a new point every frame)."""
    p = np.atleast_1d(np.asarray(point, dtype=float))
    if p.shape != (f.dimension,):
        raise ValueError(f"point has {p.size} coordinates; f has {f.variables}")
    args = p.tolist()
    value, gradient = f.value_and_gradient(*args)
    h = np.asarray(f.hessian(*args), dtype=float)
    h = (h + h.T) / 2  # symmetric by theory; make it so in the last bit too
    d = f.dimension
    if np.isfinite(h).all():
        eigenvalues, eigenvectors = np.linalg.eigh(h)
    else:
        eigenvalues, eigenvectors = np.full(d, np.nan), np.full((d, d), np.nan)
    gradient = np.asarray(gradient, dtype=float)
    magnitudes = np.abs(eigenvalues)
    flat = magnitudes <= SINGULAR_RELATIVE * magnitudes.max()   # all False where nan
    with np.errstate(all="ignore"):
        condition = float(magnitudes.max() / magnitudes.min()) if not flat.any() \
            else math.inf
    if not np.isfinite(magnitudes).all():
        condition = math.nan
    top = float(eigenvalues[-1])
    critical_lr = 2 / top if top > 0 else math.nan
    newton = p - newton_direction(h, gradient)
    defined = bool(np.isfinite(value) and np.isfinite(gradient).all()
                   and np.isfinite(eigenvalues).all())
    kind = _model_kind(eigenvalues[~flat], gradient @ eigenvectors[:, flat]
                       if defined else None, gradient)
    return QuadraticModel(_frozen(p), float(value), _frozen(gradient), _frozen(h),
                          _frozen(eigenvalues), _frozen(eigenvectors), condition,
                          _frozen(newton), critical_lr,
                          is_quadratic(f) if exact is None else bool(exact),
                          kind, bool(flat.any()), _frozen(eigenvectors[:, flat]))


# An eigenvalue this small next to the largest is 0 up to rounding: (x-5)² + (y-3)² + 2xy
# has H = [[2, 2], [2, 2]], λ = 0 and 4, which eigh may return as ±4e-16 and 4.
SINGULAR_RELATIVE = 1e-10


def _model_kind(curving, slope_along_flat, gradient) -> str:
    """What the critical points of q are (QuadraticModel.kind): `curving` the non-zero
    eigenvalues, `slope_along_flat` ∇f's components along the flat axes (None where the
    model is undefined)."""
    if slope_along_flat is None:
        return "undefined"
    up, down = bool((curving > 0).any()), bool((curving < 0).any())
    if len(slope_along_flat):
        size = float(np.linalg.norm(gradient))
        # ∇f outside H's range: q(p + t v) = q(p) + t ∇f·v along a flat axis v
        if np.linalg.norm(slope_along_flat) > STATIONARY_RESIDUAL * size:
            return "no stationary point"
        return "saddle" if up and down else "valley" if up else "ridge" if down else "flat"
    return "saddle" if up and down else "minimum" if up else "maximum"


def is_quadratic(f) -> bool:
    """f is a polynomial of degree <= 2 (its quadratic model is f itself); cheap next to
    quadratic_model, which may have to build f's Hessian."""
    # sympy here, not at the top: f already holds a sympy expression, and the app's views
    # import this module before their first paint, which need not wait for sympy
    import sympy as sp
    try:
        return bool(f.expr.is_polynomial(*f.symbols)
                    and sp.Poly(f.expr, *f.symbols).total_degree() <= 2)
    except sp.PolynomialError:
        return False


# --- learning-rate sweep ------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class LrSweep:
    """One run per learning rate from the same start; arrays of shape (L,).

    lrs; final_values: f at each run's last point (as descend's path.values[-1]: inf or
    huge for a diverged run); steps: the steps each run took; status "converged" |
    "diverged" | "max_steps"; steps_to_converge: steps where converged, else -1.
    """

    lrs: np.ndarray
    final_values: np.ndarray
    steps: np.ndarray
    status: np.ndarray
    steps_to_converge: np.ndarray


def lr_sweep(f, start, method, lrs, steps=100, tol=1e-8, **hyper) -> LrSweep:
    """Run ``method`` from ``start`` once per learning rate in ``lrs`` (one vectorised
    engine.run_ends call: where each run ends, not its path); other keywords as descend
    (noise, clip, seed, hyperparameters). Entry i equals descend(f, start, method,
    lr=lrs[i], steps=steps, tol=tol, …)."""
    lrs = np.atleast_1d(np.asarray(lrs, dtype=float))
    if lrs.ndim != 1 or not len(lrs):
        raise ValueError("lrs must be a non-empty list of learning rates")
    start = np.atleast_1d(np.asarray(start, dtype=float))
    starts = np.broadcast_to(start, (len(lrs), len(start)))
    runs = run_ends(f, starts, method, lr=lrs, steps=steps, tol=tol, **hyper)
    converged = runs.status == "converged"
    return LrSweep(_frozen(lrs), _frozen(runs.values), _frozen(runs.stop, int),
                   _frozen(runs.status, str), _frozen(np.where(converged, runs.stop, -1), int))


# --- basins of attraction ------------------------------------------------------------

DIVERGED, UNFINISHED = -1, -2


@dataclass(frozen=True, eq=False)
class Basins:
    """Where each of N starts went. labels (N,): the index into attractors (M, d) of
    the critical point its run reached, DIVERGED (-1) or UNFINISHED (-2); kinds (M,):
    "minimum", "maximum" or "saddle" (by the Hessian's eigenvalues there, "degenerate"
    when one is 0); ends (N, d): each run's last point (nan if it diverged)."""

    labels: np.ndarray
    attractors: np.ndarray
    kinds: tuple
    ends: np.ndarray


def basins(f, starts, method, lr=None, steps=200, minima=None, radius=1e-2,
           **keywords) -> Basins:
    """Label each start (N, d) by the critical point that ``method`` reaches from it.

    A run that did not diverge has reached a critical point when its end is within
    ``radius`` of one. With ``minima`` (M, d) given (e.g. from
    engine.calculus.critical_points) those are the candidates, and a run gets the index
    of the nearest. Without, the distance is estimated by the length of the Newton step
    H⁻¹∇f at the end (adaptive methods hover near a minimum with gradients far from
    0, so a gradient test would call them unfinished), and counts only where that step
    solves H·s = ∇f (where H is singular, as on a linear f, the least-squares step may
    be 0 with ∇f far from 0: no critical point there); the Newton points of such ends
    closer than ``radius`` to each other form one attractor, sorted by coordinates.
    Other keywords as descend_many (lr may be a number only), but tol is 1e-8 as in
    descend unless given.
    """
    radius = check_number("radius", radius)
    keywords.setdefault("tol", 1e-8)  # as descend: converged runs stop (and so may all)
    runs = run_ends(f, starts, method, lr=lr, steps=steps, **keywords)
    n = len(runs.stop)
    ends = runs.points
    diverged = runs.status == "diverged"
    ends[diverged] = np.nan
    labels = np.full(n, UNFINISHED)
    if minima is not None:
        attractors = np.asarray(minima, dtype=float).reshape(-1, ends.shape[1])
        if len(attractors):
            distance = np.linalg.norm(ends[:, None, :] - attractors[None], axis=2)
            distance = np.where(np.isnan(distance), np.inf, distance)
            nearest = np.argmin(distance, axis=1)
            close = distance[np.arange(n), nearest] <= radius
            labels[close] = nearest[close]
    else:
        grad = np.asarray(f.gradient(*ends.T), dtype=float).reshape(-1, n).T
        hess = np.moveaxis(np.asarray(f.hessian(*ends.T), dtype=float).reshape(
            ends.shape[1], ends.shape[1], n), -1, 0)
        step = newton_direction(hess, grad)
        newton = ends - step
        with np.errstate(invalid="ignore"):
            near = np.linalg.norm(step, axis=1) <= radius
            near &= _model_is_stationary(hess, grad, step, keywords["tol"])
        attractors = _cluster(newton, near & ~diverged, radius, labels)
    labels[diverged] = DIVERGED
    return Basins(_frozen(labels, int), _frozen(attractors), _kinds(f, attractors),
                  _frozen(ends))


# what of ∇f a singular H's least-squares Newton step may leave unexplained, relative
# to |∇f|: rounding (1e-16 for the valley (x + y)²), not a missing critical point
STATIONARY_RESIDUAL = 1e-6


def _model_is_stationary(hess, grad, step, tol):
    """(N,) bool: the quadratic model at each end has a critical point at end - step,
    i.e. H·step = ∇f there (or |∇f| < tol: descend's own "converged"). Where H is
    singular the Newton step is only least-squares: on x + y (H = 0) it is 0 at every
    end although ∇f = (1, 1) — no critical point anywhere, not one at each end."""
    explained = np.einsum("nij,nj->ni", hess, step)
    residual = np.linalg.norm(grad - explained, axis=1)
    size = np.linalg.norm(grad, axis=1)
    return (residual <= STATIONARY_RESIDUAL * size) | (size < tol)


def _kinds(f, points):
    kinds = []
    for p in points:
        eigenvalues = np.linalg.eigvalsh(np.asarray(f.hessian(*p.tolist()), dtype=float))
        if not np.isfinite(eigenvalues).all() or (eigenvalues == 0).any():
            kinds.append("degenerate")
        elif (eigenvalues > 0).all():
            kinds.append("minimum")
        elif (eigenvalues < 0).all():
            kinds.append("maximum")
        else:
            kinds.append("saddle")
    return tuple(kinds)


def _cluster(ends, finished, radius, labels):
    """Group the finished ends into attractors (sorted by coordinates); fills labels."""
    centres = []
    left = finished.copy()
    while left.any():  # one pass per attractor: few, and each pass is vectorised
        centre = ends[np.argmax(left)]
        members = left & (np.linalg.norm(ends - centre, axis=1) <= radius)
        labels[members] = len(centres)
        centres.append(ends[members].mean(axis=0))
        left &= ~members
    if not centres:
        return np.empty((0, ends.shape[1]))
    centres = np.array(centres)
    order = np.lexsort(centres.T[::-1])
    rank = np.empty(len(order), dtype=int)
    rank[order] = np.arange(len(order))
    labels[labels >= 0] = rank[labels[labels >= 0]]
    return centres[order]
