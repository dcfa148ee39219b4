"""Numbers written as a difference add up at the digits shown (issue 11, item 3), and
the difference is written as everywhere else on the tab (6 significant digits)."""
from decimal import Decimal
from types import SimpleNamespace

from gui.neuron.formulas import difference_terms, fmt, stage_latex


def test_the_operands_carry_the_digits_of_the_difference():
    # σ(1.1) − 0.7: the result as the graph and the chain rule write it, not 0.05026
    assert difference_terms(0.750260133, 0.7, 0.050260133) == ("0.7502601", "0.7", "0.0502601")
    assert difference_terms(0.3, 0.7, -0.4) == ("0.3", "0.7", "-0.4")
    assert difference_terms(0.7, 0.7, 0.0) == ("0.7", "0.7", "0")
    assert difference_terms(0.2, -0.3, 0.5) == ("0.2", "(-0.3)", "0.5")
    # with an exponent in a piece the exact value is shown
    assert difference_terms(1e-9, 0.5, 1e-9 - 0.5) == (r"1 \times 10^{-9}", "0.5", "-0.5")
    # the result would round away the operand's digit: the difference as written
    assert difference_terms(1234.56, 0.001, 1234.559) == ("1234.56", "0.001", "1234.559")


def test_the_loss_derivative_stage_adds_up():
    s = SimpleNamespace(output=0.750260133, target=0.7, dloss_doutput=0.050260133)
    text = stage_latex("dL_doutput", s)
    result = text.rsplit(" = ", 1)[-1]
    a, b = text.rsplit(" = ", 2)[1].split(" - ")
    assert Decimal(a) - Decimal(b.strip("()")) == Decimal(result)
    assert result == fmt(s.dloss_doutput) == "0.0502601" and b == "0.7"
