"""The formula field itself: a QLineEdit that marks the character the parser blames."""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Signal
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QLineEdit
from gui.compute.qt_guard import qt_override

ERROR_COLOUR = "#D55E00"   # Okabe–Ito vermillion; the ⚠ prefix carries the meaning too


class FormulaLineEdit(QLineEdit):
    """A QLineEdit that draws a wavy underline under the character it is told is wrong."""

    resized = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.error_position: int | None = None

    @qt_override
    def resizeEvent(self, event):
        super().resizeEvent(event)
        self.resized.emit()

    def set_error_position(self, position: int | None) -> None:
        if position != self.error_position:
            self.error_position = position
            self.update()

    def error_marker_rect(self) -> QRectF | None:
        """Where the mark goes, in widget pixels: the blamed character's box (a space's
        width past the end when the text ends too early); None when nothing is marked."""
        pos = self.error_position
        if pos is None:
            return None
        text = self.displayText()
        pos = max(0, min(pos, len(text)))
        fm = self.fontMetrics()
        # Measure from the cursor, whose rectangle already includes margins and scrolling.
        cursor = self.cursorPosition()
        cursor_x = self.cursorRect().center().x()
        left = cursor_x + fm.horizontalAdvance(text[:pos]) - fm.horizontalAdvance(text[:cursor])
        width = fm.horizontalAdvance(text[pos]) if pos < len(text) else fm.horizontalAdvance(" ")
        rect = self.cursorRect()
        return QRectF(left, rect.top(), max(width, 4), rect.height())

    @qt_override
    def paintEvent(self, event):
        super().paintEvent(event)
        rect = self.error_marker_rect()
        if rect is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = QColor(ERROR_COLOUR)
        tint = QColor(colour)
        tint.setAlpha(50)
        painter.fillRect(rect, tint)
        # A wavy underline, as spell checkers draw it: recognisable without colour.
        path = QPainterPath()
        y, x, step = rect.bottom() - 1, rect.left() - 1, 2.5
        path.moveTo(QPointF(x, y))
        up = True
        while x < rect.right() + 1:
            x += step
            path.lineTo(QPointF(x, y - 2.5 if up else y))
            up = not up
        painter.setPen(QPen(colour, 1.6))
        painter.drawPath(path)
        painter.end()
