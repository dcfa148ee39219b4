"""IterateTable: the engine's iterates, values and gradients, row by row."""
import csv
import io

import numpy as np
import pytest
from numpy.testing import assert_allclose
from PySide6.QtCore import Qt

from gui.explorer.iterate_table import IterateTable, compact
from gui.app.presets import default_preset, find_preset

DISPLAY, RAW = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.UserRole


@pytest.fixture
def table(shown, model):
    w = IterateTable(model)
    model.load_preset(default_preset())
    assert model.wait_for_analysis()
    return shown(w, 640, 320)


def _row(table, row, role=DISPLAY):
    tm = table.table_model
    return [tm.data(tm.index(row, c), role) for c in range(tm.columnCount())]


def test_headers_for_two_variables(table):
    assert table.table_model.headers() == ["k", "x", "y", "f(x, y)", "∂f/∂x", "∂f/∂y", "|∇f|"]


def test_first_rows_of_the_default_example(table, model):
    f = model.expression
    assert _row(table, 0)[:3] == ["0", "3", "2"]
    assert _row(table, 1)[:3] == ["1", "2.4", "1.2"]
    assert _row(table, 2)[:3] == ["2", "1.92", "0.72"]
    assert _row(table, 0)[3:6] == ["17", "6", "8"]
    assert _row(table, 1)[4:6] == ["4.8", "4.8"]
    assert _row(table, 2)[4:6] == ["3.84", "2.88"]
    for k, (x, y) in enumerate([(3, 2), (2.4, 1.2), (1.92, 0.72)]):
        raw = _row(table, k, RAW)
        assert_allclose(raw[1:3], (x, y))
        assert_allclose(raw[3], f(x, y))                     # 17, 8.64, 4.7232
        assert_allclose(raw[4:6], f.gradient(x, y))          # (6, 8), (4.8, 4.8), (3.84, 2.88)
        assert_allclose(raw[6], np.hypot(*f.gradient(x, y)))  # |∇f| = 10 at the start
    path = model.paths["gd"]
    assert table.table_model.rowCount() == len(path.values)
    last = _row(table, path.stop_step, RAW)
    assert_allclose(last[1:3], path.points[-1])
    assert_allclose(last[4:6], path.gradients[-1])


def test_numbers_are_compact(table):
    assert compact(1.2288000000000001) == "1.2288"
    assert compact(-0.000123456789) == "−0.000123457"
    assert compact(-0.0) == "0"
    assert compact(1.5e-17) == "1.5e−17"
    assert compact(1.48814e-9) == "1.48814e−9" and compact(2e12) == "2e12"


def test_current_row_highlighted_later_rows_grey(table, model):
    tm = table.table_model
    model.set_frame(5)
    assert tm.data(tm.index(5, 1), Qt.ItemDataRole.BackgroundRole) is not None
    assert tm.data(tm.index(4, 1), Qt.ItemDataRole.BackgroundRole) is None
    assert tm.data(tm.index(4, 1), Qt.ItemDataRole.ForegroundRole) is None
    assert tm.data(tm.index(6, 1), Qt.ItemDataRole.ForegroundRole) is not None


def test_current_row_scrolled_into_view(table, model, qtbot):
    model.set_frame(80)
    qtbot.wait(20)
    view = table.view
    rect = view.visualRect(table.table_model.index(80, 0))
    assert view.viewport().rect().contains(rect)


def test_method_choice_follows_paths(table, model):
    model.load_preset(find_preset("Rosenbrock's banana"))
    assert model.wait_for_analysis()
    assert [table.combo.itemData(i) for i in range(table.combo.count())] == \
        ["gd", "momentum", "adam"]
    table.select_method("adam")
    assert table.method == "adam"
    assert_allclose(_row(table, 3, RAW)[1:3], model.paths["adam"].points[3])
    model.set_settings(lr=0.0005)                 # new paths: keep the chosen method
    assert table.method == "adam"
    assert_allclose(_row(table, 3, RAW)[1:3], model.paths["adam"].points[3])


def test_one_variable_columns(table, model):
    model.load_preset(find_preset("Seed: L(w) = (w − 3)²"))
    assert model.wait_for_analysis()
    assert table.table_model.headers() == ["k", "w", "f(w)", "f′(w)"]
    assert _row(table, 0) == ["0", "0", "9", "−6"]


