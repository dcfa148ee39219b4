"""The numbers under the curve as the class reads them: f′(x), shown twice, is one text
both times; the difference quotient shows only the digits rounding leaves it; and the
secant-h slider does not move when a number or word beside it changes width."""
import re
from fractions import Fraction

import pytest
from PySide6.QtGui import QTextDocument

from engine.expression import parse
from gui.plots.curve_view import CurveView
from gui.plots.secant_numbers import fmt
from gui.widgets.number_text import compact
from tests.gui.plots.curve_setup import shown_curve

SEED = "x^4 - 4x^3 + 4x^2"


@pytest.fixture
def curve(shown, model, qtbot):
    view = shown(CurveView(model), 1000, 640)
    model.set_text(SEED)
    assert model.wait_for_analysis(60000)
    qtbot.waitUntil(lambda: view.xs.size > 0 and model.expression.dimension == 1)
    return view


def _plain(label) -> str:
    document = QTextDocument()
    document.setHtml(label.text())
    return document.toPlainText().replace("\u2060", "").replace("\xa0", " ")


def _slope_texts(curve) -> list[str]:
    """Every "f′(x) = …" value shown, the point's row first."""
    return [value for label in (curve.panel.point_readout, curve.panel.secant_readout)
            for value in re.findall(r"f′\(x\) = (\S+)", _plain(label))]


def _quotient_text(curve) -> str:
    return re.search(r"\)/h = (\S+)", _plain(curve.panel.secant_readout)).group(1)


def test_f_prime_reads_the_same_in_both_rows(qtbot, curve):
    curve.set_point(0.37)            # f′ = 1.519812: "1.520" over "1.519812" before
    qtbot.wait(20)
    texts = _slope_texts(curve)
    # (4·0.37³ − 12·0.37² + 8·0.37 is 1.519812 to within float rounding: all 7 digits)
    assert texts == ["1.519812", "1.519812"]


def test_a_quotient_shows_only_the_digits_it_has(qtbot, curve):
    curve.set_point(1.0)             # the maximum: f = 1, f′ = 0, f″ = −4
    curve.panel.set_h(1e-6)          # quotient ≈ −2·10⁻⁶, ~3 digits left by rounding
    qtbot.wait(20)
    text = _quotient_text(curve)
    mantissa = text.split("e")[0].lstrip("−").replace(".", "").lstrip("0")
    assert len(mantissa) <= 4, text          # was −1.9997337e−6
    assert text.startswith("−2") and "e−6" in text
    curve.panel.set_h(0.5)           # a large h: exact to its shown digits
    qtbot.wait(20)
    assert _quotient_text(curve) == "−0.875"


def _h_row_geometry(curve):
    """Where the slider, its caption row and h's value are, in the view's pixels."""
    panel = curve.panel
    return [(w.mapTo(curve, w.rect().topLeft()).toTuple(), w.size().toTuple())
            for w in (panel.h_slider, panel.h_label, panel.h_controls)]


@pytest.mark.parametrize("width", [1000, 1600])
def test_the_h_slider_stays_put_when_the_numbers_change(qtbot, curve, width, screenshot):
    curve.resize(width, 640)
    qtbot.wait(50)
    places = {}
    # increasing, stationary (at the maximum), a long number near 0, decreasing
    for x, h in ((0.4, 0.5), (1.0, 0.5), (-0.0001234, 0.5), (1.5, 1.23e-5), (2.0, 1e-6)):
        curve.set_point(x)
        curve.panel.set_h(h)
        qtbot.wait(30)
        places[(x, h)] = _h_row_geometry(curve)
        assert curve.panel.h_label.text() == f"h = {curve.panel.h_label.text()[4:]}"
    screenshot(curve, f"curve_h_row_{width}")
    first = places[(0.4, 0.5)]
    for key, place in places.items():
        assert place == first, (key, place, first)
    # one row at both widths; at 1000 px the caption makes way for the widest numbers
    assert curve.panel.one_row
    assert curve.panel.h_caption.isVisible() is (width == 1600)


def _exact_quotient(x: float, h: float) -> Fraction:
    """(f(x+h) − f(x))/h for the seed's f in exact arithmetic, x + h rounded as the app's."""
    f = lambda t: t ** 4 - 4 * t ** 3 + 4 * t ** 2
    return (f(Fraction(x + h)) - f(Fraction(x))) / Fraction(h)


@pytest.mark.parametrize("x, h", [(1.0, 1e-6), (2.0, 1e-6), (2.0, 1e-4), (0.37, 1e-6),
                                  (2.9, 1e-6), (1.0, 0.5)])
def test_every_digit_of_the_quotient_shown_is_right(qtbot, curve, x, h):
    # near x = 2 the terms of f cancel (f(2 + 10⁻⁶) comes out in steps of ~4·10⁻¹⁵):
    # 3.99680e−6 was shown where the quotient is 4.000004e−6
    curve.set_point(x)
    curve.panel.set_h(h)
    qtbot.wait(20)
    text = _quotient_text(curve)
    value = text.replace("−", "-")
    mantissa, _, exponent = value.partition("e")
    decimals = len(mantissa.partition(".")[2]) - int(exponent or 0)
    last_place = Fraction(10) ** -decimals
    assert abs(Fraction(float(value)) - _exact_quotient(x, h)) <= last_place, text


