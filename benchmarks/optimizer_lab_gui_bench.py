"""The optimizer lab in the window (prints numbers, asserts nothing):

(a) frames per second with six runs racing ("gd:lr=0.1, gd:lr=0.3, momentum, nesterov,
    adam:lr=0.3, rmsprop"), the 3-D view shown, step arrows on; then with the quadratic
    model on too (goal ≥ 60 fps). These rows step by hand (set_frame, not playing: every
    plot repainted whole each frame); the last row plays the race as a lecture does;
(b) the learning-rate sweep (61 rates × the race's methods) in the GUI: time to the
    first curve and to the last, and the longest the event loop stalled meanwhile;
(c) the basin map (200×200 starts, the selected run's settings) likewise, on
    Himmelblau's function.

    xvfb-run -a -s "-screen 0 1920x1080x24" python3 benchmarks/optimizer_lab_gui_bench.py [seconds]
        [--only b,c] [--repeat N]

--only picks parts (a, b, c; default all; `--only a` is a quick before/after of the
frame rate); --repeat runs (b) and (c) N times each,
alternating, so their figures are read under the same load (printed beside each).
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.gui_bench import _settle, _wait, _window  # noqa: E402

SIX = "gd:lr=0.1, gd:lr=0.3, momentum:lr=0.01, nesterov:lr=0.01, adam:lr=0.3, rmsprop:lr=0.05"


class _Stalls:
    """The longest gap between ticks of a 5 ms timer: how long the GUI was frozen."""

    def __init__(self):
        from PySide6.QtCore import QTimer
        self.longest, self._last = 0.0, time.perf_counter()
        self.timer = QTimer(interval=5)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self):
        now = time.perf_counter()
        self.longest = max(self.longest, now - self._last)
        self._last = now

    def stop(self) -> float:
        self.timer.stop()
        return self.longest


def race_fps(app, model, seconds):
    """Frames per second; the median frame's time (a shared, loaded machine stretches
    some frames, not the typical one); the GUI thread's CPU milliseconds per frame (what
    bounds the rate on an idle machine; neither Mesa's render threads nor the X server
    are in it)."""
    frames, start, cpu = [], time.perf_counter(), time.thread_time()
    last = model.last_frame
    while time.perf_counter() - start < seconds:
        t = time.perf_counter()
        model.set_frame(model.frame + 1 if model.frame < last else 0)
        app.processEvents()
        frames.append(time.perf_counter() - t)
    rate = len(frames) / (time.perf_counter() - start)
    median = sorted(frames)[len(frames) // 2] * 1000
    return (f"{rate:6.1f} frames/s, median frame {median:5.1f} ms "
            f"(= {1000 / median:5.1f}/s), {(time.thread_time() - cpu) * 1000 / len(frames):5.1f} ms GUI-thread CPU a frame")


def race_fps_played(app, model, seconds, steps_per_second=240.0):
    """As race_fps, the frames driven as a lecture's race is: by the model's Playback
    clock (playing, so each frame repaints only what moved; race_fps steps by hand, and
    a step by hand repaints every plot whole, gui.app.main_window._on_frame). From step
    0 each time, so repeats measure the same stretch of the race."""
    model.set_frame(0)
    _settle(app, 0.2)
    model.set_speed(steps_per_second)
    frames = []
    model.frameChanged.connect(frames.append)
    start, cpu = time.perf_counter(), time.thread_time()
    model.play()
    while time.perf_counter() - start < seconds:
        if not model.playing:
            model.play()        # the race ended: from step 0 again
        app.processEvents()
    model.pause()
    elapsed, cpu = time.perf_counter() - start, time.thread_time() - cpu
    model.frameChanged.disconnect(frames.append)
    return (f"{len(frames) / elapsed:6.1f} frames/s at {steps_per_second:.0f} steps/s, "
            f"{cpu * 1000 / max(len(frames), 1):5.1f} ms GUI-thread CPU a frame")


def _count_worker_cpu():
    """Make every LabJobs record the CPU seconds its thread spent on the last request
    (`cpu_seconds`): on a shared machine wall-clock figures swing with the load, the
    worker's CPU time much less."""
    from gui.compute.lab_jobs import LabJobs
    run = LabJobs._run

    def counted(self, request_id, work):
        started = time.thread_time()
        try:
            run(self, request_id, work)
        finally:
            self.cpu_seconds = time.thread_time() - started
    LabJobs._run = counted


def idle_stall(app, seconds=1.0) -> float:
    """The longest stall with nothing computing: what the load alone costs."""
    stalls = _Stalls()
    _settle(app, seconds)
    return stalls.stop()


