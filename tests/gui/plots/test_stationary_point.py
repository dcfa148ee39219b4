""""→ stationary" under the curve means f′ = 0 at the point itself, on the point's own
scale: not 1e-9 of the largest |f′| on screen, which called exp(exp(exp(x)))'s
f′(0.96) = 2.93e7 stationary because f′ reaches 1e152 at x = 1.8."""
import pytest
from hypothesis import given, settings, strategies as st

from engine.expression import parse
from gui.plots.secant_numbers import stationary_tolerance, trend
from tests.gui.plots.curve_setup import shown_curve


def test_a_steep_point_of_a_huge_curve_is_increasing(shown, model, qtbot):
    curve = shown_curve(shown, model, qtbot, "exp(exp(exp(x)))")
    curve.set_point(0.96)
    values = curve.panel.values
    assert values["df"] == pytest.approx(2.93217e7, rel=1e-5)
    assert values["trend"] == "increasing"
    assert "increasing" in curve.panel.point_readout.text()
    assert "stationary" not in curve.panel.point_readout.text()


def _kind(f, x):
    dfx = float(f.gradient(x)[0])
    return trend(dfx, stationary_tolerance(f, x, dfx))


@settings(max_examples=60, deadline=None)
@given(st.floats(-3, 3), st.floats(0.5, 5), st.floats(1e-6, 1.0))
def test_stationary_only_at_the_critical_point(c, a, off):
    """a(x − c)² + 7: stationary at c (and within rounding of it), increasing or
    decreasing anywhere a visible distance away, whatever else the curve does."""
    f = parse(f"{a!r}*(x - {c!r})^2 + 7")
    assert _kind(f, c) == "stationary"
    assert _kind(f, c + off) == "increasing"
    assert _kind(f, c - off) == "decreasing"


@pytest.mark.parametrize("text, x, kind", [
    ("x^3", 0.0, "stationary"),           # f′ = 0, f″ = 0: an inflection still stationary
    ("x^3", 1e-3, "increasing"),
    ("x^4", 1e-12, "stationary"),         # within x's rounding of the minimum
    ("exp(exp(exp(x)))", 0.96, "increasing"),
    ("exp(exp(exp(x)))", -30.0, "increasing"),   # f′ ≈ 1e-13 > 0, no zero near
    ("-x^2 + 3", 1.0, "decreasing"),
    ("5", 2.0, "stationary"),
])
def test_known_points(text, x, kind):
    assert _kind(parse(text), x) == kind

