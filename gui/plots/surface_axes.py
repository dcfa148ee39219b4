"""The 3-D view's axes and its box: where the axis lines, ticks and their labels go,
and paths cut where they leave the box (a diverging descent stops at the box's wall
instead of shooting out of the picture). Plain numpy: the view draws the result.
"""
from __future__ import annotations

import numpy as np

from gui.plots.axis_ticks import format_tick as fmt
from gui.plots.axis_ticks import nice_ticks
from gui.plots.surface_box import HEIGHT

TICK = 0.04                # tick length, box units
GAP = 0.13                 # labels' distance from their axis, box units


def axes_layout(m, window, side: int, names, value_name: str = "f"):
    """Axis lines (pairs of points, (2k, 3)), labels [((x, y, z), text)] and the tick
    texts per axis {"x": [...], "y": [...], "f": [...]} for the box
    of mapping `m` on `window`; `side` (−1 / +1) is the camera's side; the vertical axis is titled `value_name`. x ticks run along
    the front floor edge, y ticks along the side edge nearer the camera, f up the far
    front corner — no label lies on the surface. Round values (`nice_ticks`) are
    labelled on every axis, not only its two ends."""
    (xlo, xhi), (ylo, yhi) = window
    ax, ay = float(m.bx(xhi)), float(m.by(yhi))
    s, g = side, GAP
    x_ticks, y_ticks = _inside(nice_ticks(xlo, xhi), xlo, xhi), _inside(nice_ticks(ylo, yhi), ylo, yhi)
    f_ticks = nice_ticks(float(m.f_at(0)), float(m.f_at(HEIGHT)))
    f_step = f_ticks[1] - f_ticks[0] if len(f_ticks) > 1 else None
    x_step = x_ticks[1] - x_ticks[0] if len(x_ticks) > 1 else None
    y_step = y_ticks[1] - y_ticks[0] if len(y_ticks) > 1 else None
    zx = -s * ax                                   # x of the f axis
    lines = [(-ax, -ay, 0), (ax, -ay, 0), (s * ax, -ay, 0), (s * ax, ay, 0),
             (zx, -ay, 0), (zx, -ay, HEIGHT)]
    for z in m.bz(f_ticks):
        lines += [(zx, -ay, z), (zx - TICK * s, -ay - TICK, z)]
    for bx in m.bx(x_ticks):
        lines += [(bx, -ay, 0), (bx, -ay - TICK, 0)]
    for by in m.by(y_ticks):
        lines += [(s * ax, by, 0), (s * (ax + TICK), by, 0)]
    x_name, y_name = names
    name_x, name_y = float(m.bx(_between_ticks(x_ticks, xlo, xhi))), \
        float(m.by(_between_ticks(y_ticks, ylo, yhi)))
    labels = [((name_x, -ay - 2.2 * g, 0.0), f"<b>{x_name}</b>"),
              ((s * (ax + 2.4 * g), name_y, 0.0), f"<b>{y_name}</b>"),
              ((zx, -ay, HEIGHT + g), f"<b>{value_name}</b>")]
    # f's ticks first: where labels crowd, the canvas hides the later ones
    ticks = {"f": [fmt(v, f_step) for v in f_ticks], "x": [fmt(v, x_step) for v in x_ticks],
             "y": [fmt(v, y_step) for v in y_ticks]}
    labels += [((zx - 1.6 * g * s, -ay - 1.6 * g, z), text)
               for text, z in zip(ticks["f"], m.bz(f_ticks))]
    labels += [((bx, -ay - g, 0.0), text) for text, bx in zip(ticks["x"], m.bx(x_ticks))]
    labels += [((s * (ax + g), by, 0.0), text) for text, by in zip(ticks["y"], m.by(y_ticks))]
    return np.array(lines, dtype=float), labels, ticks


def _between_ticks(ticks, lo: float, hi: float) -> float:
    """Where an axis's name goes along it: the middle of [lo, hi], or, where a tick lies
    there, halfway to the next one. Over the middle tick the name hid it, and with it
    every regular subset that keeps it: presenting at 1280×720 (text size 1.5) x read
    only "−4" and "4", its "0" under the "x" (tick_thinning)."""
    middle = (lo + hi) / 2
    step = ticks[1] - ticks[0] if len(ticks) > 1 else 0.0
    if step and any(abs(t - middle) <= 1e-9 * (hi - lo) for t in ticks):
        return middle + step / 2
    return middle


def _inside(ticks, lo: float, hi: float) -> list[float]:
    """The ticks on [lo, hi], give or take float noise: ±2.9999999999999996 (a zoom
    round trip) keeps its ±3."""
    noise = 1e-9 * (hi - lo)
    return [v for v in ticks if lo - noise <= v <= hi + noise]


def label_anchors(m, window, side: int, ticks) -> list:
    """Each label's tick on its axis, in `axes_layout`'s order (None: its centre is its
    place): the f ticks' labels are kept clear of the f axis line (gl_canvas)."""
    (_xlo, xhi), (_ylo, yhi) = window
    zx, ay = -side * float(m.bx(xhi)), float(m.by(yhi))
    f_ticks = nice_ticks(float(m.f_at(0)), float(m.f_at(HEIGHT)))
    return ([None] * 3 + [(zx, -ay, float(z)) for z in m.bz(f_ticks)]
            + [None] * (len(ticks["x"]) + len(ticks["y"])))


def label_axes(ticks) -> list[str]:
    """The axis of each label `axes_layout` returns, in its order (names, then ticks):
    the 3-D view keeps labels of different axes further apart than one axis's ticks."""
    return ["x", "y", "f"] + [axis for axis in ("f", "x", "y") for _ in ticks[axis]]


def clip_to_box(points: np.ndarray, half_x: float, half_y: float,
                z_range=(0.0, HEIGHT)) -> np.ndarray:
    """The polyline `points` (n, 3) up to where it first leaves the box
    [−half_x, half_x] × [−half_y, half_y] × z_range, ending on the box's wall."""
    pts = np.asarray(points, dtype=float).reshape(-1, 3)
    lo = np.array([-half_x, -half_y, z_range[0]])
    hi = np.array([half_x, half_y, z_range[1]])
    eps = 1e-9
    ok = np.all((pts >= lo - eps) & (pts <= hi + eps) & np.isfinite(pts), axis=1)
    if ok.all() or not len(pts):
        return pts
    first_out = int(np.argmin(ok))
    if first_out == 0:
        return pts[:0]
    a, b = pts[first_out - 1], pts[first_out]
    if not np.all(np.isfinite(b)):
        return pts[:first_out]
    # the largest t in [0, 1] with a + t (b − a) inside the box
    d = b - a
    t = 1.0
    for k in range(3):
        if d[k] > 0:
            t = min(t, (hi[k] - a[k]) / d[k])
        elif d[k] < 0:
            t = min(t, (lo[k] - a[k]) / d[k])
    return np.vstack([pts[:first_out], a + max(t, 0.0) * d])
