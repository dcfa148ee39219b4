"""Explorer window timings (prints numbers, asserts nothing):

(a) edit → every view redrawn: the main window at 1400×860 on the default example; a new
    2-D expression goes in, and the clock stops when the analysis is applied, the event
    queue is drained and the window repainted (goal p95 ≤ 50 ms). Two moments are timed:
    the numeric views (map, surface, paths, loss, table) and the typeset formulas (which
    follow from a second worker). Measured twice: `model.set_text` directly (the text
    after the debounce), and a real key press in the editor (debounce included). Each
    figure twice too, on interleaved edits: with the whole window repainted by force
    (the figure of earlier rounds), and as the app paints (the event loop runs until
    each numeric view has received its own Paint after the new f; nothing forced), with
    the GUI thread's CPU time from the edit to those moments (steadier on a busy machine).
(b) frames per second with gd, momentum, Adam and Newton racing: model frames are
    advanced as fast as the views redraw, for 3 s (goal ≥ 60).
(c) cold start: a fresh `python3 -c` builds and shows the window as `main.py` does; the
    time from launch to the main window's first Paint event, and to the first paint of
    the 3-D view with the analysis applied (median of 5; goals ≤ 0.9 s and ≤ 1.2 s), and
    the phases between (formula parsed and loaded, analysis applied), and how many
    times the 3-D view's GL scene was rendered before that paint. Beside each phase: the
    CPU time of the GUI thread and of the whole process by then (steadier than the wall
    clock on a busy machine; the process's includes the thread that imports sympy).

Run under a real X server (the 3-D view needs GL):
    xvfb-run -a -s "-screen 0 1280x800x24" python3 benchmarks/gui_bench.py [edits] [seconds]
    xvfb-run -a -s "-screen 0 1280x800x24" python3 benchmarks/gui_bench.py --cold [runs]
        [--compare OTHER_CHECKOUT] [--pyc]
(--cold: part (c) alone; --compare alternates launches with another checkout's; --pyc
caches bytecode between launches, as an installed copy does, when PYTHONDONTWRITEBYTECODE
is set. Each phase prints the GUI thread's CPU time beside the wall clock.)
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# The window remembers settings and the last session: keep the user's own untouched.
os.environ.setdefault("XDG_CONFIG_HOME", tempfile.mkdtemp(prefix="gradient-lab-bench-"))

SIZE = (1400, 860)
FOUR = ("gd", "momentum", "adam", "newton")
# 2-D expressions of different kinds; {c} changes with every edit, so no compiled
# function, formula or typeset SVG can come from a cache (the user typed something new).
TEMPLATES = (
    "x^2 + y^2*{c}",
    "(1-x)^2 + (y-x^2)^2*{c}",
    "(x^2+y-11)^2 + (x+y^2-7)^2 + x*{c}",
    "sin(x)cos(y) + (x^2+y^2)/{c}",
    "x^2 - y^2 + x^4/{c}",
)


def _stats(values_ms) -> str:
    v = np.asarray(values_ms)
    return (f"median {np.median(v):7.1f}  p95 {np.percentile(v, 95):7.1f}  "
            f"min {v.min():7.1f}  max {v.max():7.1f} ms")


class _Counter:
    """Counts events of one type reaching the watched objects."""

    def __init__(self, event_type, *objects):
        from PySide6.QtCore import QObject

        class Filter(QObject):
            def __init__(self):
                super().__init__()
                self.counts = {}

            def eventFilter(self, obj, event):
                if event.type() == event_type:
                    self.counts[obj] = self.counts.get(obj, 0) + 1
                return False

        self.filter = Filter()
        self.objects = objects
        for obj in objects:
            obj.installEventFilter(self.filter)

    def count(self, obj) -> int:
        return self.filter.counts.get(obj, 0)

    def reset(self):
        self.filter.counts.clear()


def _settings():
    """QSettings in a temporary folder: the benchmark never reads or writes the user's."""
    from PySide6.QtCore import QSettings
    return QSettings(os.path.join(os.environ["XDG_CONFIG_HOME"], "gradient-lab.ini"),
                     QSettings.Format.IniFormat)


