"""A legend in the corner of its plot that its curves leave empty.

A legend anchored top right covered the Network tab's gradient norms between steps 1200
and 1700 of XOR (2-4-1, sigmoid), where training gets interesting: curves that rise
to the right run through that corner. `place_clear(legend, curves)` puts it, after each
change of the data or the view, in the first corner (top right, top left, bottom right,
bottom left) where no drawn point of a curve lies under it, staying where it is while
that corner stays free; where none is free, in the one over the fewest points.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF

# (the legend's anchor point, the view's anchor point, sign of the offset) per corner
CORNERS = {"top right": ((1, 0), (1, 0), (-1, 1)), "top left": ((0, 0), (0, 0), (1, 1)),
           "bottom right": ((1, 1), (1, 1), (-1, -1)), "bottom left": ((0, 1), (0, 1), (1, -1))}
MARGIN_PX = 6         # between the legend and the plot's frame
STEPS_PER_SEGMENT = 4  # points tested along each segment (a steep line crosses a corner
                       # between two of its points)


def curve_pixels(view, curves) -> np.ndarray:
    """(n, 2) positions (px, in `view`'s own coordinates, y down) of the drawn points of
    `curves` and of points along their segments, for a pyqtgraph ViewBox `view`."""
    (x0, x1), (y0, y1) = view.viewRange()
    width, height = view.width(), view.height()
    parts = []
    for curve in curves:
        xs, ys = curve.getData()        # as drawn: log10 of the data on a log axis
        if xs is None or len(xs) == 0:
            continue
        xs, ys = np.asarray(xs, float), np.asarray(ys, float)
        if len(xs) > 1:
            t = np.linspace(0, 1, STEPS_PER_SEGMENT, endpoint=False)[:, None]
            xs = np.concatenate([(xs[:-1] + t * np.diff(xs)).ravel(), xs[-1:]])
            ys = np.concatenate([(ys[:-1] + t * np.diff(ys)).ravel(), ys[-1:]])
        ok = np.isfinite(xs) & np.isfinite(ys)
        parts.append(np.column_stack([(xs[ok] - x0) / (x1 - x0) * width,
                                      (y1 - ys[ok]) / (y1 - y0) * height]))
    return np.concatenate(parts) if parts else np.zeros((0, 2))


def corner_rect(view, legend, corner: str) -> QRectF:
    """Where `legend` would stand in `corner` of `view` (the view's coordinates, px)."""
    _item, (ax, ay), (sx, sy) = CORNERS[corner]
    size = legend.boundingRect().size()
    left = ax * view.width() - ax * size.width() + sx * MARGIN_PX
    top = ay * view.height() - ay * size.height() + sy * MARGIN_PX
    return QRectF(left, top, size.width(), size.height())


def points_under(rect: QRectF, points: np.ndarray) -> int:
    inside = ((points[:, 0] >= rect.left()) & (points[:, 0] <= rect.right())
              & (points[:, 1] >= rect.top()) & (points[:, 1] <= rect.bottom()))
    return int(np.count_nonzero(inside))


def place_clear(legend, curves, current: str = "top right") -> str:
    """Anchor `legend` (a pg.LegendItem over a ViewBox) in the corner its `curves`
    leave empty, preferring `current`; returns the corner chosen."""
    view = legend.parentItem()
    if view is None or view.width() <= 0 or view.height() <= 0:
        return current
    points = curve_pixels(view, curves)
    order = [current] + [c for c in CORNERS if c != current]
    covered = {c: points_under(corner_rect(view, legend, c), points) for c in order}
    corner = next((c for c in order if covered[c] == 0), min(order, key=covered.get))
    item, parent, (sx, sy) = CORNERS[corner]
    legend.anchor(item, parent, (sx * MARGIN_PX, sy * MARGIN_PX))
    return corner
