"""Typed Greek names and ln / arctan as the lecturer sees them in the real window: the
editor's f(φ, θ) =, the typeset f, ∇f and a 2×2 H (before, `theta^2 + phi` read as
f(h, i, p, θ) = hip + θ² with a 4×4 H), and ln(x) typeset "ln", atan(x) "arctan"."""
import re

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from gui.compute.typesetting import render_svg

_VIEWBOX_WIDTH = re.compile(r'viewBox="[-\d.e]+ [-\d.e]+ ([-\d.e]+) ')


def _type(window, qtbot, text, count):
    edit = window.editor.line_edit
    edit.selectAll()
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    view = window.math_view
    qtbot.waitUntil(lambda: window.model.text == text, timeout=10000)
    assert window.model.wait_for_analysis(30000)
    qtbot.waitUntil(lambda: view.is_ready and len(view.equations) == count
                    and all(e.kind == "typeset" for e in view.equations), timeout=30000)
    qtbot.wait(50)
    return view


def _inked(view, rect) -> int:
    """Pixels inside `rect` of the view as on screen that differ clearly from its
    background (the glyphs)."""
    image = view.grab().toImage().convertToFormat(QImage.Format.Format_RGB888)
    dpr = image.devicePixelRatio()
    arr = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), -1)
    arr = arr[:, :image.width() * 3].reshape(image.height(), image.width(), 3).astype(int)
    background = np.median(arr.reshape(-1, 3), axis=0)
    r = rect.toRect()
    part = arr[int(r.top() * dpr):int(r.bottom() * dpr), int(r.left() * dpr):int(r.right() * dpr)]
    return int(np.sum(np.abs(part - background).sum(axis=-1) > 150))


def _svg_width(tex: str) -> float:
    return float(_VIEWBOX_WIDTH.search(render_svg(tex)).group(1))


def test_theta_squared_plus_phi_shows_f_of_phi_theta_with_a_two_by_two_hessian(
        window, qtbot, screenshot):
    view = _type(window, qtbot, "theta^2 + phi", 5)
    assert window.editor.prefix.text() == "f(φ, θ) ="
    assert window.editor.error_text == ""
    texts = [e.tex for e in view.equations]
    # φ, as labelled; in the order typed (tests/gui/explorer/test_formula_as_typed.py)
    assert texts[0] == r"f(\varphi, \theta) = \theta^{2} + \varphi"
    assert texts[-1] == r"H = \left[\begin{matrix}0 & 0\\0 & 2\end{matrix}\right]"
    rects = view.equation_rects()
    assert len(rects) == 5
    for rect in rects:                      # each one drawn, inside the panel
        assert view.rect().contains(rect.toRect()) and _inked(view, rect) > 50
    # two rows of H: taller than the one-line f beside it, and as wide as a 2×2 is set
    assert rects[-1].height() > 1.5 * rects[0].height()
    scale = view.effective_scale * view.fit
    assert abs(rects[-1].width() - scale * _svg_width(texts[-1])) < 2
    screenshot(window, "greek_theta_phi")


def test_ln_and_arctan_are_typeset_as_written(window, qtbot, screenshot):
    view = _type(window, qtbot, "ln(x) + atan(x)", 3)
    first = view.equations[0].tex
    assert first == r"f(x) = \ln{\left(x \right)} + \arctan{\left(x \right)}"
    assert all("log" not in e.tex and "atan" not in e.tex for e in view.equations)
    # on screen: as wide as "ln … arctan" typesets, narrower than "log … atan" would be
    rect = view.equation_rects()[0]
    scale = view.effective_scale * view.fit
    ours = _svg_width(first)
    sympy_default = _svg_width(r"f(x) = \log{\left(x \right)} + \operatorname{atan}{\left(x \right)}")
    assert abs(rect.width() - scale * ours) < 2
    assert abs(ours - sympy_default) > 3
    assert _inked(view, rect) > 100
    screenshot(window, "greek_ln_arctan")