def _window():
    from gui.app.application import build_window, make_application
    app = make_application(["gui_bench"])
    model, window = build_window(settings=_settings())
    window.resize(*SIZE)
    window.show()
    model.wait_for_analysis()
    _settle(app, 0.5)
    return app, model, window


def _settle(app, seconds):
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.005)


def _wait(app, condition, signals, timeout_s=20.0) -> bool:
    """Run the event loop (idle, as the real one: no spinning that takes the GIL from the
    worker) until `condition()`; re-checked whenever one of `signals` fires."""
    from PySide6.QtCore import QEventLoop, QTimer
    if condition():
        return True
    loop = QEventLoop()

    def check(*_):
        if condition():
            loop.quit()
    for s in signals:
        s.connect(check)
    guard = QTimer(singleShot=True, interval=int(timeout_s * 1000))
    guard.timeout.connect(loop.quit)
    guard.start()
    loop.exec()
    guard.stop()
    for s in signals:
        s.disconnect(check)
    return condition()


def _redraw(app, window):
    app.processEvents()
    window.repaint()          # every visible widget painted now, the GL view included
    app.processEvents()


def _map_shows(window, target) -> bool:
    """The contour map is sampled from `target` (its sketch: f alone, or f itself)."""
    view = window.contour_view
    drawn = getattr(view, "_map_of", None) or view._drawn_expression
    return view.landscape is not None and drawn == target


class _PaintTimes:
    """When each watched widget last received a Paint event (perf_counter seconds);
    `on_paint` is called after each one (to leave a wait once all have painted)."""

    def __init__(self, widgets):
        from PySide6.QtCore import QEvent, QObject
        times = self.times = {}
        owner = self

        class Filter(QObject):
            def eventFilter(self, obj, event):
                if event.type() == QEvent.Type.Paint:
                    times[obj] = time.perf_counter()
                    if owner.on_paint is not None:
                        owner.on_paint()
                return False

        self.on_paint = None
        self.widgets = widgets
        self.filter = Filter()
        for w in widgets:
            w.installEventFilter(self.filter)

    def all_since(self, t0) -> bool:
        return all(self.times.get(w, -1.0) >= t0 for w in self.widgets)

    def wait_all_since(self, app, t0, timeout_s=3.0) -> bool:
        """Run the event loop (no forced repaint: only what the app asks Qt to paint)
        until every watched widget has painted at or after t0."""
        from PySide6.QtCore import QEventLoop, QTimer
        if self.all_since(t0):
            return True
        loop = QEventLoop()
        self.on_paint = lambda: loop.quit() if self.all_since(t0) else None
        guard = QTimer(singleShot=True, interval=int(timeout_s * 1000))
        guard.timeout.connect(loop.quit)
        guard.start()
        loop.exec()
        guard.stop()
        self.on_paint = None
        return self.all_since(t0)

    def remove(self):
        for w in self.widgets:
            w.removeEventFilter(self.filter)


def numeric_widgets(window) -> dict:
    """The numeric views' painted widgets: map, 3-D canvas, loss plot, iterate table."""
    return {"map": window.contour_view.canvas.viewport(),
            "surface": window.surface_view.gl.canvas,
            "loss": window.loss_plot.plot.viewport(),
            "table": window.iterate_table.view.viewport()}


