"""SetupMemory and the model: an edit that comes back to the variables it left gets
their window and start back; a new set-up (an example) or a new function of one
variable does not."""

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
