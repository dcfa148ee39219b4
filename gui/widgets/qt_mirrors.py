"""pyqtgraph imported without creating every Qt class at start-up.

pyqtgraph keeps its own mirrors of QtCore, QtGui and QtWidgets, filled by copying every
name of PySide6's modules (`pyqtgraph.Qt._copy_attrs`). PySide6 creates its Python types
on first use, so that copy creates all ~720 of them: 0.1–0.2 s of CPU before the first
paint, for classes the app mostly never touches. Here the mirrors are modules that fetch
a name from PySide6 when it is first asked for, and while pyqtgraph imports, PySide6's
modules list no names to copy. Every name resolves to the same object as before.
"""
from __future__ import annotations

import sys
import types

import PySide6
import PySide6.QtCore
import PySide6.QtGui
import PySide6.QtWidgets

MIRRORED = ("QtCore", "QtGui", "QtWidgets")


class _Mirror(types.ModuleType):
    """A module whose missing names come from PySide6's module of the same name."""

    def __init__(self, name: str, source: types.ModuleType):
        super().__init__(name)
        self.__dict__["_source"] = source

    def __getattr__(self, attr: str):
        # kept once fetched: pyqtgraph reads QtCore.QPointF and the like in every paint,
        # and through this method each read cost ~1 µs (189,000 a race benchmark)
        value = getattr(self.__dict__["_source"], attr)
        self.__dict__[attr] = value
        return value


class _Unlisted(_Mirror):
    """PySide6's module as `dir` sees it during pyqtgraph's import: no names to copy."""

    def __dir__(self):
        return []


def import_pyqtgraph() -> None:
    """Import pyqtgraph with lazy mirrors (once; nothing if it is already imported)."""
    if "pyqtgraph" in sys.modules:
        return
    for sub in MIRRORED:
        sys.modules[f"pyqtgraph.Qt.{sub}"] = _Mirror(f"pyqtgraph.Qt.{sub}",
                                                     getattr(PySide6, sub))
        setattr(PySide6, sub, _Unlisted(f"PySide6.{sub}", getattr(PySide6, sub)))
    try:
        import pyqtgraph  # noqa: F401
    finally:
        for sub in MIRRORED:
            setattr(PySide6, sub, sys.modules[f"PySide6.{sub}"])