def edit_latency(app, model, window, edits: int, through_editor: bool):
    """Per edit, ms from the edit: the map of the new f painted (its first picture),
    every numeric view painted (model.expression is the new f: surface, arrows, paths,
    loss, table), and everything settled (critical points, typeset formulas, the worker
    idle); and the compiled analysis' arrival (from the worker, or at once for a small f).

    Every edit is made twice over (two texts), interleaved so both see the same load:
      forced  after the analysis the whole window is repainted (window.repaint(): every
              widget, changed or not), the figure of earlier rounds;
      app     no forced repaint: the event loop runs until each numeric view (map,
              surface, loss, table) has received its Paint after the new f arrived, as
              the app really does it (and settled: processed, not repainted).
    Returns {"forced": {...}, "app": {...}}, each {"map", "numeric", "settled", "worker"}
    lists, plus "missing" (app edits where a view never painted within 3 s)."""
    from PySide6.QtTest import QTest

    from engine.expression import parse
    edit = window.editor.line_edit
    math_view = window.math_view
    arrived = {}
    def on_arrival(_e):
        arrived.setdefault("t", time.perf_counter())
    model.expressionChanged.connect(on_arrival)
    paints = _PaintTimes(list(numeric_widgets(window).values()))
    out = {mode: {"map": [], "numeric": [], "settled": [], "worker": [], "cpu numeric": [],
                  "cpu settled": []}
           for mode in ("forced", "app")}
    out["missing"] = 0
    sketches = [getattr(model, name) for name in ("sketchChanged", "firstPicture")
                if hasattr(model, name)]      # (the release before had no firstPicture)
    for k in range(edits):
        for n, mode in enumerate(("forced", "app")):
            c = (101 if through_editor else 11) + 6 * k + 3 * n     # unique, last digit varies
            text = TEMPLATES[k % len(TEMPLATES)].format(c=c)
            target = parse(text)
            arrived.clear()
            # the map's paints watched from before the edit: its first picture is painted
            # inside the sketch's slot (canvas_settings.paint_now), before _map_shows holds
            map_paints = None if mode == "forced" else _PaintTimes([numeric_widgets(window)["map"]])
            if through_editor:
                edit.setText(text[:-1])                 # as typed so far (no signal to the model)
                edit.setFocus()
                t0, c0 = time.perf_counter(), time.thread_time()
                QTest.keyClick(edit, text[-1])          # the last key: debounce, then the model
            else:
                t0, c0 = time.perf_counter(), time.thread_time()
                model.set_text(text)
            t_set = time.perf_counter()
            ok = _wait(app, lambda: _map_shows(window, target),
                       [model.expressionChanged, *sketches])
            assert ok, f"no map for {text!r}"
            if mode == "forced":
                app.processEvents()       # what changed is painted: the map (the rest as it was)
                window.contour_view.canvas.viewport().repaint()
            else:
                map_paints.wait_all_since(app, t0)
                map_paints.remove()
            t_map = time.perf_counter()
            ok = _wait(app, lambda: model.expression == target, [model.expressionChanged])
            assert ok, f"no analysis for {text!r}"
            if mode == "forced":
                _redraw(app, window)
            elif not paints.wait_all_since(app, arrived["t"]):
                out["missing"] += 1
            t_numeric, c_numeric = time.perf_counter(), time.thread_time()
            _wait(app, lambda: math_view.is_ready and not model._worker._busy,
                  [math_view.renderer.rendered, model.busyChanged])
            if mode == "forced":
                _redraw(app, window)
            else:
                app.processEvents()
            t_settled, c_settled = time.perf_counter(), time.thread_time()
            row = out[mode]
            row["map"].append((t_map - t0) * 1e3)
            row["numeric"].append((t_numeric - t0) * 1e3)
            row["settled"].append((t_settled - t0) * 1e3)
            # the GUI thread's CPU time: steadier than the wall clock on a busy machine
            row["cpu numeric"].append((c_numeric - c0) * 1e3)
            row["cpu settled"].append((c_settled - c0) * 1e3)
            # (from the edit: a small f is answered inside set_text, before t_set)
            row["worker"].append((arrived["t"] - t0) * 1e3)
            _settle(app, 0.05)
    paints.remove()
    # only our own slot: a bare disconnect() would cut the views (and the editor) off
    model.expressionChanged.disconnect(on_arrival)
    return out


def frames_per_second(app, model, window, preset_name: str, seconds: float):
    from PySide6.QtCore import QEvent

    from gui.app.presets import find_preset
    preset = dict(find_preset(preset_name), methods=list(FOUR))
    model.load_preset(preset)
    model.wait_for_analysis()
    _settle(app, 0.3)
    views = {"contour": window.contour_view.canvas.viewport(),
             "surface": window.surface_view.gl.canvas,
             "loss": window.loss_plot.plot.viewport(),
             "table": window.iterate_table.view.viewport()}
    paints = _Counter(QEvent.Type.Paint, *views.values())
    last = model.last_frame
    frames, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        model.set_frame(model.frame + 1 if model.frame < last else 0)
        app.processEvents()
        frames += 1
    elapsed = time.perf_counter() - start
    rates = {name: paints.count(w) / elapsed for name, w in views.items()}
    return frames / elapsed, rates, last


