"""The 3-D view's camera: its framing of the box, and the camera and tangent-plane
switch as plain values, for a saved session (gui.plots.view_states): a session reopens
looking from where the lecturer left it."""
from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QTimer

from gui.compute.qt_guard import qt_override
from gui.plots.surface_box import HEIGHT

FIT_STEP = 1.06        # the camera steps back by this factor ...
FIT_STEPS = 15         # ... at most this often (2.4× the framing's distance)
LABEL_MARGIN_PX = 0    # labels may touch the canvas's edge, not cross it


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
    view.gl.setCameraPosition(distance=distance, elevation=32, azimuth=-90 + 32 * view._side)
    if view.mapping is not None:
        view._draw_axes(window)
        _step_back_until_labels_fit(view.gl, distance)
    _keep_framed_on_resize(view)


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
        self.pending = False

    @qt_override
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Resize and not self.pending:
            self.pending = True        # after the layout has settled
            QTimer.singleShot(0, self, self._reframe)
        return False

    def _reframe(self):
        self.pending = False
        view = self.view
        # (not for one variable: the hidden view keeps a two-variable mapping)
        if view.mapping is not None and view._two_d() and _camera(view.gl) == view._framed:
            frame_camera(view)


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
