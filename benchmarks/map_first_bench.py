"""A typed edit's first picture and every numeric view, map drawn first or all in one
pass (prints numbers, asserts nothing): one window of gui_bench's part (a), edits of its
kinds through `model.set_text`, interleaved so both ways see the same load:

  map first  the app as it is: firstPicture paints the map (colours, iso-lines, arrows),
             the analysis (paths, 3-D, loss plot, table) follows after that paint
             (gui.plots.map_first);
  one pass   `model.views_later = None`: the analysis applied inside set_text, every
             view painted in one pass (the release before's way).

Per edit: the wall clock and the GUI thread's CPU time from the edit to the map's first
Paint, and to the start of the last of the four numeric views' first Paint after the
analysis was applied (its own paint not counted, the same for both ways).

    xvfb-run -a -s "-screen 0 1280x800x24" python3 benchmarks/map_first_bench.py [edits]
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
    from PySide6.QtCore import QEvent, QObject
    from benchmarks.machine import describe
    edits = int(sys.argv[1]) if len(sys.argv) > 1 else 16
    print(describe())
    app, model, window = bench._window()
    widgets = bench.numeric_widgets(window)
    names = {w: k for k, w in widgets.items()}
    log, mark = [], {}

    class Paints(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint and obj in names:
                log.append((names[obj], time.thread_time(), time.perf_counter()))
            return False
    paints = Paints()
    for widget in names:
        widget.installEventFilter(paints)
    model.expressionChanged.connect(lambda _f: mark.setdefault("i", len(log)))
    later = model.views_later
    rows = {True: [], False: []}
    for k in range(2 * edits):
        first = k % 2 == 0
        model.views_later = later if first else None
        log.clear(), mark.clear()
        t0, c0 = time.perf_counter(), time.thread_time()
        model.set_text(bench.TEMPLATES[(k // 2) % len(bench.TEMPLATES)].format(c=1704 + 6 * k))
        done, end = None, time.perf_counter() + 5
        while done is None and time.perf_counter() < end:
            app.processEvents()
            if "i" in mark and {n for n, _, _ in log[mark["i"]:]} >= set(widgets):
                done = log[-1]
            time.sleep(0.0005)
        map_c, map_t = next(((c, t) for n, c, t in log if n == "map"), (np.nan, np.nan))
        rows[first].append(((map_t - t0) * 1e3, (map_c - c0) * 1e3,
                            (done[2] - t0) * 1e3 if done else np.nan,
                            (done[1] - c0) * 1e3 if done else np.nan))
        model.wait_for_analysis()
        bench._settle(app, 0.3)
    model.views_later = later
    print(f"{edits} edits each way, load average {os.getloadavg()[0]:.2f} (median / p95 ms)")
    for first, label in ((True, "map first"), (False, "one pass ")):
        a = np.array(rows[first])
        cells = [f"{name} {np.nanmedian(a[:, i]):5.1f} / {np.nanpercentile(a[:, i], 95):5.1f}"
                 for i, name in enumerate(("map wall", "map CPU", "all wall", "all CPU"))]
        print(f"  {label}  " + "   ".join(cells))
    model.shutdown()
    window.close()


if __name__ == "__main__":
    main()
