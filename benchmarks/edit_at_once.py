"""Where an explorer edit's GUI-thread time goes when f is answered at once (prints
numbers, asserts nothing): a small 2-D f that engine.numpy_source compiles from its tree
(the kinds of gui_bench's part (a)), timed stage by stage on an idle GUI thread:

  parse        engine.expression.parse (model.set_text does it)
  compile      f, (f, ∇f) printed from the tree and compiled (engine.numpy_source)
  slots        the model's and every view's reaction to the compiled f (map sampled,
               iso-lines, arrows, surface, paths, loss plot, table): LandscapeModel._on_analysis
  paint        the one paint pass that follows (events processed, nothing forced)
  total        set_text → painted, as the app does it (a separate edit of the same kind)

Run under a real X server (the 3-D view needs GL):
    xvfb-run -a -s "-screen 0 1280x800x24" python3 benchmarks/edit_at_once.py [edits] [--cpu]
(--cpu: the GUI thread's CPU time, steadier than the wall clock on a busy machine)
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import benchmarks.gui_bench as bench


def main():
    edits = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 15
    clock = time.thread_time if "--cpu" in sys.argv else time.perf_counter
    from benchmarks.machine import describe
    from engine.analysis import Analysis
    from engine.expression import parse
    print(describe())
    app, model, window = bench._window()
    rows = {k: [] for k in ("parse", "compile", "slots", "paint", "total")}
    for k in range(edits):
        template = bench.TEMPLATES[k % len(bench.TEMPLATES)]
        # stage by stage
        text = template.format(c=1701 + 6 * k)
        t0 = clock()
        expr = parse(text)
        t1 = clock()
        expr.compile(hessian=False, gradient=False)
        t2 = clock()
        model._requested = expr                 # as set_text would have set it
        bounds = tuple((float(lo), float(hi)) for lo, hi in model.window)
        model._on_analysis(Analysis(expr, None, None, bounds))
        t3 = clock()
        app.processEvents()
        t4 = clock()
        for name, value in zip(("parse", "compile", "slots", "paint"), (t1 - t0, t2 - t1, t3 - t2, t4 - t3)):
            rows[name].append(value * 1e3)
        model.wait_for_analysis()
        bench._settle(app, 0.2)
        # as the app does it
        t0 = clock()
        model.set_text(template.format(c=1704 + 6 * k))
        app.processEvents()
        rows["total"].append((clock() - t0) * 1e3)
        model.wait_for_analysis()
        bench._settle(app, 0.2)
    kind = "GUI-thread CPU ms" if clock is time.thread_time else "wall-clock ms"
    print(f"{edits} edits, load average {os.getloadavg()[0]:.2f} ({kind})")
    for name, values in rows.items():
        print(f"  {name:8} {bench._stats(values)}")
    model.shutdown()
    window.close()


if __name__ == "__main__":
    main()
