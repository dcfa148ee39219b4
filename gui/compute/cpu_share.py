"""How much CPU there is to share: a free core for parallel work, a process's CPU time
(the analysis worker's choices and its helpers' budget). Linux /proc and the load
average; no Qt here."""
from __future__ import annotations

import os


def core_free() -> bool:
    """By the 1-minute load average, a core is idle beside this app's own GUI thread."""
    cores = os.cpu_count() or 1
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else cores / 4    # (Windows)
    return cores >= 2 and load < cores - 0.5


def cpu_seconds(pid) -> float | None:
    """User + system CPU time of a process (Linux /proc), None where unknown."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None
