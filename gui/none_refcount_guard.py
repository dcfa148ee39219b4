"""Work around a PySide6 6.12.0 bug on CPython < 3.12: every call of a Qt method that
returns void (QPainter.setPen, drawLine, QWidget.update, QGraphicsItem.setPos, …) takes
one reference from None and never gives it back. None starts with a few thousand
references, so after some thousand painted lines the interpreter aborts with
"Fatal Python error: none_dealloc: deallocating None".

From Python 3.12 on None is immortal (PEP 683) and the lost references do no harm;
before, we give None a huge stock of references once. None is never freed anyway, so
the only effect is that the bug can no longer reach zero.
"""
from __future__ import annotations

import ctypes
import sys

_STOCK = 1 << 50          # at a million lost references a second: decades
_done = False


def guard_none_refcount() -> None:
    """Idempotent; a no-op where None is immortal or the interpreter is not CPython."""
    global _done
    if _done or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    # ob_refcnt is the first field (a Py_ssize_t) of every CPython object.
    ctypes.c_ssize_t.from_address(id(None)).value += _STOCK
    _done = True
