"""A lecturer's main picture is never a strip: on a 1280×720 projector (the window filling
the screen, text size 1) the map and the 3-D view keep at least 45 % of the height for
every example, whatever formulas arrive; and the formula panel keeps one height while
the user types f after f, so the views never jump."""
from __future__ import annotations

import gc

import numpy as np
import pytest
from PySide6.QtCore import QRect, QSettings
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from gui.app.presets import presets
from gui.widgets import theme
from tests.gui.app.layout_checks import window_rect

pytestmark = pytest.mark.xdist_group("formula_panel_layout")

SCREEN = (1280, 720)
VIEWS_SHARE = 0.45          # of the window's height, for the map and the 3-D view each
MAP_MIN_PX = 170            # the map itself (its plot area), inside the contour view
# Two variables, typed one after another: short, two-row sets (Rosenbrock's), a long one
TYPED = ("x^2 + 2y^2", "x^4 - 4x^3 + 4x^2 + y^2", "(1-x)^2 + 100(y-x^2)^2",
         "sin(x) cos(y) + 0.1 x^2 y^2 + exp(-(x-1)^2 - (y+1)^2) + (x y - 3)^2 (x + y)",
         "x y")


@pytest.fixture(scope="module")
def lab(qapp, tmp_path_factory):
    """One main window filling a 1280×720 screen, as maximised on it (Xvfb has no window
    manager to maximise it)."""
    from gui.app.application import build_window
    settings = QSettings(str(tmp_path_factory.mktemp("settings") / "s.ini"),
                         QSettings.Format.IniFormat)
    if theme.current() != theme.LIGHT:
        from PySide6.QtWidgets import QWidget
        theme.apply_theme(qapp, QWidget(), "light", 1.0)
    model, window = build_window(settings=settings)
    window.screen_limit = QRect(0, 0, *SCREEN)
    window.setGeometry(0, 0, *SCREEN)
    window.show()
    assert model.wait_for_analysis(60000)
    yield window
    window.close()
    model.shutdown()
    window.deleteLater()
    gc.collect()


def settle(qtbot, window, text=None, preset=None):
    """Load an example or type a text, and wait until its formulas are on screen."""
    model = window.model
    if preset is not None:
        model.load_preset(preset)
    else:
        model.set_text(text)
    assert model.wait_for_analysis(60000)
    qtbot.waitUntil(lambda: window.math_view.is_ready and window.math_view.equations
                    and all(e.kind != "pending" for e in window.math_view.equations),
                    timeout=60000)
    for _ in range(4):
        QApplication.processEvents()
        qtbot.wait(20)


def image_array(widget) -> np.ndarray:
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB888)
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), -1)
    return rows[:, :image.width() * 3].reshape(image.height(), image.width(), 3).astype(int)


def inked_rows(widget) -> np.ndarray:
    """Which rows of `widget`'s picture hold dark ink (typeset glyphs)."""
    return (image_array(widget).sum(axis=-1) < 300).any(axis=1)


def geometries(window) -> dict:
    ex = window.explorer
    return {name: window_rect(w, window).getRect() for name, w in
            (("formulas", ex.math_view), ("map", ex.contour_view),
             ("surface", ex.pair.widget(1)), ("below", ex.below))}


@pytest.mark.parametrize("preset", [p for p in presets() if len(p["window"]) == 2],
                         ids=lambda p: p["expr"])
