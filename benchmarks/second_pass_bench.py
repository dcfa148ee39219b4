"""A typed edit's second paint pass (gui.plots.map_first: the analysis applied after the
map's paint, then the paths, 3-D view, loss plot and table painted), with the map's
canvas painted whole again in it or not (prints numbers, asserts nothing). One window of
gui_bench's part (a), edits of its kinds through `model.set_text`, interleaved so both
ways see the same load:

  map kept   the app as it is: the map, painted in the first pass, repaints only what
             changes on it in the second (gui.plots.map_first.map_painted_first);
  map whole  its canvas painted whole again in the second pass (the release before's way).

Per edit: the GUI thread's CPU time and the wall clock from the second pass's start (the
analysis applied) to the end of the window's next paint pass, and the map's area painted
in that pass (pixels).

    xvfb-run -a -s "-screen 0 1280x800x24" python3 benchmarks/second_pass_bench.py [edits]
(WHOLE_FIRST=1: each pair of edits starts with the map painted whole, to see any bias
of the order.)
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import benchmarks.gui_bench as bench  # noqa: E402 - after the path


def main():
    from PySide6.QtCore import QEvent, QObject, QTimer
    from benchmarks.machine import describe
    from gui.plots import map_first
    edits = int(sys.argv[1]) if len(sys.argv) > 1 else 16
    print(describe())
    app, model, window = bench._window()
    map_viewport = window.contour_view.canvas.viewport()
    state = {}

    class Pass(QObject):
        def eventFilter(self, obj, event):
            if "start" in state and "end" not in state:
                if obj is window and event.type() == QEvent.Type.UpdateRequest:
                    QTimer.singleShot(0, lambda: state.setdefault(
                        "end", (time.thread_time(), time.perf_counter())))
                elif obj is map_viewport and event.type() == QEvent.Type.Paint:
                    r = event.region().boundingRect()
                    state["map px"] = state.get("map px", 0) + r.width() * r.height()
            return False
    watch = Pass()
    window.installEventFilter(watch), map_viewport.installEventFilter(watch)
    apply_second = model._apply_second

    def timed_second():
        state.setdefault("start", (time.thread_time(), time.perf_counter()))
        apply_second()
    model._apply_second = timed_second
    kept = map_first.map_painted_first
    rows = {True: [], False: []}
    for k in range(2 * edits):
        keep = k % 2 == int(os.environ.get("WHOLE_FIRST", "0"))
        map_first.map_painted_first = kept if keep else (lambda *_: None)
        state.clear()
        model.set_text(bench.TEMPLATES[(k // 2) % len(bench.TEMPLATES)].format(c=1904 + 6 * k))
        end = time.perf_counter() + 5
        while "end" not in state and time.perf_counter() < end:
            app.processEvents()
            time.sleep(0.0005)
        if "end" in state:
            (c0, t0), (c1, t1) = state["start"], state["end"]
            rows[keep].append(((c1 - c0) * 1e3, (t1 - t0) * 1e3, state.get("map px", 0)))
        model.wait_for_analysis()
        bench._settle(app, 0.3)
    map_first.map_painted_first = kept
    print(f"{edits} edits each way, load average {os.getloadavg()[0]:.2f} (median / p95)")
    for keep, label in ((True, "map kept "), (False, "map whole")):
        a = np.array(rows[keep])
        cells = [f"{name} {np.median(a[:, i]):7.1f} / {np.percentile(a[:, i], 95):7.1f}"
                 for i, name in enumerate(("CPU ms", "wall ms", "map px"))]
        print(f"  {label}  " + "   ".join(cells))
    model.shutdown()
    window.close()


if __name__ == "__main__":
    main()
