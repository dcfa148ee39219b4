"""One fresh process that starts as `python3 main.py` does (build_window with
paint_first, the default preset, settings of its own) and reports what it saw, for the
start-up tests that must see a process with nothing imported before: what the window
showed and had imported at its first paint (tests/gui/app/test_first_paint.py), and the
order of the provisional and exact formulas, the 3-D view's paints and sympy's import
(tests/gui/app/test_numeric_first.py). Both asked the same start of a launch each (~5 s
on CI); the watches only record, so one launch answers both (issue 15)."""
import functools
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

_PROBE = r"""
import json, sys
sys.path.insert(0, {root!r})
from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
import gui.app.first_paint as first_paint
warm_ups, warm_up_parser = [], first_paint.warm_up_parser
first_paint.warm_up_parser = lambda *texts: warm_ups.append(texts) or warm_up_parser(*texts)
from gui.app.application import build_window, make_application
app = make_application(["probe"])
model, window = build_window(settings=QSettings({ini!r}, QSettings.Format.IniFormat),
                             paint_first=True)
first_paint_seen = {{}}
seen = {{"drawn": [], "gl": [], "paths": [], "first paint": first_paint_seen}}
model.expressionChanged.connect(lambda e: seen["drawn"].append(
    [getattr(e, "provisional", False), "sympy" in sys.modules]))
model.pathsChanged.connect(lambda p: seen["paths"].append(
    [bool(p), getattr(model.expression, "provisional", False)]))
class Watch(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and obj is window and not first_paint_seen:
            first_paint_seen["sympy"] = "sympy" in sys.modules
            first_paint_seen["ziamath"] = "ziamath" in sys.modules
            first_paint_seen["editor"] = window.editor.line_edit.text()
            first_paint_seen["opengl"] = "pyqtgraph.opengl" in sys.modules
            first_paint_seen["surface_built"] = window.explorer.surface_view_built
            from multiprocessing import forkserver
            first_paint_seen["fork_server"] = forkserver._forkserver._forkserver_pid is not None
        if event.type() == QEvent.Type.Paint and window.explorer.surface_view_built \
                and obj is window.surface_view.gl.canvas and model.expression is not None:
            seen["gl"].append([getattr(model.expression, "provisional", False),
                               "sympy" in sys.modules])
        return False
watch = Watch()
app.installEventFilter(watch)
window.resize(1400, 860)
window.show()
def done():
    if model.critical_points:
        seen["points"] = [p.kind for p in model.critical_points]
        seen["surface_built_then"] = window.explorer.surface_view_built
        seen["warm_ups"] = warm_ups
        app.quit()
    else:
        QTimer.singleShot(20, done)
QTimer.singleShot(0, done)
QTimer.singleShot(60000, app.quit)
app.exec()
print("SEEN", json.dumps(seen))
model.shutdown()
"""


@functools.lru_cache(maxsize=None)
def plain_start_seen() -> str:
    """The probe's report as JSON text (parse it with json.loads: each caller gets its
    own copy), or an AssertionError with the end of its stderr. Run once per test process."""
    with tempfile.TemporaryDirectory(prefix="plain-start-probe-") as folder:
        code = _PROBE.format(root=str(ROOT), ini=str(Path(folder) / "probe.ini"))
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             timeout=120, cwd=folder)
    line = next((l for l in out.stdout.splitlines() if l.startswith("SEEN")), None)
    assert line is not None, out.stderr[-3000:]
    return line[len("SEEN "):]


def plain_start() -> dict:
    """What the plain start probe saw (see the module's docstring)."""
    return json.loads(plain_start_seen())
