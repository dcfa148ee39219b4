"""pyqtgraph imported through gui/widgets/qt_mirrors.py: the same Qt names, created
only when used."""
import subprocess
import sys

import PySide6
import PySide6.QtCore
import PySide6.QtGui
import PySide6.QtWidgets
import pyqtgraph
from pyqtgraph.Qt import QtCore, QtGui, QtWidgets

import gui  # noqa: F401  (imports pyqtgraph through the mirrors, as the app does)
from gui.widgets.qt_mirrors import MIRRORED


def test_every_qt_name_resolves_in_pyqtgraphs_mirrors_to_pyside6s_object():
    for mirror, source in ((QtCore, PySide6.QtCore), (QtGui, PySide6.QtGui),
                           (QtWidgets, PySide6.QtWidgets)):
        names = [n for n in dir(source) if not n.startswith("__")]
        assert len(names) > 150
        for name in names:
            assert getattr(mirror, name) is getattr(source, name), name


def test_pyqtgraphs_own_additions_are_kept():
    # what pyqtgraph.Qt sets on its mirrors after the copy (Qt5 names it keeps)
    assert QtWidgets.QOpenGLWidget.__name__ == "QOpenGLWidget"
    assert QtGui.QFileSystemModel is PySide6.QtWidgets.QFileSystemModel
    assert pyqtgraph.Qt.QT_LIB == "PySide6"


def test_pyside6_modules_are_themselves_again_after_the_import():
    for sub in MIRRORED:
        module = getattr(PySide6, sub)
        assert module is sys.modules[f"PySide6.{sub}"]
        assert "QObject" in dir(PySide6.QtCore) and len(dir(module)) > 150


def test_importing_gui_creates_only_the_qt_classes_it_uses():
    # PySide6 puts a class in its module's __dict__ when the class is first used;
    # pyqtgraph's plain import created every one (246 in QtCore's __dict__ here)
    code = ("import PySide6.QtCore as C; n = len(dir(C)); import gui, pyqtgraph; "
            "print(len(C.__dict__), n)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    created, listed = int(out[0]), int(out[1])
    assert created < listed / 2, (created, listed)


def test_a_name_once_fetched_is_kept_in_the_mirror():
    # pyqtgraph reads its mirrors' names in every paint: each read through the mirror's
    # __getattr__ cost ~1 µs, 189,000 times in a race benchmark (10 % of a frame)
    QtCore.__dict__.pop("QTimeLine", None)       # (an earlier test read every name)
    assert QtCore.QTimeLine is PySide6.QtCore.QTimeLine
    assert QtCore.__dict__["QTimeLine"] is PySide6.QtCore.QTimeLine
