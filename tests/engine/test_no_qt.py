"""The engine is importable without Qt: a scripting user needs no display."""
import subprocess
import sys


def test_engine_imports_no_qt():
    code = ("import sys, pkgutil, importlib, engine\n"
            "for m in pkgutil.iter_modules(engine.__path__): importlib.import_module('engine.' + m.name)\n"
            "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'PyQt5', 'PyQt6', 'pyqtgraph', 'shiboken6')]\n"
            "print(bad); sys.exit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
