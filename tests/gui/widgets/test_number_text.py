"""Every number written out: a true minus, and no sign on a zero."""
import pytest

from gui.network.jacobian import fmt
from gui.widgets.number_text import true_minus


@pytest.mark.parametrize("text, shown", [("-0", "0"), ("-0.000", "0.000"), ("0", "0"),
                                         ("-0e+00", "0e+00"), ("-1.5e-07", "−1.5e−07"),
                                         ("-0.001", "−0.001"), ("-10", "−10")])
def test_a_zero_has_no_sign_and_a_minus_is_a_minus(text, shown):
    assert true_minus(text) == shown


def test_a_jacobian_entry_rounded_to_zero_reads_unsigned():
    """−0.0001 to 3 decimals read "−0.000" in the Network tab's Jacobian."""
    assert fmt(-0.0001) == "0.000" and fmt(-0.0) == "0.000" and fmt(-0.25) == "−0.250"
