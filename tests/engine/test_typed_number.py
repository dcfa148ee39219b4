"""A typed number is read by the engine's parser as a constant, never run as Python."""
import math

import pytest

from engine.errors import ExpressionError
from engine.typed_number import parse_number


@pytest.mark.parametrize("text, value", [("-2", -2.0), ("1", 1.0), ("0", 0.0),
                                         ("1/2", 0.5), ("pi/4", math.pi / 4),
                                         ("−1.5", -1.5), (" 2e-3 ", 0.002), ("e", math.e),
                                         ("sqrt(2)", math.sqrt(2))])
def test_a_constant_reads_as_its_float(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text, words", [
    ("abc", "not a formula in a, b, c"), ("x", "not a formula in x"),
    ("1/0", "division by zero"), ("__import__('os')", "'_'"), ("", "type a number"),
    ("   ", "type a number"), ("exp(1000)", "no finite value"), ("2 3", "side by side")])
def test_anything_else_is_refused_with_its_reason(text, words):
    with pytest.raises(ExpressionError) as refused:
        parse_number(text)
    assert words in refused.value.message

