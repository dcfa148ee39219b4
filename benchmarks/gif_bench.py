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


def main(runs: int = 3) -> None:
    with tempfile.TemporaryDirectory() as folder:
        results = [run_once(Path(folder)) for _ in range(runs)]
    times = sorted(r[0] for r in results)
    seconds, size, frames, dims = results[-1]
    print(f"race GIF: {dims[0]}×{dims[1]} px, {frames} frames, {size / 1e6:.2f} MB")
    print(f"wall time over {runs} runs: median {times[len(times) // 2]:.1f} s "
          f"(min {times[0]:.1f} s, max {times[-1]:.1f} s)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
