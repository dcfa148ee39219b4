"""The tangent point's x, typed in its read-out row (gui.plots.point_entry): the seed's
Exercise 1 — the sign of f′ at x = −2 for x³, at 1 for −x² + 4, at 0 for e^(−x) — in a
few keys instead of ~40 presses of Shift+→."""
import math

import pytest
from PySide6.QtCore import QPoint, Qt

from tests.gui.plots.curve_setup import shown_curve
from tests.gui.plots.test_secant_readouts import _plain


def _type(qtbot, curve, text, key=Qt.Key.Key_Return):
    """Open the field as the key X does, type `text` over what it shows, press `key`."""
    assert curve.typed_point.open()
    field = curve.typed_point.entry.field
    qtbot.waitUntil(field.hasFocus, timeout=2000)
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Backspace)      # what it showed, gone
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, key)


@pytest.mark.parametrize("formula, typed, x, slope, trend", [
    ("x^3", "-2", -2.0, "12", "↗ increasing"),
    ("-x^2 + 4", "1", 1.0, "−2", "↘ decreasing"),
    ("exp(-x)", "0", 0.0, "−1", "↘ decreasing"),
    ("sin(x)", "pi/4", math.pi / 4, "0.707107", "↗ increasing"),
])
def test_a_typed_x_puts_the_point_exactly_there(shown, model, qtbot, formula, typed, x,
                                                slope, trend):
    curve = shown_curve(shown, model, qtbot, formula)
    curve.activateWindow()
    _type(qtbot, curve, typed)
    assert curve.x == x                         # exactly: not the 40th step's −1.9999…
    row = _plain(curve.panel.point_readout)
    assert f"f′(x) = {slope}" in row and trend in row, row
    assert not curve.typed_point.entry.isVisible()
    assert curve.handle.pos().x() == x
    lo, hi = curve.x_range()
    assert lo < x < hi                          # the point on the plot, not on its edge


@pytest.mark.parametrize("text, words", [("abc", "not a formula in a, b, c"),
                                         ("1/0", "division by zero"),
                                         ("__import__('os')", "'_'"),
                                         ("", "type a number")])
def test_bad_text_is_refused_kept_and_the_point_stays(shown, model, qtbot, text, words):
    curve = shown_curve(shown, model, qtbot, "x^3")
    curve.activateWindow()
    before = curve.x
    _type(qtbot, curve, text)
    entry = curve.typed_point.entry
    assert entry.isVisible() and entry.field.hasFocus()
    assert entry.field.text() == text                      # never lost
    assert words in entry.message.text() and entry.message.isVisible()
    assert curve.x == before
    qtbot.keyClick(entry.field, Qt.Key.Key_Escape)        # and Esc still leaves
    assert not entry.isVisible() and curve.x == before


def test_where_f_is_undefined_the_point_stays(shown, model, qtbot):
    curve = shown_curve(shown, model, qtbot, "log(x)")
    curve.activateWindow()
    before = curve.x
    _type(qtbot, curve, "-1")
    assert "not defined at x = −1" in curve.typed_point.entry.message.text()
    assert curve.x == before


def test_escape_cancels(shown, model, qtbot):
    curve = shown_curve(shown, model, qtbot, "x^3")
    curve.activateWindow()
    before, row = curve.x, _plain(curve.panel.point_readout)
    _type(qtbot, curve, "1.5", Qt.Key.Key_Escape)
    assert not curve.typed_point.entry.isVisible()
    assert curve.x == before and _plain(curve.panel.point_readout) == row


def test_an_x_outside_the_view_brings_the_view_to_it(shown, model, qtbot):
    """Near: the view grows to it (the picture the class knows kept); far: centred."""
    curve = shown_curve(shown, model, qtbot, "x^3")
    curve.activateWindow()
    model.set_window(((-2.0, 2.0),))
    _type(qtbot, curve, "3")
    assert curve.x == 3.0 and model.window == ((-2.0, 3.4),)
    _type(qtbot, curve, "100")
    assert curve.x == 100.0 and model.window == ((97.3, 102.7),)


def test_a_click_on_x_in_the_row_opens_the_field(shown, model, qtbot):
    """"x = …" is a link at the row's start: a click there opens the field, the x shown in
    it, the keyboard in it."""
    curve = shown_curve(shown, model, qtbot, "x^3")
    curve.activateWindow()
    qtbot.waitUntil(curve.isActiveWindow, timeout=2000)
    label = curve.panel.point_readout
    qtbot.mouseClick(label, Qt.MouseButton.LeftButton, pos=QPoint(8, label.height() // 2))
    entry = curve.typed_point.entry
    qtbot.waitUntil(entry.isVisible, timeout=2000)
    qtbot.waitUntil(entry.field.hasFocus, timeout=2000)
    shown_x = _plain(label).split("x = ")[1].split()[0]
    assert entry.field.text() == shown_x and entry.field.selectedText() == shown_x


def test_a_refusal_is_read_whole_at_a_presenting_text_size(shown, model, qtbot):
    """Presenting at 1280×720 the panel is ~890 px wide at text size 1.5: the refusal ran
    off its end ("type one such as −2" cut after "type o"). It wraps, the field grown."""
    from PySide6.QtWidgets import QApplication
    from gui.widgets import theme
    curve = shown_curve(shown, model, qtbot, "x^3", size=(890, 560))
    theme.apply_theme(QApplication.instance(), curve, "dark", 1.5)
    try:
        curve.activateWindow()
        _type(qtbot, curve, "abc")
        entry, message = curve.typed_point.entry, curve.typed_point.entry.message
        qtbot.waitUntil(lambda: message.height() >= message.heightForWidth(message.width()),
                        timeout=2000)
        assert message.fontMetrics().horizontalAdvance(message.text()) > message.width()
        assert curve.panel.rect().contains(entry.geometry())
    finally:
        theme.apply_theme(QApplication.instance(), curve, "light", 1.0)
