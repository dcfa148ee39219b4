"""The quadratic model where the Hessian is singular says so, and draws no Newton point:
on the delivery-route cost (x−5)² + (y−3)² + 2xy, H = [[2, 2], [2, 2]] (λ = 0, 4) and
∇f = (−8, −4) at (0, 1) leaves q no stationary point (∇f = 0 would need x + y = 5 and
x + y = 3 at once); it once read "a saddle … Newton's point is the saddle itself" with
an ✕ at the least-squares point (1.5, 2.5). On |x| (f″ = 0) a "Newton's next point"
label stood by the start."""
import warnings

import numpy as np
from numpy.testing import assert_allclose

from gui.plots import runs as race
from gui.plots.contour_view import ContourView
from gui.plots.quadratic_model_overlay import QuadraticModelOverlay
from tests.gui.plots.curve_setup import shown_curve


def _overlay_on_map(shown, model, qtbot, text, start):
    model.set_text(text)
    model.set_start(start)
    model.set_settings(runs=race.parse_runs("gd:lr=0.1"))
    qtbot.waitUntil(lambda: list(model.paths) == ["gd"], timeout=60000)
    contour = shown(ContourView(model), 700, 520)
    overlay = QuadraticModelOverlay(model, contour.plot, labels=contour.labels)
    texts = []
    overlay.described.connect(texts.append)
    overlay.set_enabled(True)
    return overlay, texts


def test_a_singular_hessian_is_named_and_gets_no_newton_point(shown, model, qtbot):
    overlay, texts = _overlay_on_map(shown, model, qtbot, "(x-5)^2 + (y-3)^2 + 2xy", (0, 1))
    q = overlay.quadratic
    assert_allclose(q.eigenvalues, [0, 4], atol=1e-12)
    assert q.kind == "no stationary point" and q.singular
    text = texts[-1]
    assert "flat along (1, −1)" in text and "no stationary point" in text
    assert "no Newton point" in text and "saddle" not in text and "down" not in text
    assert not overlay.newton.isVisible() and not overlay.newton_label.isVisible()
    assert overlay.rings.isVisible() and overlay.axes.isVisible()   # q is still drawn
    # its eigen-axes cross at θ₀, not at the least-squares point (1.5, 2.5)
    xs, ys = overlay.axes.getData()
    assert_allclose([xs[:2].mean(), ys[:2].mean()], [0, 1], atol=1e-9)


def test_a_valley_of_minima_is_named(shown, model, qtbot):
    overlay, texts = _overlay_on_map(shown, model, qtbot, "(x + y)^2", (1, 1))
    assert overlay.quadratic.kind == "valley"
    assert "valley of minima" in texts[-1] and "flat along (1, −1)" in texts[-1]
    assert not overlay.newton.isVisible()


def test_a_regular_saddle_keeps_its_newton_point(shown, model, qtbot):
    overlay, texts = _overlay_on_map(shown, model, qtbot, "x^2 - y^2", (1, 1))
    assert overlay.quadratic.kind == "saddle" and "A saddle" in texts[-1]
    assert overlay.newton.isVisible()
    assert_allclose(np.ravel(overlay.newton.getData()), [0, 0], atol=1e-12)


def test_where_f_is_undefined_nothing_is_drawn_and_nothing_warns(shown, model, qtbot):
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        overlay, texts = _overlay_on_map(shown, model, qtbot, "log(x) + log(y)", (0, 0))
    assert overlay.quadratic.kind == "undefined"
    assert texts[-1].startswith("The quadratic model is not defined here")
    assert not any(item.isVisible() for item in overlay.items)


def test_no_newton_point_on_a_straight_line(shown, model, qtbot):
    curve = shown_curve(shown, model, qtbot, "abs(x)")
    model.set_start((1.0,))
    overlay = QuadraticModelOverlay(model, curve.plot_f, labels=curve.critical)
    texts = []
    overlay.described.connect(texts.append)
    overlay.set_enabled(True)
    assert overlay.quadratic.kind == "no stationary point"
    assert "straight line of slope f′ = 1" in texts[-1] and "no Newton point" in texts[-1]
    assert overlay.rings.isVisible()
    assert not overlay.newton.isVisible() and not overlay.newton_label.isVisible()
