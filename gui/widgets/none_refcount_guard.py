"""Work around a PySide6 6.12.0 bug on CPython < 3.12: shiboken drops references it does
not own. Every call of a Qt method that returns void (QPainter.setPen, drawLine,
QWidget.update, QGraphicsItem.setPos, …) takes one reference from None, and every
Signal.emit (which returns True) one from True. These objects start with a few thousand
references, so a window that paints and emits for a few seconds aborts with
"Fatal Python error: none_dealloc: deallocating None" (or bool_dealloc).

From Python 3.12 on None, True and False are immortal (PEP 683) and the lost references
do no harm; before, we give each of them a huge stock of references once. They are
never freed anyway, so the only effect is that the bug can no longer reach zero.
"""
from __future__ import annotations

import ctypes
import sys

_STOCK = 1 << 50          # at a million lost references a second: decades
_done = False


def guard_none_refcount() -> None:
    """Idempotent; a no-op where these objects are immortal or on another interpreter."""
    global _done
    if _done or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    for singleton in (None, True, False):
        # ob_refcnt is the first field (a Py_ssize_t) of every CPython object.
        ctypes.c_ssize_t.from_address(id(singleton)).value += _STOCK
    _done = True
