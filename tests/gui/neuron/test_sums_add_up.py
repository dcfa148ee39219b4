"""Numbers written as a difference add up at the digits shown (issue 11, item 3)."""
from decimal import Decimal
from types import SimpleNamespace

from gui.neuron.formulas import difference_tex, fmt, stage_latex


def test_the_difference_is_that_of_the_numbers_shown():
    assert difference_tex(0.750260133, 0.7, 0.050260133) == "0.05026"    # not 0.0502601
    assert difference_tex(0.3, 0.7, -0.4) == "-0.4"
    assert difference_tex(0.7, 0.7, 0.0) == "0"
    # with an exponent in a piece the exact value is shown
    assert difference_tex(1e-9, 0.5, 1e-9 - 0.5) == "-0.5"


def test_the_loss_derivative_stage_adds_up():
    s = SimpleNamespace(output=0.750260133, target=0.7, dloss_doutput=0.050260133)
    text = stage_latex("dL_doutput", s)
    left, right, result = text.split(" = ")[-1], fmt(s.target), text.rsplit(" = ", 1)[-1]
    a, b = text.rsplit(" = ", 2)[1].split(" - ")
    assert Decimal(a) - Decimal(b.strip("()")) == Decimal(result)
    assert result == "0.05026" and left == result and right == "0.7"
