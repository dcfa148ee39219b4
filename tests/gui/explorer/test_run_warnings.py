"""The playback panel warns as soon as a run diverges and when f has no minimum (the
sample lecture's scenes 8 and 9): scene 8 at step 12 read only "paused at step 12" (y at
17.8, f at 636), scene 9 "reached max steps" though f = (x−5)² + (y−3)² + 2xy falls
without end along (1, −1)."""
import re

import numpy as np
import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from gui.explorer.formula_line_edit import ERROR_COLOUR
from gui.explorer.playback_controls import PlaybackControls
from gui.explorer.run_notices import CRITICAL_RATE
from gui.widgets import theme
from tests.gui.app.layout_checks import lines_between
from tests.gui.explorer.test_descent_panel import panel  # noqa: F401  (the fixture)
from tests.gui.plots.test_falling_state import falling_answered


@pytest.fixture
def controls(shown, model):
    return shown(PlaybackControls(model), 300, 300)


def _load(model, text, start, window, lr, steps):
    model.set_text(text)
    model.set_window(window)
    model.set_start(start)
    model.set_settings(methods=("gd",), lr=lr, max_steps=steps)
    assert model.wait_for_analysis(60000)


def _text_hues(label) -> set:
    """The hues (degrees, rounded to 10) of the label's saturated pixels: its ink."""
    image = label.grab().toImage()
    hues = set()
    for x in range(0, image.width()):
        for y in range(0, image.height()):
            c = QColor(image.pixel(x, y))
            if c.hsvSaturationF() > 0.5 and c.valueF() > 0.3:
                hues.add(round(c.hsvHueF() * 36) * 10)
    return hues


def test_gd_past_two_over_lambda_max_is_named_diverging_in_the_warning_ink(controls, model,
                                                                          qtbot):
    _load(model, "x^2 + 2y^2", (3.0, 2.0), ((-4.0, 4.0), (-3.0, 3.0)), 0.55, 30)
    label = controls.status_labels["gd"]
    model.set_frame(3)                               # f rose twice: not yet
    assert controls.status_text("gd") == "Gradient descent: paused at step 3"
    model.set_frame(12)                              # y = 2·(−1.2)¹² = 17.83, f = 636
    assert controls.status_text("gd") == ("⚠ Gradient descent is diverging: f = 636, ×1.44 "
                                          f"per step — η = 0.55 > {CRITICAL_RATE} = 0.5")
    qtbot.wait(20)
    warning_hue = round(QColor(ERROR_COLOUR).hsvHueF() * 36) * 10      # vermillion, 20°
    assert warning_hue in _text_hues(label)
    assert round(QColor("#0072B2").hsvHueF() * 36) * 10 not in _text_hues(label)  # not GD blue
    app = QApplication.instance()
    try:                                             # presenting on the dark theme
        theme.apply_theme(app, controls, "dark", 1.5)
        qtbot.wait(20)
        ink = QColor(label.styleSheet().split("color: ")[1][:7])
        assert theme.contrast(ink, theme.current().window) >= theme.AA_TEXT
        assert warning_hue in _text_hues(label)
    finally:
        theme.apply_theme(app, controls, "light", 1.0)
    model.set_frame(2)                               # back before it: a plain status again
    assert controls.status_text("gd") == "Gradient descent: paused at step 2"
    assert round(QColor("#0072B2").hsvHueF() * 36) * 10 in _text_hues(label)


def test_a_cost_with_no_minimum_says_so_as_soon_as_f_is_known(controls, model):
    """It said so only once the run had ended at max steps: "ready to start" and "paused
    at step 39" for a quadratic f already proved to fall without end along (1, −1)."""
    _load(model, "(x-5)^2 + (y-3)^2 + 2xy", (1.0, 1.0), ((-2.0, 6.0), (-4.0, 4.0)), 0.1, 40)
    unbounded = "no minimum: f → −∞ along (1,\u00a0−1)"
    assert model.frame == 0 and not model.playing         # typed, before Play
    assert controls.status_text("gd") == f"⚠ Gradient descent: ready to start — {unbounded}"
    assert controls.warned["gd"]
    model.set_frame(39)
    assert controls.status_text("gd") == f"⚠ Gradient descent: paused at step 39 — {unbounded}"
    model.set_frame(40)
    assert controls.status_text("gd") == ("⚠ Gradient descent: reached max steps — no "
                                          "minimum: f → −∞ along (1,\u00a0−1)")
    assert controls.warned["gd"]


