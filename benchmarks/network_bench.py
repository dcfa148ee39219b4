"""Network tab timings: training steps per second for 2-8-8-1 on 200 points, engine alone
and live in the tab while the decision boundary redraws (goal: >= 500 steps/s with the
boundary redrawn >= 30 times a second). Prints numbers.

Run under a real X server (the redraw rate is measured by counting paint events of the
boundary view's window):
    xvfb-run -a -s "-screen 0 1280x800x24" python benchmarks/network_bench.py [seconds]
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from engine.datasets import make_dataset  # noqa: E402
from engine.network import Network  # noqa: E402

SIZES, ACTIVATION, DATA, LR = (2, 8, 8, 1), "tanh", "circles", 1.0
GOAL_STEPS, GOAL_FPS = 500.0, 30.0


def engine_alone(seconds=2.0, batch_size=None):
    """Steps per second of Network.train in one long call (no GUI)."""
    X, Y = make_dataset(DATA, 200, 0.1, 0)
    net = Network(SIZES, ACTIVATION, 0, "sigmoid")
    steps, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        net.train(X, Y, LR, 200, batch_size=batch_size)
        steps += 200
    return steps / (time.perf_counter() - start)


class _PaintCounter:
    """Counts Paint events that reach a widget: frames actually drawn on screen."""

    def __init__(self, widget):
        from PySide6.QtCore import QEvent, QObject

        class Filter(QObject):
            count = 0

            def eventFilter(self, obj, event):
                if event.type() == QEvent.Type.Paint:
                    Filter.count += 1
                return False

        self.filter = Filter()
        widget.installEventFilter(self.filter)

    @property
    def count(self):
        return self.filter.count


def make_tab():
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtWidgets import QApplication

    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication.instance() or QApplication([])
    from gui.network.tab import NetworkTab

    tab = NetworkTab()
    tab.resize(1400, 820)
    tab.show()
    return app, tab


def live_in_tab(app, tab, seconds=5.0, batch_size=None, steps_per_tick=20):
    """Play the tab in its shown window; returns a dict of measured rates."""
    m = tab.model
    m.set_data(name=DATA)
    m.set_sizes(SIZES)
    m.set_activation(ACTIVATION)
    m.set_lr(LR)
    m.set_batch_size(batch_size)
    m.set_steps_per_tick(steps_per_tick)
    m.reset()
    for _ in range(20):
        app.processEvents()
    paints = _PaintCounter(tab.boundary.viewport())
    tick_ms = []
    train = m.train

    def timed_train(steps):                      # engine steps + every view's redraw
        t = time.perf_counter()
        train(steps)
        tick_ms.append(1000 * (time.perf_counter() - t))
    m.train = timed_train
    m.reset()
    step0, redraws0, paints0 = m.step_count, tab.boundary.redraws, paints.count
    start = time.perf_counter()
    m.play()
    while time.perf_counter() - start < seconds:
        app.processEvents()
        time.sleep(0.001)
    m.pause()
    elapsed = time.perf_counter() - start
    result = {"steps_per_s": (m.step_count - step0) / elapsed,
              "boundary_redraws_per_s": (tab.boundary.redraws - redraws0) / elapsed,
              "boundary_paints_per_s": (paints.count - paints0) / elapsed,
              "tick_ms_median": float(np.median(tick_ms)) if tick_ms else float("nan"),
              "tick_ms_p90": float(np.percentile(tick_ms, 90)) if tick_ms else float("nan"),
              "cost_end": m.cost}
    del m.train                                 # the class's method again
    return result


def main():
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 5.0
    # The live figures swing with other processes' load (seen: 15-31 frames/s on one
    # 2-core machine within minutes); print it beside them.
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{os.cpu_count()} CPUs, load average {load:.2f}")
    print(f"Network {'-'.join(map(str, SIZES))} {ACTIVATION}, {DATA}, 200 points, lr {LR}")
    print(f"engine alone, full batch:    {engine_alone():6.0f} steps/s")
    print(f"engine alone, mini-batch 20: {engine_alone(batch_size=20):6.0f} steps/s")
    app, tab = make_tab()
    print(f"live in the tab: {tab.boundary.xs.size}x{tab.boundary.ys.size} boundary grid, "
          f"{tab.model.steps_per_tick} steps per frame")
    for label, batch in (("full batch", None), ("SGD (batch 1)", 1)):
        r = live_in_tab(app, tab, seconds, batch)
        ok = r["steps_per_s"] >= GOAL_STEPS and r["boundary_paints_per_s"] >= GOAL_FPS
        print(f"  {label:14s}: {r['steps_per_s']:5.0f} steps/s; boundary recomputed "
              f"{r['boundary_redraws_per_s']:4.1f}/s, painted {r['boundary_paints_per_s']:4.1f}/s; "
              f"tick (steps + views) median {r['tick_ms_median']:.1f} ms, p90 {r['tick_ms_p90']:.1f} ms; "
              f"C = {r['cost_end']:.4f}  [goal {GOAL_STEPS:.0f} steps/s at {GOAL_FPS:.0f} fps: "
              f"{'met' if ok else 'NOT met'}]")
    tab.close()
    tab.deleteLater()         # (dropping a shown tab to the garbage collector can crash)
    app.processEvents()


if __name__ == "__main__":
    main()
