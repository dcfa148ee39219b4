"""Kinks: points where f is continuous but not differentiable, because a partial
derivative jumps (|x| at 0: f′ is −1 on the left, 1 on the right).

engine.calculus.critical_points finds the points where ∇f = 0 and, by its contract,
not these: |x| has no critical point, yet its minimum is at 0. Here, numbers only:

    derivative_jump(parse("|x|"), (0,))          # Jump(axis=0, left=-1.0, right=1.0)
    kinks_1d(parse("|x| + 2"), (-4, 4))           # [Kink(x=0.0, left=-1.0, right=1.0,
                                                  #       kind="minimum", value=2.0)]

A derivative "jumps" at a point when its values just left and just right of it differ
by the same amount at two distances from it (10⁻⁷ and 10⁻⁹ of the point's scale): a
smooth f′ changes by a hundredth as much over the nearer pair.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

__all__ = ["Jump", "Kink", "derivative_jump", "derivative_jumps", "kinks_1d", "kink_minimum",
           "may_have_kinks"]

_NEAR, _NEARER = 1e-7, 1e-9     # the two distances, times max(1, |coordinate|)
_MIN_JUMP = 1e-6                # a jump below this times the derivative's size is none
_SAMPLES = 2001                 # f′ sampled across the interval to find sign changes
_BISECTIONS = 60             # a sample's step (≥ 10⁻⁴ of [lo, hi]) to 10⁻²²
_GRID_ND = 101                  # samples per variable where kink_minimum looks first
_RING = 16                      # directions kink_minimum compares f along


@dataclass(frozen=True)
class Jump:
    """The partial derivative along `axis` is `left` just below the point and `right`
    just above it (the one-sided limits, to about 10⁻⁷ of the point's scale)."""
    axis: int
    left: float
    right: float


@dataclass(frozen=True)
class Kink:
    """A kink of a function of one variable at `x`, f′ jumping from `left` to `right`:
    kind "minimum" (left < 0 < right) or "maximum" (left > 0 > right); value f(x)."""
    x: float
    left: float
    right: float
    kind: str
    value: float


# the functions that can put a kink into f, by their sympy class (|x|, max, min, relu)
# and as f's text writes them (sqrt too)
_KINK_MAKERS = frozenset({"Abs", "Max", "Min", "relu"})
_KINK_WORDS = ("abs", "max", "min", "relu", "sqrt")


def may_have_kinks(f) -> bool:
    """Whether f holds a function that can put a kink into it: abs, max, min, relu, or a
    square root (the cone √(x² + y²) at 0); False: f has no kink, and the search for
    them (a map's worth of samples) can be skipped. Read from f's tree, not its text
    (printing a new f took ~1.2 ms of every edit): what str(f) writes as abs, max, min,
    relu or sqrt (x**(1/2) and x**(−1/2)). An f with no sympy tree (read without sympy,
    a slice of one): its text."""
    if getattr(f, "expr", None) is None:
        text = str(f)
        return any(word in text for word in _KINK_WORDS)
    stack = [f.expr]
    while stack:
        node = stack.pop()
        if type(node).__name__ in _KINK_MAKERS:
            return True
        if node.is_Pow and node.exp.is_Rational and node.exp.q == 2 and abs(node.exp.p) == 1:
            return True
        stack.extend(node.args)
    return False


def _partial_at(f, point, axis: int, offset: float) -> float:
    p = np.array(point, dtype=float)
    p[axis] += offset
    with np.errstate(all="ignore"):
        return float(np.asarray(f.gradient(*p), dtype=float)[axis])


def derivative_jump(f, point, axis: int = 0) -> Jump | None:
    """The jump of ∂f/∂(variable `axis`) at `point` (d,), or None where that partial is
    continuous there (or not finite on either side)."""
    scale = max(1.0, abs(float(point[axis])))
    sides = []
    for distance in (_NEAR, _NEARER):
        left = _partial_at(f, point, axis, -distance * scale)
        right = _partial_at(f, point, axis, distance * scale)
        if not (math.isfinite(left) and math.isfinite(right)):
            return None
        sides.append((left, right))
    (far_l, far_r), (near_l, near_r) = sides
    jump, far_jump = near_r - near_l, far_r - far_l
    size = max(1.0, abs(near_l), abs(near_r))
    if abs(jump) <= _MIN_JUMP * size or abs(jump - far_jump) > 0.5 * abs(jump):
        return None
    return Jump(axis, _tidy(near_l, size), _tidy(near_r, size))


def derivative_jumps(f, point) -> list[Jump]:
    """The jumps of every partial derivative at `point` (d,), in variable order."""
    return [j for axis in range(len(point)) if (j := derivative_jump(f, point, axis))]


def kinks_1d(f, bounds) -> list[Kink]:
    """The kinks of a function of one variable on [lo, hi] across which f′ changes
    sign (a minimum or maximum that f′ = 0 does not find), sorted by x. A sign change
    of f′ is bisected to where it happens; it counts where f′ jumps there."""
    lo, hi = (float(v) for v in bounds)
    xs = np.linspace(lo, hi, _SAMPLES)
    with np.errstate(all="ignore"):
        signs = np.sign(np.asarray(f.gradient(xs), dtype=float)[0])
    signs[~np.isfinite(signs)] = 0
    nonzero = np.flatnonzero(signs)
    digits = 12 - math.floor(math.log10(hi - lo))        # where the bisection rests
    pairs = [(a, b) for a, b in zip(nonzero[:-1], nonzero[1:])
             if signs[a] != signs[b] and np.all(np.isfinite(f(xs[a:b + 1])))]
    if not pairs:
        return []
    # every sign change bisected at once: one f′ of all the midpoints per round
    a, b = np.array(pairs).T
    left_x, right_x, left_sign = xs[a].copy(), xs[b].copy(), signs[a]
    with np.errstate(all="ignore"):
        for _ in range(_BISECTIONS):
            mid = 0.5 * (left_x + right_x)
            s = np.sign(np.asarray(f.gradient(mid), dtype=float)[0])
            on_left, exact = s == left_sign, ~np.isfinite(s) | (s == 0)
            left_x = np.where(on_left | exact, mid, left_x)
            right_x = np.where(~on_left | exact, mid, right_x)
    found = []
    for left_x, right_x in zip(left_x, right_x):
        x = float(0.5 * (left_x + right_x))
        rounder = round(x, digits) + 0.0      # 0, not 1e-17, for |x| (f no worse there)
        jump = derivative_jump(f, (x,))
        if jump is None:                  # a smooth zero of f′: a critical point
            continue
        kind = "minimum" if jump.left < 0 < jump.right else (
            "maximum" if jump.left > 0 > jump.right else None)
        if kind:
            better = f(rounder) <= f(x) if kind == "minimum" else f(rounder) >= f(x)
            x = rounder if better else x
            found.append(Kink(x, jump.left, jump.right, kind, float(f(x)) + 0.0))
    return found


def kink_minimum(f, bounds) -> tuple[np.ndarray, float] | None:
    """(point (d,), f there) of the lowest point of f in the box `bounds` ((lo, hi) per
    variable, d = 2) where some partial derivative jumps and f is lowest around it
    (|x| + |y| at (0, 0)); None where the lowest sample of a 101 × 101 grid leads to no
    such point (a smooth minimum is critical_points'). Each partial derivative's sign
    change through the lowest sample is bisected, a few times in turn."""
    axes = [np.linspace(float(lo), float(hi), _GRID_ND) for lo, hi in bounds]
    with np.errstate(all="ignore"):
        values = np.asarray(f(*np.meshgrid(*axes, indexing="ij")), dtype=float)
    if not np.isfinite(values).any():
        return None
    index = np.unravel_index(np.nanargmin(np.where(np.isfinite(values), values, np.nan)),
                             values.shape)
    point = np.array([a[i] for a, i in zip(axes, index)])
    steps = np.array([a[1] - a[0] for a in axes])
    for _ in range(3):
        for axis in range(len(point)):
            point[axis] = _sign_change(f, point, axis, steps[axis])
    widths = np.array([float(hi) - float(lo) for lo, hi in bounds])
    digits = 12 - math.floor(math.log10(widths.max()))
    rounder = np.round(point, digits) + 0.0
    if f(*rounder) <= f(*point):
        point = rounder
    if not derivative_jumps(f, point):
        return None
    value = float(f(*point))
    angles = np.linspace(0, 2 * np.pi, _RING, endpoint=False)
    for radius in (1e-3, 1e-6):              # of the box: lower than f all around
        ring = point[:, None] + radius * widths[:, None] * np.array(
            [np.cos(angles), np.sin(angles)])
        with np.errstate(all="ignore"):
            if not np.all(np.asarray(f(*ring), dtype=float) > value):
                return None
    return point, value + 0.0


def _sign_change(f, point, axis: int, step: float) -> float:
    """Where ∂f/∂(axis) changes sign from − to + within a step of point[axis] along
    that axis (bisected), else point[axis]."""
    x = float(point[axis])
    lo, hi = x - step, x + step
    if not (_partial_at(f, point, axis, lo - x) < 0 < _partial_at(f, point, axis, hi - x)):
        return x
    for _ in range(_BISECTIONS):
        mid = 0.5 * (lo + hi)
        slope = _partial_at(f, point, axis, mid - x)
        if slope == 0:
            return mid
        lo, hi = (mid, hi) if slope < 0 else (lo, mid)
    return 0.5 * (lo + hi)


def _tidy(value: float, size: float) -> float:
    """A one-sided limit read 10⁻⁹ away: rounded to 7 significant digits of `size`,
    so |x|'s −0.999999999 reads −1."""
    digits = 6 - math.floor(math.log10(size))
    return round(value, digits) + 0.0
