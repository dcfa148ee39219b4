"""One line that says which machine a benchmark's figures come from.

Load average alone does not make figures from different days comparable: the same
2-core host has run pure Python 1.5–2× slower on some days than on others. So every
benchmark also prints how long this Python takes for a fixed pure-Python loop (best of
three), a yardstick to scale figures by when comparing across sessions.
"""
from __future__ import annotations

import os
import platform
import sys
import time

LOOP_STEPS = 1_000_000


def python_speed_ms() -> float:
    """Best of three: milliseconds for a `for` loop of LOOP_STEPS integer additions."""
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        total = 0
        for i in range(LOOP_STEPS):
            total += i
        best = min(best, time.perf_counter() - t0)
    return best * 1e3


def cpu_name() -> str:
    try:
        with open("/proc/cpuinfo") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def describe() -> str:
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (f"{os.cpu_count()} CPUs ({cpu_name()}), Python {sys.version.split()[0]}; "
            f"load average {load} (1, 5, 15 min); pure-Python speed: "
            f"{python_speed_ms():.0f} ms per {LOOP_STEPS:,} loop additions")


if __name__ == "__main__":
    print(describe())
