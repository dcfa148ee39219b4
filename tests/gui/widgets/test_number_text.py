"""Every number written out: a true minus, and no sign on a zero."""
import pytest

from gui.network.jacobian import fmt
from gui.widgets.number_text import one_precision, true_minus


@pytest.mark.parametrize("text, shown", [("-0", "0"), ("-0.000", "0.000"), ("0", "0"),
                                         ("-0e+00", "0e+00"), ("-1.5e-07", "−1.5e−07"),
                                         ("-0.001", "−0.001"), ("-10", "−10")])
def test_a_zero_has_no_sign_and_a_minus_is_a_minus(text, shown):
    assert true_minus(text) == shown


def test_a_jacobian_entry_rounded_to_zero_reads_unsigned():
    """−0.0001 to 3 decimals read "−0.000" in the Network tab's Jacobian."""
    assert fmt(-0.0001) == "0.000" and fmt(-0.0) == "0.000" and fmt(-0.25) == "−0.250"


@pytest.mark.parametrize("values, significant, extra, shown", [
    # the chain rule's vector: "−0.0191" beside "−0.04685" looked like less precision
    ([-0.04685, -0.0191], 4, 2, ["−0.04685", "−0.01910"]),
    # a small entry keeps two digits of its own ("0.006" at three decimals)
    ([0.928, 0.00579, -0.00347], 3, 2, ["0.9280", "0.0058", "−0.0035"]),
    ([0.928, 0.00579], 2, 0, ["0.93", "0.01"]),           # no room: the largest's decimals
    ([0.5, -1e-9], 3, 2, ["0.500", "0.000"]),             # too small to count: reads 0
    ([4.12e-5, -1.2e-5], 4, 2, ["4.120e−5", "−1.200e−5"]),  # vanished: its size kept
    ([0.0, -0.0], 3, 2, ["0.00", "0.00"]),
    ([float("nan"), 1.5], 3, 2, ["nan", "1.50"])])
def test_one_vectors_entries_are_written_alike(values, significant, extra, shown):
    assert one_precision(values, significant, extra) == shown


def test_rounding_noise_against_the_vector_or_the_view_is_0():
    """The one rule of every place that prints a point (number_text.noise_of)."""
    from gui.widgets.number_text import without_noise
    assert without_noise([-7.69658e-27, -750040.0]).tolist() == [0.0, -750040.0]
    assert without_noise([1e-13, 2e-13]).tolist() == [1e-13, 2e-13]      # a point near 0
    assert without_noise([1e-13, 2e-13], scale=8.0).tolist() == [0.0, 0.0]   # on an 8-wide view
    assert without_noise([3e-6, 2.0]).tolist() == [3e-6, 2.0]             # a true small one
    assert without_noise([[1e-30, 1.0], [5.0, 1e-3]]).tolist() == [[0.0, 1.0], [5.0, 1e-3]]


def test_minus_infinity_keeps_its_sign():
    """compact(−inf) read "inf": the sign of a zero was taken off a number with no digit."""
    from gui.widgets.number_text import compact, true_minus
    assert compact(float("-inf")) == "−inf" and true_minus("-0.000") == "0.000"
