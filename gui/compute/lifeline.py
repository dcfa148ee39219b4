"""Helper processes die with the app, whatever way it ends (kill -9 included).

Python's fork server notices its parent's death only between jobs, and a child busy in
sympy not at all: after a crash they ran on under PID 1 for many minutes at 100 % CPU.
Two safeguards, both set up inside the helper itself (no Qt here):
  parent-death signal  Linux's prctl(PR_SET_PDEATHSIG, SIGKILL): the kernel kills the
                       process when the *thread* that forked it ends. Right for the fork
                       server's children (it forks them from its main thread); not for
                       the fork server itself, started from a short-lived app thread.
  parent poll          a daemon thread that checks a few times a second whether the
                       parent is still the one it started with; if not, the process ends
                       (os._exit: no clean-up can hang). Works on every POSIX system.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1
POLL_S = 0.25


def kill_with_parent() -> bool:
    """Ask the kernel to SIGKILL this process when its parent thread ends (Linux only).
    Returns whether it was set; a parent already gone ends the process at once."""
    parent = os.getppid()
    ok = False
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
            ok = libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
        except (OSError, AttributeError):
            ok = False
    if parent == 1 or (ok and os.getppid() != parent):   # it died before prctl took hold
        os._exit(1)
    return ok


def watch_parent(interval_s: float = POLL_S) -> threading.Thread:
    """End this process (os._exit) soon after its parent process is gone."""
    parent = os.getppid()

    def watch():
        while True:
            time.sleep(interval_s)
            if os.getppid() != parent:
                os._exit(1)

    thread = threading.Thread(target=watch, daemon=True, name="parent watch")
    thread.start()
    return thread
