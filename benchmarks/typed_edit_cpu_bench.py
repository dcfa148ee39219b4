"""The app's own CPU per typed 2-D edit, until it is settled (prints numbers, asserts
nothing): one window of gui_bench's part (a), edits of its kinds through
`model.set_text`, each waited for with `wait_for_analysis` (the framing included). The
process's CPU (all its threads: the GUI thread and the in-process pools, not the helper
processes) and the GUI thread's, per edit. Run it in two checkouts, interleaved, to
compare (the wider box for a typed f's framing was searched in a pool thread of the
app's own process before; now in the points helper).

    xvfb-run -a -s "-screen 0 1280x800x24" python3 benchmarks/typed_edit_cpu_bench.py [edits]
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
    from benchmarks.machine import describe
    edits = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    print(describe())       # the machine and its load beside the figures
    app, model, window = bench._window()
    rows = []
    for k in range(edits):
        text = bench.TEMPLATES[k % len(bench.TEMPLATES)].format(c=2104 + 6 * k)
        p0, c0, t0 = time.process_time(), time.thread_time(), time.perf_counter()
        model.set_text(text)
        model.wait_for_analysis(60000)
        rows.append(((time.process_time() - p0) * 1e3, (time.thread_time() - c0) * 1e3,
                     (time.perf_counter() - t0) * 1e3))
        bench._settle(app, 0.3)
    a = np.array(rows)
    print(f"{ROOT.name}: {edits} edits, load average {os.getloadavg()[0]:.2f}: median "
          f"process CPU {np.median(a[:, 0]):.0f} ms, GUI thread CPU {np.median(a[:, 1]):.0f} ms,"
          f" wall {np.median(a[:, 2]):.0f} ms (process CPU sum {a[:, 0].sum():.0f} ms)")
    model.shutdown()
    window.close()


if __name__ == "__main__":
    main()
