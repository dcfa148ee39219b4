"""Each pytest-xdist worker gets an X screen of its own.

The README's command runs the suite under one `xvfb-run` screen and pyproject's addopts
split it over workers (`-n auto`). Workers sharing one X server would share its keyboard
focus, pointer and clipboard: one worker's `activateWindow()` takes the keys from another
worker's window, and a test sending Ctrl+Shift+C or hovering could see another test's
doing. So each worker starts its own Xvfb, of the same size and depth as the README's,
before its QApplication exists; helper processes and `main.py` subprocesses inherit it.
With `-n 0` (one process) nothing changes: the tests use $DISPLAY.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import signal
import subprocess
import sys
import tempfile

from hypothesis import settings as hypothesis_settings

# Bytecode. Where PYTHONDONTWRITEBYTECODE is set (this team's machines: nothing is written
# beside the sources), every process compiled the app's and the tests' sources anew: each
# xdist worker rewrote and compiled the ~100 test modules' asserts (collection 5.9 -> 2.9 s
# of CPU per worker with a cache), and each main.py launch and helper process compiled the
# app's ~120 modules. So the run caches bytecode outside the checkout, as
# benchmarks/gui_bench.py --pyc does, for itself (pytest's assertion rewriting and imports
# read sys.pycache_prefix) and the processes it starts. Python checks each cached file
# against its source's size and time, and pytest's rewritten files against pytest's
# version too: a changed file is compiled again.
if os.environ.get("PYTHONDONTWRITEBYTECODE") and not os.environ.get("PYTHONPYCACHEPREFIX"):
    _PYC = os.path.join(tempfile.gettempdir(), "gradient-lab-test-pyc")
    os.environ.pop("PYTHONDONTWRITEBYTECODE")
    os.environ["PYTHONPYCACHEPREFIX"] = _PYC
    sys.dont_write_bytecode, sys.pycache_prefix = False, _PYC

# The README's run (and CI's) draws the same examples every time, so a property test
# fails the change that broke it, not a later unrelated run that happened upon a new
# corner. HYPOTHESIS_PROFILE=explore draws new ones (and more of them) to look for those.
hypothesis_settings.register_profile("repeatable", derandomize=True)
hypothesis_settings.register_profile("explore", derandomize=False, max_examples=1000)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))

SCREEN = "1280x800x24"          # as README's `xvfb-run -s "-screen 0 1280x800x24"`
PR_SET_PDEATHSIG = 1


def _end_with_worker() -> None:
    """In the Xvfb child before exec: the kernel sends it SIGTERM (Xvfb then removes its
    lock files) when the worker's main thread ends. Stopping it from pytest_unconfigure
    instead would pull the screen from under a QApplication that is still alive, and
    xdist workers do not always reach that hook."""
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)


def _start_xvfb() -> str:
    """An Xvfb on a free display number; returns its name (":N"). Xvfb picks the number
    and writes it to a pipe once it accepts connections: no race with other X servers."""
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", SCREEN, "-nolisten", "tcp"],
        pass_fds=(write,), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL, preexec_fn=_end_with_worker)
    os.close(write)
    with os.fdopen(read) as numbers:
        number = numbers.readline().strip()
    if not number.isdigit():
        server.kill()
        raise RuntimeError(f"Xvfb did not start (exit code {server.wait()})")
    return f":{number}"


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "shared_window: the module's tests share one main window (fixture "
        "`window`), put back to a fresh start by File ▸ New before each")
    config.addinivalue_line(
        "markers", "own_window: in a shared_window module, the test builds a window of its "
        "own (it changes something File ▸ New does not put back)")
    if ("PYTEST_XDIST_WORKER" not in os.environ or not sys.platform.startswith("linux")
            or shutil.which("Xvfb") is None):
        return
    os.environ["DISPLAY"] = _start_xvfb()
    os.environ.pop("XAUTHORITY", None)     # xvfb-run's cookie is for its own screen


# qtbot.waitUntil's timeouts stretched for slow hosts: the README's run on CI took 2,412 s
# on a day this machine took 533 s for the same suite (4.5× slower), and a wait of 2–5 s
# for something a quiet host does in 0.5 s is then a coin toss. A condition met returns
# at once, so only a failing wait takes longer. GRADLAB_WAIT_FACTOR overrides it.
WAIT_FACTOR = float(os.environ.get("GRADLAB_WAIT_FACTOR", "3"))


def _stretch_waits() -> None:
    from pytestqt.qtbot import QtBot
    wait_until = QtBot.waitUntil
    if getattr(wait_until, "stretched", False):
        return

    def stretched(self, callback, *, timeout: int = 5000) -> None:
        return wait_until(self, callback, timeout=int(timeout * WAIT_FACTOR))
    stretched.stretched = True
    QtBot.waitUntil = stretched


_stretch_waits()


# Workers per core for `-n auto` (pyproject's addopts). A GUI test spends about a third
# of its time waiting with its core free: for the helper processes' answers, main.py
# launches, Xvfb, and the pauses of "nothing changes for N ms" checks. In the full run of
# 7 Dec (two workers, per test from /proc schedstat, time spent waiting for a core left
# out) the tests took 1112 s, 804 s of it on a CPU: one worker per core left the rest of
# those seconds idle. Played back on two cores, the same tests take 557 s with two
# workers, 434 s with three, 410 s with four (each worker also costs its start-up and
# ~300 MB): three workers for two cores.
WORKERS_PER_CORE = 1.5


def pytest_xdist_auto_num_workers(config):
    """`-n auto`: WORKERS_PER_CORE workers per core this process may run on, at least 1;
    PYTEST_XDIST_AUTO_NUM_WORKERS, if set, as in pytest-xdist."""
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None                   # pytest-xdist's own hook reads it
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, round((cores or 1) * WORKERS_PER_CORE))


# The longest single tests (seconds, one process at load ~8: /work/notes/durations_full.txt),
# sent to the workers first: xdist hands out work in collection order (groups with the
# most tests first), so one of these collected late kept one worker busy while the other
# had finished. Tests not named here keep their order.
LONGEST_FIRST = (
    "tests/gui/app/test_stress.py::test_rapid_edits_tab_switches_and_themes",            # 52
    "tests/gui/app/test_lecture_samples.py::test_every_scene_of_both_lectures_opens",    # 36
    "tests/gui/plots/test_surface_view.py::test_switching_between_one_and_two_variables",  # 24
    "tests/gui/app/test_exports.py::test_command_line_exports_without_a_window",          # 23
    "tests/gui/app/test_slide_pictures.py::test_ctrl_shift_c_copies_the_picture",         # 21
    "tests/gui/app/test_sessions.py::test_recent_files_and_the_last_session_at_start",    # 18
    "tests/gui/compute/test_helper_lifetime.py::test_a_signal_quits_cleanly",             # 17
    "tests/gui/app/test_exports.py::test_command_line_refuses_bad_input_plainly",         # 11
    # subprocesses and property tests of the full run of 6 Dec, 10:00 (two workers, load ~11)
    "tests/gui/app/test_first_paint.py::test_no_sympy_before_the_first_paint",             # 25, 18
    "tests/gui/app/test_first_paint.py::test_a_plain_launch_restores_the_last_session",    # 24
    "tests/gui/compute/test_helper_lifetime.py::test_no_helper_survives_kill_9_of_the_app",  # 17
    "tests/engine/test_formula_properties.py::test_glued_formulas_are_read_right",         # 13
    "tests/engine/test_formula_properties.py::test_written_formulas_read_as_their_tree",   # 13
    # cold starts of main.py seen in the full run of 6 Dec (two workers, load ~8)
    "tests/gui/app/test_lecture_cli.py::test_scene_n_exports_that_scene",                 # 32
    "tests/gui/app/test_cli_many_variables.py::test_start_with_three_coordinates",        # 22
    "tests/gui/app/test_lecture_cli.py::test_a_scene_that_does_not_exist_is_refused",     # 19
    "tests/gui/app/test_cli_options.py::test_a_surface_of_a_one_variable_function_is",    # 18
    # long single tests not named above, from the full run of 7 Dec (two workers, load ~6;
    # seconds without the time spent waiting for a core: 12, 9, 8)
    "tests/gui/app/test_screen_matches_render.py::test_the_screen_shows_what_the_window",
    "tests/gui/neuron/test_map_comes_to_rest.py::test_the_neuron_map_comes_to_rest",
    "tests/gui/compute/test_helper_lifetime.py::test_no_helper_survives_kill_9_mid_job",
)


def _rank(item) -> int:
    for rank, prefix in enumerate(LONGEST_FIRST):
        if item.nodeid.startswith(prefix):
            return rank
    return len(LONGEST_FIRST)


def pytest_collection_modifyitems(config, items):
    """Under xdist only (every worker collects the same order, as xdist requires): the
    longest tests first. A one-process run keeps the files' order. None of these tests
    uses a module-scoped fixture, so moving them builds nothing twice."""
    if "PYTEST_XDIST_WORKER" in os.environ:
        items.sort(key=_rank)        # stable: the rest keep their order
