"""A stress test (issue 16, items 1 and 3): 150 formula changes at random short intervals,
mixing one- and two-variable and heavy formulas, with tab switches and theme toggles
between them. No crash, no warning from Qt, and the final picture is the last formula's.

The schedule is drawn from a fixed seed. 300 changes from seed 16 took ~35 s of the
suite, then 150 from seed 371 ~25 s (issue 15: the suite must run in 3 minutes); the 51
from seed 9875 reach every state those did: every formula, every change from one pool to
another, every tab, theme and focus mode, and every pairing of a tab, theme or focus
change with the pool in use (the 9 pairings seed 16's 300 and seed 371's 150 reached).
No seed below 30,000 reaches that in fewer changes; more changes only repeat transitions
already made. The test checks its schedule's reach, so a new seed or count cannot quietly
shrink it."""
import random
import time

import numpy as np
from PySide6.QtCore import QtMsgType, qInstallMessageHandler

ONE_D = ["x", "x^2", "sin(x)", "x^3 - x", "exp(-x^2)", "abs(x)", "1/x"]
TWO_D = ["x^2 + y^2", "sin(x)*cos(y)", "(1-x)^2 + 100(y-x^2)^2", "x*y", "x^2 - y^2",
         "log(x^2 + y^2)"]
HEAVY = ["x^400*y^400", "(x^500+y^500)^2", "1/(x^1000+1)", "sigmoid(x^1000*y)",
         "sin(x^1000)", "*".join(f"sin({k}x+{k}y)" for k in range(1, 30)), "x*1e300 + y"]
CHANGES = 51
SEED = 9875
LAST = "sin(x)*cos(y) + x/5"


def test_rapid_edits_tab_switches_and_themes(window, qtbot):
    warnings = []

    def handler(kind, _context, message):
        if kind in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
            warnings.append(message)

    previous = qInstallMessageHandler(handler)
    rng = random.Random(SEED)
    seen = {"formula": set(), "pool change": set(), "tab": set(), "theme": set(),
            "focus": set(), "change with pool": set()}
    # CPU time of this process, printed only: a timing is no test (0.4 s per change held
    # here, 0.52 on a slow CI host); benchmarks/gui_bench.py measures edits
    model, start, wall = window.model, time.process_time(), time.monotonic()
    try:
        for i in range(CHANGES):
            pool = rng.choice([ONE_D, TWO_D, TWO_D, HEAVY])
            text = rng.choice(pool)
            if i:
                seen["pool change"].add((_pool_of(last_text), _pool_of(text)))
            seen["formula"].add(text)
            last_text = text
            model.set_text(text)
            roll = rng.random()
            if roll < 0.08:
                tab = rng.choice(["explorer", "explorer", "neuron", "network"])
                seen["tab"].add(tab)
                seen["change with pool"].add(("tab", _pool_of(text)))
                window.show_tab(tab)
            elif roll < 0.12:
                name = rng.choice(["dark", "light"])
                seen["theme"].add(name)
                seen["change with pool"].add(("theme", _pool_of(text)))
                window.commands.set_theme(name)
            elif roll < 0.15:
                mode = rng.choice(["both", "contour", "surface"])
                seen["focus"].add(mode)
                seen["change with pool"].add(("focus", _pool_of(text)))
                window.set_focus_mode(mode)
            qtbot.wait(rng.randint(0, 25))
        window.show_tab("explorer")
        window.set_focus_mode("both")
        window.commands.set_theme("light")
        model.set_text(LAST)
        assert model.wait_for_analysis(40000)
        # the final picture: the contour map is the last formula sampled on its grid (a
        # Qt warning from the last changes' repaints is caught meanwhile: the handler
        # stays until the picture is checked, where a fixed 300 ms wait gave it time)
        view = window.contour_view
        qtbot.waitUntil(lambda: view.landscape is not None
                        and str(model.expression) == str(view._drawn_expression),
                        timeout=10000)
        image = window.grab().toImage()
    finally:
        qInstallMessageHandler(previous)
    elapsed, wall = time.process_time() - start, time.monotonic() - wall
    # the schedule's reach (see the module's docstring)
    assert seen == {"formula": set(ONE_D + TWO_D + HEAVY),
                    "pool change": {(a, b) for a in range(3) for b in range(3)},
                    "tab": {"explorer", "neuron", "network"}, "theme": {"dark", "light"},
                    "focus": {"both", "contour", "surface"},
                    "change with pool": {(kind, pool) for kind in ("tab", "theme", "focus")
                                         for pool in range(3)}}, seen
    assert not warnings, warnings[:5]
    assert window.isVisible() and model.text == LAST
    scape = view.landscape
    X, Y = np.meshgrid(scape.xs, scape.ys, indexing="ij")
    np.testing.assert_allclose(scape.Z, np.sin(X) * np.cos(Y) + X / 5, atol=1e-12)
    centre = view.mapTo(window, view.rect().center())
    colours = {image.pixelColor(centre.x() + dx, centre.y() + dy).name()
               for dx in range(-40, 41, 20) for dy in range(-40, 41, 20)}
    assert len(colours) > 3           # a drawn map, not a blank
    print(f"{CHANGES} changes in {wall:.1f} s ({elapsed:.1f} s of CPU)")
    # the helper that did the symbolic work stops with the model, within a few seconds
    pid = model._worker.child.pid
    model.shutdown()
    deadline = time.monotonic() + 5
    while pid is not None and _running(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert pid is None or not _running(pid)


def _pool_of(text) -> int:
    return next(k for k, pool in enumerate((ONE_D, TWO_D, HEAVY)) if text in pool)


def _running(pid) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False
