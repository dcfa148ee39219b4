"""Make PySide6's check of every imported module cheap (a start-up cost, no behaviour).

Once PySide6 is imported, its `__feature__` support (for `from __feature__ import
snake_case`) looks at each module imported afterwards: does its source mention
"PySide6"? It asks `inspect.getsource`, which reads the file through linecache (kept in
memory) line by line. At start-up that is ~500 modules of sympy and ~350 of pyqtgraph
and PyOpenGL: 80–110 ms of CPU for sympy alone, a quarter of its import, on the way to
the first analysed picture. The same question answered on the file's raw bytes costs
~25 ms. Modules without a .py file get PySide6's own answer.
"""
from __future__ import annotations

import sys

import PySide6.QtCore  # noqa: F401 - brings the feature support whose check this replaces

_MARK = "_gradient_lab_raw_read"


def _feature_module():
    # PySide6 6.x registers its feature module under this name (PySide6.support.feature)
    return sys.modules.get("shibokensupport.feature")


def speed_up_pyside_feature_check() -> bool:
    """Idempotent; True when PySide6's check is (now) the fast one, False where this
    PySide6 has no such check (nothing is changed then)."""
    feature = _feature_module()
    original = getattr(feature, "_mod_uses_pyside", None)
    if original is None:
        return False
    if getattr(original, _MARK, False):
        return True

    def _mod_uses_pyside(module) -> bool:
        """As PySide6's: whether the module's source contains "PySide6"."""
        path = getattr(module, "__file__", None)
        if not (isinstance(path, str) and path.endswith(".py")):
            return original(module)
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return original(module)

    setattr(_mod_uses_pyside, _MARK, True)
    feature._mod_uses_pyside = _mod_uses_pyside
    return True