def test_f_double_prime_of_sin_at_zero_reads_0_not_minus_0(qtbot, curve, model):
    """f″ = −sin x is −0.0 at x = 0 in floating point: the row read "f″(x) = −0"
    (walkthrough s19, 07_sin.png). Every number on the row reads 0, unsigned."""
    model.set_text("sin(x)")
    assert model.wait_for_analysis(60000)
    qtbot.waitUntil(lambda: str(model.expression) == "sin(x)")
    curve.set_point(0.0)
    curve.panel.set_h(1e-6)
    qtbot.wait(20)
    rows = _plain(curve.panel.point_readout) + " " + _plain(curve.panel.secant_readout)
    assert re.search(r"f″\(x\) = 0(\s|$)", rows), rows
    assert not re.search(r"−0(?![.\d])", rows), rows


def _difference_text(curve) -> str:
    return re.search(r"difference (\S+)", _plain(curve.panel.secant_readout)).group(1)


def test_an_exact_difference_reads_whole_not_rounded_to_even(qtbot, shown, model):
    """f = 12.5x² at x = 1, h = 0.25: quotient 28.125, f′ = 25, difference exactly
    3.125 (all exact in floating point). It read "difference 3.12" (%.3g rounds the tie
    to even): a wrong number to a class that checks 12.5 · 0.25 by hand."""
    curve = shown_curve(shown, model, qtbot, "12.5x^2")
    curve.set_point(1.0)
    curve.panel.set_h(0.25)
    qtbot.wait(20)
    assert curve.panel.values["difference"] == 3.125
    assert _difference_text(curve) == "3.125"
    assert _quotient_text(curve) == "28.125"


def _key_colours(label) -> list:
    """The colour keys' fills as the label shows them: its most common strongly coloured
    pixels (the text is grey, white or near-black; the keys are squares of one colour)."""
    from collections import Counter
    from PySide6.QtGui import QColor
    image = label.grab().toImage()
    counts = Counter()
    for y in range(0, image.height()):
        for x in range(0, image.width()):
            colour = QColor(image.pixel(x, y))
            if colour.hsvSaturationF() > 0.3 and colour.valueF() > 0.15:
                counts[colour.name()] += 1
    return [name for name, n in counts.most_common(2) if n >= 20]


@pytest.mark.parametrize("looks", [("dark",), ("dark", "light")])
def test_colour_keys_follow_a_change_of_look(qtbot, curve, looks):
    # Ctrl+D left the keys before "(f(x+h) − f(x))/h" and "f′(x)" in light's inks
    # (#875D00, #8B5272) on the dark window, 3.1:1; back to light from there, dark's on
    # white (2.3:1): they were inked once, when the numbers were written
    from PySide6.QtWidgets import QApplication
    import gui.plots.theme  # noqa: F401  (the plots' restyler, as the app has it)
    from gui.widgets import theme
    app = QApplication.instance()
    curve.set_point(0.4)
    qtbot.wait(30)
    try:
        for look in looks:
            theme.apply_theme(app, curve, look, 1.0)
            qtbot.wait(30)
            window = theme.current().window
            keys = _key_colours(curve.panel.secant_readout)
            assert len(keys) == 2, keys            # the secant's and the tangent's
            for key in keys:                       # the theme's rule for coloured text
                assert theme.contrast(key, window) >= theme.AA_TEXT - 0.1, (look, key)
    finally:
        theme.apply_theme(app, curve, "light", 1.0)


def _significant(text: str) -> int:
    """The significant digits of a number as the read-out writes it ("−0.113067" 6)."""
    mantissa = text.replace("−", "").partition("e")[0].replace(".", "")
    return len(mantissa.lstrip("0"))


@pytest.mark.parametrize("text, x", [("x*e^x", -0.38), ("exp(x^2)*1e300", 1.3)])
def test_the_point_and_its_derivatives_read_at_one_precision(qtbot, curve, model, text, x):
    """x e^x read f(x) = −0.1786 beside f′(x) = −0.113067 and f″ = −0.04752; 1e300·e^(x²)
    f = 5.46e+301 beside f′ = 2.18393e+302: right values, each at its own digits. f, f′
    and f″ (none of them short here) each at the digits f′ has, 6."""
    model.set_text(text)
    assert model.wait_for_analysis(60000)
    qtbot.waitUntil(lambda: str(model.expression) == str(parse(text)))
    curve.set_point(x)
    qtbot.wait(20)
    rows = _plain(curve.panel.point_readout) + " " + _plain(curve.panel.secant_readout)
    numbers = {name: re.search(rf"{name}\(x\) = (\S+)", rows).group(1)
               for name in ("f", "f′", "f″")}
    assert {name: _significant(n) for name, n in numbers.items()} == \
        {"f": 6, "f′": 6, "f″": 6}, numbers


def test_large_and_small_numbers_use_the_iterate_tables_exponents(qtbot, curve, model):
    """exp(x²)·10³⁰⁰: the read-out wrote f(x) = "4.2207e+300" where the iterate table
    writes "2.55337e301" (number_text.compact): one notation, "e300", "e−5"."""
    model.set_text("exp(x^2)*1e300")
    assert model.wait_for_analysis(60000)
    qtbot.waitUntil(lambda: str(model.expression) == str(parse("exp(x^2)*1e300")))
    curve.set_point(1.2)
    qtbot.wait(20)
    rows = _plain(curve.panel.point_readout) + " " + _plain(curve.panel.secant_readout)
    f_text = re.search(r"f\(x\) = (\S+)", rows).group(1)
    assert re.fullmatch(r"\d\.\d+e300", f_text), rows
    assert "e+" not in rows and "e−0" not in rows, rows
    assert fmt(4.2207e300, 4) == "4.2207e300" and fmt(-1.5e-5) == "−1.5e−5"
    assert fmt(-2.55337e301, 6) == compact(-2.55337e301)
