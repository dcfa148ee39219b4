"""No exception may escape a Qt virtual override (issue 16, item 1): every override in
gui/ wears gui.compute.qt_guard.qt_override, and the guard contains what it catches."""
import ast
from pathlib import Path

from PySide6.QtCore import QSize

from gui.compute.qt_guard import qt_override

ROOT = Path(__file__).resolve().parents[3] / "gui"
# Methods Qt calls back into; a Python exception there is fatal or at least a traceback.
OVERRIDES = {
    "event", "eventFilter", "run", "paintGL", "resizeGL", "initializeGL",
    "showEvent", "hideEvent", "paintEvent", "resizeEvent", "closeEvent", "changeEvent",
    "moveEvent", "timerEvent", "wheelEvent", "keyPressEvent", "keyReleaseEvent",
    "mousePressEvent", "mouseMoveEvent", "mouseReleaseEvent", "mouseDoubleClickEvent",
    "focusInEvent", "focusOutEvent", "enterEvent", "leaveEvent", "contextMenuEvent",
    "sizeHint", "minimumSizeHint", "heightForWidth", "hasHeightForWidth",
    "data", "headerData", "rowCount", "columnCount", "flags",
    "validate", "fixup", "textFromValue", "valueFromText", "stepBy",
}


def _decorator_names(node):
    for d in node.decorator_list:
        target = d.func if isinstance(d, ast.Call) else d
        yield target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")


def _unguarded():
    missing = []
    for path in sorted(ROOT.rglob("*.py")):
        for cls in ast.walk(ast.parse(path.read_text(), str(path))):
            if not isinstance(cls, ast.ClassDef):
                continue
            for node in cls.body:
                if (isinstance(node, ast.FunctionDef) and node.name in OVERRIDES
                        and "qt_override" not in _decorator_names(node)):
                    missing.append(f"{path.relative_to(ROOT.parent)}:{node.lineno} "
                                   f"{cls.name}.{node.name}")
    return missing


def test_every_qt_override_in_gui_is_guarded():
    missing = _unguarded()
    assert not missing, "Qt overrides without @qt_override:\n" + "\n".join(missing)


def test_the_scan_finds_overrides():
    # the scan is not vacuous: it sees the window's closeEvent and the worker's run
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        found += [n.name for n in ast.walk(ast.parse(path.read_text()))
                  if isinstance(n, ast.FunctionDef) and n.name in OVERRIDES]
    assert {"closeEvent", "run", "paintEvent", "showEvent", "eventFilter"} <= set(found)
    assert len(found) > 40


def test_guard_contains_the_error_and_returns_the_fallback(capsys):
    class Boom:
        @qt_override
        def showEvent(self, event):
            raise ValueError("cannot convert float infinity to integer")

        @qt_override(fallback=QSize)
        def sizeHint(self):
            raise OverflowError("too big")

        @qt_override(fallback=False)
        def eventFilter(self, obj, event):
            raise TypeError("bad")

    b = Boom()
    assert b.showEvent(None) is None
    assert b.showEvent(None) is None
    assert b.sizeHint() == QSize()
    assert b.eventFilter(None, None) is False
    err = capsys.readouterr().err
    # once per place, with the traceback
    assert err.count("Boom.showEvent") == 1
    assert "cannot convert float infinity" in err and "Traceback" in err