def timed_job(app, start_job, progressed, finished, is_done, timeout_s=120.0):
    """(seconds to the first partial result, seconds to the end, longest stall)."""
    first = []
    progressed.connect(lambda *_: first.append(time.perf_counter()) if not first else None)
    stalls = _Stalls()
    t0 = time.perf_counter()
    start_job()
    _wait(app, is_done, [progressed, finished], timeout_s)
    while not is_done() and time.perf_counter() - t0 < timeout_s:
        app.processEvents()
        time.sleep(0.002)
    total = time.perf_counter() - t0
    return (first[0] - t0 if first else total), total, stalls.stop()


def _load() -> str:
    return "load " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def _rosenbrock_race(app, model):
    from gui.plots import runs as race
    model.set_text("(1-x)^2 + 5(y-x^2)^2")
    model.set_start((-1.5, 2.0))
    model.set_settings(runs=race.parse_runs(SIX), max_steps=400)
    model.wait_for_analysis(60000)
    _settle(app, 0.5)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("seconds", nargs="?", type=float, default=3.0)
    parser.add_argument("--only", default="a,b,c", help="parts to run, e.g. b,c")
    parser.add_argument("--repeat", type=int, default=1, help="runs of (b) and (c)")
    options = parser.parse_args()
    parts = set(options.only.split(","))
    from benchmarks.machine import describe
    print(describe())
    _count_worker_cpu()
    app, model, window = _window()
    tab = window.findChild(__import__("gui.explorer.tab", fromlist=["ExplorerTab"]).ExplorerTab)
    lab = tab.lab_panel
    _rosenbrock_race(app, model)
    if "a" in parts:
        race_part(app, model, lab, options.seconds)
    for _ in range(options.repeat):
        if "b" in parts:
            _rosenbrock_race(app, model)
            sweep_part(app, lab)
        if "c" in parts:
            basins_part(app, model, lab)
    lab.shutdown()
    model.shutdown()


def race_part(app, model, lab, seconds):
    print(f"(a) six runs racing, {model.last_frame} steps, 3-D shown (goal ≥ 60 fps); "
          f"load average {os.getloadavg()[0]:.2f}")
    print(f"    step arrows on:               {race_fps(app, model, seconds)}")
    lab.quadratic_check.setChecked(True)
    print(f"    + quadratic model on:         {race_fps(app, model, seconds)}")
    lab.quadratic_check.setChecked(False)
    model.lab.set_predict(True)
    print(f"    predict mode (table grows):   {race_fps(app, model, seconds)}")
    model.lab.set_predict(False)
    lab.arrows_check.setChecked(False)
    print(f"    step arrows off:              {race_fps(app, model, seconds)}")
    lab.arrows_check.setChecked(True)
    print(f"    played (Playback clock):      {race_fps_played(app, model, seconds)}")
    print(f"    (load average {os.getloadavg()[0]:.2f} after part a)")


def sweep_part(app, lab):
    print(f"(b) learning-rate sweep, 61 rates × 5 methods, 400 steps each ({_load()})")
    sweep = lab.sweep
    lab.tabs.setCurrentWidget(lab.note)  # showing the sweep's tab starts it: time that
    _settle(app, 0.3)
    sweep._asked = None

    def show_sweep():
        lab.tabs.setCurrentWidget(sweep)

    idle = idle_stall(app)
    first, total, stall = timed_job(app, show_sweep, sweep.jobs.progressed,
                                    sweep.jobs.finished, lambda: sweep.done)
    print(f"    first curve {first:5.2f} s, all {total:5.2f} s (worker {sweep.jobs.seconds:.2f} s,"
          f" CPU {sweep.jobs.cpu_seconds:.2f} s); longest GUI stall {stall * 1000:.0f} ms"
          f" (idle {idle * 1000:.0f} ms)")


def basins_part(app, model, lab):
    print(f"(c) basin map, 200×200 starts, Adam η=0.3 (≤ 400 steps), Himmelblau ({_load()})")
    lab.tabs.setCurrentWidget(lab.note)  # no sweep of the new f running meanwhile
    model.set_text("(x^2+y-11)^2 + (x+y^2-7)^2")
    model.set_window(((-6.0, 6.0), (-6.0, 6.0)))
    model.wait_for_analysis(60000)
    model.lab.select("adam")
    _settle(app, 0.5)
    basins = lab.basins
    lab.basins_check.setChecked(False)
    basins._window_asked = None          # a repeat computes the map afresh
    idle = idle_stall(app)
    first, total, stall = timed_job(app, lambda: lab.basins_check.setChecked(True),
                                    basins.jobs.progressed, basins.jobs.finished,
                                    lambda: basins.done)
    print(f"    coarse map {first:5.2f} s, full map {total:5.2f} s (worker "
          f"{basins.jobs.seconds:.2f} s, CPU {basins.jobs.cpu_seconds:.2f} s); longest GUI"
          f" stall {stall * 1000:.0f} ms (idle {idle * 1000:.0f} ms)")
    print(f"    {lab.note.text().splitlines()[-1]}")
    lab.basins_check.setChecked(False)


if __name__ == "__main__":
    main()
