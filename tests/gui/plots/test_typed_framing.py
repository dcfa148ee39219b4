"""Himmelblau's f typed after the default example kept ±4 × ±3 (two of its four minima
off the map) and the carried start (3, 2), exactly one of its minima: every run stood
still. A typed 2-D f now re-frames to hold its critical points and moves a start that
is on one of them, saying so; a window the user chose, a preset's and a periodic f's
window stay (gui/plots/typed_framing.py)."""
import numpy as np
import pytest

import engine.calculus
from engine.calculus import is_critical_at
from gui.app.presets import find_preset
from gui.compute import symbolic_memo
from gui.plots.typed_framing import frame_for_points, search_box

HIMMELBLAU = "(x^2+y-11)^2 + (x+y^2-7)^2"
HIMMELBLAU_MINIMA = [(3.0, 2.0), (-2.805118, 3.131313), (-3.779310, -3.283186),
                     (3.584428, -1.848127)]


def _inside(point, window):
    return all(lo <= v <= hi for v, (lo, hi) in zip(point, window))


def _typed(model, text):
    model.set_text(text)
    assert model.wait_for_analysis(60000)


def test_himmelblau_typed_after_the_default_shows_its_four_minima_and_starts_off_them(
        model, qtbot):
    _typed(model, "x^2 + 2y^2")
    assert model.start == (3.0, 2.0)
    notices = []
    model.notice.connect(notices.append)
    _typed(model, HIMMELBLAU)
    assert all(_inside(p, model.window) for p in HIMMELBLAU_MINIMA), model.window
    minima = [cp.point for cp in model.critical_points if cp.kind == "minimum"]
    assert len(minima) == 4              # found on the new window: all four on the map
    assert _inside(model.start, model.window)
    assert not is_critical_at(model.expression, model.start, model.window)
    path = next(iter(model.paths.values()))
    assert len(path.points) > 1          # a run moves (was: "converged at step 0")
    assert len(notices) == 1 and "(3, 2) is a minimum" in notices[0], notices


def test_a_window_the_user_chose_is_kept_and_the_start_still_moves_off_a_minimum(model):
    _typed(model, "x^2 + 2y^2")
    model.set_window(((-4.0, 4.5), (-3.0, 3.0)))          # a pan by hand
    _typed(model, HIMMELBLAU)
    assert model.window == ((-4.0, 4.5), (-3.0, 3.0))
    assert not is_critical_at(model.expression, model.start, model.window)


def test_a_start_the_user_did_not_leave_on_a_critical_point_stays(model):
    _typed(model, "x^2 + 2y^2")
    model.set_start((1.0, 1.0))
    _typed(model, "(x-5)^2 + (y-3)^2")     # its minimum off the map: framed, start kept
    assert _inside((5.0, 3.0), model.window) and model.window != ((-4.0, 4.0), (-3.0, 3.0))
    assert model.start == (1.0, 1.0)


@pytest.mark.parametrize("text", ["sin(x)cos(y)", "x^2 - y^2", "(1-x)^2 + 100(y-x^2)^2",
                                  "sin(x)*y"])     # saddles at x = kπ: ±2π just inside the rim
def test_an_f_whose_features_are_in_view_or_go_on_forever_keeps_the_window(model, text):
    _typed(model, "x^2 + 2y^2")
    _typed(model, text)
    assert model.window == ((-4.0, 4.0), (-3.0, 3.0))


def test_a_preset_keeps_its_own_window_and_start(model):
    _typed(model, "x^2 + 2y^2")
    preset = dict(find_preset("Himmelblau"), start=[3, 2])     # on a minimum, on purpose
    model.load_preset(preset)
    assert model.wait_for_analysis(60000)
    assert model.window == ((-5.0, 5.0), (-5.0, 5.0)) and model.start == (3.0, 2.0)


