"""Where an explorer edit's time goes (prints numbers, asserts nothing).

For new 2-D expressions (the same kinds as gui_bench's part (a)), each stage is timed
alone, on an idle GUI thread with no worker running:

  parse        engine.expression.parse on the GUI thread (model.set_text does it)
  compile f    lambdify of f alone (the sketch; on the GUI thread for a small f)
  map          the GUI-thread reaction to the sketch (model.sketchChanged): the contour
               map sampled, its iso-levels and colours set, and the map painted
  surface      the 3-D view's surface of the new f (in the app built with the analysis, or
               from the sketch when ∇f takes over surface_view.SKETCH_SURFACE_WAIT_MS)
  paint sketch the sketch's map and surface painted (events processed), as the app paints
               them while the worker compiles ∇f
  compile ∇f   the rest of the worker's compile ((f, ∇f); H and ∇f alone on first use)
  slots        the GUI-thread reaction to the compiled expression (model._on_analysis):
               gradient field, paths (on map and surface), loss, table
  paint changed what the app paints after the analysis by itself (events processed, no
               forced repaint); the Paint and LayoutRequest events of this stage are
               counted per widget (-v prints them)
  paint window the window repainted as gui_bench does (events processed, repaint()),
               paint changed included
  symbolic     engine.analysis.analyse (formulas and critical points), off the GUI's path

Run under a real X server (the 3-D view needs GL):
    xvfb-run -a -s "-screen 0 1280x800x24" python3 benchmarks/edit_breakdown.py [edits] [--cpu] [-v]
"""
from __future__ import annotations

import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import benchmarks.gui_bench as bench  # noqa: E402  (sets a temporary XDG_CONFIG_HOME)

clock = time.perf_counter

# GUI-thread functions whose cumulative time the profile reports, per edit
WATCHED = ("landscape_model.py:.*_on_analysis", "contour_view.py:.*_on_sketch", "contour_view.py:.*_refresh_landscape",
           "landscape.py:.*sample", "gradient_field.py:.*update", "surface_view.py:.*_rebuild",
           "landscape_model.py:.*_recompute_paths", "loss_plot.py", "iterate_table.py")


class _EventCounter:
    """Counts Paint and LayoutRequest events per receiver (class and object name, its
    parent's class) while `active`."""

    def __init__(self, app):
        from PySide6.QtCore import QEvent, QObject
        kinds = {QEvent.Type.Paint: "Paint", QEvent.Type.LayoutRequest: "LayoutRequest"}
        self.counts, self.active = {}, False
        counter = self

        class Filter(QObject):
            def eventFilter(self, obj, event):
                kind = kinds.get(event.type()) if counter.active else None
                if kind is not None:
                    parent = obj.parent()
                    name = (f"{type(obj).__name__}{'#' + obj.objectName() if obj.objectName() else ''}"
                            f" in {type(parent).__name__ if parent is not None else '-'}")
                    counter.counts[(kind, name)] = counter.counts.get((kind, name), 0) + 1
                return False

        self.filter = Filter()
        app.installEventFilter(self.filter)


def main():
    edits = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 15
    global clock
    if "--cpu" in sys.argv:     # this thread's CPU time: steadier than wall time on a busy machine
        clock = time.thread_time
    from engine.analysis import Analysis, analyse
    from engine.expression import parse
    from benchmarks.machine import describe
    print(describe())

    app, model, window = bench._window()
    rows = {k: [] for k in ("parse", "compile f", "map", "surface", "paint sketch", "compile ∇f", "slots", "paint changed",
                            "paint window", "symbolic")}
    events = _EventCounter(app)
    profile, paint_profile = cProfile.Profile(), cProfile.Profile()
    for k in range(edits):
        text = bench.TEMPLATES[k % len(bench.TEMPLATES)].format(c=701 + 3 * k)
        t0 = clock()
        expr = parse(text)
        t1 = clock()
        expr.compile(hessian=False, gradient=False, value_gradient=False)
        t_f = clock()
        model._requested = expr                 # as set_text would have set it
        profile.enable()
        model._on_sketch(expr)
        profile.disable()
        t_map = clock()
        # the surface of the new f, timed alone (the app builds it with the analysis, or
        # from the sketch when ∇f is slow), so not part of the analysis' slots
        surface_turn = window.surface_view._sketch_timer
        profile.enable()
        if surface_turn.isActive():
            surface_turn.stop()
            window.surface_view._rebuild_when_shown()
        profile.disable()
        t_surface = clock()
        app.processEvents()                             # the sketch painted
        t_sketch = clock()
        expr.compile(hessian=False, gradient=False)     # as the worker does for these
        t2 = clock()
        bounds = tuple((float(lo), float(hi)) for lo, hi in model.window)
        profile.enable()
        model._on_analysis(Analysis(expr, None, None, bounds))
        profile.disable()
        t3 = clock()
        rows["parse"].append((t1 - t0) * 1e3)
        rows["compile f"].append((t_f - t1) * 1e3)
        rows["map"].append((t_map - t_f) * 1e3)
        rows["surface"].append((t_surface - t_map) * 1e3)
        rows["paint sketch"].append((t_sketch - t_surface) * 1e3)
        rows["compile ∇f"].append((t2 - t_sketch) * 1e3)
        rows["slots"].append((t3 - t2) * 1e3)
        t = clock()
        paint_profile.enable()
        events.active = True
        app.processEvents()          # what the app itself asked Qt to paint and lay out
        events.active = False
        paint_profile.disable()
        t_changed = clock()
        window.repaint()             # as gui_bench's forced repaint (_redraw) goes on
        app.processEvents()
        rows["paint changed"].append((t_changed - t) * 1e3)
        rows["paint window"].append((clock() - t) * 1e3)
        t = clock()
        result = analyse(expr, model.window)
        rows["symbolic"].append((clock() - t) * 1e3)
        model._on_analysis(result)
        math_view = window.math_view         # typesetting done: nothing runs behind the next edit
        bench._wait(app, lambda: math_view.is_ready, [math_view.renderer.rendered])
        bench._redraw(app, window)
        bench._settle(app, 0.2)
    kind = "GUI-thread CPU ms" if clock is time.thread_time else \
        "wall-clock ms: the machine's load stretches every figure"
    print(f"{edits} edits, "
          f"load average {os.getloadavg()[0]:.2f} ({kind})")
    for name, values in rows.items():
        print(f"  {name:14} {bench._stats(values)}")
    print("\nGUI-thread slots, cumulative ms per edit:")
    stats = pstats.Stats(profile)
    for pattern in WATCHED:
        for (file, line, func), (_cc, _nc, _tt, ct, _callers) in stats.stats.items():
            import re
            if re.search(pattern, f"{os.path.basename(file)}:{func}") and ct / edits * 1e3 > 0.5:
                print(f"  {os.path.basename(file)}:{line} {func:28} {ct / edits * 1e3:7.1f}")
    print("\nafter the analysis' slots, events per edit (paint changed), by widget:")
    for (kind, name), n in sorted(events.counts.items(), key=lambda kv: -kv[1]):
        if n / edits >= 0.5 or "-v" in sys.argv:
            print(f"  {kind:13} {n / edits:5.1f}  {name}")
    if "-v" in sys.argv:
        print("\nGUI-thread slots, top of the profile:")
        pstats.Stats(profile).sort_stats("cumulative").print_stats(45)
        print("\npaint changed (no forced repaint), top of the profile:")
        pstats.Stats(paint_profile).sort_stats("cumulative").print_stats(40)
    model.shutdown()
    window.close()


if __name__ == "__main__":
    main()
