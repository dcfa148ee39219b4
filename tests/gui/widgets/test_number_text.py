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


def test_rounding_noise_against_the_vector_or_the_view_is_0():
    """The one rule of every place that prints a point (number_text.noise_of)."""
    from gui.widgets.number_text import without_noise
    assert without_noise([-7.69658e-27, -750040.0]).tolist() == [0.0, -750040.0]
    assert without_noise([1e-13, 2e-13]).tolist() == [1e-13, 2e-13]      # a point near 0
    assert without_noise([1e-13, 2e-13], scale=8.0).tolist() == [0.0, 0.0]   # on an 8-wide view
    assert without_noise([3e-6, 2.0]).tolist() == [3e-6, 2.0]             # a true small one
    assert without_noise([[1e-30, 1.0], [5.0, 1e-3]]).tolist() == [[0.0, 1.0], [5.0, 1e-3]]
