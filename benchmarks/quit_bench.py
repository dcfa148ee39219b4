"""How long quitting takes soon after launch: `python3 main.py` under X, quit a given time
after its window appears (Ctrl+Q through xdotool, SIGTERM or SIGINT), and time until
  window   the window is no longer mapped,
  exit     the app's process has ended,
  helpers  every process it started (the fork server, its children, the resource
           tracker) has ended too, seen by a /proc scan that notes each descendant
           while the app runs.
Needs an X server in DISPLAY (e.g. `Xvfb :68 -screen 0 1280x720x24 &`) and xdotool.

    DISPLAY=:68 python3 benchmarks/quit_bench.py [--runs 2] [--delays 0.2 0.5 1 2]
        [--compare /path/to/other/checkout]   (its rows interleaved with this one's)
"""
from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))
from machine import describe  # noqa: E402
from tests.process_tree import alive, descendants  # noqa: E402 - the helper-lifetime tests' own

ROOT = Path(__file__).resolve().parent.parent
GIVE_UP_S = 30.0
METHODS = ("ctrl+q", "SIGTERM", "SIGINT")





def _visible_window(pid: int) -> str | None:
    found = subprocess.run(["xdotool", "search", "--onlyvisible", "--pid", str(pid)],
                           capture_output=True, text=True).stdout.split()
    return found[0] if found else None


def quit_once(delay_s: float, method: str, root: Path = ROOT) -> dict | None:
    """Seconds from the quit request to: the window unmapped, the app's exit, the last
    helper's exit (None: not within GIVE_UP_S); also how many helpers were up. None if
    the app never showed its window (an X server too busy to take the connection)."""
    scratch = tempfile.mkdtemp(prefix="quit-bench-")
    env = {**os.environ, "HOME": scratch, "XDG_CONFIG_HOME": f"{scratch}/config",
           "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("QT_QPA_PLATFORM", None)
    app = subprocess.Popen([sys.executable, str(root / "main.py"), "--no-restore"], cwd=scratch,
                           env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seen = set()
    deadline = time.monotonic() + GIVE_UP_S
    window = None
    while window is None and time.monotonic() < deadline and app.poll() is None:
        seen |= descendants(app.pid)
        window = _visible_window(app.pid)
    if window is None:
        _end_all(app, seen)
        return None
    shown = time.monotonic()
    while time.monotonic() < shown + delay_s:
        seen |= descendants(app.pid)
        time.sleep(0.01)
    helpers_at_request = len({p for p in seen if alive(p)})
    t0 = time.monotonic()
    if method == "ctrl+q":
        subprocess.run(["xdotool", "windowfocus", "--sync", window, "key", "ctrl+q"],
                       capture_output=True)
    else:
        app.send_signal(getattr(signal, method))
    gone = exited = last = None
    while time.monotonic() < t0 + GIVE_UP_S:
        now = time.monotonic() - t0
        if app.poll() is None:
            seen |= descendants(app.pid)
        elif exited is None:
            exited = now
        if gone is None and (exited is not None or _visible_window(app.pid) is None):
            gone = now
        if exited is not None and not any(alive(p) for p in seen):
            last = now
            break
        time.sleep(0.005)
    _end_all(app, seen)
    return {"window": gone, "exit": exited, "helpers": last, "up": helpers_at_request}


def _end_all(app, helpers) -> None:
    """The machine is left clean whatever happened."""
    for pid in helpers:
        if alive(pid):
            os.kill(pid, signal.SIGKILL)
    if app.poll() is None:
        app.kill()
        app.wait()


def _cell(seconds) -> str:
    return "  >30 s" if seconds is None else f"{seconds:7.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--delays", type=float, nargs="+", default=[0.2, 0.5, 1.0, 2.0])
    parser.add_argument("--methods", nargs="+", default=list(METHODS), choices=METHODS)
    parser.add_argument("--compare", type=Path, help="another checkout, run alternately")
    args = parser.parse_args()
    roots = [("this", ROOT)] + ([("other", args.compare)] if args.compare else [])
    print(describe())
    print("seconds from the quit request until: window unmapped / app exited / "
          "last helper gone")
    print(f"{'code':>5} {'after shown':>11} {'how':>8} {'helpers up':>10} {'window':>7} "
          f"{'exit':>7} {'helpers':>7}")
    for delay in args.delays:
        for method in args.methods:
            for _ in range(args.runs):
                for name, root in roots:
                    row = None
                    for _attempt in range(3):
                        row = row or quit_once(delay, method, root)
                    if row is None:
                        print(f"{name:>5} {delay:9.1f} s {method:>8}  the app did not start")
                        continue
                    print(f"{name:>5} {delay:9.1f} s {method:>8} {row['up']:>10} "
                          f"{_cell(row['window'])} {_cell(row['exit'])} "
                          f"{_cell(row['helpers'])}", flush=True)
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
