"""A formula panel short of room shows shorter forms before its type gets too small to
read: sqrt(x^2+y^2) at 1280×720 shrank to 0.6 of its size with a scroll bar, H's bottom
cut and ∂f/∂x, ∂f/∂y left out (walkthrough s16, fl/f11.png)."""
import json
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QImage

from gui.widgets.formula_layout import READABLE_FIT
from gui.widgets.math_view import MathView

PANEL_WIDTH = 1264          # the formula panel in a 1280-pixel window (720 high: 80 px)
PRESETS = json.loads((Path(__file__).resolve().parents[3] / "resources" / "presets.json")
                     .read_text())


def _view(qtbot, model, text, width=PANEL_WIDTH):
    view = MathView(model)
    qtbot.addWidget(view)
    view.resize(width, 100)
    view.show()
    model.set_text(text)
    assert model.wait_for_analysis(30000)
    qtbot.waitUntil(lambda: view.forms_ready and len(view.equations) == 5
                    and all(e.kind == "typeset" for e in view.equations), timeout=30000)
    view.resize(width, view.panel_height())
    qtbot.wait(30)
    view.equation_rects()
    return view


def _inked(view) -> np.ndarray:
    image = view.grab().toImage().convertToFormat(QImage.Format.Format_RGBA8888)
    arr = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), -1)
    rgb = arr[:, :image.width() * 4].reshape(image.height(), image.width(), 4)[..., :3]
    return rgb.astype(int).sum(-1) < 300


def test_the_cone_reads_at_the_panels_size_with_h_factored(qtbot, model):
    view = _view(qtbot, model, "sqrt(x^2+y^2)")
    assert view.height() == 80
    assert not view.scroll_bar.isVisible() and view.fit >= READABLE_FIT
    texts = [eq.tex for eq in view.equations]
    assert texts[1].startswith(r"\frac{\partial f}{\partial x} = ")    # the partials stay
    assert texts[2].startswith(r"\frac{\partial f}{\partial y} = ")
    assert texts[3] == r"\nabla f = \left(\frac{\partial f}{\partial x}, " \
                       r"\frac{\partial f}{\partial y}\right)"
    # H with 1/(x²+y²)^(3/2) taken out: y², −xy, x² inside
    assert texts[4].startswith(r"H = \left(x^{2} + y^{2}\right)^{-3/2}")
    assert r"y^{2} & - x y\\- x y & x^{2}" in texts[4]
    inked = _inked(view)
    rects = view.equation_rects()
    for rect in rects:                           # each whole in the panel, and inked
        assert view.rect().adjusted(1, 1, -1, -1).contains(rect.toRect())
        box = rect.toRect()
        assert inked[box.top():box.bottom(), box.left():box.right()].sum() > 100
    assert not inked[:, round(max(r.right() for r in rects)) + 3:-2].any()  # nothing further


def _two_variable_presets():
    return [p["expr"] for p in PRESETS if "y" in p["expr"] and "Beale" not in p["name"]]


@pytest.mark.parametrize("text", _two_variable_presets())
def test_the_gallerys_formulas_show_whole_without_scrolling(qtbot, model, text, monkeypatch):
    """Every two-variable example but Beale (whose partials alone are wider than the
    panel) shows f, both partials, ∇f and H whole, unscrolled, at 0.74 of the size or
    more (Rosenbrock's was 0.74, the bumpy bowl's 0.63, six-hump camel's 0.69), H's
    numbers at (3, 2). (A typed f's framing is off here: typed on (3, 2), one of its
    minima, Himmelblau's f moves the start (gui/plots/typed_framing.py), and H(1.2, −3.5)
    reads at 0.66; at the example's own start (0, 0), 0.73.)"""
    monkeypatch.setattr("gui.plots.typed_framing.TypedFraming.begin", lambda *_: None)
    view = _view(qtbot, model, text)
    assert not view.scroll_bar.isVisible()
    assert view.fit >= 0.74
    assert len(view.equations) == 5
    for rect in view.equation_rects():
        assert view.rect().contains(rect.toRect())


@pytest.mark.parametrize("text, partial", [("log(x)+y^2", r"\frac{1}{x}"),
                                           ("log(x+5)+y^2", r"\frac{1}{x + 5}")])
def test_a_fraction_in_the_gradient_keeps_it_and_h_typeset_whole(qtbot, model, text, partial):
    """ln(x)+y²: ziamath set the fraction 1/x in ∇f's column in display style, 76 px
    tall in a 60-px row; the panel showed ∇f = (∂f/∂x, ∂f/∂y) and H(2, 1.5)'s numbers
    while eˣ+y² had both in full (walkthrough s19, 91_log.png). In text style, as TeX
    sets a matrix's entries, both show whole at full size."""
    view = _view(qtbot, model, text)
    assert not view.scroll_bar.isVisible() and view.fit >= READABLE_FIT
    assert view.shortened == set() and view.left_out == set()
    texts = [eq.tex for eq in view.equations]
    assert texts[3] == rf"\nabla f = \left[\begin{{matrix}}{partial}\\2 y\end{{matrix}}\right]"
    assert texts[4].startswith(r"H = \left[\begin{matrix}- \frac{1}{")      # symbolic
    for rect in view.equation_rects():
        assert view.rect().adjusted(1, 1, -1, -1).contains(rect.toRect())
