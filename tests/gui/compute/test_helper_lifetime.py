"""Helper processes die with the app, however it ends (issue 16, item 5): after kill -9
of the app in the middle of a symbolic job, no fork server, child or resource tracker
is left running. Also: SIGINT / SIGTERM end the app cleanly, without a traceback."""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.process_tree import alive, descendants, parents

ROOT = Path(__file__).resolve().parents[3]
pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")





def _start_app(tmp_path, *args):
    env = {**os.environ, "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "PYTHONUNBUFFERED": "1"}
    env.pop("QT_QPA_PLATFORM", None)
    return subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--no-restore", *args],
                            cwd=tmp_path, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def _wait_for_helpers(app, count=2, timeout_s=30.0):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        helpers = descendants(app.pid)
        if len(helpers) >= count:
            return helpers
        time.sleep(0.2)
    pytest.fail(f"the app started only {descendants(app.pid)} helpers")


def _cpu_seconds(pid) -> float:
    """User + system CPU time the process has used (/proc/<pid>/stat), 0 once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _wait_for_work(app, timeout_s=60.0) -> set:
    """The app's helpers once one of the fork server's children (a grandchild of the app)
    is in the middle of its job: it has used 0.3 s of CPU on it (the fork server imported
    everything before forking it, so its CPU is the job's). Returns every descendant."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        table = parents()
        helpers = descendants(app.pid)
        if any(table.get(p) != app.pid and _cpu_seconds(p) >= 0.3 for p in helpers):
            return helpers
        time.sleep(0.05)
    pytest.fail(f"no helper started working: {descendants(app.pid)}")


def _assert_helpers_end(helpers, when: str) -> None:
    """Every helper gone within 5 s; survivors are killed (the machine is left clean
    even when the test fails) and named."""
    deadline = time.monotonic() + 5.0
    while time.monotonic() < deadline and any(alive(p) for p in helpers):
        time.sleep(0.1)
    survivors = [p for p in helpers if alive(p)]
    for p in survivors:
        os.kill(p, signal.SIGKILL)
    assert not survivors, f"helpers alive {when}: {survivors}"


def test_no_helper_survives_kill_9_mid_job(tmp_path):
    big = "*".join(f"sin({k}x+{k}y)" for k in range(1, 100))   # minutes of symbolic work
    app = _start_app(tmp_path, "--expr", big)
    try:
        helpers = _wait_for_helpers(app)     # fork server and the busy analysis child
        helpers |= _wait_for_work(app)        # mid job (a fixed 2 s before)
    finally:
        app.kill()
        app.wait(10)
    _assert_helpers_end(helpers, "5 s after kill -9 of the app")


# An "app" that keeps a helper child busy for minutes in one sympy call (the derivatives
# of a 99-factor product), in the same fork server and child processes the app uses.
BUSY_APP = """
import sys
sys.path.insert(0, sys.argv[1])
from PySide6.QtCore import QCoreApplication
from gui.compute.symbolic_process import ChildProcess
app = QCoreApplication([])
child = ChildProcess("analyse")
child.request(("*".join(f"sin({k}x+{k}y)" for k in range(1, 100)), ((-4.0, 4.0), (-3.0, 3.0))))
print("requested", flush=True)
app.exec()
"""


def test_no_helper_survives_kill_9_of_the_app_mid_job(tmp_path):
    app = subprocess.Popen([sys.executable, "-c", BUSY_APP, str(ROOT)], cwd=tmp_path,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        busy = set()
        while time.monotonic() < deadline and not busy:   # a grandchild: the busy child
            table = parents()
            helpers = descendants(app.pid)
            busy = {p for p in helpers if table.get(p) != app.pid}
            time.sleep(0.2)
        assert busy, "the job never started"
        helpers = _wait_for_work(app)         # mid job (a fixed 1 s before)
    finally:
        app.kill()
        app.wait(10)
    _assert_helpers_end(helpers, "5 s after kill -9 of the app")


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_quits_cleanly(tmp_path, signum):
    app = _start_app(tmp_path, "--expr", "x^2 + y^2")
    helpers = _wait_for_helpers(app, count=1)
    time.sleep(1.0)
    app.send_signal(signum)
    try:
        _out, err = app.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        app.kill()
        pytest.fail("the app did not quit on the signal")
    assert app.returncode == 0, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    _assert_helpers_end(helpers, "5 s after the signal")


# Makes the fork server's import of sympy take a minute, in the fork server alone: a
# sitecustomize on the app's PYTHONPATH, active only where NO_QT_ENV is set (the helpers'
# environment, gui.compute.symbolic_process). It notes the moment the import starts.
SLOW_SERVER_IMPORT = """
import os, sys, time
from pathlib import Path
if os.environ.get("GRADIENT_LAB_NO_QT"):
    class SlowSympy:
        def find_spec(self, name, path=None, target=None):
            if name == "sympy":
                (Path(__file__).parent / "importing").write_text(str(os.getpid()))
                time.sleep(60)
            return None
    sys.meta_path.insert(0, SlowSympy())
"""
SLOW_IMPORT_S = 60


def _start_app_with_a_slow_fork_server(tmp_path):
    """The plain app (its fork server starts after the first paint), once the fork server
    is in its (slowed) import; returns (app, every helper started by then)."""
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(SLOW_SERVER_IMPORT)
    before = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(hook), before) if p)
    try:
        app = _start_app(tmp_path)
    finally:
        if before is None:
            del os.environ["PYTHONPATH"]
        else:
            os.environ["PYTHONPATH"] = before
    deadline = time.monotonic() + 60
    while not (hook / "importing").exists():
        if time.monotonic() > deadline or app.poll() is not None:
            app.kill()
            pytest.fail(f"the fork server never started its import: {app.communicate()}")
        time.sleep(0.05)
    return app, descendants(app.pid)


def _is_fork_server(pid) -> bool:
    try:
        return b"multiprocessing.forkserver" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_quit_during_the_fork_servers_import_ends_everything_at_once(tmp_path, signum):
    """Quit soon after launch, while the fork server still imports sympy: the app kills
    the server itself before it ends (it used to leave it to notice the app's end, and
    waited up to 2 s for each helper the server had not forked yet), never waits for
    that import, and no helper is left."""
    app, helpers = _start_app_with_a_slow_fork_server(tmp_path)
    server = [p for p in helpers if _is_fork_server(p)]
    assert len(server) == 1, helpers
    app.send_signal(signum)
    try:
        app.wait(timeout=SLOW_IMPORT_S / 2)    # (not communicate: the helpers hold its pipes)
    except subprocess.TimeoutExpired:
        app.kill()
        pytest.fail("the app waited for the fork server's import")
    server_left = alive(server[0])            # at the moment the app's process ended
    _assert_helpers_end(helpers, "5 s after the app ended, the fork server importing")
    _out, err = app.communicate(timeout=10)
    assert app.returncode == 0, err
    assert "Traceback" not in err, err
    assert not server_left, "the app ended before its fork server"
