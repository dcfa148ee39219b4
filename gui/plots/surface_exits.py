"""Where a run has left the 3-D box: an arrow on the wall, pointing out, instead of the
current dot.

The paths are clipped to the box (surface_paths), so a run whose iterate was far outside
(x² + 2y² at η = 0.55, step 12: y = 17.8 in a box to y = 3) kept its dot on the wall
where it left, drawn like a current point inside: the picture said the run was there.
The map says where such a run went with an off-plot arrow and callout; here its arrow
(in its colour, never hidden by the surface) stands on the wall towards the run's point
and points out at it (an oscillating run is on the far wall from where it first left).
"""
from __future__ import annotations

import numpy as np

# Sized to read from the camera's elevation (presenting at 1280×720 the arrow, 0.45 and
# 0.17 long, was a ~20×10 px blob: its level head seen edge-on, strokes 5-14 px under
# 4.5-px lines)
ARROW_LENGTH = 0.7      # box units (the box is 2 wide): the shaft, inside the box
HEAD_LENGTH = 0.3       # each stroke of the head, back from the tip on the wall
HEAD_SPREAD = 0.55      # tan of the head's half-angle (~29°)


def first_outside(box: np.ndarray, half_x: float, half_y: float, z_range) -> int:
    """The index of the first of the points `box` (n, 3) (box coordinates, unclipped)
    outside the box or undefined; n when all are inside (as clip_to_box judges)."""
    lo = np.array([-half_x, -half_y, z_range[0]])
    hi = np.array([half_x, half_y, z_range[1]])
    eps = 1e-9
    ok = np.all((box >= lo - eps) & (box <= hi + eps) & np.isfinite(box), axis=1)
    return len(box) if ok.all() else int(np.argmin(ok))


def exit_arrow(point: np.ndarray, half_x: float, half_y: float, z_range) -> np.ndarray | None:
    """Segment pairs (10, 3) of the arrow for a run at `point` (box coordinates, outside
    the box): its tip on the wall where a level ray from the box's axis to the point
    leaves the box (the map's off-plot arrow, at the point's height clipped to the box),
    pointing out towards it; straight up or down for a point above the lid or below the
    floor. A shaft inside the box and a four-stroke head, spread level and upright (one
    pair faces any camera: a level head alone is edge-on from a low camera, an upright
    one when the arrow points at the camera). None for an undefined point."""
    p = np.asarray(point, dtype=float)
    if not np.all(np.isfinite(p)):
        return None
    z = float(np.clip(p[2], *z_range))
    reach = max(abs(p[0]) / half_x, abs(p[1]) / half_y)
    if reach > 1 + 1e-9:                        # beyond a wall: level, from the axis out
        tip = np.array([p[0] / reach, p[1] / reach, z])
        d = np.array([p[0], p[1], 0.0])
    else:                                       # over the lid or under the floor
        tip = np.array([p[0], p[1], z])
        d = np.array([0.0, 0.0, 1.0 if p[2] > z else -1.0])
    d /= np.linalg.norm(d)
    side = np.array([-d[1], d[0], 0.0])         # across, level
    if np.linalg.norm(side) < 1e-6:             # straight up or down: along x and y
        side, other = np.array([1.0, 0.0, 0.0]), np.array([0.0, 1.0, 0.0])
    else:
        other = np.array([0.0, 0.0, 1.0])       # across, upright
    side /= np.linalg.norm(side)
    back = tip - HEAD_LENGTH * d
    level, upright = (HEAD_LENGTH * HEAD_SPREAD * v for v in (side, other))
    return np.array([tip - ARROW_LENGTH * d, tip,
                     back + level, tip, back - level, tip,
                     back + upright, tip, back - upright, tip])
