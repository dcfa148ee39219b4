"""The 3-D view's camera: its framing of the box, and the camera and tangent-plane
switch as plain values, for a saved session (gui.plots.view_states): a session reopens
looking from where the lecturer left it."""
from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QTimer

from gui.compute.qt_guard import qt_override
from gui.plots.surface_box import HEIGHT
from gui.plots.surface_cuts import surface_heights
from gui.plots.surface_paths import to_screen

FIT_STEP = 1.06        # the camera steps back by this factor ...
FIT_STEPS = 15         # ... at most this often (2.4× the framing's distance)
LABEL_MARGIN_PX = 0    # labels may touch the canvas's edge, not cross it
FIT_MARGIN_PX = 4      # the framing leaves the box and its labels this far off the edges
FIT_ROUNDS = 8         # perspective: the fit converges in 3-5 rounds (to < 1 px)
FIT_SAMPLE = 5         # every 5th vertex of the surface's grid (and its edges) is framed
ELEVATION = 32         # degrees above the floor the camera looks from ...
TALL_ELEVATION = 44    # ... and from higher in a pane taller than wide (TALL_ASPECT: all)
TALL_ASPECT = 1.25     # height / width at which a pane is looked at from TALL_ELEVATION


def frame_camera(view) -> None:
    """Point a SurfaceView's camera at its box from the front, on the side away from the
    start point, so the slope the descent starts on faces the camera; far enough back
    for the box and its labels."""
    window, start = view.model.window, view.model.start
    if len(window) == 2 and len(start) == 2:
        # a start at the middle (the neuron's landscape is centred on it) must not pick
        # its side by the rounding of (lo + hi) / 2: the camera turned on a refit
        (lo, hi), tie = window[0], 1e-9 * abs(window[0][1] - window[0][0])
        view._side = -1 if start[0] >= (lo + hi) / 2 - tie else 1
    depth = float(view.mapping.by(window[1][1])) if view.mapping else 0.75
    view.gl.opts["center"] = pg.Vector(-0.1 * view._side, 0, HEIGHT * 0.3)
    # pyqtgraph's field of view is horizontal: a wide, short canvas sees less height,
    # and the box's top corners left the picture; step back as the canvas widens
    canvas = view.gl.canvas
    aspect = canvas.width() / max(canvas.height(), 1) if canvas is not None else 1.2
    distance = (2.6 + 1.0 * depth) * max(1.0, aspect / 1.5) ** 0.5
    view.gl.setCameraPosition(distance=distance, elevation=elevation_for(aspect),
                              azimuth=-90 + 32 * view._side)
    if view.mapping is not None:
        view._draw_axes(window)
        _fit_to_canvas(view.gl, _drawn_points(view, window))
        _step_back_until_labels_fit(view.gl, view.gl.opts["distance"])
    _keep_framed_on_resize(view)


def elevation_for(aspect: float) -> float:
    """Degrees above the floor to look from, for a canvas `aspect` (width / height) wide.
    The box seen from ELEVATION is ~1.5× wider than tall: in a tall pane (presenting at
    1280×720 the 3-D view beside the map is 337×427 px) its width binds and the picture
    filled half the height, an empty band above and below it. Seen from higher, its
    floor reaches further up the pane and the bowl's inside shows over its front rim."""
    tall = min(max((1 / max(aspect, 1e-6) - 1) / (TALL_ASPECT - 1), 0.0), 1.0)
    return ELEVATION + (TALL_ELEVATION - ELEVATION) * tall


def _drawn_points(view, window) -> np.ndarray:
    """What the framing must show, in the box (k, 3): the floor's corners, the f axis's
    top and the surface's vertices (a sample, its edges whole). Not the lid's corners:
    a saddle reaches two of them, and framing the others left a band of empty canvas."""
    m = view.mapping
    ax, ay = float(m.bx(window[0][1])), float(m.by(window[1][1]))
    fixed = [(x, y, 0.0) for x in (-ax, ax) for y in (-ay, ay)] + [(ax, -ay, HEIGHT),
                                                                   (-ax, -ay, HEIGHT)]
    scape = view.landscape
    if scape is None:
        return np.array(fixed)
    rows = sorted(set(range(0, len(scape.xs), FIT_SAMPLE)) | {len(scape.xs) - 1})
    cols = sorted(set(range(0, len(scape.ys), FIT_SAMPLE)) | {len(scape.ys) - 1})
    z = surface_heights(m, scape.Z)[np.ix_(rows, cols)]
    bx, by = np.meshgrid(m.bx(scape.xs[rows]), m.by(scape.ys[cols]), indexing="ij")
    mesh = np.column_stack([bx.ravel(), by.ravel(), z.ravel()])
    return np.vstack([fixed, mesh[np.isfinite(mesh).all(axis=1)]])


def _picture_bounds(gl, corners: np.ndarray):
    """((left, top, right, bottom) of `corners` (k, 3) and the label points, the same
    with the labels' rectangles as drawn: centred on their points, or pushed clear of
    their ticks, gl.label_rect), canvas pixels; None off screen."""
    labels = gl.pinned_labels()
    points = np.vstack([corners] + [[p.x(), p.y(), p.z()] for p, _ in labels])
    on_screen = to_screen(gl, points)
    if on_screen is None:
        return None
    (x0, y0), (x1, y1) = on_screen.min(axis=0), on_screen.max(axis=0)
    rects = [gl.label_rect(i) for i in range(len(labels))]
    return (x0, y0, x1, y1), (min([x0] + [r.left() for r in rects]),
                              min([y0] + [r.top() for r in rects]),
                              max([x1] + [r.right() for r in rects]),
                              max([y1] + [r.bottom() for r in rects]))


