"""The tangent point's x, typed: "x = …" in the point's read-out row is a link; a click
on it (or the window's key X) opens a small field over that row.

Reaching x = −2 by Shift+→ took a rehearsing lecturer ~40 presses, and a drag snaps to
round x only near where it was aimed. Here Enter puts the point at exactly the number
typed ("-2", "1/2", "pi/4", read by the engine's parser: engine.typed_number), Esc puts
the row back as it was. A refused text (not a number, f undefined there) stays in the
field, its fault named beside it, the point unchanged. An x outside the view brings the
view to it (same width, x in its middle): the class asked for f′ there, so it is shown
rather than refused (grown where x is near, so the picture the class knows stays).
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QWidget

from engine.errors import ExpressionError
from engine.point_values import OVERFLOW, value_kind
from engine.typed_number import EXAMPLES, parse_number
from gui.compute.qt_guard import qt_override
from gui.plots.curve_point import EDGE_SHARE
from gui.plots.secant_numbers import fmt
from gui.widgets import theme
from gui.widgets.variable_names import display_name

HINT = "Enter: put the point there · Esc: cancel"
PAD = 0.1                  # of the view's width, beyond a typed x the view grows to
LIMIT = 1e6                # the curve's x-axis reaches no further (CurveView's view limits)
WIDEST_TEXT = "−0.000888888"   # the field holds the read-out's widest x, and a bit more
TEXT_STYLE = "font-size: 12pt; color: #222;"       # the read-out's own
REFUSAL_STYLE = "font-size: 12pt; color: #B00020;"


class PointEntry(QWidget):
    """The field over the point's row (`readout`'s line, the panel's whole width):
    "x = [field] message". `typed` carries the text on Enter; the owner answers with
    `accept()` or `refuse(message, position)`."""

    typed = Signal(str)
    closed = Signal()             # hidden after Enter accepted or Esc

    def __init__(self, readout: QLabel, parent: QWidget):
        super().__init__(parent)
        self.readout = readout
        self.setAutoFillBackground(True)      # the row under it must not show through
        self.name = QLabel()
        self.field = QLineEdit()
        self.field.setMaxLength(200)
        self.field.setPlaceholderText(EXAMPLES)
        self.field.setToolTip(f"Type a number such as {EXAMPLES}; Enter puts the tangent "
                              "point there, Esc cancels")
        self.message = QLabel(HINT)
        self.message.setProperty("themeManaged", True)     # red or plain: styled here
        # wraps, the field grown to hold it: presenting at 1280×720 the panel is ~890 px
        # and a refusal ran off its end ("type one such as −2" cut after "type o")
        self.message.setWordWrap(True)
        self.refused = False
        theme.notifier.changed.connect(self._restyle_message)
        for label in (self.name, self.message):
            label.setStyleSheet(TEXT_STYLE)
        self.field.setStyleSheet(TEXT_STYLE)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 0, 10, 0)
        row.addWidget(self.name)
        row.addWidget(self.field)
        row.addWidget(self.message, 1)
        self.field.installEventFilter(self)
        readout.installEventFilter(self)       # follow the row when the panel re-lays out
        self.hide()

    def open(self, variable: str, x: float | None) -> None:
        """Show the field over the row with x as the read-out shows it, selected (typing
        replaces it), and give it the keyboard."""
        self.name.setText(f"{display_name(variable)} =")
        self.field.setText("" if x is None else fmt(x, 12))
        self.field.setMinimumWidth(self.field.fontMetrics().horizontalAdvance(WIDEST_TEXT) + 24)
        self._show_message(HINT, refused=False)
        self._place()
        self.show()
        self.raise_()
        self.field.setFocus(Qt.FocusReason.OtherFocusReason)
        self.field.selectAll()

    def accept(self) -> None:
        self.refused = False
        self._close()

    def refuse(self, message: str, position: int | None = None) -> None:
        """Keep the text and the keyboard; say what is wrong, select the place to blame."""
        self._show_message(message, refused=True)
        self._place()
        if position is not None and 0 <= position < len(self.field.text()):
            self.field.setSelection(position, 1)

    def cancel(self) -> None:
        self.refused = False
        self._close()

    def _close(self) -> None:
        if self.isVisible():
            self.hide()
            self.closed.emit()

    def _show_message(self, text: str, refused: bool) -> None:
        self.refused = refused
        self._restyle_message()
        self.message.setText(text)
        self.message.setToolTip(text)

    def _restyle_message(self, _theme=None) -> None:
        style = REFUSAL_STYLE if self.refused else TEXT_STYLE
        self.message.setStyleSheet(theme.themed_sheet(style, theme.current()))

    def _place(self) -> None:
        """Over the read-out's line(s), across the panel (a message has room there), as
        tall as a wrapped message needs (over h's row below, while typing)."""
        line, width = self.readout.geometry(), self.parentWidget().width()
        height = max(line.height(), self.layout().totalHeightForWidth(width))
        self.setGeometry(QRect(0, line.top(), width, height))

    @qt_override
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self.readout:
            if kind in (QEvent.Type.Resize, QEvent.Type.Move) and self.isVisible():
                self._place()
            return False
        if kind == QEvent.Type.KeyPress and not (
                event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier):
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.typed.emit(self.field.text())
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.cancel()
                return True
        # a click elsewhere closes an untouched field; a refused text stays to be mended
        if (kind == QEvent.Type.FocusOut and not self.refused
                and event.reason() != Qt.FocusReason.PopupFocusReason):
            self.cancel()
        return False


class TypedPoint(QObject):
    """Puts a CurveView's tangent point at a typed x (see the module)."""

    def __init__(self, view):
        super().__init__(view)
        self.view = view
        panel = view.panel
        self.entry = PointEntry(panel.point_readout, panel)
        self.entry.typed.connect(self._on_typed)
        # back to f's plot: Shift+← / → step on from the typed x, the window's keys work
        self.entry.closed.connect(lambda: view.canvas.setFocus(Qt.FocusReason.OtherFocusReason))
        panel.point_readout.linkActivated.connect(lambda _link: self.open())

    def open(self) -> bool:
        """Open the field (False, nothing opened: f is not a function of one variable)."""
        f = self.view.model.expression
        if f is None or f.dimension != 1 or self.view.x is None:
            return False
        self.entry.open(f.variables[0], self.view.x)
        return True

    def _on_typed(self, text: str) -> None:
        f = self.view.model.expression
        if f is None or f.dimension != 1:       # f changed to two variables meanwhile
            return self.entry.cancel()
        try:
            x = parse_number(text)
        except ExpressionError as error:
            return self.entry.refuse(error.message, error.position)
        refusal = self._refusal(x)
        if refusal:
            return self.entry.refuse(refusal)
        self._bring_into_view(x)
        self.view.set_point(x)
        self.entry.accept()

    def _refusal(self, x: float) -> str | None:
        f, v = self.view.model.expression, display_name(self.view.model.expression.variables[0])
        lo, hi = self.view.x_range()
        if abs(x) + (hi - lo) / 2 > LIMIT:
            return f"{v} = {fmt(x, 6)} is too far out: the view reaches ±1,000,000"
        kind = value_kind(f, (x,))
        if kind == OVERFLOW:
            return f"f({v}) is too large to show at {v} = {fmt(x, 6)}"
        if kind is not None:
            return f"f is not defined at {v} = {fmt(x, 6)}: the point stays"
        return None

    def _bring_into_view(self, x: float) -> None:
        """Where x would sit on or past the view's edge (curve_point.EDGE_SHARE): the
        view grown on that side to hold x with PAD of room (x = −2 on [−2, 2]: [−2.4, 2],
        the picture the class knows kept), or, for an x farther than that doubles the
        width, centred on x at its width (x = 100: grown, x³ would be a flat line)."""
        lo, hi = self.view.x_range()
        width = hi - lo
        if lo + EDGE_SHARE * width <= x <= hi - EDGE_SHARE * width:
            return
        pad = PAD * width
        window = (x - pad, hi) if x < lo + EDGE_SHARE * width else (lo, x + pad)
        if window[1] - window[0] > 2 * width:
            window = (x - width / 2, x + width / 2)
        self.view.set_point(x)      # the chosen x first: the new window keeps it
        self.view.model.set_window((tuple(float(f"{end:.12g}") for end in window),))
