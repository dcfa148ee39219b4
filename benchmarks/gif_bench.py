"""The README's race GIF: wall time and file size of the command a lecturer runs
(prints numbers, asserts nothing; goal ≤ 8 s and ≤ 3 MB at its default size):

    gradient-lab --preset himmelblau --methods gd,momentum,adam --view views --export-gif race.gif

Each run is a fresh process (start-up, analysis, recording and encoding included).
Run under a real X server (the 3-D view needs GL):
    xvfb-run -a -s "-screen 0 1280x800x24" python3 benchmarks/gif_bench.py [runs]
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RACE = ["--preset", "himmelblau", "--methods", "gd,momentum,adam", "--view", "views"]


def run_once(folder: Path, extra=()) -> tuple[float, int, int, tuple]:
    from PIL import Image

    out = folder / "race.gif"
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    t0 = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "main.py"), *RACE, *extra, "--export-gif", str(out)],
                   check=True, capture_output=True, env=env)
    seconds = time.perf_counter() - t0
    with Image.open(out) as im:
        return seconds, out.stat().st_size, im.n_frames, im.size


RECORD_ONLY = """
import sys, time
from gui.app.application import build_window, make_application
from gui.app.export import export_descent_gif
from PySide6.QtCore import QSettings, QTemporaryDir
app = make_application(["x"])
scratch = QTemporaryDir()
model, window = build_window("himmelblau", settings=QSettings(scratch.filePath("s.ini"),
                                                              QSettings.Format.IniFormat))
model.set_settings(methods=("gd", "momentum", "adam"))
window.resize(1400, 860)
window.show_for_export()
t0 = time.perf_counter()
model.wait_for_analysis(120000)
t1 = time.perf_counter()
export_descent_gif(model, window.view_widget("views"), sys.argv[1], max_frames=60)
t2 = time.perf_counter()
print(f"{t1 - t0:.2f} {t2 - t1:.2f}")
model.shutdown()
"""


def record_only(folder: Path) -> tuple[float, float]:
    """(analysis wait, recording + encoding) in seconds, inside one process."""
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env["PYTHONPATH"] = str(ROOT)
    done = subprocess.run([sys.executable, "-c", RECORD_ONLY, str(folder / "r.gif")],
                          check=True, capture_output=True, text=True, env=env, cwd=ROOT)
    wait, record = (float(v) for v in done.stdout.split()[-2:])
    return wait, record


def main(runs: int = 3) -> None:
    with tempfile.TemporaryDirectory() as folder:
        results = [run_once(Path(folder)) for _ in range(runs)]
        parts = record_only(Path(folder))
    times = sorted(r[0] for r in results)
    seconds, size, frames, dims = results[-1]
    print(f"race GIF: {dims[0]}×{dims[1]} px, {frames} frames, {size / 1e6:.2f} MB")
    print(f"wall time over {runs} runs: median {times[len(times) // 2]:.1f} s "
          f"(min {times[0]:.1f} s, max {times[-1]:.1f} s)")
    print(f"of which, in one run: waiting for the analysis {parts[0]:.1f} s, "
          f"recording and encoding the GIF {parts[1]:.1f} s")
    print(f"load average now: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs "
          "(other work on the machine slows every number)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
