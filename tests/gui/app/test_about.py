"""The app icon, the About dialog and the keyboard shortcut sheet."""
from importlib import resources

import numpy
import pyqtgraph
import pytest
from PySide6.QtCore import QSize

from gui.app.about import (AboutDialog, ShortcutSheet, app_icon, app_version, library_versions,
                       shortcut_rows, show_about, show_shortcut_sheet)

# The sheet's tests only read the window: they share one fresh window (untouched_window,
# checked to be a fresh start's after each), on one worker.
pytestmark = pytest.mark.xdist_group("about_shared")


def test_icon_has_every_rendered_size(qtbot):
    icon = app_icon()
    assert not icon.isNull()
    sizes = set(icon.availableSizes())
    for px in (16, 32, 64, 256):
        assert QSize(px, px) in sizes
    image = icon.pixmap(32, 32).toImage()
    assert image.pixelColor(16, 4).alpha() == 255          # the rounded square is opaque
    assert image.pixelColor(0, 0).alpha() < 128             # its corner is cut off


def test_icon_files_ship_in_the_resources_package():
    files = resources.files("resources")
    for name in ("icon.svg", "icon-16.png", "icon-32.png", "icon-64.png", "icon-256.png"):
        assert (files / name).is_file(), name


def test_about_names_version_and_libraries(qtbot, screenshot):
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    text = dialog.text()
    assert "Gradient Lab" in text
    assert f"version {app_version()}" in text and app_version()
    for name in ("Python", "PySide6", "Qt", "pyqtgraph", "NumPy", "SymPy", "ziamath"):
        assert name in text
    assert pyqtgraph.__version__ in text and numpy.__version__ in text
    assert "LGPL" in text
    assert dict(library_versions())["Qt"].count(".") == 2
    screenshot(dialog, "about_dialog")


def _shown_sheet(window, qtbot) -> ShortcutSheet:
    """The F1 sheet of `window`, shown."""
    sheet = ShortcutSheet(window)
    qtbot.addWidget(sheet)
    sheet.show()
    qtbot.waitExposed(sheet)
    return sheet


def test_shortcut_sheet_lists_the_keys(untouched_window, qtbot, screenshot):
    window = untouched_window
    sheet = _shown_sheet(window, qtbot)
    keys = [key for key, _ in sheet.rows()]
    for key in ("Space", "→ / ←", "R", "Ctrl+L", "F11", "G", "1 / 2 / 3",
                "Ctrl+1 / Ctrl+2 / Ctrl+3"):
        assert key in keys
    assert any("F1" in key for key in keys)
    assert sheet.height() <= 720                               # fits a 1280×720 projector
    assert sheet.rows() == (shortcut_rows(window.commands.actions)
                            + list(window.lecture_commands.SHEET_ROWS))
    assert "PgDown / PgUp" in keys and "P / H / L" in keys      # the lecture's keys too
    assert sheet.table.font().pixelSize() >= 24               # readable from the back
    screenshot(sheet, "shortcut_sheet")


def test_shortcut_rows_are_distinct_pairs_of_text(untouched_window):
    rows = shortcut_rows(untouched_window.commands.actions)
    assert all(isinstance(k, str) and isinstance(a, str) and k and a for k, a in rows)
    assert len({k for k, _ in rows}) == len(rows)


def test_every_key_of_the_window_is_on_the_sheet_but_the_file_menus(untouched_window):
    """Made from the actions: a key added to the window shows on the sheet by itself."""
    window = untouched_window
    from PySide6.QtGui import QAction
    from gui.app.about import FILE_ACTIONS, key_text
    sheet = " ".join(key for key, _ in shortcut_rows(window.commands.actions))
    action = QAction("Something new", window)
    action.setShortcut("Ctrl+K")
    actions = {**window.commands.actions, "new_thing": action}
    assert ("Ctrl+K", "Something new") in shortcut_rows(actions)
    for name, act in window.commands.actions.items():
        if act.shortcuts() and name not in FILE_ACTIONS:
            assert key_text(act) in sheet, name


def test_show_functions_open_and_clean_up(qtbot):
    about = show_about()
    sheet = show_shortcut_sheet()
    qtbot.waitExposed(about)
    qtbot.waitExposed(sheet)
    assert about.isVisible() and sheet.isVisible()
    with qtbot.waitSignal(about.destroyed):
        about.close()
    with qtbot.waitSignal(sheet.destroyed):
        sheet.close()


def test_the_sheet_says_return_or_escape_leaves_the_formula_field(untouched_window, qtbot):
    """After typing x^3, "2" became part of the formula (x^32): the sheet, next to Ctrl+L,
    says how to leave the field, on screen without scrolling, in a 720-pixel sheet."""
    sheet = ShortcutSheet(untouched_window)
    qtbot.addWidget(sheet)
    sheet.resize(sheet.width(), min(sheet.height(), 720))
    sheet.show()
    qtbot.waitExposed(sheet)
    keys = [key for key, _ in sheet.rows()]
    row = keys.index("Return / Esc")
    assert keys[row - 1] == "Ctrl+L"
    what = sheet.table.item(row, 1)
    assert "formula field" in what.text() and "Esc drops an error" in what.text()
    viewport = sheet.table.viewport().rect()
    for column in (0, 1):
        assert viewport.contains(sheet.table.visualItemRect(sheet.table.item(row, column)))
    assert sheet.table.verticalScrollBar().maximum() == 0
    text_width = sheet.table.fontMetrics().horizontalAdvance(what.text())
    assert text_width <= sheet.table.visualItemRect(what).width()      # not elided
    assert sheet.height() <= 720


def test_the_sheet_names_the_h_sliders_keys_within_the_projector(untouched_window, qtbot):
    """← → move the secant's h slider a tenth of a decade, ↓ ↑ a decade, when it has
    focus (gui.plots.secant_panel.DecadeSlider): the sheet said only that ← → step the
    descent. At text size 1.5 the sheet still fits a 1280×720 projector."""
    window = untouched_window
    window.commands.set_scale(1.5)
    try:
        sheet = _shown_sheet(window, qtbot)
        rows = dict(sheet.rows())
        assert "← → / ↓ ↑" in rows
        what = rows["← → / ↓ ↑"]
        assert "h slider" in what and "tenth of a decade" in what and "/ a decade" in what
        keys = [key for key, _ in sheet.rows()]
        assert keys.index("← → / ↓ ↑") == keys.index("→ / ←") + 1      # beside the step keys
        assert sheet.width() <= 1280 and sheet.height() <= 720, sheet.size()
        row = keys.index("← → / ↓ ↑")
        cell = sheet.table.visualItemRect(sheet.table.item(row, 1))
        assert sheet.table.fontMetrics().horizontalAdvance(what) <= cell.width()   # not elided
        assert sheet.table.viewport().rect().contains(cell)
    finally:
        window.commands.set_scale(1.0)


def test_the_sheet_names_the_tangent_points_keys(untouched_window, qtbot):
    """X (type the tangent point's x) and Shift+← → (step it) share one row, so the
    sheet still fits a 1280×720 projector without scrolling."""
    sheet = _shown_sheet(untouched_window, qtbot)
    rows = dict(sheet.rows())
    assert "X / Shift+← →" in rows
    assert "type the tangent point's x / step it" in rows["X / Shift+← →"]
    assert sheet.height() <= 720 and sheet.table.verticalScrollBar().maximum() == 0