def test_a_bowl_run_that_stops_short_is_not_called_minimum_less(controls, model):
    _load(model, "x^2 + 2y^2", (3.0, 2.0), ((-4.0, 4.0), (-3.0, 3.0)), 0.01, 30)
    model.set_frame(30)
    assert controls.status_text("gd") == "Gradient descent: reached max steps"
    assert not controls.warned.get("gd")


def test_a_start_past_the_engines_limit_is_not_called_a_divergence(controls, model, qtbot):
    """e^(10x) from x = 2.8: f = 1.446e12 there, past the 1e12 at which the engine stops a
    run (ENGINE_API.md: "diverged"), so no method steps. The status said "diverged at step
    0" for GD, Momentum and Adam, as if each had blown up; it says why none ran."""
    model.set_text("e^(10x)")
    model.set_start((2.8,))
    model.set_settings(methods=("gd", "adam"), lr=0.1)
    assert model.wait_for_analysis(60000)
    qtbot.waitUntil(lambda: set(model.paths) == {"gd", "adam"})
    assert model.paths["adam"].status == "diverged" and model.paths["adam"].stop_step == 0
    for method, label in (("gd", "Gradient descent"), ("adam", "Adam")):
        text = controls.status_text(method)
        assert "diverged" not in text and "blew up" not in text, text
        assert text == (f"{label}: not run: f = 1.45e12 at the start, past the 1e12 "
                        "where a run stops: start where |f| is smaller"), text
    model.set_start((2.0,))                          # f = 4.85e8: Adam runs
    qtbot.waitUntil(lambda: model.paths["adam"].stop_step > 3)
    assert "not run" not in controls.status_text("adam")


def test_two_over_lambda_max_is_never_broken_across_lines(controls, model, qtbot):
    """Presenting (bold, text size 1.5) the status line wrapped "… η = 0.55 > 2/" |
    "λmax = 0.5" at every width from 366 to 416 px (and 256-295, 201-209)."""
    _load(model, "x^2 + 2y^2", (3.0, 2.0), ((-4.0, 4.0), (-3.0, 3.0)), 0.55, 30)
    model.set_frame(12)
    label = controls.status_labels["gd"]
    app = QApplication.instance()
    try:
        theme.apply_theme(app, controls, "light", 1.5)
        qtbot.wait(20)
        assert label.font().bold() and "λmax" in label.text()
        broken = [width for width in range(180, 480)
                  if lines_between(label, "2/", "max", width) != 0]
        assert broken == []
    finally:
        theme.apply_theme(app, controls, "light", 1.0)


@pytest.mark.parametrize("text, words", [("x^3 + y^3", "f → −∞ along (−1,\u00a0−1)"),
                                         ("x^3", "f → −∞ as x → −∞")])
def test_a_polynomial_whose_top_degree_part_falls_says_no_minimum_in_the_descent_panel(
        panel, model, qtbot, text, words):  # noqa: F811
    """Not quadratic, so engine.run_health cannot tell: x³ + y³ (and x³ in 1-D) read only
    "ready to start". The points helper proves it from the top-degree part
    (engine.unbounded) after the critical points; the panel says so when that comes, in
    the words a run's own finding uses."""
    falling_answered(model, qtbot, text)
    unbounded = f"no minimum: {words}"
    warned = f"⚠ Gradient descent: ready to start — {unbounded}"
    qtbot.waitUntil(lambda: panel.playback.status_text("gd") == warned, timeout=30000)
    label = panel.playback.status_labels["gd"]
    assert label.isVisible() and label.text() == warned and panel.playback.warned["gd"]
    model.set_settings(methods=("gd",), lr=0.01, max_steps=5)     # and at its end
    assert model.paths["gd"].status == "max_steps"
    model.set_frame(5)
    assert panel.playback.status_text("gd") == (
        f"⚠ Gradient descent: reached max steps — {unbounded}")