def table_csv(table) -> str:
    """The selected path's whole table as CSV, each cell's number at full precision as
    its cell shows it (IterateTableModel.shown_value: a round-off of zero shown as 0 is
    0.0): what the table claims, read back."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    tm = table.table_model
    writer.writerow(tm.csv_headers)
    for row in range(tm.rowCount()):
        writer.writerow([row] + [repr(tm.shown_value(row, c)) for c in range(1, tm.columnCount())])
    return out.getvalue()


def test_csv_header_and_rows(table, model):
    rows = list(csv.reader(io.StringIO(table_csv(table))))
    assert rows[0] == ["k", "x", "y", "f", "df/dx", "df/dy", "|grad f|"]
    path = model.paths["gd"]
    assert len(rows) == 1 + len(path.values)
    assert rows[1] == ["0", "3.0", "2.0", "17.0", "6.0", "8.0", "10.0"]
    assert_allclose([float(v) for v in rows[2][1:6]], [2.4, 1.2, 8.64, 4.8, 4.8])
    numbers = np.array([[float(v) for v in r] for r in rows[1:]])
    assert_allclose(numbers[:, 1:3], path.points)       # full precision, not 6 digits
    assert_allclose(numbers[:, 3], path.values)
    assert_allclose(numbers[:, 4:6], path.gradients)


def test_screenshot_table(table, model, screenshot, qtbot):
    model.set_frame(3)
    qtbot.wait(50)
    screenshot(table, "iterate_table")


def _elided_cells(table):
    """(row, column, text) of every cell whose text is wider than its column allows."""
    from PySide6.QtGui import QFontMetrics
    view, tm = table.view, table.table_model
    fm = QFontMetrics(tm.cell_font or view.font())
    out = []
    for c in range(tm.columnCount()):
        room = view.columnWidth(c) - 8           # the style's text margins, both sides
        out += [(r, c, tm.data(tm.index(r, c))) for r in range(tm.rowCount())
                if fm.horizontalAdvance(tm.data(tm.index(r, c))) > room]
    return out


def test_widest_text_is_measured_in_pixels(table):
    from PySide6.QtGui import QFontMetrics
    tm = table.table_model
    fm = QFontMetrics(table.view.font())
    for c, texts in enumerate(tm.widest()):
        shown = {tm.data(tm.index(r, c)) for r in range(tm.rowCount())}
        assert max(map(fm.horizontalAdvance, texts)) == max(map(fm.horizontalAdvance, shown))


def test_no_number_elided_in_the_window(window, qtbot):
    from gui.widgets import theme
    from PySide6.QtWidgets import QApplication
    model, table = window.model, window.iterate_table
    model.set_settings(methods=("gd", "momentum", "adam", "newton"))
    assert model.wait_for_analysis()
    qtbot.wait(200)
    try:
        for size, scale in (((1400, 860), 1.0), ((1280, 720), 1.5)):
            window.resize(*size)
            window.commands.set_scale(scale)
            for method in ("gd", "momentum", "adam", "newton"):
                table.select_method(method)
                qtbot.wait(100)
                assert _elided_cells(table) == [], (size, scale, method)
                if scale == 1.0:     # the default window: every column in view, no scrolling
                    assert table.view.horizontalScrollBar().maximum() == 0, method
                    assert table.table_model.digits == 6
    finally:
        theme.apply_theme(QApplication.instance(), window, "light", 1.0)


def test_frames_past_the_end_of_a_path_repaint_valid_rows(table, model):
    """The frame runs on after a short path ended (Newton, or a new, shorter path):
    the rows to repaint stay inside the table (Qt warned of an invalid index range)."""
    tm = table.table_model
    changed = []
    tm.dataChanged.connect(lambda a, b, _roles: changed.append((a.isValid(), b.isValid(),
                                                                a.row(), b.row())))
    rows = tm.rowCount()
    assert rows > 3
    for frame in (rows + 40, rows + 80, 2, rows + 5):
        tm.set_frame(frame)
    assert changed and all(a and b and 0 <= top <= bottom < rows
                           for a, b, top, bottom in changed), changed


def test_a_new_f_with_the_same_runs_keeps_the_combo_and_lists_the_new_path(table, model):
    from engine.optimizers import descend
    model.set_settings(methods=("gd", "adam"))
    assert model.wait_for_analysis()
    table.select_method("adam")
    inserted = []
    table.combo.model().rowsInserted.connect(lambda *a: inserted.append(a))
    model.set_text("(x-1)^2 + 3*(y+0.5)^2")
    assert model.wait_for_analysis()
    assert inserted == [] and table.method == "adam"            # not rebuilt
    assert [table.combo.itemText(i) for i in range(table.combo.count())] == \
        [model.lab.label(m) for m in ("gd", "adam")]
    path = model.paths["adam"]
    engine_path = descend(model.expression, model.start, method="adam", lr=model.settings.lr,
                          steps=model.settings.max_steps)
    assert_allclose(path.points, engine_path.points)
    assert table.table_model.rowCount() == len(path.values)
    last = _row(table, len(path.values) - 1, RAW)
    assert_allclose(last[1:3], engine_path.points[-1])
    assert_allclose(last[3], engine_path.values[-1])
    assert _row(table, 0)[3] == compact(float(model.expression(*model.start)))
    model.set_settings(methods=("gd", "momentum"))              # other runs: listed anew
    assert model.wait_for_analysis()
    assert [table.combo.itemText(i) for i in range(table.combo.count())] == \
        [model.lab.label(m) for m in ("gd", "momentum")]


def test_later_rows_grey_follows_the_theme(table, model):
    """The dimmed ink of the rows after the frame is worked out once per theme: dark
    gives another ink (4.5:1 on the dark rows), light the first one again."""
    from PySide6.QtWidgets import QApplication
    from gui.widgets import theme
    tm = table.table_model
    model.set_frame(2)
    light = tm.data(tm.index(5, 1), Qt.ItemDataRole.ForegroundRole)
    try:
        theme.apply_theme(QApplication.instance(), table, "dark", 1.0)
        dark = tm.data(tm.index(5, 1), Qt.ItemDataRole.ForegroundRole)
        assert dark.name() != light.name()
        back = theme.current().background
        assert theme.readable(dark, back).name() == dark.name()      # already 4.5:1 there
        assert dark.lightness() > light.lightness()
    finally:
        theme.apply_theme(QApplication.instance(), table, "light", 1.0)
    assert tm.data(tm.index(5, 1), Qt.ItemDataRole.ForegroundRole).name() == light.name()


def test_newtons_square_in_the_runs_menu_follows_the_theme(table, model, qtbot):
    """The "Iterates of" menu's square for Newton stayed black on the dark theme (the
    rehearsal: black on black), as it was drawn when the runs were listed in light."""
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QApplication
    from gui.widgets import theme
    app = QApplication.instance()
    model.set_settings(methods=("gd", "newton"))
    combo = table.combo

    def lightness(method):
        icon = combo.itemIcon(combo.findData(method))
        return QColor(icon.pixmap(12, 12).toImage().pixel(6, 6)).lightnessF()
    assert lightness("newton") < 0.2                     # black on the light list
    try:
        theme.apply_theme(app, table, "dark", 1.0)
        assert lightness("newton") > 0.5
        assert QColor(theme.current().ink(QColor("#0072B2"))).name() == \
            QColor(combo.itemIcon(combo.findData("gd")).pixmap(12, 12).toImage().pixel(6, 6)).name()
    finally:
        theme.apply_theme(app, table, "light", 1.0)
    assert lightness("newton") < 0.2


def test_rows_revealed_later_say_overflow_as_the_first_rows_do(qapp):
    """Predict, then reveal: the rows appended as the frame grows (IterateTableModel.grow)
    read "overflow" where ∇f only overflows floats, as rows shown at once do; they read
    "—" (undefined) before. 5e307·x²: f′(1) = 1e308, f′(1.8) = 1.8e308 past the largest
    float while f(1.8) = 1.62e308 is a number."""
    from dataclasses import replace
    from engine.expression import parse
    from engine.optimizers import descend
    from gui.explorer.iterate_table import IterateTableModel
    f = parse("5e307*x^2")
    run = descend(f, start=(1.0,), method="gd", lr=1e-310, steps=1)
    points = np.array([[1.0], [1.8]])
    longer = replace(run, points=points, values=np.array([f(1.0), f(1.8)]),
                     gradients=np.array([[f.gradient(1.0)[0]], [f.gradient(1.8)[0]]]),
                     used_gradients=None)
    first = replace(longer, points=points[:1], values=longer.values[:1],
                    gradients=longer.gradients[:1])
    assert np.isfinite(longer.values).all() and not np.isfinite(longer.gradients[1, 0])
    table = IterateTableModel()
    table.set_path(first, ("x",), "#0072B2", f)
    assert table.grow(longer)
    texts = table.texts()
    assert texts[3] == ["1e308", "overflow"], texts          # the f′(x) column
    shown_at_once = IterateTableModel()
    shown_at_once.set_path(longer, ("x",), "#0072B2", f)
    assert shown_at_once.texts() == texts