def test_views_keep_their_share_of_a_720p_screen(lab, qtbot, screenshot, preset):
    settle(qtbot, lab, preset=preset)
    height = lab.height()
    assert (lab.width(), height) == SCREEN
    ex = lab.explorer
    for view in (ex.contour_view, ex.surface_view):
        assert view.isVisible() and view.height() >= VIEWS_SHARE * height, \
            (type(view).__name__, view.height())
    # the map itself, not only its widget (the legend and check boxes sit above it)
    assert ex.contour_view.plot.vb.height() >= MAP_MIN_PX
    # the formulas are on screen, inside their panel: ink in the panel's first row,
    # and the panel no taller than the text size's, whatever f is
    panel = lab.math_view
    assert panel.height() == panel.panel_height() <= 0.12 * height
    ink = inked_rows(panel)
    assert ink[:panel.height() // 2].sum() >= 10
    assert all(r.left() >= 0 and r.right() <= panel.width() for r in panel.equation_rects())
    name = "".join(c if c.isalnum() else "_" for c in preset["expr"])[:24]
    screenshot(lab, f"formula_panel_720p_{name}")


def test_the_views_keep_their_geometry_while_f_changes(lab, qtbot):
    """Typed f's of two variables, one giving a two-row set, a long one and an error:
    the formula panel, map, 3-D view and the panels below keep their places."""
    settle(qtbot, lab, text=TYPED[0])
    first = geometries(lab)
    seen = {}
    for text in TYPED[1:]:
        settle(qtbot, lab, text=text)
        seen[text] = geometries(lab)
    assert all(g == first for g in seen.values()), (first, seen)
    # not an idle comparison: what the panel holds differed (the long f drawn smaller,
    # to fit; "x y" at full size)
    assert lab.math_view.fit == 1.0
    settle(qtbot, lab, text=TYPED[3])
    assert lab.math_view.fit < 1.0 and geometries(lab) == first
    # an error line takes no row from the views (it has the caption's: test below)
    lab.editor.line_edit.setFocus()
    qtbot.keyClicks(lab.editor.line_edit, " + sin(")
    qtbot.keyClick(lab.editor.line_edit, "\r")
    qtbot.waitUntil(lambda: lab.editor.error_text != "", timeout=5000)
    QApplication.processEvents()
    assert lab.editor.error_label.isVisible()
    error_rect = window_rect(lab.editor.error_label, lab)
    assert error_rect.top() >= window_rect(lab.editor.line_edit, lab).bottom()
    assert geometries(lab) == first


def test_the_parse_error_has_a_place_of_its_own(lab, qtbot, screenshot):
    """`x^2 + (` on Himmelblau: the error line floated over the typeset formulas (their
    top row covered). It shows in the caption's row, under the formulas: the formulas'
    pixels are those of before, nothing else lies under it, and the views keep their
    places."""
    settle(qtbot, lab, preset=next(p for p in presets() if p["name"] == "Himmelblau"))
    panel = window_rect(lab.math_view, lab)
    before, places = image_array(lab)[panel.top():panel.bottom() + 1], geometries(lab)
    lab.editor.line_edit.setFocus()
    lab.editor.line_edit.selectAll()
    qtbot.keyClicks(lab.editor.line_edit, "x^2 + (")
    qtbot.waitUntil(lambda: lab.editor.error_text != "", timeout=5000)
    for _ in range(3):
        QApplication.processEvents()
        qtbot.wait(20)
    error = lab.editor.error_label
    assert error.isVisible() and "too early" in error.text()
    where = window_rect(error, lab)
    assert not where.intersects(panel) and where.top() > panel.bottom()
    assert not where.intersects(window_rect(lab.editor.line_edit, lab))
    assert where.height() >= error.fontMetrics().height()      # its text whole
    for name, widget in (("map", lab.contour_view), ("below", lab.explorer.below),
                         ("side", lab.descent_panel)):
        assert not where.intersects(window_rect(widget, lab)), name
    # the formulas not covered, not moved: the same pixels, under the refusal's veil
    # (the formula before the edit shown, dimmed: gui/explorer/refusal_veil.py)
    from gui.explorer.refusal_veil import VEIL_ALPHA
    after = image_array(lab)[panel.top():panel.bottom() + 1].astype(float)
    veil = np.array(lab.explorer.refusal_veil.views.palette().window().color().getRgb()[:3], float)
    a = VEIL_ALPHA / 255
    expected = before.astype(float)[..., :3] * (1 - a) + veil * a
    assert np.abs(after[..., :3] - expected).mean() < 3
    assert after[..., :3].std() < 0.6 * before[..., :3].std()      # dimmed, plainly
    assert geometries(lab) == places
    screenshot(lab, "formula_parse_error_720p")
    settle(qtbot, lab, text="x^2 + 2y^2")         # a valid f: the error line goes
    assert lab.editor.error_text == "" and not error.isVisible()


def test_a_long_parse_error_moves_nothing(lab, qtbot, screenshot):
    """'foo(x) + y' on the egg crate: "'foo' is not a known function: … known functions:
    abs, acos, …" wrapped to two lines in the caption's one-line row, and the map, the
    3-D view and the side panel went 14 px down. It keeps the row's one line (the whole
    text is the line's tooltip, and the refusal's veil over the views says it all)."""
    settle(qtbot, lab, preset=next(p for p in presets() if p["name"] == "Himmelblau"))
    places = geometries(lab)
    side = window_rect(lab.descent_panel, lab)
    lab.editor.line_edit.setFocus()
    lab.editor.line_edit.selectAll()
    qtbot.keyClicks(lab.editor.line_edit, "foo(x) + y")
    qtbot.waitUntil(lambda: lab.editor.error_text != "", timeout=5000)
    error = lab.editor.error_label
    qtbot.waitUntil(error.isVisible, timeout=5000)
    for _ in range(3):
        QApplication.processEvents()
        qtbot.wait(20)
    assert "known functions" in error.text() and "not a known function" in error.text()
    assert window_rect(error, lab).height() < 2 * error.fontMetrics().height()
    assert error.toolTip() == error.text()          # the whole text, on the line itself
    assert geometries(lab) == places
    assert window_rect(lab.descent_panel, lab) == side
    screenshot(lab, "formula_long_parse_error_720p")
    settle(qtbot, lab, text="x^2 + 2y^2")
    assert not error.isVisible()


def test_a_refused_text_moves_nothing_and_recomputes_nothing(lab, qtbot):
    """Basins on over sin(x)·cos(y): the long refusal of an unknown name wrapped to two
    lines, took a row from the map, whose locked aspect then showed x from −10 to 10
    instead of −9 to 9 ("Basins: computing…" again, f unchanged); the next, shorter
    refusal put it back and recomputed once more. The error line is one line, cut (its
    whole text in the tool tip and the veil's banner), and nothing under it moves."""
    basins, check = lab.explorer.lab_panel.basins, lab.explorer.lab_panel.basins_check
    settle(qtbot, lab, text="sin(x)*cos(y)")
    check.setChecked(True)
    try:
        qtbot.waitUntil(lambda: basins.done, timeout=60000)
        places, shown = geometries(lab), lab.contour_view.plot.vb.viewRange()
        asked, note = basins.request_id, lab.explorer.lab_panel.note.text()
        edit, error = lab.editor.line_edit, lab.editor.error_label
        for text in ("foo(x) + y", "x^2 +", "1e400*x^2", "foo(x) + y"):
            edit.setFocus()
            edit.selectAll()
            qtbot.keyClicks(edit, text)
            qtbot.keyClick(edit, "\r")                  # the error line at once
            qtbot.waitUntil(lambda: lab.editor.error_text != "", timeout=5000)
            for _ in range(4):
                QApplication.processEvents()
                qtbot.wait(20)
            assert error.isVisible()
            assert lab.contour_view.plot.vb.viewRange() == shown, text
            assert geometries(lab) == places, text
            assert basins.request_id == asked and basins.done, text
            assert lab.explorer.lab_panel.note.text() == note, text
            assert error.height() < 2 * error.fontMetrics().height()
        assert "not a known function" in error.text() and "tanh" in error.toolTip()
    finally:
        check.setChecked(False)
        settle(qtbot, lab, text="x^2 + 2y^2")
