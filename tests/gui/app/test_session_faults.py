"""Bad, diverged and foreign session files (issue 16, items 2, 6, 7, 8, 10): the app
starts and says what was wrong, keeps a bad last session aside, saves diverged state,
keeps a file's mode and symbolic link, never overwrites a newer version's last session,
and always shuts down when the window closes."""
import json
import math
import os
import stat

import pytest

from gui.app.application import build_window
from gui.app.session import SESSION_VERSION, load_session, save_session

NESTED = '{"a":' * 5000 + "1" + "}" * 5000


def _last(settings):
    from gui.app.session_controller import LAST_SESSION
    return os.path.join(os.path.dirname(settings.fileName()), LAST_SESSION)


def _write_last(settings, text):
    path = _last(settings)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)
    return path


def _start(shown, settings):
    model, win = build_window(restore_last=True, settings=settings)
    shown(win, 1200, 800)
    assert model.wait_for_analysis(30000)
    return model, win


def _good_state(tmp_path, shown, settings):
    model, win = _start(shown, settings)
    state = win.session.state()
    model.shutdown()
    win.close()
    return state


@pytest.mark.parametrize("text, words", [
    (NESTED, "nested far too deeply"),
    ("[" * 100000 + "]" * 100000, "nested far too deeply"),
    ('{"app": "Gradient Lab", "version": 1, "explorer": {}, "file": 123}', "not restored"),
], ids=["nested objects", "nested lists", "explorer empty, file 123"])
def test_a_bad_last_session_is_put_aside_and_the_app_starts(shown, settings, text, words):
    path = _write_last(settings, text)
    model, win = _start(shown, settings)
    message = win.statusBar().currentMessage()
    assert "The last session was not restored" in message and words in message, message
    assert model.text == "x^2 + 2y^2"               # the default example, alive
    assert not os.path.exists(path)
    aside = [n for n in os.listdir(os.path.dirname(path)) if ".bad-" in n]
    assert len(aside) == 1 and open(os.path.join(os.path.dirname(path), aside[0])).read() == text
    assert aside[0] in message
    model.shutdown()


def test_file_name_of_the_wrong_type_in_the_last_session(shown, settings, tmp_path):
    state = _good_state(tmp_path, shown, settings)
    path = _write_last(settings, json.dumps({"app": "Gradient Lab", "version": 1, **state,
                                             "file": 123, "modified": False}))
    model, win = _start(shown, settings)
    assert "file name" in win.statusBar().currentMessage()
    assert not os.path.exists(path)
    model.shutdown()


# one worker runs all the cases of the shared window (else each worker builds its own, and
# cases interleaved with other modules' tests would rebuild it)
SHARED_WINDOW = pytest.mark.xdist_group("session_faults_reused_window")


@SHARED_WINDOW
def test_open_of_a_nested_file_says_so(reused_window, tmp_path):
    window = reused_window            # a refused open changes nothing: one window serves
    path = tmp_path / "deep.gradlab.json"
    path.write_text(NESTED)
    assert not window.commands.open(path)
    assert "nested far too deeply" in window.commands.last_message
    assert path.read_text() == NESTED


BEYOND_THE_CONTROLS = [
    (lambda s: s["explorer"]["descent"].update(max_steps=10**7), "max steps must be from 1 to 5000"),
    (lambda s: s["explorer"]["descent"].update(lr=-1), "learning rate must be from"),
    (lambda s: s["explorer"].pop("descent"), "no descent settings"),
    (lambda s: s["explorer"].update(window=[[-1e300, 1e300], [-1, 1]]), "window must be from"),
    (lambda s: s["network"].update(jacobian_layer=99), "Jacobian's layer must be from 1 to"),
    (lambda s: s["network"].update(batch_size="abc"), "batch size must be a number"),
    (lambda s: s["network"].update(batch_size=0), "batch size must be from 1"),
    (lambda s: s["network"].update(step=-5), "step must be from 0"),
    (lambda s: s["network"].update(lr=-1), "learning rate η must be from"),
    (lambda s: s["network"].update(n_points=10**8), "number of points must be from 2 to 2000"),
    (lambda s: s["network"].update(steps_per_tick=1e9), "steps per frame must be from 1 to 200"),
    (lambda s: s["explorer"]["descent"].update(seed=10**40), "noise seed must be from"),
]