# The window is built as `python3 main.py` builds it (paint_first: the formula loads
# after the first paint). "first" is the main window's own first Paint event: widgets
# that are never on screen (the 3-D view's off-screen GL window) paint earlier.
_COLD = r"""
import sys, time
sys.path.insert(0, {root!r})
from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from gui.app.application import build_window, make_application
renders = []     # GL renders of the 3-D view: whether the analysed view had painted by then
class CountRenders:
    # wraps LabelledGLView.paintGL as gui.plots.gl_canvas is imported (shiboken finds an
    # override only if it is there when the view is made)
    def find_spec(self, name, path, target=None):
        if name != "gui.plots.gl_canvas":
            return None
        import importlib.machinery
        sys.meta_path.remove(self)
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        load = spec.loader.exec_module
        def exec_module(module):
            load(module)
            paint_gl = module.LabelledGLView.paintGL
            def counted(view):
                renders.append("gl" in seen)
                return paint_gl(view)
            module.LabelledGLView.paintGL = counted
        spec.loader.exec_module = exec_module
        return spec
sys.meta_path.insert(0, CountRenders())
app = make_application(["cold"])
t_imported = time.time()
cpu = {{"imported": time.thread_time()}}   # the GUI thread's CPU seconds, at each moment
pcpu = {{"imported": time.process_time()}}  # ... and the whole process's (its threads too)
model, window = build_window(settings=QSettings({ini!r}, QSettings.Format.IniFormat){extra})
t_built = time.time()
cpu["built"] = time.thread_time()
pcpu["built"] = time.process_time()
seen = {{}}
def note(key, now):
    if key not in seen:
        seen[key] = now
        cpu[key] = time.thread_time()
        pcpu[key] = time.process_time()
class Watch(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            now = time.time()
            if obj is window and "first" not in seen:
                note("first", now)
                seen["sympy"] = "sympy" in sys.modules
            # (a plain start builds the 3-D view after the first paint: asking for it
            # earlier would build it)
            built = getattr(window.explorer, "surface_view_built", True)
            if built and obj is window.surface_view.gl.canvas and model.expression is not None:
                note("gl", now)
                if "points" in seen:
                    QTimer.singleShot(0, app.quit)
        return False
def on_points(points):
    if points:
        note("points", time.time())
        if "gl" in seen:
            QTimer.singleShot(0, app.quit)
model.criticalPointsChanged.connect(on_points)
# the phases between: the formula parsed and loaded, the worker's analysis applied
model.textChanged.connect(lambda *_: note("loaded", time.time()))
model.expressionChanged.connect(lambda *_: note("analysed", time.time()))
watch = Watch()
app.installEventFilter(watch)
window.resize({w}, {h})
import gc
gc.freeze()                  # as main.py (gui.app.cli) does before the show,
window.show()
from gui.app.first_paint import run_after_first_paint
run_after_first_paint(window, gc.freeze)     # and after the load that follows the paint
QTimer.singleShot(30000, app.quit)
app.exec()
print("RESULT", {{"imported": t_imported, "built": t_built, **seen}})
print("CPU", {{k: round(v * 1e3, 1) for k, v in cpu.items()}})
print("PCPU", {{k: round(v * 1e3, 1) for k, v in pcpu.items()}})
print("RENDERS", renders.count(False))
model.shutdown()
"""


def cold_start(runs: int, root: Path = ROOT, paint_first: bool = True):
    """Timings (ms from launch) of `runs` fresh launches building the window from the
    checkout at `root` (another one to compare with: paint_first=False if it predates it)."""
    return [cold_start_once(root, paint_first) for _ in range(runs)]


