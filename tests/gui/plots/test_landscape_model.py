"""The explorer's view-model: the expression on screen is always the newest typed."""
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
