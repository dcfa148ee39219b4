"""Every number on screen in the app's one exponent form (number_text.short_exponent):
on 1e300·x² + y² a pin read "∇f(1, 0) = (2e+300, 0)" beside the table's "4e300"; under
x^1000's curve the axis read "2.5e+292", "-2e+286" beside the read-out's "2.46768e176"."""
from __future__ import annotations

import pyqtgraph as pg

from engine.expression import parse
from gui.plots.gradient_pins import pin_text
from gui.plots.hover_readout import readout_forms
from gui.widgets.number_text import compact


def test_a_pin_on_a_huge_gradient_writes_the_tables_exponent():
    f = parse("1e300*x^2 + y^2")
    grad = f.gradient(1.0, 0.0)
    assert pin_text("f", (1.0, 0.0), grad) == ("∇f(1, 0) = (2e300, 0)", "∇f = (2e300, 0)")
    assert compact(grad[0]) == "2e300"                 # as the iterate table writes it
    value = f(1e-160, 0.0)                               # 1e300 · 1e-320: a tiny f
    forms = readout_forms(("x", "y"), (1e-160, 0.0), float(value), f.gradient(1e-160, 0.0))
    assert "e+" not in forms[0] and "e-" not in forms[0] and "1e−160" in forms[0], forms[0]


def test_axis_numbers_of_a_huge_curve_use_the_short_exponent(qapp):
    f = parse("x^1000")
    ys = [float(f(x)) for x in (1.5, 1.7, -1.56)]        # 2.46768e176 and such
    axis = pg.AxisItem("left")
    strings = axis.tickStrings([2.5e292, 5e292, -2e286], 1.0, 2.5e292)
    assert strings == ["2.5e292", "5e292", "-2e286"]     # (the axis sets its own minus)
    level = axis.tickStrings(ys, 1.0, 1e176)
    assert not any("e+" in s for s in level) and all("e" in s for s in level), level
