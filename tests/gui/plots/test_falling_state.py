"""model.falling: the direction the f on screen is proved unbounded below along (from
the points helper, after the critical points), tied to that f and no other."""
import pytest

from engine.expression import parse


def _typed(model, qtbot, text):
    with qtbot.waitSignal(model.falling.changed, timeout=30000):    # the helper's answer
        model.set_text(text)
    assert model.wait_for_analysis(60000)


def test_the_direction_is_the_shown_fs_own(model, qtbot):
    _typed(model, qtbot, "x^3")
    assert model.falling.direction(model.expression) == (-1.0,)
    # an equal f that is not the one on screen, or none: no claim
    assert model.falling.direction(parse("x^3")) is None
    assert model.falling.direction(None) is None
    model.set_window(((-5.0, 1.0),))                 # a pan: the same f, still known
    assert model.wait_for_analysis(60000)
    assert model.falling.direction(model.expression) == (-1.0,)
    _typed(model, qtbot, "x^4 - x^2")                # a minimum: none
    assert model.falling.direction(model.expression) is None
    _typed(model, qtbot, "x^3 + y^3")
    assert model.falling.direction(model.expression) == pytest.approx((-2 ** -0.5,) * 2)
