"""Saved sessions: readable, versioned JSON, written atomically.

A session holds each part's `get_state()` (explorer, neuron, network) under one
version number. Reading checks everything before anything is applied, so a corrupt,
truncated or future file leaves what the user has open untouched.
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

SESSION_VERSION = 1
SUFFIX = ".gradlab.json"


class SessionError(Exception):
    """A session file that cannot be opened; the message is for the user."""


def save_session(path, parts: dict) -> Path:
    """Write {"version", "app", **parts} to `path` via a temporary file and a rename.

    The rename is atomic on one file system, so a crash leaves either the old file
    or the new one, never half of one.
    """
    path = Path(path)
    data = {"app": "Gradient Lab", "version": SESSION_VERSION, **parts}
    text = json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False)
    fd, tmp = tempfile.mkstemp(prefix=".session-", suffix=".tmp", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def load_session(path) -> dict:
    """Read and check a session file; raise SessionError with a plain message."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SessionError(f"Cannot read {path.name}: {exc.strerror or exc}.") from None
    except UnicodeDecodeError:
        raise SessionError(f"{path.name} is not a text file, so not a Gradient Lab session.") from None
    if not text.strip():
        raise SessionError(f"{path.name} is empty.")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        # cut off: the error is at the end, or inside a last half-written number ("0.")
        tail = text.rstrip()[exc.pos:]
        cut = len(tail) <= 24 and not any(c in tail for c in ',:[]{}"')
        hint = " It looks cut off (truncated)." if cut else ""
        raise SessionError(f"{path.name} is damaged: {exc.msg} at line {exc.lineno}, "
                           f"column {exc.colno}.{hint}") from None
    if not isinstance(data, dict) or data.get("app") != "Gradient Lab":
        raise SessionError(f"{path.name} is JSON but not a Gradient Lab session.")
    version = data.get("version")
    if not isinstance(version, int):
        raise SessionError(f"{path.name} has no version number.")
    if version > SESSION_VERSION:
        raise SessionError(f"{path.name} was saved by a newer Gradient Lab (session version "
                           f"{version}; this one reads up to {SESSION_VERSION}). Please update.")
    if "explorer" not in data:
        raise SessionError(f"{path.name} has no explorer settings.")
    return data