def _fit_to_canvas(gl, corners: np.ndarray) -> None:
    """Distance and centre so that the points `corners` (k, 3: what is drawn) with the
    labels fill the canvas, centred, FIT_MARGIN_PX off the edges that bind. The rule in frame_camera
    only guessed: presenting at 1280×720 the box of x² + 2y² was 284×198 px in a
    337×448 canvas, 40 px off its left edge and 13 off its right."""
    w, h = gl.width(), gl.height()
    if w < 50 or h < 50:
        return                        # not laid out yet: framed again once it is
    tan = math.tan(math.radians(gl.opts["fov"]) / 2)
    for _ in range(FIT_ROUNDS):
        bounds = _picture_bounds(gl, corners)
        if bounds is None:
            return
        (g0, g1, g2, g3), (b0, b1, b2, b3) = bounds
        # the box's own extent shrinks as 1/distance; the labels' overhang stays in px
        room_x = w - 2 * FIT_MARGIN_PX - ((b2 - b0) - (g2 - g0))
        room_y = h - 2 * FIT_MARGIN_PX - ((b3 - b1) - (g3 - g1))
        if room_x < 20 or room_y < 20:
            return                    # too small a canvas: the step back below decides
        ratio = min(max(max((g2 - g0) / room_x, (g3 - g1) / room_y), 0.5), 2.0)
        # the picture's centre onto the canvas's: the camera's target moves in its
        # screen plane (view matrix rows 0 and 1: right and up, in box coordinates)
        distance = gl.opts["distance"]
        per_px = 2 * distance * tan / w
        dx, dy = (b0 + b2 - w) / 2, (b1 + b3 - h) / 2
        view = gl.viewMatrix()
        right, up = view.row(0).toVector3D(), view.row(1).toVector3D()
        gl.opts["center"] = pg.Vector(gl.opts["center"] + (right * dx - up * dy) * per_px)
        gl.setCameraPosition(distance=distance * ratio)
        if abs(ratio - 1) < 1e-3 and abs(dx) < 0.5 and abs(dy) < 0.5:
            break


def _step_back_until_labels_fit(gl, distance: float) -> None:
    """Further back until every axis label lies whole inside the canvas: the rule above
    framed a 809×547 canvas (the 3-D view at 1920×1080 with three variables, its slice
    picker above it) with the front corner's labels 50 px below its bottom edge, pushed
    up onto each other."""
    if gl.width() < 50 or gl.height() < 50:
        return                        # not laid out yet: framed again once it is
    for _ in range(FIT_STEPS):
        if gl.labels_overflow() <= LABEL_MARGIN_PX:
            break
        distance *= FIT_STEP
        gl.setCameraPosition(distance=distance)
    gl._place_labels()


def _keep_framed_on_resize(view) -> None:
    """While the camera is the framing's (not turned or zoomed since), frame again when
    the canvas changes size: the slice picker showing, the text size, a splitter."""
    canvas = view.gl.canvas
    if canvas is None or getattr(view, "_reframer", None) is not None:
        view._framed = _camera(view.gl)
        return
    view._reframer = _Reframer(view)
    canvas.installEventFilter(view._reframer)
    view._framed = _camera(view.gl)


def _camera(gl) -> tuple:
    o, c = gl.opts, gl.opts["center"]
    return (round(float(o["distance"]), 6), float(o["elevation"]), float(o["azimuth"]),
            float(c.x()), float(c.y()), float(c.z()))


class _Reframer(QObject):
    def __init__(self, view):
        super().__init__(view)
        self.view = view
        self.pending = self.deferred = False

    @qt_override
    def eventFilter(self, watched, event):
        # a new text size (presentation) makes the labels larger: framed again too
        if event.type() in (QEvent.Type.Resize, QEvent.Type.FontChange) and not self.pending:
            self.pending = True        # after the layout has settled
            QTimer.singleShot(0, self, self._reframe)
        return False

    def _reframe(self):
        self.pending = False
        view = self.view
        # a new f's surface is on its way (its map's bar resized the view): framed with
        # it (SurfaceView._rebuild), not the old f's framed and rendered anew meanwhile
        self.deferred = view.gl.canvas.keep_on_resize()
        if self.deferred:
            return
        # (not for one variable: the hidden view keeps a two-variable mapping)
        if view.mapping is not None and view._two_d() and _camera(view.gl) == view._framed:
            frame_camera(view)


def reframe_if_deferred(view) -> None:
    """The framing a resize asked for while the new f's surface was on its way, now."""
    reframer = getattr(view, "_reframer", None)
    if reframer is not None and reframer.deferred:
        reframer._reframe()


def camera_state_access(view):
    """(get, set) of a SurfaceView's camera, its side and its tangent-plane switch."""

    def get() -> dict:
        o = view.gl.opts
        c = o["center"]
        return {"distance": float(o["distance"]), "elevation": float(o["elevation"]),
                "azimuth": float(o["azimuth"]),
                "center": [float(c.x()), float(c.y()), float(c.z())],
                "side": view._side, "tangent_plane": view.plane_toggle.isChecked()}

    def set_(state: dict) -> None:
        """A saved camera: kept over the framing a new example would get."""
        view.plane_toggle.setChecked(bool(state["tangent_plane"]))
        view._side = 1 if state["side"] > 0 else -1
        view.gl.opts["center"] = pg.Vector(*(float(v) for v in state["center"]))
        view.gl.setCameraPosition(distance=float(state["distance"]),
                                  elevation=float(state["elevation"]),
                                  azimuth=float(state["azimuth"]))
        view._frame_camera = False
        if view.mapping is not None and view._two_d():
            view._draw_axes(view.model.window)

    return get, set_
