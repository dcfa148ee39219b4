"""Predict, then reveal: the iterate table's rows grow with the frame by inserting the
new rows (no reset per frame), and show at every frame exactly what a table built
afresh at that frame shows: the engine's numbers, the round-off zeros judged against
the rows shown, the same column widths and the same picture."""
from types import SimpleNamespace

import numpy as np
from numpy.testing import assert_allclose
from PySide6.QtCore import Qt

from gui.app.presets import find_preset
from gui.explorer.iterate_table import IterateTable, IterateTableModel

ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
         Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole)


def _cells(table):
    tm = table.table_model
    return [[tm.data(tm.index(r, c), role) for c in range(tm.columnCount()) for role in ROLES]
            for r in range(tm.rowCount())]


def _widths(table):
    return [table.view.columnWidth(c) for c in range(table.table_model.columnCount())]


def _grow_and_compare(model, shown, qapp, frames):
    grown = shown(IterateTable(model), 640, 260)
    resets, inserted = [], []
    grown.table_model.modelReset.connect(lambda: resets.append(model.frame))
    grown.table_model.rowsInserted.connect(lambda *_: inserted.append(model.frame))
    model.lab.set_predict(True)
    model.set_frame(0)
    qapp.processEvents()
    resets.clear()
    path = model.paths[grown.method]
    for frame in range(1, max(frames) + 1):
        model.set_frame(frame)
        qapp.processEvents()
        if frame not in frames:
            continue
        n = min(frame + 1, len(path.values))
        assert grown.table_model.rowCount() == n
        dim = path.points.shape[1]
        raw = [[grown.table_model.value(r, c) for c in range(1, dim + 2)] for r in range(n)]
        assert_allclose(raw, np.column_stack([path.points[:n], path.values[:n]]))
        fresh = shown(IterateTable(model), 640, 260)      # built afresh at this frame
        qapp.processEvents()
        assert _cells(grown) == _cells(fresh)
        assert _widths(grown) == _widths(fresh)
        # the same rows in view (a table built at once scrolls before its first layout)
        fresh.view.verticalScrollBar().setValue(grown.view.verticalScrollBar().value())
        assert grown.view.viewport().grab().toImage() == fresh.view.viewport().grab().toImage()
        fresh.close()
    assert resets == [] and len(inserted) == max(frames)   # one insertion a frame
    return grown


def test_rows_grow_as_on_a_fresh_table(shown, model, qapp):
    model.load_preset(find_preset("Seed 1"))       # round-off zeros near the minimum
    assert model.wait_for_analysis(30000)
    values = model.paths["gd"].values
    rows = np.flatnonzero((values != 0) & (np.abs(values) < 1e-14))
    assert len(rows)
    last = int(rows[0]) + 3
    grown = _grow_and_compare(model, shown, qapp, frames=(1, 2, 5, int(rows[0]) - 1,
                                                          int(rows[0]), last))
    c = grown.table_model.headers().index("f(x)")
    assert grown.table_model.texts()[c][rows[0]] == "0"        # shown as round-off


def test_a_step_back_rebuilds_the_rows(shown, model, qapp):
    model.set_text("x^2 + 2y^2")
    assert model.wait_for_analysis(30000)
    table = _grow_and_compare(model, shown, qapp, frames=(3, 8))
    model.set_frame(4)
    qapp.processEvents()
    assert table.table_model.rowCount() == 5
    assert table.table_model.texts()[0] == ["0", "1", "2", "3", "4"]


def _path(values):
    values = np.asarray(values, dtype=float)
    n = len(values)
    return SimpleNamespace(points=np.column_stack([np.arange(n), -np.arange(n)]).astype(float),
                           values=values, gradients=np.ones((n, 2)), used_gradients=None)


def test_a_row_whose_next_rows_arrive_is_judged_again():
    """2⁻²⁰ (one significant bit) is round-off of 0 only beside a value ≥ ~1000 within two
    rows: shown as computed while the 5000 two rows on is not yet shown, then as 0."""
    values = [1.0, 1.0, 1.0, 2.0 ** -20, 1.0, 5000.0, 1.0]
    grown = IterateTableModel()
    grown.set_path(_path(values[:5]), ("x", "y"), "#0072B2")
    assert grown.texts()[3][3] == "9.53674e−7"
    for n in (6, 7):
        assert grown.grow(_path(values[:n]))
        fresh = IterateTableModel()
        fresh.set_path(_path(values[:n]), ("x", "y"), "#0072B2")
        assert grown.texts() == fresh.texts() and grown.widest() == fresh.widest()
        assert grown.rowCount() == n
    assert grown.texts()[3][3] == "0"
    assert not grown.grow(_path([2.0] + values[1:]))      # not the rows shown: no growth
