"""|x| as the class reads it: f′'s panel numbers the jump's two levels, −1 and 1, and
the secant's difference from f′ is not rounding printed as a number.

The walkthrough: f′'s axis numbered only its "0" (presenting at 1280×720; 0.5 and
−0.5 at text size 1): pyqtgraph leaves out a number reaching past the axis's end, and
±1 sat 5-8 px from the ends. The secant row said "difference −8.23e−11" at h = 10⁻⁶:
(|x + h| − |x|)/h − f′ is 0 but for rounding (~4e−10 there)."""
import re

import pytest

from gui.plots.curve_view import CurveView
from tests.gui.plots.test_colour_bar_ticks import _drawn_text_rects
from tests.gui.plots.test_secant_readouts import _plain


@pytest.fixture
def abs_curve(shown, model, qtbot):
    def make(width, height):
        view = shown(CurveView(model), width, height)
        model.set_text("abs(x)")
        assert model.wait_for_analysis(60000)
        qtbot.waitUntil(lambda: view.xs.size > 0 and model.expression.dimension == 1)
        qtbot.wait(50)
        return view
    return make


def _f_prime_numbers(view) -> set:
    return {text.replace("−", "-") for _, text in _drawn_text_rects(view.plot_d.getAxis("left"))}


@pytest.mark.parametrize("height", [330, 350, 420])
def test_f_primes_axis_numbers_both_levels_of_the_jump(abs_curve, height):
    view = abs_curve(1000, height)
    assert {"-1", "0", "1"} <= _f_prime_numbers(view), (view.plot_d.vb.height(),
                                                        view.plot_d.vb.viewRange()[1])


def test_and_after_the_panel_is_resized(abs_curve, qtbot):
    view = abs_curve(1000, 700)
    view.resize(1000, 330)
    qtbot.waitUntil(lambda: {"-1", "1"} <= _f_prime_numbers(view), timeout=2000)


def test_the_secants_difference_below_rounding_reads_about_0(abs_curve, qtbot):
    view = abs_curve(1000, 560)
    view.set_point(-1.2)
    view.panel.set_h(1e-6)
    qtbot.wait(20)
    values = view.panel.values
    assert values["difference"] != 0 and abs(values["difference"]) < 1e-9   # rounding's
    row = _plain(view.panel.secant_readout)
    assert re.search(r"difference ≈ 0\b", row), row
    view.panel.set_h(0.5)               # exact: 0
    qtbot.wait(20)
    assert "difference 0" in _plain(view.panel.secant_readout)


def test_rounding_noise_beside_the_quotient_reads_as_the_exact_0_does(abs_curve, qtbot):
    """|x| at −1.2: "difference 0" at h = 0.5 (computed exactly 0) but "≈ 0" at h = 0.2
    and 0.1, for −8.9e−16 and 2.2e−16 beside a quotient and f′ of −1: the difference of
    two numbers equal to 12 digits is their round-off (number_text.noise_of), so 0 alike."""
    view = abs_curve(1000, 560)
    view.set_point(-1.2)
    differences = []
    for h in (0.5, 0.2, 0.1):
        view.panel.set_h(h)
        qtbot.wait(20)
        differences.append(view.panel.values["difference"])
        assert re.search(r"difference 0\b", _plain(view.panel.secant_readout)), (h, differences)
    assert 0 < max(map(abs, differences)) < 1e-15          # rounding's, not exactly 0
