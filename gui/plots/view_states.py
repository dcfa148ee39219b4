"""The views' own part of a saved session: what a view shows beyond the model's state
(the 3-D camera, the tangent plane, the log scale, the tangent point and secant h), so
that a session reopens to the same picture.

Each view registers a name with a getter (plain JSON values) and a setter. A value
read from a session for a view not built yet (the curve view is built for the first
function of one variable) waits until the view registers, and is saved again as it
was if that never happens.

File ▸ New puts every view back as built (`reset`): what a view showed when it
registered is its fresh start (a tangent point and secant, a log scale, a tangent plane
left from before New showed in the new document). A session or a lecture's scene puts
back every view it does not name, too (`reset(keep=...)`): the Basins switched on before
a sample lecture's scene (whose state names no views) washed out its map.
"""
from __future__ import annotations


class ViewStates:
    def __init__(self):
        self._parts: dict = {}       # name -> (get, set)
        self._pending: dict = {}     # name -> a value not yet applied
        self._fresh: dict = {}       # name -> its state when it registered (built)

    def register(self, name: str, get, set_) -> None:
        self._parts[name] = (get, set_)
        self._fresh[name] = get()
        if name in self._pending:
            self._apply(name, self._pending.pop(name))

    def reset(self, keep=()) -> None:
        """Every view as it was built but those named in `keep` (what a session applies
        next), and nothing waiting from a session (a new document). Done before a new
        example loads: the example frames the 3-D camera over the built one."""
        self._pending.clear()
        for name, value in self._fresh.items():
            if name not in keep:
                self._apply(name, value)

    def get_state(self) -> dict:
        out = dict(self._pending)
        out.update({name: get() for name, (get, _) in self._parts.items()})
        return out

    def changed_state(self) -> dict:
        """Only the parts not as built (and those waiting): a state that names no view
        when all are as built, as the sample lectures' network parts were saved, so a
        scene change finds that part unchanged and does not rebuild it."""
        out = dict(self._pending)
        out.update({name: get() for name, (get, _) in self._parts.items()
                    if get() != self._fresh[name]})
        return out

    def set_state(self, state) -> None:
        """Apply what a session holds; an unknown or malformed part is skipped (the
        picture is a convenience: it never stops a session from opening)."""
        if not isinstance(state, dict):
            return
        for name, value in state.items():
            if name in self._parts:
                self._apply(name, value)
            else:
                self._pending[name] = value

    def _apply(self, name, value) -> None:
        try:
            self._parts[name][1](value)
        except (TypeError, ValueError, KeyError, IndexError):
            pass


def switch_access(switches: dict):
    """(get, set) for `ViewStates.register` of on/off switches ({name: QCheckBox}); a
    value that is not true or false is skipped, as a malformed part is."""

    def get() -> dict:
        return {name: box.isChecked() for name, box in switches.items()}

    def set_(state: dict) -> None:
        for name, box in switches.items():
            if isinstance(state.get(name), bool):
                box.setChecked(state[name])

    return get, set_