@pytest.mark.parametrize("text", ["x^4 - x^2", "x^2 + 2y^2"])
def test_a_function_with_a_minimum_gets_no_such_warning(panel, model, qtbot, text):  # noqa: F811
    """x⁴ − x² and the default x² + 2y²: after x³ + y³'s warning, none once the helper's
    answer for them is in (the direction is None)."""
    falling_answered(model, qtbot, "x^3 + y^3")
    qtbot.waitUntil(lambda: panel.playback.warned.get("gd") is True, timeout=30000)
    falling_answered(model, qtbot, text)
    assert model.falling.direction(model.expression) is None
    assert panel.playback.status_text("gd") == "Gradient descent: ready to start"
    assert panel.playback.warned["gd"] is False         # (restyled: no warning ink)
    model.set_text("x^3 + y^3")             # again: the helper's answers recalled, not asked
    assert model.wait_for_analysis(60000)
    qtbot.waitUntil(lambda: panel.playback.warned["gd"] is True, timeout=30000)
    assert panel.playback.status_text("gd").endswith("no minimum: f → −∞ along (−1,\u00a0−1)")


_NAMED = re.compile(r"no minimum: f → −∞ (?:along \((.+)\)|as x → ([−+])∞)$")


@pytest.mark.parametrize("text, warns", [
    ("x^3", True), ("x^3 + y^3", True), ("x*y", True), ("-x^2 - y^2", True),
    ("(x-5)^2 + (y-3)^2 + 2xy", True), ("x^2 + 2y^2", False), ("x^4 - x^2", False),
    ("exp(x) + x^2", False), ("x^4 + y^4 - xy", False)])
def test_no_minimum_is_said_exactly_where_f_has_none(panel, model, qtbot, text, warns):  # noqa: F811
    """The same words for every f with no minimum, whether the run's quadratic rule
    (x·y, −x² − y², (x−5)² + (y−3)² + 2xy) or f's top-degree part (x³, x³ + y³) proves
    it, and f really falls without end along the direction named (values along it, from
    the start); never for an f that has a minimum."""
    falling_answered(model, qtbot, text)
    status = panel.playback.status_text("gd")
    assert status.startswith("⚠ " if warns else "Gradient descent: ready to start"), status
    assert panel.playback.warned.get("gd", False) is warns
    if not warns:
        assert "minimum" not in status
        return
    named = _NAMED.search(status)
    assert named, status
    direction = ([float(c.replace("−", "-")) for c in named[1].split(",\u00a0")] if named[1]
                 else [-1.0 if named[2] == "−" else 1.0])
    f, start = model.expression, model.paths["gd"].points[0]
    values = [float(f(*(start + t * np.array(direction)))) for t in (0, 10, 100, 1000)]
    assert all(b < a for a, b in zip(values, values[1:])), values
    assert values[-1] < values[0] - 100, values


@pytest.mark.parametrize("text, words", [
    ("x^3 - 3x", "no global minimum: f → −∞ as x → −∞"),
    ("x^3 - 3x + y^2", "no global minimum: f → −∞ along (−1,\u00a0−1)"),
    ("x^3", "no minimum: f → −∞ as x → −∞")])
def test_a_local_minimum_makes_it_no_global_minimum(panel, model, qtbot, text, words):  # noqa: F811
    """x³ − 3x falls without end as x → −∞, yet has a minimum at x = 1, marked "minimum"
    on the plot: "no minimum" beside that mark denied it. Its words are "no global
    minimum"; x³ (no critical point but an inflection) keeps "no minimum"."""
    falling_answered(model, qtbot, text)
    kinds = [cp.kind for cp in model.critical_points]
    assert ("minimum" in kinds) is ("global" in words), kinds
    qtbot.waitUntil(lambda: panel.playback.status_text("gd").endswith(words), timeout=30000)
