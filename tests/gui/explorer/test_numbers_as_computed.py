"""A number with a column or field of its own (the iterate table, Inside a step) is shown
as computed; only round-off of zero (iterate_columns.round_off_zero) reads 0 there. The
map's callout, the whole point at a glance, still reads a coordinate that is rounding
noise against the point and the view as 0 (number_text.noise_of).

GD at η = 0.6 on x² + 2y² from (−2.8, −2.1): x shrinks by −0.2 a step (each coordinate
is iterated on its own) and never reaches 0; at step 38 x = −7.697e−27 beside
y = −750040. The table and the step read "0" there, a false claim in a lesson about
convergence. On 1e300·x² + y² from (3, 2), ∂f/∂y = 4 beside ∂f/∂x = 6e300 read "0"."""
import csv
import io

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter

from gui.explorer.iterate_table import IterateTable
from gui.explorer.step_inspector import StepInspector
from gui.plots.contour_view import ContourView
from gui.widgets.number_text import compact
from tests.gui.explorer.test_iterate_table import table_csv


def _run(model, qtbot, text, start, steps):
    model.set_text(text)
    assert model.wait_for_analysis(30000)
    model.set_window(((-4, 4), (-3, 3)))
    model.set_start(start)
    model.set_settings(methods=("gd",), lr=0.6, max_steps=100)
    qtbot.waitUntil(lambda: "gd" in model.paths and len(model.paths["gd"].points) >= steps
                    and tuple(model.paths["gd"].points[0]) == start, timeout=60000)


@pytest.fixture
def views(shown, model):
    split = QSplitter()
    parts = {"map": ContourView(model), "table": IterateTable(model),
             "inspector": StepInspector(model)}
    for part in parts.values():
        split.addWidget(part)
    parts["split"] = shown(split, 1600, 500)
    return parts


def _cell(table, row, header):
    tm = table.table_model
    return tm.data(tm.index(row, tm.headers().index(header)), Qt.ItemDataRole.DisplayRole)


def _csv_row(table, row) -> dict:
    rows = list(csv.reader(io.StringIO(table_csv(table))))
    return dict(zip(rows[0], rows[1 + row]))


def test_the_map_callout_prints_the_noise_as_0(views, model, qtbot):
    _run(model, qtbot, "x^2 + 2y^2", (-2.8, -2.1), 39)
    x, y = model.paths["gd"].points[38]
    assert 0 < abs(x) < 1e-26 and abs(y) > 7e5
    model.set_frame(38)
    marks = views["map"].marks.off_plot
    assert marks.readouts()["gd"] == "GD · step 38: (x, y) = (0, −750040)"
    assert marks.shown()["gd"] in ("GD · step 38: (x, y) = (0, −750040)", "GD (0, −7.5e5)")


def test_the_table_and_the_step_show_a_tiny_coordinate_as_computed(views, model, qtbot):
    _run(model, qtbot, "x^2 + 2y^2", (-2.8, -2.1), 39)
    x, y = model.paths["gd"].points[38]
    model.set_frame(38)
    table = views["table"]
    tm = table.table_model
    assert _cell(table, 38, "x") == compact(x, tm.digits) == "−7.69658e−27"
    assert _cell(table, 38, "y") == "−750040"
    assert _cell(table, 38, "∂f/∂x") == compact(2 * x, tm.digits) == "−1.53932e−26"
    tip = tm.data(tm.index(38, tm.headers().index("x")), Qt.ItemDataRole.ToolTipRole)
    assert tip is None or "shown as 0" not in tip
    assert float(_csv_row(table, 38)["x"]) == x                 # the CSV says the same
    model.set_frame(37)                                          # step 37 → 38
    inspector = views["inspector"]
    qtbot.waitUntil(lambda: "37" in inspector.title.text())
    assert "= (−7.69658e−27,&nbsp;−750040)" in inspector.body.text(), inspector.body.text()


def test_a_small_gradient_beside_a_huge_one_is_shown_as_computed(views, model, qtbot):
    _run(model, qtbot, "1e300*x^2 + y^2", (3.0, 2.0), 1)
    model.set_frame(0)
    table = views["table"]
    assert (_cell(table, 0, "∂f/∂x"), _cell(table, 0, "∂f/∂y")) == ("6e300", "4")
    assert float(_csv_row(table, 0)["df/dy"]) == 4.0
    # f = 9e300 there: no run leaves (3, 2); from x = 10⁻¹⁵⁰, f = 5, one step is taken
    _run(model, qtbot, "1e300*x^2 + y^2", (1e-150, 2.0), 2)
    model.set_frame(0)
    inspector = views["inspector"]
    qtbot.waitUntil(lambda: "Inside step 0" in inspector.title.text())
    assert "∇f(θ₀) = (2e150,&nbsp;4)" in inspector.body.text(), inspector.body.text()
