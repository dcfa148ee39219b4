"""Undo / redo by snapshots of the whole session state.

After each change the user makes (the signals the session controller already
listens to, and edits of the lecture) a snapshot of `session.state()` is taken,
debounced: a slider drag or a burst of training ticks becomes one entry. Undo puts
the previous snapshot back through `session.apply` (the models check it as when a
file is opened); restoring does not itself push a snapshot, and neither does
entering a scene (`rebaseline`): the clicker is not an edit.

The pause that ends a burst is the user's, not the event loop's: a key typed into the
formula counts as part of the burst even before it changes f (`on_typing`: the rest of
a name, a key waiting for the last f's picture), and a timeout that comes late (the
loop was busy drawing the last key's f, so the next keys may wait in the queue) waits
again (MAX_LATE_WAITS in a row at most). Typing x^4 - 4x^3 + 4x^2 over another formula left "f(x) = x" (its first
key, drawn while the next keys waited) and the prefixes between as steps of Undo.
A burst with keys typed into the formula ends only after a typist's pause
(TYPING_PAUSE_MS), or at once with Enter or leaving the field (`end_typing`): a lecturer
hunting for ^ and ( at half a second a key had every prefix of the formula as a step.

Whether the typist paused is read from the keys' own times (`watch_keys`: the window
system stamps each key when it is typed), not only from when they arrive: a key typed
within TYPING_PAUSE_MS of the one before belongs to its burst even when the pause's
timer ran out before it came (the views of the key before took that long and the
timer came due just as they were done, not late) — the step that timeout took is
merged back. On a loaded machine "x", the first key of x^4 - 4x^3 + 4x^2, was left as
a step of Undo of its own that way (CI, 3 workers on 2 cores).
"""
from __future__ import annotations

import copy
from contextlib import contextmanager

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, QTimer, Signal

from gui.compute.qt_guard import qt_override

DEBOUNCE_MS = 300
LATE_MS = 50        # a timeout this late means a busy loop, not a pause in typing ...
MAX_LATE_WAITS = 4  # ... waited for this many times in a row at most (a loop always busy)
# a pause between keys typed into the formula shorter than this is part of the burst
TYPING_PAUSE_MS = 1200
MAX_UNDO = 60       # snapshots hold the network's weights and histories: keep a bounded few
# Moving through a set-up, not changing it (stepping a descent or a neuron's stages, the
# tab and view shown take no snapshot): undo leaves them where they are. It put back the
# tab and step of the last snapshot: undoing a neuron's training also reset the
# Explorer's descent from step 3 to 0 and showed the Explorer.
NAVIGATION = {"explorer": ("frame",), "neuron": ("stage",), "view": ("tab", "focus")}
# The map's and the lab's switches (Basins, …) are a scene's picture, kept in the views'
# state, but switching one takes no snapshot either: undoing the f typed after ticking
# Basins would have switched them off again.
VIEW_SWITCHES = ("lab", "map")
PAGES = ("explorer", "neuron", "network")


def keep_navigation(restored: dict, live: dict) -> dict:
    """`restored` with `live`'s navigation (a part whose content changes too keeps it:
    the snapshot's step is stale, stepping takes none; a model clamps a step past its
    new end), and the tab of the page it changes when it changes one (the user sees
    what was undone)."""
    out = copy.deepcopy(restored)

    def content(state, name):
        part = state.get(name)
        if not isinstance(part, dict):
            return part
        return {k: v for k, v in part.items() if k not in NAVIGATION.get(name, ())}
    for name, keys in NAVIGATION.items():
        mine, now = out.get(name), live.get(name)
        if isinstance(mine, dict) and isinstance(now, dict):
            mine.update({k: now[k] for k in keys if k in now})
    mine, now = (part.get("explorer", {}).get("views") for part in (out, live))
    if isinstance(mine, dict) and isinstance(now, dict):
        mine.update({k: copy.deepcopy(now[k]) for k in VIEW_SWITCHES if k in now})
    changed = [p for p in PAGES if content(out, p) != content(live, p)]
    if len(changed) == 1 and isinstance(out.get("view"), dict):
        out["view"]["tab"] = changed[0]
    return out


