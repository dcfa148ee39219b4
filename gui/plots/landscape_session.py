"""LandscapeModel's saved session: everything the user set up as plain JSON-ready
values (`get_state`), checked and applied back (`set_state`)."""
from __future__ import annotations

from gui.plots.landscape_state import check_state
from gui.plots.session_extras import apply_extra_state, extra_state


class SessionState:
    """The part of LandscapeModel that reads and writes a session."""

    def get_state(self) -> dict:
        """Everything the user set up, as plain JSON-ready values."""
        # the f on screen, not a typo in the editor (a file holding it was refused whole)
        return {"text": self._text if self._error is None else self._requested_text,
                "window": [list(w) for w in self._window],
                "start": list(self._start), "frame": self._frame, "speed": self._speed,
                "descent": self._settings.to_json(), **extra_state(self)}    # slice, example, views (gui.plots.session_extras)

    # every number of a session checked against the controls' bounds, in one place
    check_state = staticmethod(check_state)

    def set_state(self, state: dict) -> None:
        """Apply a state from get_state (checked first: a bad one changes nothing)."""
        s = self.check_state(state)
        preset = {"expr": s["text"], "window": s["window"], "start": s["start"],
                  "methods": s["methods"], "lr": s["lr"], "max_steps": s["max_steps"],
                  "runs": s["runs"], "name": "", "caption": ""}
        # the views it does not name as built (a sample lecture's scene names none: a
        # switch left on before it, Basins, is not its picture), before the load frames
        # the camera; those it names are applied last (apply_extra_state)
        views = state.get("views")
        self.view_states.reset(keep=views if isinstance(views, dict) else ())
        # the analysis is asked for once the whole state is in: a small f is answered
        # inside the request, and its paths then put the saved frame back; answered
        # before the settings and frame were in, a restore showed step 0, not 5
        with self._worker.held():
            self.load_preset(preset)
            self._preset = None
            self.presetChanged.emit(None)
            self.set_settings(hyper=s["hyper"], noise=s["noise"], seed=s["seed"],
                              clip=s["clip"])
            self.set_speed(s["speed"])
            self._restore_frame = s["frame"]
            apply_extra_state(self, state)
