"""Critical points of a function of any number of variables, found and classified.

    pts = critical_points(parse("x^4 - 4x^3 + 4x^2"), bounds=[(-1, 3)])
    [(p.point, p.value, p.kind) for p in pts]   # x = 0, 1, 2: minimum, maximum, minimum

Exact where cheap (a polynomial f': its real roots isolated by sympy in rational intervals, engine.polynomial_roots), numeric
otherwise (a dense grid of f' in 1-D, a grid of Newton starts in 2-D and up, about
_STARTS_ND starts in all), and always bounded in time: no sympy solve, fixed grid sizes
and iteration counts.

"Zero" is always relative and local: a number counts as 0 when it is below _REL_TOL
times the largest size of the same quantity within 1 % of the box around the point.
A global scale fails on functions that span many orders of magnitude (x^200, e^(-x)).
The same quantity is one component of ∇f, and the Hessian with each variable's row
and column scaled by that row's size nearby (_hessian_scale; the signs of its eigenvalues
are the Hessian's, by Sylvester's law of inertia): on 1e300·x² + y², ∂f/∂y = 2 is not 0
beside ∂f/∂x ~ 1e299, nor the Hessian's 2 beside its 2e300.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import sympy as sp

from .expression import Expression
from .polynomial_roots import exact_critical_points

__all__ = ["CriticalPoint", "critical_points", "critical_xs_numeric", "critical_points_numeric",
           "is_critical_at", "classify", "KINDS"]

KINDS = ("minimum", "maximum", "saddle", "inflection", "degenerate")

_GRID_1D = 4001        # samples of f' on the interval
_STARTS_2D = 20        # Newton starts per axis
_STARTS_ND = 1000      # Newton starts in all, 3 variables and more
_STENCIL_DIRECTIONS = 16   # random directions added to the axes of the stencil, d >= 3
_ITERATIONS = 60       # damped Newton iterations from each start
_MAX_ORDER = 6         # highest derivative the 1-D test looks at
_MAX_NODES = 300       # stop differentiating once a derivative is this big
_REL_TOL = 1e-8        # "zero" relative to the quantity's size nearby
_NEAR = 0.01           # "nearby": within this fraction of the box
_MERGE = 1e-6          # points closer than this fraction of the box are one point
_UNDERFLOW = 1e-150    # |∇f| nearby below this: too close to 1e-308 to decide anything
_PROBE = 1e-3          # step for the isolation test, as a fraction of the box


@dataclass(frozen=True, eq=False)
class CriticalPoint:
    """A point where ∇f = 0 and what the derivative test says about it.

    point: (d,); value: f(point); kind: one of KINDS; gradient: (d,) ∇f at the point (a
    residual near 0); hessian: (d, d); eigenvalues: (d,) of the Hessian, ascending;
    order: the order of the derivative that decided the kind (2: second-derivative or
    Hessian test; 3.._MAX_ORDER: 1-D higher-order test), 0 when undecided (degenerate).
    """
    point: np.ndarray
    value: float
    kind: str
    gradient: np.ndarray
    hessian: np.ndarray
    eigenvalues: np.ndarray
    order: int

    @property
    def second_derivative(self) -> float:
        """f'' at the point (1-D); ∂²f/∂(first variable)² in 2-D and up."""
        return float(self.hessian[0, 0])


def critical_points(f: Expression, bounds) -> list[CriticalPoint]:
    """All isolated critical points of f in the closed box `bounds`, sorted by coordinates.

    bounds: one (lo, hi) per variable of f. Points of a critical curve or interval
    (f constant, x² + 0y, (x² + y² − 1)², relu(x) for x < 0) are not isolated and are
    left out, as are kinks such as abs(x) at 0 where f' does not exist.
    """
    lo, hi = _box(f, bounds)
    # A gradient too large to build symbolically (Expression.numeric_gradient) is not
    # built here either: the search below needs only the compiled, numeric one.
    symbolic = not f.numeric_gradient
    if symbolic and all(g == 0 for g in f.gradient_exprs):    # f constant: nothing is isolated
        return []
    with np.errstate(all="ignore"):
        exact = _polynomial_1d(f, lo, hi) if f.dimension == 1 and symbolic else None
        if exact is not None:                    # distinct, isolated roots; exact test
            pts, known = exact
            inside = _inside(pts, lo, hi)
            pts, known = pts[inside], [k for k, ok in zip(known, inside) if ok]
        else:
            pts = _candidates_1d(f, lo, hi) if f.dimension == 1 else _candidates_nd(f, lo, hi)
            pts = _isolated(f, _merge(pts[_inside(pts, lo, hi)], hi - lo), lo, hi)
            pts = pts[_decidable(f, pts, lo, hi)]
            known = [None] * len(pts)
        result = [_classify(f, p, lo, hi, k) for p, k in zip(pts, known)]
    return sorted((c for c in result if np.isfinite(c.value)), key=lambda c: tuple(c.point))


def critical_xs_numeric(f, bounds) -> np.ndarray:
    """(n,) sorted x of f's isolated critical points in `bounds` ((lo, hi),), by the
    numeric search alone: f needs only gradient and hessian (a NumericExpression, read
    without sympy, will do). critical_points finds the same points (exactly, for a
    polynomial), later and with their kinds; this is for framing a window at once."""
    if f.dimension != 1:
        raise ValueError(f"critical_xs_numeric needs a function of one variable, not {f}")
    return np.sort(critical_points_numeric(f, bounds)[:, 0])


def critical_points_numeric(f, bounds) -> np.ndarray:
    """(n, d) f's isolated critical points in the box `bounds` (one (lo, hi) per
    variable), unordered and unclassified, by the numeric search alone: f needs only
    gradient and hessian (a NumericExpression will do). Bounded in time like
    critical_points; on a box much wider than f's features the grid of starts may miss
    some (a narrow valley's minimum)."""
    lo, hi = _box(f, bounds)
    with np.errstate(all="ignore"):
        pts = _candidates_1d(f, lo, hi) if f.dimension == 1 else _candidates_nd(f, lo, hi)
        pts = _isolated(f, _merge(pts[_inside(pts, lo, hi)], hi - lo), lo, hi)
        return pts[_decidable(f, pts, lo, hi)]


def is_critical_at(f, point, bounds) -> bool:
    """Whether ∇f vanishes at `point` (d,): |∇f| is 0 relative to its size within 1 % of
    the box `bounds` around it (so (3, 2) of Himmelblau's f is, (3, 2.001) is not)."""
    lo, hi = _box(f, bounds)
    with np.errstate(all="ignore"):
        return bool(_is_critical(f, np.asarray(point, dtype=float)[None, :], lo, hi)[0])


def classify(f: Expression, point, bounds=None) -> CriticalPoint:
    """The derivative test at `point` (d,), taken to be a critical point.

    1-D: the first derivative of order ≥ 2 that does not vanish decides (even order:
    minimum if positive, maximum if negative; odd: inflection). 2 or more variables: the
    signs of the Hessian's eigenvalues (all > 0 minimum, all < 0 maximum, both signs
    saddle, else degenerate). `bounds` (default point ± 1) sets the scale of "nearby" for
    the tolerances. Nothing checks that ∇f = 0: `gradient` tells a caller (a hover
    read-out) how critical the point really is.
    """
    p = np.asarray(point, dtype=float).reshape(f.dimension)
    lo, hi = _box(f, bounds if bounds is not None else [(c - 1.0, c + 1.0) for c in p])
    with np.errstate(all="ignore"):
        return _classify(f, p, lo, hi)


def _classify(f, p, lo, hi, known=None) -> CriticalPoint:
    """The test at p (d,); known: (order, sign) of the deciding derivative, from algebra."""
    hess = f.hessian(*p)
    finite = np.all(np.isfinite(hess))
    eig = np.linalg.eigvalsh(hess) if finite else np.full(len(p), np.nan)
    (scale,), (tol,) = _hessian_scale(f, p[None], lo, hi)
    # the test on the scaled Hessian: the same signs, each variable against its own size
    eig_scaled = (np.linalg.eigvalsh(hess / np.outer(scale, scale)) if finite
                  else np.full(len(p), np.nan))
    if len(p) == 1:
        order, sign = known or ((2, eig[0]) if abs(eig_scaled[0]) > tol
                                else _higher_order(f, p, lo, hi))
        kind = ("degenerate" if not order or not sign else "inflection" if order % 2
                else "minimum" if sign > 0 else "maximum")
    else:
        low, high = eig_scaled[0], eig_scaled[-1]
        kind = ("minimum" if low > tol else "maximum" if high < -tol
                else "saddle" if low < -tol and high > tol else "degenerate")
        order = 0 if kind == "degenerate" else 2
    arrays = (p.copy(), f.gradient(*p), hess, eig)
    for a in arrays:                             # frozen all the way down: safe to share
        a.flags.writeable = False
    return CriticalPoint(arrays[0], float(f(*p)), kind, *arrays[1:], order)


def _higher_order(f, p, lo, hi) -> tuple[int, float]:
    """(order, value) of the first derivative of order 3.._MAX_ORDER that does not vanish
    at p (1,); (0, 0) if none does."""
    for order in range(3, _MAX_ORDER + 1):
        d = _derivative(f, order)
        if d is None:
            break
        value = d(p[0])
        if abs(value) > _REL_TOL * _nearby_max(d(*_stencil(p[None], lo, hi)))[0]:
            return order, value
    return 0, 0.0


@lru_cache(maxsize=64)
def _derivative(f: Expression, order: int):
    """The order-th derivative of a 1-D f, cached with its compiled code; None once the
    derivatives grow too big to be worth it (nested functions explode)."""
    previous = f if order == 1 else _derivative(f, order - 1)
    if previous is None or sum(1 for _ in sp.preorder_traversal(previous.expr)) > _MAX_NODES:
        return None
    return previous.derivative(f.variables[0])


# --- finding candidates ----------------------------------------------------------
def _polynomial_1d(f, lo, hi):
    """(roots (n, 1), [(order, sign)] * n) of a polynomial f', exactly
    (engine.polynomial_roots), or None for the numeric route."""
    try:
        found = exact_critical_points(f.gradient_exprs[0], f.symbols[0], lo[0], hi[0])
    except (ArithmeticError, ValueError, TypeError, sp.PolynomialError):
        return None
    if found is None:
        return None
    return (np.array([x for x, _, _ in found], dtype=float).reshape(-1, 1),
            [(order, sign) for _, order, sign in found])


def _candidates_1d(f, lo, hi) -> np.ndarray:
    """Roots (n, 1) of f' from a grid: sign changes refined by bisection, and local
    minima of |f'| (double roots such as sin(x)³ at 0, where f' keeps its sign)
    refined by Newton."""
    xs = np.linspace(lo[0], hi[0], _GRID_1D)
    (g,) = f.gradient(xs)
    i = np.flatnonzero(np.sign(g[:-1]) * np.sign(g[1:]) < 0)
    a, b, ga = xs[i], xs[i + 1], g[i]
    for _ in range(60):                          # 60 halvings: the bracket is a few ulps wide
        m = 0.5 * (a + b)
        (gm,) = f.gradient(m)
        right = np.sign(gm) == np.sign(ga)
        a, ga, b = np.where(right, m, a), np.where(right, gm, ga), np.where(right, b, m)
    mag = np.where(np.isfinite(g), np.abs(g), np.inf)
    padded = np.concatenate([[np.inf], mag, [np.inf]])
    dips = np.flatnonzero((mag <= padded[:-2]) & (mag <= padded[2:]) & np.isfinite(mag))
    newton, _ = _solve_gradient(f, xs[dips, None], lo, hi, _ITERATIONS)
    # A pole or a jump of f' changes sign too (1/x², abs(x)): the check drops them.
    pts = np.concatenate([(0.5 * (a + b))[:, None], newton])
    return pts[_is_critical(f, pts, lo, hi)]


def _candidates_nd(f, lo, hi) -> np.ndarray:
    """Solutions (n, d) of ∇f = 0 from starts over the box: a _STARTS_2D² grid in 2-D;
    in d ≥ 3 a grid of k^d ≤ _STARTS_ND starts (k ≥ 3 per axis), or _STARTS_ND fixed
    pseudo-random starts where even 3 per axis would be too many."""
    d = len(lo)
    per_axis = _STARTS_2D if d == 2 else int(_STARTS_ND ** (1 / d) + 1e-9)
    if per_axis >= 3:
        axes = np.meshgrid(*[np.linspace(a, b, per_axis) for a, b in zip(lo, hi)],
                           indexing="ij")
        starts = np.stack([m.ravel() for m in axes], axis=1)
    else:
        unit = np.random.default_rng(0).uniform(size=(_STARTS_ND, d))
        starts = np.concatenate([lo + unit * (hi - lo), [0.5 * (lo + hi)]])
    pts, _ = _solve_gradient(f, starts, lo, hi, _ITERATIONS)
    return pts[_is_critical(f, pts, lo, hi)]


def _solve_gradient(f, starts, lo, hi, iterations):
    """Damped Newton on ∇f = 0 from every row of `starts` (n, d) at once.

    The step is -H⁺∇f with the pseudo-inverse H⁺, so a singular Hessian (a valley, the
    delivery route) gives the least-squares step instead of a blow-up; maxima and saddles
    attract like minima. A step is kept only if it lowers |∇f|, else it is halved next
    time. Returns points (n, d) and |∇f| there (n,).
    """
    span = (hi - lo)[:, None]
    p = np.array(starts, dtype=float).T                          # (d, n)
    g = f.gradient(*p)
    r, t = _norm(g), np.ones(p.shape[1])
    for _ in range(iterations):
        h = np.moveaxis(f.hessian(*p), -1, 0)                    # (n, d, d)
        h = np.where(np.isfinite(h), h, 0.0)
        # rows and columns scaled to one size: pinv's cut-off at 1e-12 of the largest
        # dropped y's 2 beside x's 2e300 (1e300·x² + y²), and Newton never moved y
        s = np.sqrt(np.max(np.abs(h), axis=2))
        s = np.where((s > 0) & np.isfinite(s), s, 1.0)          # (n, d)
        scaled = np.linalg.pinv(h / (s[:, :, None] * s[:, None, :]), rcond=1e-12)
        step = -np.einsum("nij,jn->in", scaled, np.where(np.isfinite(g), g, 0.0) / s.T) / s.T
        trial = np.clip(p + t * step, lo[:, None] - span, hi[:, None] + span)
        gt = f.gradient(*trial)
        rt = _norm(gt)
        better = rt < r
        p, g, r = np.where(better, trial, p), np.where(better, gt, g), np.where(better, rt, r)
        t = np.where(better, np.minimum(1.0, 2 * t), t / 2)
        if not better.any():                     # all at rounding level or stuck
            break
    return p.T, r


# --- checking candidates -------------------------------------------------------
def _inside(pts, lo, hi) -> np.ndarray:
    slack = 1e-9 * (hi - lo)
    return np.all((pts >= lo - slack) & (pts <= hi + slack), axis=1)


def _is_critical(f, pts, lo, hi) -> np.ndarray:
    """(n,) bool: every component of ∇f at pts (n, d) is 0 relative to its size nearby
    (the gradient's length would take ∂f/∂y = 2 beside ∂f/∂x ~ 1e299 for 0)."""
    g = np.abs(np.asarray(f.gradient(*pts.T), dtype=float))              # (d, n)
    nearby = _nearby_max(np.asarray(f.gradient(*_stencil(pts, lo, hi)), dtype=float))
    return np.all((g == 0) | (g <= _REL_TOL * nearby), axis=0)


def _decidable(f, pts, lo, hi) -> np.ndarray:
    """(n,) bool: ∇f near pts (n, d) is large enough for floating point to tell 0 from
    not 0. x^1000 is exactly 0 on (−0.49, 0.49) by underflow, and ±0.474 on the edge of
    that floor were "minima" (f' there is ~1e-320): fewer points rather than false ones."""
    if not len(pts):
        return np.ones(0, bool)
    return _nearby_max(_norm(f.gradient(*_stencil(pts, lo, hi)), 0)) > _UNDERFLOW


def _isolated(f, pts: np.ndarray, lo, hi) -> np.ndarray:
    """The points of pts (n, d) that are isolated critical points.

    Rule: where the Hessian has a (near-)zero eigenvalue, step δ (_PROBE of the box)
    along its eigenvector, on both sides, and solve ∇f = 0 from there. If that lands on
    a critical point other than the original one, the critical set goes on in that
    direction: the point lies on a curve or interval and is dropped. An isolated
    degenerate point (x³ at 0, the monkey saddle) pulls the probe back and is kept.
    Kinks are dropped too: if |∇f| at δ/100 is not much smaller than at δ, ∇f jumps
    there (abs, relu) rather than vanishing, even where sign(0) = 0 happens to be hit.
    """
    if not len(pts):
        return pts
    h = np.moveaxis(f.hessian(*pts.T), -1, 0)                    # (n, d, d)
    finite = np.all(np.isfinite(h), axis=(1, 2))
    scale, tol = _hessian_scale(f, pts, lo, hi)                  # (n, d), (n,)
    h = h / (scale[:, :, None] * scale[:, None, :])
    w, v = np.linalg.eigh(np.where(finite[:, None, None], h, 0.0))
    k, j = np.nonzero((np.abs(w) <= tol[:, None]) & finite[:, None])
    if not k.size:
        return pts
    delta = _PROBE * np.min(hi - lo)
    owner = np.concatenate([k, k])
    direction = v[k, :, j] / scale[k]                            # back to f's variables
    direction /= np.linalg.norm(direction, axis=1, keepdims=True)
    step = np.concatenate([direction, -direction]) * delta       # (m, d)
    landed, _ = _solve_gradient(f, pts[owner] + step, lo, hi, _ITERATIONS // 2)
    moved = np.linalg.norm(landed - pts[owner], axis=1) > delta / 2
    on_set = moved & _is_critical(f, landed, lo, hi)
    far, near = (_norm(f.gradient(*(pts[owner] + s).T)) for s in (step, step / 100))
    kink = (far > 0) & (near > 0.5 * far)
    keep = np.ones(len(pts), bool)
    keep[owner[on_set | kink]] = False
    return pts[keep]


def _merge(pts: np.ndarray, widths: np.ndarray) -> np.ndarray:
    """One representative (the first in sorted order) per cluster of points (n, d)
    closer than _MERGE of the box."""
    kept, n = np.empty_like(pts), 0
    for p in pts[np.lexsort(pts.T[::-1])]:
        if n == 0 or np.min(np.max(np.abs(kept[:n] - p) / widths, axis=1)) > _MERGE:
            kept[n], n = p, n + 1
    return kept[:n]


# --- small helpers -------------------------------------------------------------------
def _stencil(pts, lo, hi):
    """Points within _NEAR of the box around each of pts (n, d): d arrays of (n, m).

    1-D and 2-D: a 4^d grid of offsets. From 3 variables on (4^d grows too fast) the
    offsets along each axis and along _STENCIL_DIRECTIONS fixed random directions."""
    d = len(lo)
    steps = np.array([-1.0, -0.5, 0.5, 1.0]) * _NEAR
    if d <= 2:
        grid = np.meshgrid(*[steps] * d, indexing="ij")
        unit = np.stack([s.ravel() for s in grid], axis=1)
    else:
        directions = np.random.default_rng(1).normal(size=(_STENCIL_DIRECTIONS, d))
        directions /= np.max(np.abs(directions), axis=1, keepdims=True)
        unit = np.concatenate([np.eye(d), directions])[:, None, :] * steps[None, :, None]
        unit = unit.reshape(-1, d)
    offsets = unit * (hi - lo)                                           # (m, d)
    q = pts[:, None, :] + offsets[None]
    return [q[..., i] for i in range(len(lo))]


def _nearby_max(values) -> np.ndarray:
    """Largest finite magnitude over the last axis (the stencil); 0 if none."""
    a = np.abs(np.asarray(values, dtype=float))
    return np.max(np.where(np.isfinite(a), a, 0.0), axis=-1)


def _hessian_scale(f, pts, lo, hi) -> tuple[np.ndarray, np.ndarray]:
    """(scale (n, d), tol (n,)) at pts (n, d), from the Hessian within 1 % of the box
    around them: scale, each variable's row size there, √(largest |H_ij|) (1 where the
    row is 0 or not finite nearby); tol, the size of the scaled Hessian
    H_ij / (s_i s_j) that counts as 0."""
    h = np.asarray(f.hessian(*_stencil(pts, lo, hi)), dtype=float)     # (d, d, n, m)
    size = np.sqrt(np.max(np.where(np.isfinite(h), np.abs(h), 0.0), axis=(1, 3)))   # (d, n)
    scale = np.where(size > 0, size, 1.0)
    h = h / (scale[:, None, :, None] * scale[None, :, :, None])
    tol = _REL_TOL * _nearby_max(_norm(h.reshape((-1,) + h.shape[2:]), np.nan))
    return scale.T, tol


def _norm(g, bad=np.inf):
    """|g| over axis 0; `bad` where it is not finite (inf: never an improvement).
    By hypot, without overflow: on 1e300·x² + y² the squares of ∇f = (2e300·x, 2y) were
    inf everywhere but on x = 0, so no Newton step ever lowered |∇f| and the minimum at
    (0, 0) was never found."""
    g = np.asarray(g, dtype=float)
    r = np.hypot.reduce(g, axis=0) if len(g) else np.zeros(g.shape[1:])
    return np.where(np.isfinite(r), r, bad)


def _box(f: Expression, bounds):
    lo, hi = (np.array(v, dtype=float) for v in zip(*bounds))
    if lo.shape != (f.dimension,) or not np.all(np.isfinite(lo) & np.isfinite(hi) & (hi > lo)):
        raise ValueError(f"bounds need one finite (lo, hi) with lo < hi per variable of {f}")
    return lo, hi