class UndoHistory(QObject):
    availabilityChanged = Signal(bool, bool)    # (can undo, can redo)

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self._undo: list[dict] = []
        self._redo: list[dict] = []
        self._current: dict | None = None
        self._rebase = False          # the next capture only records where we are
        self._restoring = False
        self._paused = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._on_timeout)
        self._armed = QElapsedTimer()   # since the timer was last started
        self._typed = QElapsedTimer()   # since the last key typed into the formula
        self._late_waits = 0
        # Enter (or the field left) ended the typed burst: no key of it can be queued
        # any more, so a late timeout is not waited again (a busy loop after Enter
        # merged the next change, a learning rate set half a second later, into it)
        self._typing_ended = False
        self._key_stamp = 0          # the window system's time of the key being delivered
        self._last_stamp = 0         # ... of the last key typed into the formula (0: none)
        # the step before the typed burst (the object in _undo once a timeout has taken
        # the burst's step): a key typed within a typist's pause merges back to it
        self._before_burst: dict | None = None

    def watch_keys(self, field) -> None:
        """Read the times of the keys typed into `field` (the formula's line edit)."""
        field.installEventFilter(self)

    @qt_override
    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            self._key_stamp = event.timestamp()    # 0 where the sender sets none (QTest)
        return False

    @property
    def can_undo(self) -> bool:
        # a snapshot still waiting is something to undo, unless it only records where
        # we are (after New, an opened file, a restore): New enabled Undo until its
        # baseline was taken, at high load after New's own answers had arrived; and at a
        # fresh start the first snapshot is the baseline too (nothing before it)
        return bool(self._undo) or (self._timer.isActive() and not self._rebase
                                    and self._current is not None)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def on_change(self, *_) -> None:
        """A user change happened: take a snapshot once the burst is over."""
        if not (self._restoring or self._paused):
            self._late_waits = 0
            self._arm()

    def on_typing(self, *_) -> None:
        """A key typed into the formula: a snapshot waiting is not taken before the
        pause after it (no key typed is an edit by itself: the change it makes is)."""
        stamp, self._key_stamp = self._key_stamp, 0
        in_burst = (stamp and self._last_stamp and self._before_burst is not None
                    and 0 <= stamp - self._last_stamp < TYPING_PAUSE_MS)
        self._last_stamp = stamp
        self._typed.start()
        self._typing_ended = False
        if in_burst:
            self._join_burst()
        else:
            self._before_burst = self._current
        if self._timer.isActive() and not (self._restoring or self._paused):
            self._late_waits = 0
            self._arm()

    def _join_burst(self) -> None:
        """A key typed within a typist's pause after the burst's last one, though a
        timeout took the burst's step before it came: that step (and any its views'
        answers made since) merged back; the burst's snapshot is taken after its pause."""
        for i in range(len(self._undo) - 1, -1, -1):
            if self._undo[i] is self._before_burst:
                self._current = self._undo[i]
                del self._undo[i:]
                self._arm()
                self._emit()
                return

    def end_typing(self, *_) -> None:
        """Enter, or the formula field left: the typed burst ends after the usual short
        pause (its last change may still be on its way), not a typist's."""
        self._before_burst = None
        self._typed.invalidate()
        self._typing_ended = True
        if self._timer.isActive():
            self._arm()

    def _arm(self) -> None:
        typing = self._typed.isValid() and self._typed.elapsed() < TYPING_PAUSE_MS
        self._timer.setInterval(TYPING_PAUSE_MS if typing else DEBOUNCE_MS)
        self._timer.start()
        self._armed.start()

    def _on_timeout(self) -> None:
        if (self._armed.elapsed() > self._timer.interval() + LATE_MS
                and self._late_waits < MAX_LATE_WAITS and not self._typing_ended):
            self._late_waits += 1          # keys may be queued behind what kept us late
            self._arm()
            return
        self.capture()

    @contextmanager
    def paused(self):
        """Changes made inside are not the user's and are put back before it ends (an
        export's animation trains and restores): no snapshot of them, no entry."""
        before, self._paused = self._paused, True
        try:
            yield
        finally:
            self._paused = before

    def rebaseline(self, *_) -> None:
        """The app changed but not by an edit (a scene entered, a file opened)."""
        self._before_burst = None
        self._rebase = True
        self._arm()

    def reset(self) -> None:
        """Forget every entry; the state now is where undo stops."""
        self._undo.clear()
        self._redo.clear()
        self._current = copy.deepcopy(self.session.state())
        self._rebase, self._before_burst = False, None
        self._emit()

    @property
    def restoring(self) -> bool:
        return self._restoring

    def forget(self) -> None:
        """A new document (a file opened, New): no undo into the one before; the state
        once it has settled is where undo stops."""
        self._undo.clear()
        self._redo.clear()
        self._rebase, self._before_burst = True, None
        self._arm()
        self._emit()

    def capture(self) -> None:
        self._timer.stop()
        self._late_waits, self._typing_ended = 0, False    # (Enter's end: its burst's only)
        state = copy.deepcopy(self.session.state())
        if self._current is None or self._rebase:
            self._current, self._rebase = state, False
        elif state != self._current:
            self._undo.append(self._current)
            del self._undo[:-MAX_UNDO]
            self._redo.clear()
            self._current = state
        self._emit()

    def undo(self) -> bool:
        if self._timer.isActive():     # the last change first becomes an entry
            self.capture()
        if not self._undo:
            return False
        self._redo.append(self._current)
        self._restore(self._undo.pop())
        return True

    def redo(self) -> bool:
        if self._timer.isActive():
            self.capture()
        if not self._redo:
            return False
        self._undo.append(self._current)
        self._restore(self._redo.pop())
        return True

    def _restore(self, state: dict) -> None:
        self._before_burst = None      # the next key starts a burst of its own
        live = self.session.state()
        state = self._current = keep_navigation(state, live)
        self._restoring = True
        try:
            # only the parts that differ: the rest was re-loaded (the Explorer analysed
            # again, its step put back only once its paths came) for nothing
            self.session.apply(copy.deepcopy({name: part for name, part in state.items()
                                              if live.get(name) != part}))
        finally:
            self._restoring = False
        # answers arriving later (the analysis of a restored formula) are not edits
        self._rebase = True
        self._arm()
        self.session.mark_modified()
        self._emit()

    def _emit(self) -> None:
        self.availabilityChanged.emit(self.can_undo, self.can_redo)