def test_the_frame_holds_the_points_on_round_numbers_unless_they_reach_the_rim():
    window = ((-4.0, 4.0), (-3.0, 3.0))
    box = search_box(window)
    assert box == ((-8.0, 8.0), (-6.0, 6.0))
    assert frame_for_points(np.array(HIMMELBLAU_MINIMA), window, box) == ((-6.0, 6.0), (-5.0, 5.0))
    assert frame_for_points(np.array([(0.0, 0.0)]), window, box) is None       # in view
    assert frame_for_points(np.array([(5.0, 3.0)]), window, box) == ((1.0, 9.0), (0.0, 6.0))
    assert frame_for_points(np.array([(5.0, 3.0), (7.5, 0.0)]), window, box) is None  # at the rim


def test_a_preset_loaded_before_a_typed_fs_search_answers_keeps_its_own_window(model, qtbot):
    """Typed, then an example (or a session, or Undo) before the search came back: the
    typed f's answer re-framed the example's window (a session saved at ±4 × ±3 reopened
    at ±9 × ±3, 3 times in 4 under load)."""
    _typed(model, "x^2 + 2y^2")
    model.set_text(HIMMELBLAU)
    qtbot.waitUntil(lambda: model.expression is not None
                    and np.isclose(model.expression(3.0, 2.0), 0.0), timeout=20000)
    qtbot.wait(300)            # typing rested: the search is under way (~65 ms)
    with model.requests_held():         # the example's analysis after the search's answer
        model.load_preset({"expr": "max(x^2, 2y^2) + x*y", "window": [[-4, 4], [-3, 3]],
                           "start": [3, 2], "methods": ["gd"], "lr": 0.1, "max_steps": 50,
                           "name": "", "caption": ""})
        qtbot.wait(600)
    assert model.wait_for_analysis(60000)
    assert model.window == ((-4.0, 4.0), (-3.0, 3.0))
    assert model.start == (3.0, 2.0)

def test_x2_2y2_typed_after_the_himmelblau_example_moves_off_its_minimum(model, qtbot):
    # walkthrough b11: the example's start (0, 0) is x² + 2y²'s minimum
    notices = []
    model.notice.connect(notices.append)
    model.load_preset(find_preset("Himmelblau"))
    assert model.wait_for_analysis(60000) and model.start == (0.0, 0.0)
    _typed(model, "x^2 + 2y^2")
    # the search answers once typing rests: after the analysis wait_for_analysis awaits
    qtbot.waitUntil(lambda: model.start != (0.0, 0.0), timeout=20000)
    assert model.paths["gd"].stop_step > 0
    assert len(notices) == 1 and "(0, 0) is a minimum" in notices[0], notices


def test_a_typed_fs_wider_search_runs_in_the_points_helper_not_in_the_apps_process(
        model, monkeypatch):
    """The wider box was searched in a thread of the app's own process, holding the GIL
    while the GUI thread painted, and the points helper searched the window beside it.
    Now the helper is asked once for both (the window's points for the views, then the
    box's for the framing); the frame is decided from that answer, and the helper, having
    worked out the same frame, searched it ahead: the re-frame asks nothing more."""
    symbolic_memo.forget_all()        # (an earlier test's answer would come from memory)
    _typed(model, "x^2 + 2y^2")
    asked, in_process = [], []
    child, search = model._worker.points_child, engine.calculus._candidates_nd
    monkeypatch.setattr(child, "request", lambda payload, ask=child.request:
                        asked.append(payload) or ask(payload))
    monkeypatch.setattr(engine.calculus, "_candidates_nd",
                        lambda *args: in_process.append(args) or search(*args))
    _typed(model, HIMMELBLAU)
    assert not in_process
    assert asked[0] == (HIMMELBLAU, ((-4.0, 4.0), (-3.0, 3.0)), ((-8.0, 8.0), (-6.0, 6.0)))
    assert model.window == ((-6.0, 6.0), (-5.0, 5.0))
    assert asked[1:] == []          # the new window's points: searched ahead, not asked
    kinds = sorted(cp.kind for cp in model.critical_points)      # all nine in the frame
    assert kinds == ["maximum"] + ["minimum"] * 4 + ["saddle"] * 4
