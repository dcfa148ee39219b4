"""Slow symbolic work in a persistent child process, where it cannot hold the GUI's GIL.

sympy and ziamath are pure Python: run in a thread of the app they hold the GIL in
long stretches, and the GUI thread's repaint after an edit waited ~0.5 s for them.
A `ChildProcess` owns one child that runs one job kind of gui.compute.symbolic_jobs for its
whole life. Children are forked from multiprocessing's fork server: a clean Python
(never a fork of this Qt process) that has imported sympy, the engine and ziamath
once, so a new child is ready in a few milliseconds and can be thrown away freely.

Only the newest request counts: `request` returns an id, and results of older ids are
dropped. A child still busy with a stale request `kill_after_ms` after a newer one
came is killed and replaced, so a slow expression never delays the next one. The
child gets plain data (an expression's *text*, which it parses with the engine's safe
parser; LaTeX strings) and sends back plain picklable results. `shutdown` kills it
without waiting for anything but its exit; children are daemons of this process and
also leave when its end of the pipe closes. `end_helpers`, as the app's process ends,
kills the fork server (its children die with it), even while it is still importing.
"""
from __future__ import annotations

import contextlib
import functools
import multiprocessing
import os
import signal
import threading
from multiprocessing import forkserver, spawn
from pathlib import Path

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Signal

from gui import NO_QT_ENV
from gui.compute.symbolic_jobs import serve

# Imported once by the fork server, so every child starts with them.
PRELOAD = ["gui.compute.symbolic_warm_up"]     # imports gui.compute.symbolic_jobs, the engine, ziamath
_NAME = "gradient-lab "      # prefix of our children's process names
KILL_AFTER_MS = 0     # a stale request is abandoned at once: a fresh child costs ~10 ms
_RETRIES = 1          # a child that dies under a request gets it once more

_context = None
_context_lock = threading.Lock()
_ended = False        # end_helpers ran: no fork server is started again


def _preparation_data(name, _original=spawn.get_preparation_data):
    """multiprocessing's start-up data for a child, without the main module for ours.

    A child normally imports the parent's __main__ again (a script as __mp_main__),
    which costs time and runs any unguarded top-level code of a script that built the
    window. Ours need nothing from it: their target lives in gui.compute.symbolic_jobs.
    """
    data = _original(name)
    if name.startswith(_NAME):
        data.pop("init_main_from_path", None)
        data.pop("init_main_from_name", None)
    return data


def _fork_server():
    global _context
    with _context_lock:
        if _context is None:
            spawn.get_preparation_data = _preparation_data
            if "forkserver" in multiprocessing.get_all_start_methods():
                ctx = multiprocessing.get_context("forkserver")
                ctx.set_forkserver_preload(PRELOAD)
            else:   # Windows: each child a fresh interpreter (slower to replace, same answers)
                ctx = multiprocessing.get_context("spawn")
            _context = ctx
    return _context


def _ensure_fork_server() -> None:
    """Start the fork server (once) with this project importable for its preloads:
    Python 3.11's fork server ignores the parent's sys.path, so a checkout that is not
    installed and not the working directory would preload nothing."""
    if _fork_server().get_start_method() != "forkserver":
        return
    root = str(Path(__file__).resolve().parents[2])
    with _context_lock:
        if _ended:
            raise RuntimeError("the app is ending")
        before = os.environ.get("PYTHONPATH")
        os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (root, before) if p)
        os.environ[NO_QT_ENV] = "1"     # the server needs no Qt, nor pyqtgraph (gui/__init__)
        try:
            forkserver.ensure_running()
        finally:
            del os.environ[NO_QT_ENV]
            if before is None:
                del os.environ["PYTHONPATH"]
            else:
                os.environ["PYTHONPATH"] = before


def prepare() -> None:
    """Start the fork server now, in the background (its imports take ~1–2 s), so the
    first request finds it ready; a no-op once it runs. Put off inside `prepare_later`."""
    global _preparing
    if _put_off is not None:
        _put_off.append(True)
        return
    with _context_lock:
        if _preparing:
            return
        _preparing = True
    threading.Thread(target=_ensure_fork_server, daemon=True, name="fork server").start()


_preparing = False
_put_off = None      # inside prepare_later: the prepare() calls it caught


