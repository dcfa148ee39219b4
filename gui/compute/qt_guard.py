"""`qt_override`: the guard every Qt virtual override in gui/ wears.

An exception that escapes a Python override Qt calls back into (showEvent, paintEvent,
closeEvent, QRunnable.run, an event filter, a model's data(), …) is at best a traceback
on stderr while the app limps on, and inside some calls (paint and show events during a
layout) PySide6 aborts the whole process: a lecturer's class ends with a segfault. The
guard catches it, reports it once per place (stderr and the window's status bar) and
returns `fallback`, what Qt gets when the override could not finish (False for "not
handled", a default size, …). tests/gui/compute/test_qt_guard.py scans gui/ so that
no override goes without it.
"""
from __future__ import annotations

import functools
import sys
import threading
import traceback

_reported: set = set()       # (function, exception type): reported once each
_lock = threading.Lock()
_UNSET = object()


def _default(name: str, args: tuple):
    """What Qt gets from an override named `name` that failed: "not handled", an
    empty size, no rows; validate() refuses the text."""
    if name in ("event", "eventFilter", "hasHeightForWidth"):
        return False
    if name in ("sizeHint", "minimumSizeHint"):
        from PySide6.QtCore import QSize
        return QSize()
    if name in ("rowCount", "columnCount"):
        return 0
    if name == "heightForWidth":
        return -1
    if name == "textFromValue":
        return ""
    if name == "validate" and len(args) >= 3:
        from PySide6.QtGui import QValidator
        return QValidator.State.Invalid, args[1], args[2]
    return None


def qt_override(function=None, *, fallback=_UNSET):
    """Decorate a Qt virtual override: exceptions are reported, never propagated.

    What the override returns instead is `fallback` if given (a callable is called for
    a fresh value), else a default chosen by the method's name (see _default).
    Use bare (`@qt_override`) or with `fallback=`.
    """
    def wrap(func):
        @functools.wraps(func)
        def guarded(*args, **kwargs):
            try:
                return func(*args, **kwargs)
            except Exception as exc:   # noqa: BLE001 - nothing may escape into Qt
                report(func, exc)
                if fallback is _UNSET:
                    return _default(func.__name__, args)
                return fallback() if callable(fallback) else fallback
        guarded.__qt_guarded__ = True
        return guarded
    return wrap(function) if function is not None else wrap


def report(func, exc: BaseException) -> None:
    """Print the traceback once per (place, kind of error) and show a short status
    message in the main window when called on the GUI thread."""
    key = (getattr(func, "__qualname__", repr(func)), type(exc))
    with _lock:
        first = key not in _reported
        _reported.add(key)
    if first:
        print(f"Gradient Lab: an error in {key[0]} was contained; the app goes on.",
              file=sys.stderr)
        traceback.print_exception(type(exc), exc, exc.__traceback__, file=sys.stderr)
    _show_in_status_bar(f"Something could not be drawn or updated ({_plain(exc)}); "
                        "the app goes on.")


def _plain(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) <= 80 else text[:77] + "…"


def _show_in_status_bar(message: str) -> None:
    try:
        from PySide6.QtCore import QThread
        from PySide6.QtWidgets import QApplication, QMainWindow
        app = QApplication.instance()
        if app is None or QThread.currentThread() is not app.thread():
            return                  # widgets belong to the GUI thread only
        for widget in app.topLevelWidgets():
            if isinstance(widget, QMainWindow) and widget.isVisible():
                widget.statusBar().showMessage(message, 8000)
    except Exception:   # noqa: BLE001 - reporting must never raise itself
        pass
