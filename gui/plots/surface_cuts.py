"""Where the 3-D surface's mesh is broken instead of drawn: above the box's lid and
across a jump of f.

A mesh joins every pair of neighbouring samples. Where f jumps (atan(y/x) across
x = 0, atan2(y, x) across the negative x axis, 1/x at its pole) the join is a false
vertical wall; where f rises past the lid (Rosenbrock's corners, the top 2 % of the
grid, see gui.plots.surface_box) clipping flattened it into a shelf, seen as a flap
folded over the box's edge; where f is undefined (log(x) for x ≤ 0) a floor joined by
walls to the defined part read as a step function. A vertex at nan height draws none of
its triangles (OpenGL discards them), so such vertices are made nan: the surface ends at
the lid, opens along a jump and has a hole where f is undefined.
"""
from __future__ import annotations

import numpy as np

from gui.plots.surface_box import CLIP

# a step between two samples is a jump when it rises this much of the box's height ...
JUMP_HEIGHT = 0.1
# ... and this many times the steps on either side of it along the same grid line
JUMP_RATIO = 4.0


def surface_heights(mapping, Z) -> np.ndarray:
    """Box heights of the surface's vertices for f's samples Z (nx, ny), as
    `mapping.bz` gives them, with nan where the mesh breaks: f undefined (nan; ±inf
    stays clipped to the lid or floor), f above the lid with all its neighbours, and
    one end of each jump (`jump_ends`)."""
    Z = np.asarray(Z, dtype=float)
    z = mapping.bz(Z)
    with np.errstate(invalid="ignore", over="ignore"):
        above = (Z - mapping.f0) * mapping.f_scale > CLIP[1] * (1 + 1e-9)
    # only where every neighbour is above too: the cells crossing the lid keep their
    # corners clipped onto it, so the surface ends along the lid (cut at the crossing
    # itself, exp(x² + y²)'s steep walls ended in a saw of thin spikes)
    padded = np.pad(above, 1, constant_values=True)
    rows, cols = above.shape
    for di in (0, 1, 2):
        for dj in (0, 1, 2):
            above = above & padded[di:di + rows, dj:dj + cols]
    z[above | np.isnan(Z)] = np.nan
    z[jump_ends(np.where(np.isfinite(Z), z, np.nan))] = np.nan
    return z


def jump_ends(z: np.ndarray) -> np.ndarray:
    """(nx, ny) bool: the far end of every grid step of z that is a jump — at least
    JUMP_HEIGHT and JUMP_RATIO times the larger of the steps before and after it on its
    grid line (both ends defined; a nan neighbour step counts as none)."""
    ends = np.zeros(z.shape, dtype=bool)
    for axis in (0, 1):
        step = np.abs(np.diff(z, axis=axis))
        if step.shape[axis] == 0:
            continue
        padded = np.pad(step, [(1, 1) if a == axis else (0, 0) for a in range(2)],
                        constant_values=np.nan)
        before = np.take(padded, range(0, step.shape[axis]), axis=axis)
        after = np.take(padded, range(2, step.shape[axis] + 2), axis=axis)
        around = np.nan_to_num(np.fmax(before, after), nan=0.0)
        with np.errstate(invalid="ignore"):
            jump = (step >= JUMP_HEIGHT) & (step > JUMP_RATIO * around)
        far = np.zeros(z.shape, dtype=bool)
        if axis == 0:
            far[1:] = jump
        else:
            far[:, 1:] = jump
        ends |= far
    return ends
