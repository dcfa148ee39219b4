"""The gradient field of the contour map: ∇f as arrows on a sparse grid.

Hundreds of arrows are three PlotDataItems with connect="pairs" (pyqtgraph's way for
many short segments): shafts, heads, and a dark halo under both, so the white
arrows read on every colour of the map (on its pale yellow end the halo is the arrow's
outline: 1 px each side at scale 1, wider with the presentation scale). Built once, updated with setData.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QCheckBox

from gui.plots import landscape
from gui.plots.theme import keep_colour_on_map

ARROWS = 16                  # arrows along the longer side of the window
HEAD_ANGLE = np.radians(28)


def field_toggle(name: str = "f") -> QCheckBox:
    """The map's switch for the arrows of ∇`name` (on), `name` the function's name."""
    box = QCheckBox(f"Gradient field ∇{name}", checked=True)
    box.setToolTip(f"Arrows of ∇{name}: they point uphill, perpendicular to the iso-lines")
    return box


def arrow_segments(base, grad, cell):
    """(shafts, heads, drawn): arrow segments as (2k, 2) pair lists, and the mask of
    the arrows drawn (those with a finite, non-zero gradient).

    Direction is exactly ∇f's. Length grows with |∇f|^½ from 0.25 cell (so the
    direction stays legible where f is nearly flat, as on Beale's plateaus, whose
    slopes span five decades) to 0.8 cell at the 80th percentile of |∇f|, capped there.
    """
    norm = np.hypot(grad[:, 0], grad[:, 1])
    ok = np.isfinite(norm) & (norm > 0)
    base, grad, norm = base[ok], grad[ok], norm[ok]
    if not len(norm):
        return np.empty((0, 2)), np.empty((0, 2)), ok
    ref = np.quantile(norm, 0.8)
    with np.errstate(over="ignore"):     # |∇f| spanning 1e-300 … 1e300: the ratio is capped at 1
        length = cell * (0.25 + 0.55 * np.minimum(1.0, np.sqrt(norm / ref)))
    unit = grad / norm[:, None]
    tip = base + unit * length[:, None]
    head = np.minimum(0.35 * length, 0.25 * cell)[:, None]
    c, s = np.cos(HEAD_ANGLE), np.sin(HEAD_ANGLE)
    left = np.column_stack([c * unit[:, 0] - s * unit[:, 1], s * unit[:, 0] + c * unit[:, 1]])
    right = np.column_stack([c * unit[:, 0] + s * unit[:, 1], -s * unit[:, 0] + c * unit[:, 1]])
    shafts = np.stack([base, tip], 1).reshape(-1, 2)
    heads = np.stack([tip, tip - head * left, tip, tip - head * right], 1).reshape(-1, 2)
    return shafts, heads, ok



class GradientField:
    """Arrows of ∇f (from the engine) at cell centres of a square grid over a window.

    shafts, heads   PlotDataItems (connect="pairs"); shafts rows are (base, tip, base, tip, …)
    base, gradient  (k, 2): bases of the arrows drawn and ∇f there (only where f and ∇f
                    are finite and ∇f ≠ 0)
    """

    def __init__(self, plot):
        self.base = self.gradient = np.empty((0, 2))
        # The halo's colour is chosen against the map, not the theme: never inked white.
        self._halo = keep_colour_on_map(
            pg.PlotDataItem(connect="pairs", pen=pg.mkPen(0, 0, 0, 190, width=3.5)))
        self.shafts = pg.PlotDataItem(connect="pairs", pen=pg.mkPen("w", width=1.5))
        self.heads = pg.PlotDataItem(connect="pairs", pen=pg.mkPen("w", width=1.5))
        for item in (self._halo, self.shafts, self.heads):
            plot.addItem(item)

    def update(self, f, window) -> None:
        (xlo, xhi), (ylo, yhi) = window
        # square cells, so arrows have one length scale in both directions
        cell = max(xhi - xlo, yhi - ylo) / ARROWS
        xs = landscape.cell_centres(xlo, xhi, max(2, round((xhi - xlo) / cell)))
        ys = landscape.cell_centres(ylo, yhi, max(2, round((yhi - ylo) / cell)))
        X, Y = np.meshgrid(xs, ys, indexing="ij")
        value, grad = f.value_and_gradient(X, Y)
        # where f itself is undefined (log x for x < 0) its formal gradient may not be: no arrow
        grad = np.where(np.isfinite(value), grad, np.nan)
        base = np.column_stack([X.ravel(), Y.ravel()])
        gradient = np.column_stack([grad[0].ravel(), grad[1].ravel()])
        shafts, heads, drawn = arrow_segments(base, gradient, cell)
        self.base, self.gradient = base[drawn], gradient[drawn]
        self.shafts.setData(shafts[:, 0], shafts[:, 1])
        self.heads.setData(heads[:, 0], heads[:, 1])
        both = np.concatenate([shafts, heads])
        self._halo.setData(both[:, 0], both[:, 1])

    def clear(self) -> None:
        """No arrows (f's gradient is not known yet)."""
        self.base = self.gradient = np.empty((0, 2))
        for item in (self._halo, self.shafts, self.heads):
            item.setData([], [])

    def setVisible(self, shown: bool) -> None:
        for item in (self._halo, self.shafts, self.heads):
            item.setVisible(shown)
