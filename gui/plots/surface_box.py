"""Where the 3-D view puts a point (x, y, f): one affine map into a box, for the
surface, the paths, the tangent plane and the markers alike.

The longer side of the window spans [−1, 1] (the other keeps the aspect, so angles
in x–y are true), and f's range on the grid spans [0, HEIGHT]: from its minimum to
its maximum, or to its 98th percentile where the top 2 % of the grid would add more
than a quarter to the height (TAIL) — Rosenbrock's walls (up to 2500 against a valley
floor near 0) would turn the picture into one spike; heights beyond are clipped to the
box's lid. Not always the percentile: that cut a flat notch into a plane's highest
corner (w₁ + w₂) and the rising corners off a saddle or a bowl.
Being affine in f, the map keeps planes planar: a tangent plane stays tangent.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gui.plots.landscape import FLOAT_NOISE_SHARE, least_range

HEIGHT = 0.85
CLIP = (0.0, HEIGHT)       # the box: nothing is drawn above its lid (no slab over the picture)
# f's top 2 % clipped only where they add more than this share of the height below them:
# planes, saddles and bowls add 0.05–0.22, Rosenbrock, Himmelblau, Beale 0.6–1.1
TAIL = 0.25


@dataclass(frozen=True)
class BoxMapping:
    """(x, y, f) in the function's units → (bx, by, bz) in the box."""
    x0: float        # window centre
    y0: float
    xy_scale: float  # box units per unit of x and y
    f0: float        # f at the box floor
    f_scale: float   # box units per unit of f

    @classmethod
    def fit(cls, window, Z, flat_share: float = FLOAT_NOISE_SHARE) -> "BoxMapping":
        """The map for `window` ((xlo, xhi), (ylo, yhi)) and f's samples Z there; a
        range under `flat_share` of f's size is widened about its middle (least_range):
        a nearly flat f is a nearly flat sheet half-way up the box."""
        (xlo, xhi), (ylo, yhi) = window
        finite = np.asarray(Z, dtype=float)[np.isfinite(Z)]
        lo, hi = (float(finite.min()), float(np.percentile(finite, 98))) if finite.size else (0, 1)
        top = float(finite.max()) if finite.size else 1
        if top - hi <= TAIL * (hi - lo):
            hi = top
        if not hi > lo:
            lo, hi = lo - 0.5, lo + 0.5
        lo, hi = least_range(lo, hi, flat_share)
        return cls((xlo + xhi) / 2, (ylo + yhi) / 2, 2.0 / max(xhi - xlo, yhi - ylo),
                   lo, HEIGHT / (hi - lo))

    def bx(self, x):
        return (np.asarray(x, dtype=float) - self.x0) * self.xy_scale

    def by(self, y):
        return (np.asarray(y, dtype=float) - self.y0) * self.xy_scale

    def bz(self, f):
        """Height of f in the box, clipped to CLIP; nan (undefined f) goes to the floor."""
        z = (np.asarray(f, dtype=float) - self.f0) * self.f_scale
        return np.clip(np.nan_to_num(z, nan=0.0, posinf=CLIP[1], neginf=CLIP[0]), *CLIP)

    def f_at(self, bz):
        """The f value at box height bz (for axis labels)."""
        return self.f0 + np.asarray(bz, dtype=float) / self.f_scale

    def __call__(self, x, y, f) -> np.ndarray:
        """Points (..., 3) in the box for broadcasting x, y, f."""
        return np.stack(np.broadcast_arrays(self.bx(x), self.by(y), self.bz(f)), axis=-1)
