"""A coordinate that is rounding noise against its point prints as 0, the same in every
place that prints the point.

The walkthrough: GD at η = 0.6 on x² + 2y² from (−2.8, −2.1) reaches, at step 38,
x = −7.697e−27 beside y = −750040 (x shrinks by 0.2 a step, y grows by 1.4). The map's
callout said "GD (−7.697e−27, −7.5e5)", its tooltip "(−7.69658e−27, −750040)", the
iterate table −7.69658e−27: a number 10⁻³² of the other coordinate and of the 8-wide
window, nothing but noise, read as if it said something."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter

from gui.explorer.iterate_table import IterateTable
from gui.explorer.step_inspector import StepInspector
from gui.plots.contour_view import ContourView


@pytest.fixture
def views(shown, model, qtbot):
    model.set_text("x^2 + 2y^2")
    assert model.wait_for_analysis(30000)
    model.set_window(((-4, 4), (-3, 3)))
    model.set_start((-2.8, -2.1))
    model.set_settings(methods=("gd",), lr=0.6, max_steps=100)
    qtbot.waitUntil(lambda: "gd" in model.paths and len(model.paths["gd"].points) == 39,
                    timeout=60000)
    split = QSplitter()
    parts = {"map": ContourView(model), "table": IterateTable(model),
             "inspector": StepInspector(model)}
    for part in parts.values():
        split.addWidget(part)
    parts["split"] = shown(split, 1600, 500)
    return parts


def test_the_map_callout_prints_the_noise_as_0(views, model):
    x, y = model.paths["gd"].points[38]
    assert 0 < abs(x) < 1e-26 and abs(y) > 7e5
    model.set_frame(38)
    marks = views["map"].marks.off_plot
    assert marks.readouts()["gd"] == "GD · step 38: (x, y) = (0, −750040)"
    assert marks.shown()["gd"] in ("GD · step 38: (x, y) = (0, −750040)", "GD (0, −7.5e5)")


def test_the_iterate_table_prints_it_as_0_and_says_why(views, model):
    model.set_frame(38)
    tm = views["table"].table_model
    headers = tm.headers()
    x, y, dx = (headers.index(h) for h in ("x", "y", "∂f/∂x"))
    shown = tm.data(tm.index(38, x), Qt.ItemDataRole.DisplayRole)
    assert (shown, tm.data(tm.index(38, y), Qt.ItemDataRole.DisplayRole)) == ("0", "−750040")
    assert tm.data(tm.index(38, dx), Qt.ItemDataRole.DisplayRole) == "0"     # 2x, noise too
    assert "−7.7e−27 as computed" in tm.data(tm.index(38, x), Qt.ItemDataRole.ToolTipRole)
    assert tm.data(tm.index(0, x), Qt.ItemDataRole.DisplayRole) == "−2.8"    # true ones stay


def test_the_step_read_out_prints_it_as_0(views, model, qtbot):
    model.set_frame(37)                        # step 37 → 38
    inspector = views["inspector"]
    qtbot.waitUntil(lambda: "37" in inspector.title.text())
    text = inspector.body.text()
    # θ₃₈ as the iterate table writes it (−750040, not the 4 digits −7.5e5 it had)
    assert "= (0,&nbsp;−750040)" in text and "e−2" not in text, text
