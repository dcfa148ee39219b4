"""The numbers under the curve as the class reads them: f′(x), shown twice, is one text
both times; the difference quotient shows only the digits rounding leaves it; and the
secant-h slider does not move when a number or word beside it changes width."""
import re

import pytest
from PySide6.QtGui import QTextDocument

from gui.plots.curve_view import CurveView

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
    assert texts == ["1.51981", "1.51981"]


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
