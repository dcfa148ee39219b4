"""1e308·x²: values past the float range are called what they are. At x = 0 the read-out
said "f′(x) = undefined   undefined" (f′ = 0 exactly; 2e308·0 = inf·0 = nan in floats),
f″ = 2·10³⁰⁸ "undefined", and pyqtgraph warned "All-NaN slice" for the NaN-only marks."""
import warnings

import pytest

from engine.expression import parse
from engine.point_values import exact_derivative, gradient_overflows
from tests.gui.explorer.test_descent_panel import panel  # noqa: F401  (the fixture)
from tests.gui.explorer.test_iterate_table import _row, table  # noqa: F401  (the fixture)
from tests.gui.plots.curve_setup import shown_curve
from tests.gui.plots.test_secant_readouts import _plain


@pytest.fixture
def huge(shown, model, qtbot):
    return shown_curve(shown, model, qtbot, "1e308*x^2")


def test_the_read_out_gives_exact_values_where_floats_fail(huge):
    huge.set_point(0.0)
    point, secant = _plain(huge.panel.point_readout), _plain(huge.panel.secant_readout)
    assert "undefined" not in point + secant
    assert "f′(x) = 0" in point and "stationary" in point
    assert "f″(x) = 2·10³⁰⁸" in secant
    huge.set_point(1.0)       # f′ = 2·10³⁰⁸: beyond float range, its sign known
    point = _plain(huge.panel.point_readout)
    assert "f′(x) = 2·10³⁰⁸" in point and "increasing" in point


def test_a_quotient_past_the_float_range_is_an_overflow_not_undefined(huge, shown, model,
                                                                      qtbot):
    """At x = 1 the quotient (f(1+h) − f(1))/h of 1e308·x² is ~2·10³⁰⁸ for every h: past
    the float range, not outside f′'s domain. A pole's quotient stays undefined."""
    from tests.gui.plots.test_secant_readouts import _plain
    for h in (1.0, 1e-3):
        huge.panel.set_h(h)
        huge.set_point(1.0)
        secant = _plain(huge.panel.secant_readout)
        assert "/h = overflow" in secant and "difference overflow" in secant, secant
        assert "undefined" not in secant, secant
    huge.set_point(0.0)                     # f(h) − f(0) = 1e308·h²: a number
    assert "/h = overflow" not in _plain(huge.panel.secant_readout)
    pole = shown_curve(shown, model, qtbot, "1/x")
    pole.set_point(0.0)
    assert "/h = undefined" in _plain(pole.panel.secant_readout)


def test_an_undefined_slope_is_said_once(shown, model, qtbot):
    root = shown_curve(shown, model, qtbot, "sqrt(x)")
    root.set_point(0.0)
    point = _plain(root.panel.point_readout)
    assert point.count("undefined") == 1, point


def test_no_all_nan_marks(huge, qtbot):
    """No scatter item holds NaN only (pyqtgraph's bounds then warn at every ask)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        for x in (0.0, 1.0, 0.5):
            huge.set_point(x)
            huge.grab()            # painted: every item's bounds asked
            for item in (huge.slope_marker, huge.secant_points):
                item.dataBounds(0), item.dataBounds(1)


def test_the_engine_tells_overflow_from_undefined():
    f = parse("1e308*x^2")
    assert exact_derivative(f, 0.0) == 0.0
    assert exact_derivative(f, 0.0, 2) == "2·10³⁰⁸"
    assert exact_derivative(parse("-1.5e308*x^2"), 1.0, 2) == "−3·10³⁰⁸"
    assert exact_derivative(parse("sqrt(x)"), 0.0) is None
    assert gradient_overflows(f, (0.0,)) and gradient_overflows(f, (1.0,))
    assert not gradient_overflows(parse("sqrt(x)"), (0.0,))


@pytest.mark.parametrize("start", [0.0, 1.0])
def test_the_status_line_says_overflow_not_undefined(panel, model, qtbot, start):  # noqa: F811
    """The run of 1e308·x² cannot step: its f′ overflows floats (2e308·x), which is no
    point outside f′'s domain; √x + y² from (0, 1) stays "undefined" (its own test)."""
    model.set_text("1e308*x^2")
    assert model.wait_for_analysis(60000)
    model.set_start((start,))
    qtbot.waitUntil(lambda: "gd" in model.paths and model.paths["gd"].points.shape[1] == 1)
    model.set_frame(model.last_frame)
    status = panel.playback.status_text("gd")
    assert status.endswith("f′ overflows floating point at the start: no step can be taken"), \
        status


def test_the_table_says_overflow_where_the_status_line_does(table, model, qtbot):  # noqa: F811
    """The iterate table's f′ cell of 1e308·x² at x = 1 (2·10³⁰⁸): "overflow", as the
    status line says, not "—" with the tip "f has no value here" (f = 1e308 has one)."""
    from PySide6.QtCore import Qt
    model.set_text("1e308*x^2")
    assert model.wait_for_analysis(60000)
    model.set_start((1.0,))
    qtbot.waitUntil(lambda: model.paths["gd"].points.shape[1] == 1
                    and table.table_model.rowCount() == 1)
    assert _row(table, 0)[1:] == ["1", "1e308", "overflow"]
    assert "too large for floating point" in _row(table, 0, Qt.ItemDataRole.ToolTipRole)[3]
    model.set_text("sqrt(x) + 1")          # truly undefined: f′ = 1/(2√x) at 0
    assert model.wait_for_analysis(60000)
    model.set_start((0.0,))
    qtbot.waitUntil(lambda: model.start == (0.0,) and table.table_model.rowCount() == 1
                    and _row(table, 0)[2] == "1")
    assert _row(table, 0)[3] == "—"
