"""model.falling: the direction the f on screen is proved unbounded below along (from
the points helper, after the critical points), tied to that f and no other."""
import pytest

from engine.expression import parse
from gui.compute import symbolic_memo


def falling_answered(model, qtbot, text):
    """`text` typed and its helper's falling answer in: waited for on the state, not on
    `falling.changed`, which a text recalled from the memo (typed in an earlier test)
    never sends."""
    model.set_text(text)
    assert model.wait_for_analysis(60000)
    qtbot.waitUntil(lambda: symbolic_memo.falling_known(text), timeout=30000)


def test_the_direction_is_the_shown_fs_own(model, qtbot):
    falling_answered(model, qtbot, "x^3")
    assert model.falling.direction(model.expression) == (-1.0,)
    # an equal f that is not the one on screen, or none: no claim
    assert model.falling.direction(parse("x^3")) is None
    assert model.falling.direction(None) is None
    model.set_window(((-5.0, 1.0),))                 # a pan: the same f, still known
    assert model.wait_for_analysis(60000)
    assert model.falling.direction(model.expression) == (-1.0,)
    falling_answered(model, qtbot, "x^4 - x^2")                # a minimum: none
    assert model.falling.direction(model.expression) is None
    falling_answered(model, qtbot, "x^3 + y^3")
    assert model.falling.direction(model.expression) == pytest.approx((-2 ** -0.5,) * 2)
    # typed again: the answers recalled from the memo, no helper asked, no signal sent
    # (the test that waited for `falling.changed` here timed out)
    falling_answered(model, qtbot, "x^3")
    assert model.falling.direction(model.expression) == (-1.0,)
