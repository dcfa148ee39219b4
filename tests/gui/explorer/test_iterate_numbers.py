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
