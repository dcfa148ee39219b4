"""GUI-thread cost of a text-size step (Ctrl++ / Ctrl+−) while a race is on screen
(prints numbers, asserts nothing).

The window at 1280×720 on "Saddle x² − y²" with gd, momentum, Adam and Newton; a frame
on, then `WindowCommands.set_scale(1.15)` and back to 1.0, six times each. The clock runs
from the call until the window has settled: no one-shot zero-interval timer of the
window's pending (the page's fit, the map's refits, a held paint's release) and the
events after them processed, the last paint included. Printed: the GUI thread's CPU
(`time.thread_time()`) and the wall clock, median and each, the paints of the map's
canvas per step, and the load average (figures are noisy on a busy machine: compare two
checkouts in the same minutes, `--compare OTHER_CHECKOUT` runs it there too, interleaved).

    xvfb-run -a -s "-screen 0 1280x720x24" python3 benchmarks/look_change_bench.py [--prof]
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _settled(app, window) -> None:
    from PySide6.QtCore import QTimer
    for _ in range(200):
        app.processEvents()
        if not any(t.isActive() and t.isSingleShot() and t.interval() == 0
                   for t in window.findChildren(QTimer)):
            break
    app.processEvents()


def run(steps: int = 6, prof: bool = False) -> None:
    sys.path[:0] = [ROOT, os.path.join(ROOT, "benchmarks")]
    os.environ.setdefault("XDG_CONFIG_HOME", tempfile.mkdtemp())
    import gui_bench as gb
    from PySide6.QtCore import QEvent, QObject
    from gui.app.presets import find_preset
    app, model, window = gb._window()
    window.resize(1280, 720)
    model.load_preset(dict(find_preset("Saddle x²"), methods=list(gb.FOUR)))
    model.wait_for_analysis()
    gb._settle(app, 0.5)

    class Paints(QObject):
        count = 0

        def eventFilter(self, _obj, event):
            Paints.count += event.type() == QEvent.Type.Paint
            return False
    paints = Paints()
    window.contour_view.canvas.viewport().installEventFilter(paints)
    profile = None
    if prof:
        import cProfile
        profile = cProfile.Profile()
    cpus, walls, painted = [], [], []
    for _ in range(steps):
        for scale in (1.15, 1.0):
            model.set_frame(min(model.frame + 1, model.last_frame))
            gb._settle(app, 0.3)
            Paints.count = 0
            t0, c0 = time.perf_counter(), time.thread_time()
            if profile:
                profile.enable()
            window.commands.set_scale(scale)
            _settled(app, window)
            if profile:
                profile.disable()
            walls.append((time.perf_counter() - t0) * 1e3)
            cpus.append((time.thread_time() - c0) * 1e3)
            painted.append(Paints.count)
    print(f"{ROOT}: text-size step, GUI-thread CPU median {statistics.median(cpus):.0f} ms "
          f"(each {[round(c) for c in cpus]}), wall median {statistics.median(walls):.0f} ms; "
          f"map paints per step {painted}; load {os.getloadavg()[0]:.1f}")
    if profile:
        import pstats
        pstats.Stats(profile).sort_stats("cumulative").print_stats(40)


if __name__ == "__main__":
    if "--compare" in sys.argv:
        other = sys.argv[sys.argv.index("--compare") + 1]
        for _ in range(2):             # interleaved: this checkout, the other, ...
            for root in (ROOT, other):
                subprocess.run([sys.executable, __file__, "--root", root], check=False)
    else:
        if "--root" in sys.argv:
            ROOT = sys.argv[sys.argv.index("--root") + 1]
        run(prof="--prof" in sys.argv)
