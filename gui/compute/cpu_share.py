"""A process's CPU time (the analysis worker's helpers' budget). Linux /proc; no Qt here."""
from __future__ import annotations

import os


def cpu_seconds(pid) -> float | None:
    """User + system CPU time of a process (Linux /proc), None where unknown."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None
