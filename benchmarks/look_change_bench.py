"""GUI-thread cost of each change of look — Ctrl+D (dark, light), Ctrl++ / Ctrl+−, F11 on
and off — on each tab (prints numbers, asserts nothing).

The window at 1280×720 on "Saddle x² − y²" with gd, momentum, Adam and Newton. Each
toggle is the window's own QAction (what the key triggers), run `--rounds` times per tab.
The clock runs from the trigger until the window has settled: no one-shot zero-interval
timer of the window's pending (the page's fit, the map's refits, a held paint's release)
and the events after them processed, the last paint included. Printed per tab and toggle:
the GUI thread's CPU (`time.thread_time()`) median and each, the wall clock median, the
paints of the map's canvas, and the load average (figures are noisy on a busy machine:
compare two checkouts in the same minutes; `--compare OTHER_CHECKOUT` runs both,
interleaved). `--prof TAB:TOGGLE` (e.g. explorer:dark) prints a cProfile of that toggle.

    xvfb-run -a -s "-screen 0 1280x720x24" python3 benchmarks/look_change_bench.py [--rounds N]
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TABS = ("explorer", "neuron", "network")
# (name, action, checked or None for a plain trigger): pairs undo each other
TOGGLES = (("dark", "dark", True), ("light", "dark", False), ("ctrl+", "larger", None),
           ("ctrl-", "smaller", None), ("f11 on", "present", True), ("f11 off", "present", False))


def _settled(app, window) -> None:
    from PySide6.QtCore import QTimer
    for _ in range(200):
        app.processEvents()
        if not any(t.isActive() and t.isSingleShot() and t.interval() == 0
                   for t in window.findChildren(QTimer)):
            break
    app.processEvents()


def run(rounds: int = 3, prof: str = "") -> None:
    sys.path[:0] = [ROOT, os.path.join(ROOT, "benchmarks")]
    os.environ.setdefault("XDG_CONFIG_HOME", tempfile.mkdtemp())
    import gui_bench as gb
    from PySide6.QtCore import QEvent, QObject
    from gui.app.presets import find_preset
    app, model, window = gb._window()
    window.resize(1280, 720)
    model.load_preset(dict(find_preset("Saddle x²"), methods=list(gb.FOUR)))
    model.wait_for_analysis()
    gb._settle(app, 0.5)

    class Paints(QObject):
        count = 0

        def eventFilter(self, _obj, event):
            Paints.count += event.type() == QEvent.Type.Paint
            return False
    paints = Paints()
    window.contour_view.canvas.viewport().installEventFilter(paints)
    profile = None
    if prof:
        import cProfile
        profile = cProfile.Profile()
    actions = window.commands.actions
    lines = []
    for tab in TABS:
        window.show_tab(tab)
        gb._settle(app, 0.5)
        cpus = {name: [] for name, _, _ in TOGGLES}
        walls = {name: [] for name, _, _ in TOGGLES}
        painted = {name: [] for name, _, _ in TOGGLES}
        for _ in range(rounds):
            for name, key, checked in TOGGLES:
                gb._settle(app, 0.3)
                Paints.count = 0
                profiling = profile is not None and prof == f"{tab}:{name}"
                t0, c0 = time.perf_counter(), time.thread_time()
                if profiling:
                    profile.enable()
                if checked is None:
                    actions[key].trigger()
                else:
                    actions[key].setChecked(checked)
                _settled(app, window)
                if profiling:
                    profile.disable()
                walls[name].append((time.perf_counter() - t0) * 1e3)
                cpus[name].append((time.thread_time() - c0) * 1e3)
                painted[name].append(Paints.count)
        for name, _, _ in TOGGLES:
            lines.append(f"  {tab:9s} {name:8s} CPU median {statistics.median(cpus[name]):5.0f} ms "
                         f"(each {[round(c) for c in cpus[name]]}), wall median "
                         f"{statistics.median(walls[name]):5.0f} ms; map paints {painted[name]}")
    print(f"{ROOT}: GUI-thread CPU per toggle; load {os.getloadavg()[0]:.1f}")
    print("\n".join(lines), flush=True)
    if profile:
        import pstats
        pstats.Stats(profile).sort_stats(os.environ.get("SORT", "cumulative")).print_stats(45)


def _arg(flag, default):
    return sys.argv[sys.argv.index(flag) + 1] if flag in sys.argv else default


if __name__ == "__main__":
    if "--compare" in sys.argv:
        other = _arg("--compare", "")
        for _ in range(2):             # interleaved: this checkout, the other, ...
            for root in (ROOT, other):
                subprocess.run([sys.executable, __file__, "--root", root,
                                "--rounds", _arg("--rounds", "3")], check=False)
    else:
        ROOT = _arg("--root", ROOT)
        run(rounds=int(_arg("--rounds", "3")), prof=_arg("--prof", ""))