def cold_start_once(root: Path = ROOT, paint_first: bool = True) -> dict:
    ini = os.path.join(os.environ["XDG_CONFIG_HOME"], "cold.ini")
    code = _COLD.format(root=str(root), w=SIZE[0], h=SIZE[1], ini=ini,
                        extra=", paint_first=True" if paint_first else "")
    launched = time.time()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60, env=dict(os.environ))
    line = next((l for l in out.stdout.splitlines() if l.startswith("RESULT")), None)
    if line is None:
        raise RuntimeError(f"cold start failed:\n{out.stderr[-2000:]}")
    t = json.loads(line[len("RESULT "):].replace("'", '"').replace("True", "true")
                   .replace("False", "false"))
    cpu = next(l for l in out.stdout.splitlines() if l.startswith("CPU"))
    pcpu = next((l for l in out.stdout.splitlines() if l.startswith("PCPU")), "PCPU {}")
    sympy = t.pop("sympy", None)
    renders = next((int(l.split()[1]) for l in out.stdout.splitlines()
                    if l.startswith("RENDERS")), None)
    return {**{k: (v - launched) * 1e3 for k, v in t.items()}, "sympy_at_first": sympy,
            "renders": renders,
            "cpu": json.loads(cpu[len("CPU "):].replace("'", '"')),
            "pcpu": json.loads(pcpu[len("PCPU "):].replace("'", '"'))}


_COLD_PHASES = (("imported", "Qt application made"), ("built", "window built"),
                ("first", "first paint of the window"), ("loaded", "formula parsed and loaded"),
                ("analysed", "analysis applied"), ("gl", "3-D view painted, analysed"),
                ("points", "critical points arrived"))


def _cold_lines(rows) -> list[str]:
    lines = []
    for key, label in _COLD_PHASES:
        values = [r[key] for r in rows if key in r]
        if not values:
            continue
        # the GUI thread's CPU time by then: steadier than the wall clock on a busy machine
        cpu = [r["cpu"][key] for r in rows if key in r.get("cpu", {})]
        # the whole process's: the GUI thread and the thread that imports sympy and parses
        pcpu = [r["pcpu"][key] for r in rows if key in r.get("pcpu", {})]
        lines.append(f"  {label:28} median {np.median(values):7.0f} ms "
                     f"(GUI thread CPU {np.median(cpu) if cpu else float('nan'):5.0f}, "
                     f"process {np.median(pcpu) if pcpu else float('nan'):5.0f})   "
                     f"runs {' '.join(f'{v:.0f}' for v in values)}")
    sympy = sum(1 for r in rows if r.get("sympy_at_first"))
    lines.append(f"  sympy loaded (by any thread) at the first paint in {sympy} of {len(rows)} runs")
    renders = [r["renders"] for r in rows if r.get("renders") is not None]
    if renders:
        lines.append(f"  GL renders of the 3-D view before it painted analysed: median "
                     f"{np.median(renders):.0f} (runs {' '.join(map(str, renders))})")
    return lines


def print_cold_start(runs: int, compare: Path | None = None) -> None:
    """Part (c); with `compare` (another checkout, e.g. the commit before a change) its
    launches alternate with this one's, so both see the same load."""
    print(f"\n(c) cold start: launch of python3 -c → window painted (median of {runs}; "
          f"goal: first paint ≤ 0.9 s, 3-D view analysed ≤ 1.2 s)")
    if os.environ.get("PYTHONDONTWRITEBYTECODE") and not os.environ.get("PYTHONPYCACHEPREFIX"):
        print("  (PYTHONDONTWRITEBYTECODE is set: every launch compiles the app's ~120 modules "
              "from source, as a lecturer's installed copy never does; --pyc to cache them)")
    else:    # one launch each, untimed, that writes the bytecode the timed ones read
        for root in (ROOT,) if compare is None else (compare, ROOT):
            cold_start_once(root, "paint_first" in (root / "gui/app/application.py").read_text())
    print(f"  (load average {os.getloadavg()[0]:.1f} before the runs)")
    if compare is None:
        rows, other = cold_start(runs), None
    else:
        old_api = "paint_first" in (compare / "gui/app/application.py").read_text()
        rows, other = [], []
        for _ in range(runs):
            other.append(cold_start_once(compare, paint_first=old_api))
            rows.append(cold_start_once(ROOT))
    print(f"  (load average {os.getloadavg()[0]:.1f} after the runs)")
    if other is not None:
        print(f"  {compare}:")
        print("\n".join(_cold_lines(other)))
        print(f"  {ROOT}:")
    print("\n".join(_cold_lines(rows)))


