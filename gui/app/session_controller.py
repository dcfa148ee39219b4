"""The open session file: save / open / recent files / last session at start-up,
and the "modified" state behind the window title's marker.

A session is {"explorer", "neuron", "network", "view"}: each part's get_state().
Opening checks and applies every part, and puts the old state back if any part
refuses, so a bad file never loses what the user had open.
"""
from __future__ import annotations

import os
import time
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal

from gui.app.session import (SUFFIX, SessionError, load_session, save_session,
                             written_by_newer_version)

MAX_RECENT = 8
LAST_SESSION = "last-session" + SUFFIX


class SessionController(QObject):
    changed = Signal()          # path or modified flag changed: retitle the window
    recentChanged = Signal(list)

    def __init__(self, parts: dict, settings: QSettings, parent=None):
        """parts: name -> object with get_state() and set_state(state)."""
        super().__init__(parent)
        self.parts = parts
        self.settings = settings
        self.path: Path | None = None
        self.untitled_name: str | None = None   # a file-less session's name (a sample lecture)
        self.modified = False
        self._applying = False
        self._keep_last = False     # the last session is a newer version's: leave it

    # --- modified ---------------------------------------------------------------
    def mark_modified(self, *_) -> None:
        if not self._applying and not self.modified:
            self.modified = True
            self.changed.emit()

    @contextmanager
    def unmarked(self):
        """Changes made inside do not mark the session modified: they are put back
        before it ends (an export's animation trains and restores)."""
        before, self._applying = self._applying, True
        try:
            yield
        finally:
            self._applying = before

    def _set_clean(self, path, untitled_name: str | None = None) -> None:
        self.path = Path(path) if path is not None else None
        self.untitled_name = untitled_name
        self.modified = False
        self.changed.emit()

    @property
    def display_name(self) -> str:
        return self.path.name if self.path else self.untitled_name or "Untitled"

    # --- state ------------------------------------------------------------------
    def state(self) -> dict:
        return {name: part.get_state() for name, part in self.parts.items()}

    def apply(self, data: dict) -> None:
        """Apply every part present in `data`; on any refusal restore all and raise."""
        before = self.state()
        self._applying = True
        try:
            for name, part in self.parts.items():
                if name in data:
                    part.set_state(data[name])
                elif hasattr(part, "set_absent"):   # e.g. a lecture's scenes, new in a file
                    part.set_absent(data)
        except Exception as exc:           # a damaged part: nothing of it may stay
            failed = name
            for name, part in self.parts.items():
                part.set_state(before[name])
            raise SessionError(f"The session could not be opened: {problem(failed, exc)}") from None
        finally:
            self._applying = False

    # --- files ------------------------------------------------------------------
    def save(self, path) -> Path:
        path = save_session(path, self.state())
        self._set_clean(path)
        self._remember(path)
        return path

    def open(self, path) -> None:
        """Load, check and apply; raises SessionError and leaves everything as it was."""
        self.apply(load_session(path))
        self._set_clean(path)
        self._remember(path)

    def new(self, reset) -> None:
        """Start afresh: `reset()` puts the parts back to their defaults."""
        self._applying = True
        try:
            reset()
            for part in self.parts.values():   # parts New has no defaults for: absent
                if hasattr(part, "set_absent"):
                    part.set_absent(None)
        finally:
            self._applying = False
        self._set_clean(None)

    # --- recent files -----------------------------------------------------------
    def recent(self) -> list[str]:
        value = self.settings.value("session/recent", [])
        if isinstance(value, str):          # QSettings gives a str for a one-item list
            value = [value]
        return [p for p in (value or []) if Path(p).exists()]

    def _remember(self, path) -> None:
        path = str(Path(path).resolve())
        if Path(path).name == LAST_SESSION:
            return
        recent = [path] + [p for p in self.recent() if p != path]
        self.settings.setValue("session/recent", recent[:MAX_RECENT])
        self.recentChanged.emit(recent[:MAX_RECENT])

    # --- the last session, restored at start-up ---------------------------------
    @property
    def restore_enabled(self) -> bool:
        return self.settings.value("session/restore_last", True, type=bool)

    def set_restore_enabled(self, on: bool) -> None:
        self.settings.setValue("session/restore_last", bool(on))

    @property
    def kept_at_close(self) -> bool:
        """Whether closing keeps the session for the next start (save_last writes it)."""
        return (self.restore_enabled and not self._keep_last
                and not written_by_newer_version(self.last_session_path()))

    def last_session_path(self) -> Path:
        return Path(self.settings.fileName()).parent / LAST_SESSION

    def save_last(self) -> None:
        """At close: the whole set-up, so the next start can continue from it."""
        if not self.kept_at_close:     # (a newer Gradient Lab's work: never overwritten)
            return
        target = self.last_session_path()
        target.parent.mkdir(parents=True, exist_ok=True)
        save_session(target, {**self.state(),
                              "file": str(self.path) if self.path else None,
                              "modified": self.modified})

    def restore_last(self) -> str | None:
        """At start-up: reopen the last session. Returns a message if it failed."""
        target = self.last_session_path()
        if not self.restore_enabled or not target.exists():
            return None
        try:
            data = load_session(target)
            file, modified = data.get("file"), data.get("modified", False)
            if not (file is None or isinstance(file, str)) or not isinstance(modified, bool):
                raise SessionError("Its file name or 'modified' mark is not valid.")
            self.apply(data)
        except SessionError as exc:
            if written_by_newer_version(target):
                self._keep_last = True      # a newer Gradient Lab's: not ours to overwrite
                return f"The last session was not restored. {exc}"
            aside = self._put_aside(target)
            where = f" It was kept as {aside}." if aside else ""
            return f"The last session was not restored. {exc}{where}"
        self.path = Path(file) if file else None
        self.modified = modified
        self.changed.emit()
        return None

    @staticmethod
    def _put_aside(target: Path) -> Path | None:
        """Rename a bad last session to <name>.bad-<time> (for the user to inspect, and so
        the next start does not trip over it again); None if it could not be renamed."""
        aside = target.with_name(f"{target.name}.bad-{time.strftime('%Y%m%d-%H%M%S')}")
        try:
            os.replace(target, aside)
        except OSError:
            return None
        return aside


def problem(part: str, exc: Exception) -> str:
    """What is wrong with a part of a session, in the user's terms (no bare "'descent'"
    or "NoneType" from Python's own messages)."""
    where = {"explorer": "the Explorer settings", "neuron": "the Neuron settings",
             "network": "the Network settings", "view": "the view settings"}.get(part, part)
    if isinstance(exc, KeyError):
        key = exc.args[0] if exc.args else "?"
        return f"{where} lack the entry “{key}”."
    if isinstance(exc, (TypeError, AttributeError)):
        return f"{where} hold a value of the wrong kind (a number, text or list where " \
               "another was expected)."
    if isinstance(exc, RecursionError):
        return f"{where} are nested far too deeply."
    if isinstance(exc, (OverflowError, MemoryError)):
        return f"{where} hold a number far too large."
    text = str(exc).strip()
    return f"{where}: {text}" if text else f"{where} are not valid."
