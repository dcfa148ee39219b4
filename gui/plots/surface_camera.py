"""The 3-D view's camera and tangent-plane switch as plain values, for a saved session
(gui.plots.view_states): a session reopens looking from where the lecturer left it."""
from __future__ import annotations

import pyqtgraph as pg


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
