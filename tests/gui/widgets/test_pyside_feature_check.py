"""PySide6's check of each imported module ("does its source mention PySide6?") is the
fast one once gui is imported, and answers as PySide6's own did."""
import sys

import gui  # noqa: F401 - installs the fast check
from gui.widgets import pyside_feature_check
from gui.widgets.pyside_feature_check import speed_up_pyside_feature_check


def _feature():
    return sys.modules["shibokensupport.feature"]


def test_installed_once_and_idempotent():
    check = _feature()._mod_uses_pyside
    assert getattr(check, pyside_feature_check._MARK) is True
    assert speed_up_pyside_feature_check() is True
    assert _feature()._mod_uses_pyside is check          # not wrapped twice


def test_answers_as_pyside_reads_the_source(tmp_path):
    check = _feature()._mod_uses_pyside
    import inspect
    modules = [sys.modules[name] for name in (
        "gui.widgets.qt_mirrors", "pyqtgraph.Qt", "gui.widgets.pyside_feature_check",
        "engine.errors", "json", "numpy.linalg")]
    expected = [("PySide6" in inspect.getsource(m)) for m in modules]
    assert expected == [True, True, True, False, False, False]
    assert [check(m) for m in modules] == expected
    assert check(sys) is False                    # built in: no file, PySide6's answer


def test_a_module_imported_later_is_classified(tmp_path, monkeypatch):
    (tmp_path / "uses_qt_here.py").write_text("import PySide6.QtCore\n")
    (tmp_path / "plain_here.py").write_text("VALUE = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    import plain_here  # noqa: F401
    import uses_qt_here  # noqa: F401
    table = _feature().pyside_feature_dict
    assert table["uses_qt_here"] == 0             # uses PySide: feature switching on
    assert table["plain_here"] == -1              # ignored in switching
    for name in ("uses_qt_here", "plain_here"):
        del sys.modules[name]
        del table[name]
