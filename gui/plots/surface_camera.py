"""The 3-D view's camera: its framing of the box, and the camera and tangent-plane
switch as plain values, for a saved session (gui.plots.view_states): a session reopens
looking from where the lecturer left it."""
from __future__ import annotations

import pyqtgraph as pg

from gui.plots.surface_box import HEIGHT


def frame_camera(view) -> None:
    """Point a SurfaceView's camera at its box from the front, on the side away from the
    start point, so the slope the descent starts on faces the camera; far enough back
    for the box and its labels."""
    window, start = view.model.window, view.model.start
    if len(window) == 2 and len(start) == 2:
        view._side = -1 if start[0] >= sum(window[0]) / 2 else 1
    depth = float(view.mapping.by(window[1][1])) if view.mapping else 0.75
    view.gl.opts["center"] = pg.Vector(-0.1 * view._side, 0, HEIGHT * 0.3)
    # pyqtgraph's field of view is horizontal: a wide, short canvas sees less height,
    # and the box's top corners left the picture; step back as the canvas widens
    canvas = view.gl.canvas
    aspect = canvas.width() / max(canvas.height(), 1) if canvas is not None else 1.2
    view.gl.setCameraPosition(distance=(2.6 + 1.0 * depth) * max(1.0, aspect / 1.5) ** 0.5,
                              elevation=32, azimuth=-90 + 32 * view._side)
    if view.mapping is not None:
        view._draw_axes(window)


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
