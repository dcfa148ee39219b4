"""Every number written out: a true minus, and no sign on a zero."""
import pytest

from gui.network.jacobian import fmt
from gui.widgets.number_text import one_precision, share_text, true_minus


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
    """The rule of the labels that print a whole point at a glance (number_text.noise_of)."""
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


# --- significant_text: never a short exact decimal cut by one digit -------------------

import math
from decimal import Decimal

from hypothesis import given, settings, strategies as st

from gui.widgets.number_text import NOISE_ULPS, compact, significant_text


def _digits(text: str) -> str:
    """The significant digits a number's text shows ("−0.00120e−5" → "12")."""
    return text.partition("e")[0].lstrip("-−").replace(".", "").strip("0")


@pytest.mark.parametrize("value, digits, shown", [
    (3.125, 3, "3.125"),         # read "3.12": %g rounds the exact tie to even
    (-0.0625, 2, "-0.0625"),     # read "−0.062"
    (2.675, 3, "2.675"),         # the float is 2.67499…: read "2.67"
    (3.14159265, 4, "3.142"),    # a long one still rounds
    (0.1 + 0.2, 3, "0.3"),       # 0.30000000000000004: its noise is not shown
    (12345.0, 4, "12345"),       # not "1.234e+04"
    (1.2345e-7, 4, "1.2345e-07"), (1.23456e-7, 4, "1.235e-07"), (2.0, 3, "2")])
def test_a_short_exact_decimal_keeps_its_last_digit(value, digits, shown):
    assert significant_text(value, digits) == shown


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 9), st.integers(-12, 12), st.data())
def test_a_decimal_one_digit_longer_reads_back_exactly(digits, power, data):
    """Any decimal of `digits` + 1 significant digits (3.125 at 3, −0.0625 at 2) is
    written whole: the text reads back as the very float."""
    mantissa = data.draw(st.integers(10 ** digits, 10 ** (digits + 1) - 1))
    value = float(Decimal(mantissa).scaleb(power) * data.draw(st.sampled_from([1, -1])))
    text = significant_text(value, digits)
    assert float(text) == value, text
    assert len(_digits(text)) <= digits + 1


@settings(max_examples=300, deadline=None)
@given(st.floats(allow_nan=False, allow_infinity=False).filter(lambda v: v != 0),
       st.integers(1, 8))
def test_anything_longer_is_rounded_to_its_digits(value, digits):
    """A value needing more than `digits` + 1 digits shows `digits`, correctly rounded
    (within half a unit of its last digit); never more than `digits` + 1 show."""
    text = significant_text(value, digits)
    longer = float(f"{value:.{digits + 1}g}")
    if abs(longer - value) <= NOISE_ULPS * math.ulp(value):      # a short decimal, to
        assert float(text) == longer                             # within float rounding
        return
    assert len(_digits(text)) <= digits
    exponent = Decimal(repr(value)).adjusted()
    unit = Decimal(1).scaleb(exponent - digits + 1)
    assert abs(Decimal(text) - Decimal(repr(value))) <= unit / 2


def test_a_short_decimal_with_float_noise_keeps_its_last_digit():
    """0.1 · 25.947 and 1.95³ as floats: the step inspector read ∇f = 2.595 beside
    θ₁ − θ₀ = −0.25947, the tangent row f = 7.41487 for 1.95³ = 7.414875."""
    assert significant_text(0.1 * 25.947, 4) == "2.5947"
    assert significant_text(1.95 ** 3, 6) == "7.414875"
    assert significant_text(math.pi, 3) == "3.14"


def test_the_iterate_tables_numbers_take_the_rule():
    """compact (iterate table, run notices, callouts) keeps a 7-digit exact decimal."""
    assert compact(-1.234565) == "−1.234565" and compact(1.23456789) == "1.23457"


def test_a_share_reads_0_or_100_percent_only_when_exact():
    """99.9 % of the basins' starts diverged and read "(100%)" beside a point reached."""
    assert [share_text(n, 40000) for n in (0, 1, 199, 400, 39801, 39999, 40000)] == [
        "0%", "< 1%", "< 1%", "1%", "> 99%", "> 99%", "100%"]
