"""The explorer's view-model: the expression on screen is always the newest typed."""
import pytest

from engine.expression import parse


def test_a_new_window_while_an_expression_is_on_its_way_keeps_the_new_expression(model):
    model.set_text("x^2 + 2y^2")
    assert model.wait_for_analysis()
    model.set_text("sin(x)*y")
    model.set_window(((-2.0, 2.0), (-1.0, 1.0)))     # before the worker has answered
    assert model.wait_for_analysis()
    assert model.expression == parse("sin(x)*y")
    assert model.window == ((-2.0, 2.0), (-1.0, 1.0))


def test_typing_back_to_the_shown_expression_wins_over_the_pending_one(model):
    model.set_text("x^2 + 2y^2")
    assert model.wait_for_analysis()
    shown = model.expression
    model.set_text("x^3 - 3x*y^2")                  # on its way …
    model.set_text("x^2 + 2y^2")                    # … and back before it arrives
    assert model.wait_for_analysis()
    assert model.expression == shown


@pytest.mark.parametrize("text", [
    "x^2 + 2y^2",                 # small, compiled from its tree: answered inside the request
    "max(x^2, 2y^2) + x*y",       # max: not read from the tree, answered by the worker's job
])
def test_a_restored_state_comes_back_at_its_frame_whenever_the_analysis_answers(model, text):
    """Session open and undo put the frame back: a small f answered inside set_state's
    request reset it to 0 (the saved frame was noted after the analysis had come)."""
    model.set_text(text)
    assert model.wait_for_analysis()
    model.set_settings(lr=0.05, methods=("gd", "momentum"))
    model.set_start((1.5, -1.0))
    model.set_frame(5)
    saved = model.get_state()
    assert saved["frame"] == 5
    model.set_text("sin(x)*y")
    assert model.wait_for_analysis()
    model.set_settings(lr=0.2, methods=("gd",))
    model.set_frame(1)
    model.set_state(saved)
    assert model.wait_for_analysis()
    assert model.expression == parse(text)
    assert model.frame == 5
    assert model.last_frame > 5
    assert model.settings.lr == 0.05 and model.settings.methods == ("gd", "momentum")
    assert model.start == (1.5, -1.0)
    assert model.get_state() == saved


def test_wait_for_analysis_waits_once_within_one_deadline(model, monkeypatch):
    """It waited on the worker, then on the framing search, then on the worker again,
    each with the whole timeout: up to three times `timeout_ms`, and a second wait on a
    worker already idle. Now one loop until all are idle at once, with one deadline."""
    model.set_text("x^2 + 2y^2")
    assert model.wait_for_analysis(60000)
    waits, wait_idle = [], model._worker.wait_idle
    monkeypatch.setattr(model._worker, "wait_idle",
                        lambda timeout_ms: waits.append(timeout_ms) or wait_idle(timeout_ms))
    model.set_text("x^2 + 3y^2")           # its minimum in view: nothing re-frames
    assert model.wait_for_analysis(60000)
    assert model.expression == parse("x^2 + 3y^2") and model.critical_points
    assert len(waits) == 1 and waits[0] <= 60000, waits
