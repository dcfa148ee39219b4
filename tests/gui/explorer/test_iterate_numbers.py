"""The iterate table's numbers are true (issue 11, item 3): round-off of zero shows as 0
(the tooltip says so), and under SGD noise the gradient the step used is beside ∇f."""
import numpy as np
import pytest
from PySide6.QtCore import Qt

from gui.app.presets import find_preset
from gui.explorer.iterate_table import IterateTable


@pytest.fixture
def table(shown, model):
    return shown(IterateTable(model), 900, 300)


def _column(table, header):
    tm = table.table_model
    return tm.headers().index(header)


def test_round_off_of_zero_shows_as_zero_and_says_so(table, model):
    """Seed 1 from 2.8: near the minimum x = 2 the engine's f is ±3.55e−15 (f ≥ 0)."""
    model.load_preset(find_preset("Seed 1"))
    assert model.wait_for_analysis(30000)
    values = model.paths["gd"].values
    rows = np.flatnonzero((values != 0) & (np.abs(values) < 1e-14))
    assert len(rows) and values[rows].min() < 0          # a negative f, which f never is
    tm = table.table_model
    c = _column(table, "f(x)")
    for row in rows:
        assert tm.texts()[c][row] == "0"
        assert tm.data(tm.index(row, c), Qt.ItemDataRole.DisplayRole) == "0"
        tip = tm.data(tm.index(row, c), Qt.ItemDataRole.ToolTipRole)
        assert "round-off" in tip and f"{values[row]:.3g}".replace("-", "−") in tip
        assert tm.data(tm.index(row, c), Qt.ItemDataRole.UserRole) == values[row]   # raw kept
    assert "−3.55e−15 as computed" in tm.data(tm.index(rows[values[rows].argmin()], c),
                                               Qt.ItemDataRole.ToolTipRole)


def test_ordinary_small_numbers_are_not_rounded_away(table, model):
    model.set_text("x^2 + 2y^2")
    assert model.wait_for_analysis(30000)
    model.set_start((3e-6, 2.0))
    tm = table.table_model
    assert tm.texts()[_column(table, "x")][0] == "3e−6"


def test_under_noise_the_used_gradient_is_beside_the_true_one(table, model):
    model.load_preset(find_preset("Seed 2"))
    assert model.wait_for_analysis(30000)
    assert not any(h.startswith("used g") for h in table.table_model.headers())
    model.set_settings(noise=1.0)
    tm = table.table_model
    headers = tm.headers()
    assert headers[-2:] == ["used g(x)", "used g(y)"]
    path = model.paths["gd"]
    x0, x1 = path.points[0], path.points[1]
    used = np.array([tm.value(0, headers.index("used g(x)")), tm.value(0, headers.index("used g(y)"))])
    true = np.array([tm.value(0, headers.index("∂f/∂x")), tm.value(0, headers.index("∂f/∂y"))])
    assert not np.allclose(used, true)
    np.testing.assert_allclose(x1, x0 - 0.1 * used, rtol=1e-12)    # x₁ = x₀ − η·g(used)
    # ... and at the digits on screen too
    shown = lambda header, row: float(tm.texts()[headers.index(header)][row].replace("−", "-"))
    for v in ("x", "y"):
        assert shown(v, 1) == pytest.approx(shown(v, 0) - 0.1 * shown(f"used g({v})", 0), abs=1e-4)


def test_a_true_small_value_is_not_taken_for_round_off(table, model):
    """Near the minimum of (w₁−1)² + (w₂+2)² + b², f ≈ 2e−12 is true: it stays."""
    model.set_text("(w_1-1)^2 + (w_2+2)^2 + b^2")
    assert model.wait_for_analysis(30000)
    tm = table.table_model
    c = _column(table, "f(b, w₁, w₂)")
    values = model.paths["gd"].values
    small = np.flatnonzero((values > 0) & (values < 1e-10))
    assert small.size
    for row in small:
        assert tm.texts()[c][row] != "0"
        assert tm.data(tm.index(row, c), Qt.ItemDataRole.ToolTipRole) is None or \
            "round-off" not in tm.data(tm.index(row, c), Qt.ItemDataRole.ToolTipRole)


def test_a_true_small_whole_number_before_a_divergence_is_shown(table, model):
    """Himmelblau + 3x from (3, 2) with η = 0.1 diverges (f ~ 1e300 later): the start's
    true f = 9 and ∂f/∂x = 3, whole numbers of 2–4 significant bits, once read as
    round-off against the column's huge values and shown as 0."""
    model.set_text("(x^2+y-11)^2 + (x+y^2-7)^2 + 3x")
    assert model.wait_for_analysis(30000)
    model.set_start((3.0, 2.0))
    model.set_settings(lr=0.1, methods=("gd",))
    path = model.paths["gd"]
    assert np.nanmax(np.abs(path.values[np.isfinite(path.values)])) > 1e12   # it diverges
    tm = table.table_model
    assert tm.texts()[_column(table, "f(x, y)")][0] == "9"
    assert tm.texts()[_column(table, "∂f/∂x")][0] == "3"
    assert tm.texts()[_column(table, "∂f/∂y")][0] == "0"        # a true 0 stays 0


def test_round_off_is_judged_against_the_rows_around_it():
    from gui.explorer.iterate_columns import round_off_zero
    residue = -3.552713678800501e-15                     # −2⁻⁴⁸: cancellation's signature
    assert list(round_off_zero(np.array([5.0, 1.0, residue, 1e-16 * 3, 0.0]))) == \
        [False, False, True, False, False]               # 3e−16 has a full mantissa
    # whole numbers beside huge ones (a later divergence) are true values
    assert not round_off_zero(np.array([9.0, 3.0, 3e4, 1e12, 1e200, np.inf])).any()
    # far from the divergence, a residue still is one
    column = np.concatenate([np.full(10, 1e-3), [residue], np.full(5, 1e-3), [1e200]])
    assert round_off_zero(column)[10]


def test_a_start_where_f_is_minus_infinity_reads_undefined(table, model):
    """log(x) + log(y) at (0, 0): f = −inf read "inf" (its sign lost), ∂f/∂x "inf"."""
    from gui.explorer.iterate_columns import UNDEFINED
    model.set_text("log(x) + log(y)")
    assert model.wait_for_analysis(30000)
    model.set_start((0.0, 0.0))
    tm = table.table_model
    assert tm.rowCount() and model.paths["gd"].values[0] == -np.inf
    for header in ("f(x, y)", "∂f/∂x", "∂f/∂y", "|∇f|"):
        cell = tm.index(0, _column(table, header))
        assert tm.data(cell, Qt.ItemDataRole.DisplayRole) == UNDEFINED
        assert "undefined" in tm.data(cell, Qt.ItemDataRole.ToolTipRole)
