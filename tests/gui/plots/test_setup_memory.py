"""SetupMemory and the model: an edit that comes back to the variables it left gets
their window and start back; a new set-up (an example) or a new function of one
variable does not."""

import pytest

from engine.expression import parse
from gui.plots.setup_memory import SetupMemory


def test_the_set_up_left_comes_back_for_the_same_variables_only():
    memory = SetupMemory()
    f = parse("x^2 + 2y^2")
    memory.leave(f, ((-5.0, 5.0), (-4.0, 4.0)), (3.0, 2.0), True)
    assert memory.recall(parse("x^2 + 2y^2")) == (((-5.0, 5.0), (-4.0, 4.0)), (3.0, 2.0), True)
    assert memory.recall(parse("x^2 + 3y^2")) == (((-5.0, 5.0), (-4.0, 4.0)), (3.0, 2.0), True)
    assert memory.recall(parse("x^2 + 2z^2")) is None          # other variables
    assert memory.recall(parse("x^2 + 2y^2 + r")) is None
    memory.forget()
    assert memory.recall(f) is None


def test_one_variable_comes_back_only_to_the_same_function():
    memory = SetupMemory()
    memory.leave(parse("x^4 - 4x^3 + 4x^2"), ((-1.0, 3.0),), (2.8,), False)
    assert memory.recall(parse("x^4 - 4x^3 + 4x^2")) == (((-1.0, 3.0),), (2.8,), False)
    assert memory.recall(parse("sin(x)")) is None      # framed for itself instead


def test_a_set_up_that_does_not_fit_its_function_is_not_kept():
    memory = SetupMemory()
    memory.leave(parse("x^2 + y^2"), ((-4.0, 4.0),), (1.0, 1.0), False)
    assert memory.recall(parse("x^2 + y^2")) is None


def test_a_stray_letter_typed_and_deleted_gives_back_the_start_and_window(model, qtbot):
    """x² + 2y² from (3, 2) on the user's window; ' r' typed makes f a function of r, x
    and y (its own window and start); deleted, f is x² + 2y² again on the window and
    from the start of before: the iterate table's first row is f(3, 2) = 17 again."""
    from gui.app.presets import default_preset
    model.load_preset(default_preset())
    assert model.wait_for_analysis()
    model.set_window(((-5.0, 5.0), (-4.0, 4.0)))
    assert model.wait_for_analysis()
    model.set_text("x^2 + 2y^2 r")
    assert model.wait_for_analysis()
    assert model.expression.variables == ("r", "x", "y") and len(model.start) == 3
    model.set_text("x^2 + 2y^2")
    assert model.wait_for_analysis()
    assert model.window == ((-5.0, 5.0), (-4.0, 4.0)) and model.start == (3.0, 2.0)
    path = model.paths["gd"]
    assert tuple(path.points[0]) == (3.0, 2.0) and path.values[0] == 17.0
    assert tuple(path.points[1]) == pytest.approx((2.4, 1.2))      # the seed's iterates


def test_a_new_function_of_one_variable_is_framed_not_given_an_old_set_up(model, qtbot):
    from gui.plots.framing import frame_at_once
    model.set_text("x^4 - 4x^3 + 4x^2")
    assert model.wait_for_analysis()
    model.set_start((0.5,))
    model.set_text("x^4 - 4x^3 + 4x^2 + y")
    assert model.wait_for_analysis()
    model.set_text("x^4 - 4x^3 + 4x^2")            # back: the start the user chose
    assert model.wait_for_analysis()
    assert model.start == (0.5,)
    model.set_text("x^4 - 4x^3 + 4x^2 + y")
    assert model.wait_for_analysis()
    model.set_text("sin(x)")                       # another f: framed for itself
    assert model.wait_for_analysis()
    assert (model.window, model.start) == frame_at_once("sin(x)")[:2]