@SHARED_WINDOW
def test_values_beyond_the_controls_are_refused_in_plain_words(reused_window, tmp_path):
    """Every case in one test (they were a parametrized case each, each paying File ▸ New
    and its fresh-start check, issue 15): each open is refused and changes nothing, which
    is checked after each, so every case starts from the same fresh state. A case that
    fails is named with the others that failed."""
    window = reused_window            # each case is refused and changes nothing: one window
    window.network                    # the tab exists: its repaints would raise on bad values
    fresh = window.session.state()
    failed = []
    for case, (change, words) in enumerate(BEYOND_THE_CONTROLS):
        state = window.session.state()
        change(state)
        path = tmp_path / f"bad-{case}.gradlab.json"
        save_session(path, state)
        opened = window.commands.open(path)
        message = window.commands.last_message
        changed = window.session.state() != fresh
        if opened or changed or words not in message or "NoneType" in message \
                or "'descent'" in message:
            failed.append((words, "opened" if opened else message,
                           "changed the session" if changed else ""))
        if changed:           # the cases after it would not start from a fresh state
            break
    assert not failed, failed


@SHARED_WINDOW
def test_diverged_network_saves_and_reads_back_nan(reused_window, tmp_path, qtbot):
    window = reused_window            # File ▸ New puts the training back
    net = window.network.model
    net.set_activation("none")
    net.set_lr(5.0)
    net.train(200)
    assert net.diverged
    path = tmp_path / "diverged.gradlab.json"
    assert window.commands.save_as(path)
    data = load_session(path)
    assert any(isinstance(c, float) and math.isnan(c) for c in data["network"]["cost_history"])
    assert "NaN" in path.read_text()
    json.loads(path.read_text(), parse_constant=lambda c: pytest.fail(f"non-JSON {c}"))
    window.commands.new_session()
    assert window.commands.open(path)
    assert math.isnan(net.cost)


def test_close_shuts_down_even_when_the_last_session_cannot_be_saved(shown, settings, monkeypatch):
    model, win = _start(shown, settings)
    calls = []
    monkeypatch.setattr(win.session, "save_last",
                        lambda: (_ for _ in ()).throw(ValueError("Out of range float values")))
    monkeypatch.setattr(model, "shutdown", lambda: calls.append("explorer"))
    win.close()
    assert calls == ["explorer"]
    assert not win.isVisible()
    model._worker.shutdown()


@SHARED_WINDOW
def test_save_keeps_the_mode_and_writes_through_a_symlink(reused_window, tmp_path):
    window = reused_window            # File ▸ New puts the file and f back
    target = tmp_path / "real.gradlab.json"
    assert window.commands.save_as(target)
    os.chmod(target, 0o644)
    link = tmp_path / "link.gradlab.json"
    link.symlink_to(target)
    window.model.set_text("x^2 + y^2")
    assert window.model.wait_for_analysis()
    assert window.commands.save_as(link)
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o644
    assert load_session(target)["explorer"]["text"] == "x^2 + y^2"


def test_a_newer_versions_last_session_is_not_overwritten(shown, settings):
    newer = json.dumps({"app": "Gradient Lab", "version": SESSION_VERSION + 1, "explorer": {}})
    path = _write_last(settings, newer)
    model, win = _start(shown, settings)
    assert "newer Gradient Lab" in win.statusBar().currentMessage()
    win.close()
    assert open(path).read() == newer


@SHARED_WINDOW
def test_zooming_out_3000_times_is_capped(reused_window, capsys):
    window = reused_window            # File ▸ New puts the zoom back
    for _ in range(3000):
        window.commands.zoom(1.25)
    assert window.model.wait_for_analysis()
    (xlo, xhi), (ylo, yhi) = window.model.window
    assert -1e6 <= xlo < xhi <= 1e6 and -1e6 <= ylo < yhi <= 1e6
    for _ in range(3000):
        window.commands.zoom(0.8)
    assert window.model.wait_for_analysis()
    (xlo, xhi), _ = window.model.window
    assert xhi - xlo >= 1e-6 * 0.999
    assert "Traceback" not in capsys.readouterr().err