def main():
    if "--cold" in sys.argv:
        rest = [a for a in sys.argv[1:] if a != "--cold"]
        compare = None
        if "--compare" in rest:
            i = rest.index("--compare")
            compare = Path(rest[i + 1]).resolve()
            del rest[i:i + 2]
        if "--pyc" in rest:     # bytecode cached between launches (in the temporary folder)
            rest.remove("--pyc")
            os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
            os.environ["PYTHONPYCACHEPREFIX"] = os.path.join(os.environ["XDG_CONFIG_HOME"], "pyc")
        from benchmarks.machine import describe
        print(f"Gradient Lab cold start — {describe()}")
        print_cold_start(int(rest[0]) if rest else 5, compare)
        return
    edits = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 3.0
    parts = sys.argv[3] if len(sys.argv) > 3 else "abc"     # e.g. "a": part (a) only
    app, model, window = _window()
    from benchmarks.machine import describe
    print(f"Gradient Lab GUI benchmark — window {SIZE[0]}×{SIZE[1]}, "
          f"platform {app.platformName()}; {describe()}")

    if "a" in parts:
        edit_part(app, model, window, edits)
    if "b" in parts:
        fps_part(app, model, window, seconds)
    model.pause()
    model.shutdown()
    window.close()
    if "c" in parts:
        cold_part()


def edit_part(app, model, window, edits):
    print(f"\n(a) edit → all views redrawn, {edits} edits over {len(TEMPLATES)} kinds of 2-D "
          f"expression (goal p95 ≤ 50 ms)")
    for label, through_editor in (("model.set_text", False), ("key press in editor", True)):
        out = edit_latency(app, model, window, edits, through_editor)
        forced, real = out["forced"], out["app"]
        print(f"  {label}:  (load average {os.getloadavg()[0]:.2f})")
        print(f"    analysis arrived       {_stats(forced['worker'] + real['worker'])}")
        print(f"    map painted (1st pic.) {_stats(forced['map'])}")
        print(f"    numeric views painted  {_stats(forced['numeric'])}  (window.repaint() forced)")
        print(f"    every view settled     {_stats(forced['settled'])}  (window.repaint() forced)")
        print("    as the app paints (no forced repaint; interleaved edits, same load):")
        print(f"      map painted           {_stats(real['map'])}")
        print(f"      numeric views painted {_stats(real['numeric'])}"
              + (f"  ({out['missing']} edits: a view did not paint in 3 s)" if out["missing"] else ""))
        print(f"      every view settled    {_stats(real['settled'])}")
        print(f"      GUI-thread CPU to numeric {_stats(real['cpu numeric'])}")
        print(f"      GUI-thread CPU to settled {_stats(real['cpu settled'])}")
    from gui.explorer.expression_editor import DEBOUNCE_MS, FAST_DEBOUNCE_MS
    print(f"  (the editor path includes the adaptive debounce: {FAST_DEBOUNCE_MS} ms with "
          f"nothing on its way, else until the last text's first picture, {DEBOUNCE_MS} ms "
          f"at most)")


def fps_part(app, model, window, seconds):
    print(f"\n(b) four optimizers ({', '.join(FOUR)}) racing, frames driven for {seconds:g} s "
          f"(goal ≥ 60 fps)")
    for name in ("Rosenbrock's banana", "Himmelblau"):
        fps, rates, last = frames_per_second(app, model, window, name, seconds)
        paints = "  ".join(f"{k} {v:5.1f}" for k, v in rates.items())
        print(f"  {name:20} {fps:6.1f} frames/s  (paths of {last} steps; paints/s: {paints})")
    # What limits (b): the same with the 3-D view hidden, and the bare cost of repainting
    # the whole window (Qt's painting and the flush to the X server, no model change).
    fps, _, _ = frames_per_second(app, model, window, "Rosenbrock's banana", seconds / 2)
    window.surface_view.hide()
    hidden, _, _ = frames_per_second(app, model, window, "Rosenbrock's banana", seconds / 2)
    window.surface_view.show()
    _settle(app, 0.3)
    repaints, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds / 2:
        window.update()                  # no model change: only Qt's painting and composition
        app.processEvents()
        repaints += 1
    floor = repaints / (time.perf_counter() - start)
    print(f"  limits: Rosenbrock {fps:.1f} frames/s with the 3-D view shown, {hidden:.1f} with it "
          f"hidden; a bare window repaint {floor:.1f}/s")


def cold_part():
    print_cold_start(5)


if __name__ == "__main__":
    main()
