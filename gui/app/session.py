"""Saved sessions: readable, versioned JSON, written atomically.

A session holds each part's `get_state()` (explorer, neuron, network) under one
version number. Reading checks everything before anything is applied, so a corrupt,
truncated or future file leaves what the user has open untouched.
"""
from __future__ import annotations

import json
import math
import os
import tempfile
from pathlib import Path

SESSION_VERSION = 1
SUFFIX = ".gradlab.json"
MAX_BYTES = 50_000_000      # a session is kilobytes; a bigger file is not one of ours
# A diverged run (cost nan, lr inf) is legitimate state, but strict JSON has no nan or
# infinity: they are written as these strings and read back as the numbers.
NON_FINITE = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}


class SessionError(Exception):
    """A session file that cannot be opened; the message is for the user."""


def save_session(path, parts: dict) -> Path:
    """Write {"version", "app", **parts} to `path` via a temporary file and a rename.

    The rename is atomic on one file system, so a crash leaves either the old file
    or the new one, never half of one.
    Writes through a symbolic link (the link stays, its target changes) and keeps an
    existing file's permissions; a new file gets the usual ones (0666 less the umask).
    nan and ±inf are written as the strings "NaN", "Infinity", "-Infinity".
    """
    path = Path(os.path.realpath(path))
    data = {"app": "Gradient Lab", "version": SESSION_VERSION, **_finite_json(parts)}
    text = json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False)
    try:
        mode = path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, tmp = tempfile.mkstemp(prefix=".session-", suffix=".tmp", dir=path.parent or ".")
    try:
        os.chmod(tmp, mode)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _finite_json(value):
    """value with every non-finite float replaced by its NON_FINITE string."""
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, dict):
        return {k: _finite_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite_json(v) for v in value]
    return value


def _numbers_back(value):
    """The inverse of _finite_json (NaN/Infinity written by older files come as floats)."""
    if isinstance(value, str) and value in NON_FINITE:
        return NON_FINITE[value]
    if isinstance(value, dict):
        return {k: _numbers_back(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_numbers_back(v) for v in value]
    return value


def _decode(raw: bytes, name: str) -> str:
    """The file's text: UTF-8 (with or without a byte-order mark) or UTF-16/32 with one."""
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"),
                          (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"),
                          (b"\xfe\xff", "utf-16")):
        if raw.startswith(bom):
            break
    else:
        encoding = "utf-8"
    try:
        return raw.decode(encoding)
    except UnicodeError:
        raise SessionError(f"{name} is not a text file in a known encoding (UTF-8 or UTF-16), "
                           "so not a Gradient Lab session.") from None


def load_session(path) -> dict:
    """Read and check a session file; raise SessionError with a plain message.

    Whatever the file holds (any bytes, nesting thousands deep, wrong types), the only
    exception is SessionError."""
    path = Path(path)
    name = path.name
    try:
        if path.is_dir():
            raise SessionError(f"{name} is a folder, not a session file.")
        if path.stat().st_size > MAX_BYTES:
            raise SessionError(f"{name} is {path.stat().st_size / 1e6:.0f} MB: far too large "
                               "for a Gradient Lab session.")
        raw = path.read_bytes()
    except OSError as exc:
        raise SessionError(f"Cannot read {name}: {exc.strerror or exc}.") from None
    text = _decode(raw, name)
    if not text.strip():
        raise SessionError(f"{name} is empty.")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        # cut off: the error is at the end, or inside a last half-written number ("0.")
        tail = text.rstrip()[exc.pos:]
        cut = len(tail) <= 24 and not any(c in tail for c in ',:[]{}"')
        hint = " It looks cut off (truncated)." if cut else ""
        raise SessionError(f"{name} is damaged: {exc.msg} at line {exc.lineno}, "
                           f"column {exc.colno}.{hint}") from None
    except RecursionError:
        raise SessionError(f"{name} is nested far too deeply to be a Gradient Lab "
                           "session.") from None
    except (ValueError, TypeError, MemoryError) as exc:   # e.g. a 10^5-digit integer
        raise SessionError(f"{name} cannot be read as JSON ({exc}).") from None
    if not isinstance(data, dict) or data.get("app") != "Gradient Lab":
        raise SessionError(f"{name} is JSON but not a Gradient Lab session.")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise SessionError(f"{name} has no version number.")
    if version > SESSION_VERSION:
        raise SessionError(f"{name} was saved by a newer Gradient Lab (session version "
                           f"{version}; this one reads up to {SESSION_VERSION}). Please update.")
    if not isinstance(data.get("explorer"), dict):
        raise SessionError(f"{name} has no explorer settings.")
    try:
        return _numbers_back(data)
    except RecursionError:
        raise SessionError(f"{name} is nested far too deeply to be a Gradient Lab "
                           "session.") from None


def written_by_newer_version(path) -> bool:
    """The file is a session of a newer Gradient Lab (which must not be overwritten)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        version = data.get("version") if isinstance(data, dict) else None
        return isinstance(version, int) and version > SESSION_VERSION
    except (OSError, ValueError, RecursionError, UnicodeError):
        return False
