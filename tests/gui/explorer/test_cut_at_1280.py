"""At 1280×720, and while presenting, the map's read-out under the mouse showed
"x = −3.333, y = …" (f and ∇f cut off at the bar's right edge) and a refused text's
banner cut its second line ("Play and Step wait u…", the place named lost with a longer
problem). Both now fit: what is drawn of them is whole and inside the window
(gui/plots/readout_row.py, gui/plots/hover_readout.py, gui/explorer/refusal_veil.py)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtTest import QTest

from tests.gui.app.projector import settle_at
from tests.gui.explorer.test_refused_formula import type_keys
from tests.gui.explorer.test_refused_presenting import projector, settle  # noqa: F401

pytestmark = pytest.mark.xdist_group("refused_presenting")

CASES = [(1.0, False), (1.0, True), (1.5, True)]    # (text size, presenting)


def _on_screen(widget, window) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


@pytest.mark.parametrize("scale, presenting", CASES)
def test_the_hover_read_out_shows_f_and_its_gradient_whole(projector, qtbot, scale, presenting):
    window = projector
    settle_at(window, qtbot, scale, presenting)
    view = window.explorer.contour_view
    model = window.explorer.model
    assert model.wait_for_analysis()
    scene = view.plot.vb.mapViewToScene(QPointF(-3.3333333, 2.123456))
    canvas = view.canvas
    QTest.mouseMove(canvas.viewport(), canvas.mapFromScene(scene))
    qtbot.waitUntil(lambda: view.hover_values is not None)
    settle(qtbot)
    (x, y), value, (gx, gy) = view.hover_values
    shown = view.readout.shown_text()
    # (4 digits where the map has the room, 3 where not: gui/plots/hover_readout.py)
    assert "…" not in shown and any(f"f = {value:.{d}g}" in shown for d in (3, 4)), shown
    assert shown.endswith(")") and "∇f = (" in shown, shown
    readout = view.readout
    assert readout.fontMetrics().horizontalAdvance(shown) <= readout.contentsRect().width()
    assert window.rect().contains(_on_screen(readout, window))
    if shown != readout.text():                    # a shorter form: the whole in the tooltip
        assert readout.toolTip() == readout.text()
    QTest.mouseMove(canvas.viewport(), QPoint(-5, -5))


@pytest.mark.parametrize("scale, presenting", CASES)
def test_the_refusal_banner_names_the_place_and_the_problem_whole(projector, qtbot, scale,
                                                                   presenting):
    window, tab = projector, projector.explorer
    settle_at(window, qtbot, scale, presenting)
    field = tab.editor.line_edit
    type_keys(qtbot, field, "x^2 + (")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    veil = tab.refusal_veil.views
    qtbot.waitUntil(lambda: veil.isVisible() and bool(veil.lines[0]), timeout=5000)
    settle(qtbot)
    first, second = veil.lines
    assert "character 8" in second and "ends too early" in second
    banner = veil.banner_rect()
    on_screen = QRect(veil.mapTo(window, banner.topLeft().toPoint()), banner.size().toSize())
    assert window.rect().contains(on_screen)
    # the banner is tall enough for the problem wrapped to its width, under the f's line
    inner = int(banner.width()) - 20
    wrap = int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignHCenter)
    needed = QFontMetrics(veil._font(False)).boundingRect(QRect(0, 0, inner, 1 << 16), wrap,
                                                          second).height()
    assert banner.height() >= QFontMetrics(veil._font(True)).height() + needed
    for rect, text, font in veil.banner_lines()[1:]:     # the problem: drawn whole
        assert text == second and rect.height() >= needed and banner.contains(rect)
    type_keys(qtbot, field, "x^2 + 2y^2")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not veil.isVisible(), timeout=5000)


@pytest.mark.parametrize("scale, presenting", CASES)
def test_the_views_hints_are_whole_phrases_or_none(projector, qtbot, scale, presenting,
                                                   screenshot):
    """Presenting (F11) at 1280×720 the 3-D view's hint read "drag…" beside "Tangent
    plane": where even its shortest form does not fit, no hint is drawn, not a cut word."""
    from gui.plots import hover_readout, surface_view
    from gui.widgets.elided_label import ElidedLabel
    window = projector
    settle_at(window, qtbot, scale, presenting)
    window.explorer.build_surface_view()
    settle(qtbot)
    screenshot(window, f"hints_{scale:g}_{'presenting' if presenting else 'normal'}")
    hints = [label for label in window.explorer.views.findChildren(ElidedLabel)
             if label.isVisible() and label.text() in (hover_readout.HINT_FORMS[0],
                                                       surface_view.HINT_FORMS[0])]
    assert len(hints) == 2
    for label in hints:
        shown = label.shown_text()
        assert "…" not in shown, (label.text(), shown, label.width())
        assert shown in ("", label.text(), *label._shorter), shown
