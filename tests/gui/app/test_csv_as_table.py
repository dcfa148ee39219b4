"""File ▸ Export ▸ Table (CSV) and --export-csv (export.paths_csv) write the numbers the
iterate table shows, at full precision, as the table's own CSV (tests.gui.explorer.test_iterate_table.table_csv)
does: a round-off of zero the table shows as 0 is 0.0 (Seed 1 wrote f = −3.55e−15 beside
the table's 0), |∇f| beside ∂f/∂x = 6e300 is 6e300 (it wrote inf: the squares
overflowed), and a small number the table shows as computed is written as computed."""
import csv
import io

import numpy as np

from gui.app.export import paths_csv
from gui.app.presets import find_preset
from gui.explorer.iterate_table import IterateTable
from tests.gui.explorer.test_iterate_table import table_csv


def _rows(model, method="gd") -> list[dict]:
    return [r for r in csv.DictReader(io.StringIO(paths_csv(model))) if r["method"] == method]


def test_round_off_of_zero_is_written_as_the_table_shows_it(shown, model):
    model.load_preset(find_preset("Seed 1"))
    assert model.wait_for_analysis(30000)
    table = shown(IterateTable(model), 900, 300)
    tm = table.table_model
    values = model.paths["gd"].values
    zero = np.array([t == "0" for t in tm.texts()[tm.headers().index("f(x)")]])
    assert (zero & (values != 0)).any()                  # a residue the table shows as 0
    own = list(csv.DictReader(io.StringIO(table_csv(table))))      # the table's own CSV too
    for rows in (_rows(model), own):
        written = np.array([float(r["f"]) for r in rows])
        assert (written[zero] == 0).all()
        assert (written[~zero] == values[~zero]).all()   # the rest as computed


def test_a_huge_gradient_and_a_small_one_beside_it_are_written_as_shown(shown, model, qtbot):
    model.set_text("1e300*x^2 + y^2")
    assert model.wait_for_analysis(30000)
    model.set_start((3.0, 2.0))
    qtbot.waitUntil(lambda: "gd" in model.paths
                    and tuple(model.paths["gd"].points[0]) == (3.0, 2.0), timeout=30000)
    tm = shown(IterateTable(model), 900, 300).table_model
    first = _rows(model)[0]
    assert [tm.texts()[tm.headers().index(h)][0] for h in ("∂f/∂y", "|∇f|")] == ["4", "6e300"]
    assert (float(first["df/dy"]), float(first["grad_norm"])) == (4.0, 6e300)
