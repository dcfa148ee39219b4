"""gui.compute.typesetting: the faster ziamath styles give ziamath's own SVG."""
import dataclasses

import pytest

from engine.analysis import formulas
from engine.expression import parse
from gui.compute import typesetting
from gui.compute.typesetting import display_tex, render_svg

TEXTS = ("(x^2+y-11)^2 + (x+y^2-7)^2 + x*507",       # ∇f and H: matrices, fences
         "sin(x)cos(y) + (x^2+y^2)/510",             # fractions, functions
         "sqrt(x^2 + 1) + exp(-y)/3",                # roots, exponents
         "theta^2 + w_1*theta")                      # Greek, subscripts


@pytest.mark.parametrize("text", TEXTS)
def test_shallow_styles_give_ziamaths_own_svg(text, monkeypatch):
    from ziamath import styles
    f = parse(text)
    texs = [display_tex(formula, f.variables) for formula in formulas(f)]
    fast = [render_svg(tex) for tex in texs]
    assert styles.asdict is typesetting._style_fields      # the fast path was taken
    monkeypatch.setattr(styles, "asdict", dataclasses.asdict)
    assert [render_svg(tex) for tex in texs] == fast
    assert all(svg.startswith("<svg") and "<path" in svg for svg in fast)


def test_style_fields_are_the_scalar_fields_asdict_gives():
    from ziamath.styles import MathStyle, MathVariant
    style = MathStyle(mathvariant=MathVariant(italic=True), mathcolor="#123456", scriptlevel=2)
    deep, shallow = dataclasses.asdict(style), typesetting._style_fields(style)
    assert shallow.keys() == deep.keys()
    assert {k: v for k, v in shallow.items() if k != "mathvariant"} == \
        {k: v for k, v in deep.items() if k != "mathvariant"}
    assert shallow["mathvariant"] is style.mathvariant