@contextlib.contextmanager
def prepare_later():
    """Within the block prepare() is only noted; the block yields `start()`, which then
    prepares, if asked. A plain start calls it after its window's first paint: the fork
    server's start (two more Pythons) slowed the build ~0.5 s on a busy 2-core machine."""
    global _put_off
    outer, _put_off = _put_off, []
    asked = _put_off
    try:
        yield lambda: prepare() if asked else None
    finally:
        _put_off = outer


def end_helpers() -> None:
    """For the end of the app's process only: SIGKILL the fork server at once, whether it
    serves or is still importing sympy (~1–6 s after launch on a busy machine, which the
    app's exit and its own lifeline poll both waited for), and never start one again.
    Its children die with it (their parent-death signal, gui.compute.lifeline); the
    resource tracker ends when the last of them and the app have gone."""
    global _ended
    with _context_lock:       # a server being started now has its pid set first
        _ended = True
    if _context is None or _context.get_start_method() != "forkserver":
        return
    server = forkserver._forkserver
    # Held from now on: a starter thread still in Process.start would otherwise find
    # the server dead and start another (multiprocessing restarts a dead one).
    if not server._lock.acquire(timeout=1.0):
        return
    pid = server._forkserver_pid
    if pid is None:
        return
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass


class ChildProcess(QObject):
    """One child running gui.compute.symbolic_jobs.JOBS[job], newest request only.

    item(id, result) for each result of the newest request, then done(id) (or
    failed(id, message)). Must live in the GUI thread.
    """
    item = Signal(int, object)
    done = Signal(int)
    failed = Signal(int, str)
    sent = Signal(int)            # the child has been given this request: its work starts
    _started = Signal(object)     # from the starter thread: (process, connection) or an error

    def __init__(self, job: str, kill_after_ms: int = KILL_AFTER_MS, parent=None):
        super().__init__(parent)
        self.job = job
        self.kill_after_ms = kill_after_ms
        self._latest = 0
        self._shared = None          # the newest id, read by the child between results
        self._process = self._conn = self._notifier = None
        self._alive = []             # [(process, conn)] of the running child, for `destroyed`
        self._starter: threading.Thread | None = None
        self._in_flight = None       # (id, payload, tries) sent to the child, not answered
        self._waiting = None         # (id, payload, tries) newest, not sent yet
        self._closed = False
        self._kill_timer = QTimer(self, singleShot=True)
        self._kill_timer.timeout.connect(self._on_kill_timer)
        self._started.connect(self._on_started)
        # A widget deleted without shutdown (a window closed by its parent) stops the child too.
        self.destroyed.connect(functools.partial(_kill_all, self._alive))

    # --- public -------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """A request has not been answered yet."""
        return self._in_flight is not None or self._waiting is not None

    @property
    def pid(self) -> int | None:
        """The running child's process id (None before the first request or after shutdown)."""
        return self._process.pid if self._process is not None else None

    def request(self, payload) -> int:
        """Send payload to the child (now, or once the one before is answered or killed);
        returns the request's id."""
        self._latest += 1
        if self._shared is not None:
            self._shared.value = self._latest     # a cooperative job stops at its next result
        self._waiting = (self._latest, payload, 0)
        if self._in_flight is not None and not self._kill_timer.isActive():
            self._kill_timer.start(self.kill_after_ms)
        self._pump()
        return self._latest

    def stop(self) -> None:
        """Kill the child and drop what it was asked, without waiting for anything (a
        child still starting is killed when it arrives); a later request starts anew."""
        self._stop(timeout_s=0.0)
        self._closed = False

    def shutdown(self, timeout_s: float = 2.0) -> None:
        """Kill the child and wait (up to timeout_s) for it to exit; no request is answered
        afterwards. A child still being forked is not waited for (the fork server may
        still be importing, for seconds): it is killed when it arrives."""
        self._stop(timeout_s=timeout_s)

    def _stop(self, timeout_s: float) -> None:
        self._closed = True
        self._waiting = self._in_flight = None
        self._kill_timer.stop()
        starter, self._starter = self._starter, None
        result = getattr(starter, "result", None)
        if isinstance(result, tuple):                # started but not yet handed over
            self._adopt(*result)
        # else it is still starting: _on_started (or its thread, if this object is
        # deleted by then) kills what it brings
        self._stop_child(timeout_s=max(timeout_s, 1.0))

    # --- the child ---------------------------------------------------------------
    def _pump(self) -> None:
        if self._closed or self._waiting is None:
            return
        if self._conn is None:
            self._start()
            return
        if self._in_flight is None:
            self._in_flight, self._waiting = self._waiting, None
            request_id, payload, _tries = self._in_flight
            try:
                self._conn.send((request_id, payload))
            except (OSError, EOFError):
                self._on_child_died()
                return
            self.sent.emit(request_id)

    def _start(self) -> None:
        if self._starter is not None:
            return
        if self._shared is None:
            self._shared = _fork_server().RawValue("q", 0)
        self._shared.value = self._latest
        # Process.start waits for the fork server, which imports sympy and ziamath
        # (~1 s) the first time: a thread waits, never the GUI.
        self._starter = threading.Thread(target=self._start_in_thread, daemon=True,
                                         name=f"start {self.job} child")
        self._starter.start()

    def _start_in_thread(self) -> None:
        thread = threading.current_thread()
        try:
            ctx = _fork_server()
            _ensure_fork_server()
            ours, theirs = ctx.Pipe()
            process = ctx.Process(target=serve, args=(theirs, self.job, self._shared),
                                  daemon=True, name=f"{_NAME}{self.job}")
            process.start()
            theirs.close()
            thread.result = (process, ours)
        except Exception as exc:   # noqa: BLE001 - reported as a failed request
            thread.result = exc
        try:
            self._started.emit(thread)
        except RuntimeError:       # this object was deleted meanwhile: nobody waits
            if isinstance(thread.result, tuple):
                _kill_all([thread.result])

    def _on_started(self, thread) -> None:
        thread.join()
        result = thread.result
        if thread is not self._starter:              # stopped while it started
            if isinstance(result, tuple) and result[0] is not self._process:
                _kill_all([result])
            return
        self._starter = None
        if isinstance(result, Exception):
            self._fail_all(f"the {self.job} process did not start: {result}")
            return
        self._adopt(*result)
        self._pump()

    def _adopt(self, process, conn) -> None:
        self._process, self._conn = process, conn
        self._alive[:] = [(process, conn)]
        self._notifier = QSocketNotifier(conn.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_readable)

    def _on_readable(self, *_):
        try:
            while self._conn is not None and self._conn.poll():
                kind, request_id, value = self._conn.recv()
                self._on_message(kind, request_id, value)
        except (EOFError, OSError):
            self._on_child_died()

    def _on_message(self, kind, request_id, value) -> None:
        if kind == "item":
            if request_id == self._latest and not self._closed:
                self.item.emit(request_id, value)
            return
        if self._in_flight is not None and self._in_flight[0] == request_id:
            self._in_flight = None
            self._kill_timer.stop()
        if request_id == self._latest and not self._closed:
            if kind == "error":
                self.failed.emit(request_id, value)
            else:
                self.done.emit(request_id)
        self._pump()

    def _on_kill_timer(self) -> None:
        if self._in_flight is not None and self._in_flight[0] != self._latest:
            self._in_flight = None               # stale: not worth waiting for
            self._stop_child()
            self._pump()

    def _on_child_died(self) -> None:
        lost, self._in_flight = self._in_flight, None
        self._stop_child()
        if lost is not None and lost[0] == self._latest and self._waiting is None:
            if lost[2] < _RETRIES:
                self._waiting = (lost[0], lost[1], lost[2] + 1)
            else:
                self.failed.emit(lost[0], f"the {self.job} process stopped")
        self._pump()

    def _fail_all(self, message: str) -> None:
        lost = self._waiting or self._in_flight
        self._waiting = self._in_flight = None
        if lost is not None and lost[0] == self._latest:
            self.failed.emit(lost[0], message)

    def _stop_child(self, timeout_s: float = 2.0) -> None:
        # Killed, not asked to leave: a child holds nothing worth saving, and one busy in
        # sympy would be waited for (0.2 s each, at every quit mid-analysis).
        process, conn, notifier = self._process, self._conn, self._notifier
        self._process = self._conn = self._notifier = None
        self._alive.clear()
        if notifier is not None:
            notifier.setEnabled(False)
            notifier.deleteLater()
        if conn is not None:
            conn.close()
        if process is None:
            return
        if process.is_alive():
            process.kill()
        process.join(timeout_s)


def _kill_all(alive, *_):
    for process, conn in alive:
        conn.close()
        if process.is_alive():
            process.kill()
        process.join(1.0)
    alive.clear()
