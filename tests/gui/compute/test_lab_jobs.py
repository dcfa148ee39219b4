"""LabJobs: progressive results by signal, the newest request wins, failures reported."""
import time

from gui.compute.lab_jobs import LabJobs


def test_progress_then_final_and_a_newer_request_drops_the_older(qtbot):
    jobs = LabJobs()
    seen = []
    jobs.progressed.connect(lambda i, r: seen.append(("progress", i, r)))
    jobs.finished.connect(lambda i, r: seen.append(("final", i, r)))

    def slow():
        # long enough that a loaded machine cannot finish it before the newer request
        # (it is dropped at its next piece, so it costs nothing when the test passes)
        for k in range(1000):
            time.sleep(0.02)
            yield k

    def quick():
        yield "a"
        yield "b"

    first = jobs.request(slow)
    qtbot.waitUntil(lambda: any(s[1] == first for s in seen), timeout=10000)
    second = jobs.request(quick)
    qtbot.waitUntil(lambda: ("final", second, "b") in seen, timeout=10000)
    assert ("progress", second, "a") in seen
    assert not any(s[0] == "final" and s[1] == first for s in seen)   # abandoned
    assert jobs.newest == second and not jobs.busy()
    jobs.shutdown()


def test_a_failing_job_says_why(qtbot):
    jobs = LabJobs()
    failures = []
    jobs.failed.connect(lambda i, message: failures.append(message))

    def broken():
        yield 1
        raise ValueError("lr must be a number")

    jobs.request(broken)
    qtbot.waitUntil(lambda: bool(failures), timeout=10000)
    assert failures == ["ValueError: lr must be a number"]
    jobs.shutdown()
