"""A label for text that changes on every animation frame ("step 12 / 80", a path's
status) without making the window lay itself out again.

QLabel.setText always calls updateGeometry(); the layout of every widget above then
runs again, up to the main window, which then repaints whole: with four optimizers
racing that was a third of each frame. A SteadyLabel asks for a new layout only when
its text needs more room (its width hint only grows, so "step 9" → "step 10" costs
one layout, not one per frame) or, wrapped, a different number of lines; otherwise it
just repaints itself.

Styled like a QLabel: colour and font from a style sheet (`color`, `font-size`,
`font-weight` reach the palette and font).
"""
from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget
from gui.compute.qt_guard import qt_override

_TALL = 1 << 20


class SteadyLabel(QWidget):
    def __init__(self, text: str = "", parent=None, word_wrap: bool = False,
                 alignment=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter):
        super().__init__(parent)
        self._text = text
        self._wrap = word_wrap
        self._alignment = alignment
        self._widest = 0              # the widest one-line text so far (px): the width hint
        self._reserve: tuple = ()     # texts whose room (lines) it keeps while showing others
        self._reserve_heights: dict = {}     # width -> the reserve's height there (px)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(word_wrap)
        self.setSizePolicy(policy)

    def text(self) -> str:
        return self._text

    def setAlignment(self, alignment) -> None:
        self._alignment = alignment
        self.update()

    def set_reserve(self, texts) -> None:
        """Keep the room of the longest of `texts` (in wrapped lines) whatever it shows:
        a status that goes from one line to two and back as a run plays made its panel
        jump a line at Play and at the end."""
        texts = tuple(texts)
        if texts != self._reserve:
            self._reserve, self._reserve_heights = texts, {}
            self.updateGeometry()

    def setText(self, text: str) -> None:
        if text == self._text:
            return
        before = (self._width_hint(), self._lines_height(self.width()))
        self._text = text
        if (self._width_hint(), self._lines_height(self.width())) != before:
            self.updateGeometry()
        self.update()

    # --- size -------------------------------------------------------------------------
    def _flags(self) -> int:
        flags = int(self._alignment.value if hasattr(self._alignment, "value")
                    else self._alignment)
        return flags | (int(Qt.TextFlag.TextWordWrap.value) if self._wrap else 0)

    def _width_hint(self) -> int:
        self._widest = max(self._widest, self.fontMetrics().horizontalAdvance(self._text))
        return self._widest

    def _lines_height(self, width: int) -> int:
        if not self._wrap:
            return self.fontMetrics().height()
        metrics, flags, box = self.fontMetrics(), self._flags(), QRect(0, 0, max(width, 1), _TALL)
        if width not in self._reserve_heights:   # measured once a width: setText is per frame
            self._reserve_heights[width] = max(
                (metrics.boundingRect(box, flags, text).height() for text in self._reserve),
                default=0)
        return max(metrics.height(), self._reserve_heights[width],
                   metrics.boundingRect(box, flags, self._text).height())

    @qt_override
    def sizeHint(self) -> QSize:
        m = self.contentsMargins()
        width = self._width_hint()
        if self._wrap:       # as QLabel: a long text wraps rather than widening the panel
            width = min(width, 40 * self.fontMetrics().averageCharWidth())
        return QSize(width + m.left() + m.right(),
                     self._lines_height(width) + m.top() + m.bottom())

    @qt_override
    def minimumSizeHint(self) -> QSize:
        if not self._wrap:
            return self.sizeHint()
        m = self.contentsMargins()
        return QSize(8 * self.fontMetrics().averageCharWidth() + m.left() + m.right(),
                     self.fontMetrics().height() + m.top() + m.bottom())

    @qt_override
    def hasHeightForWidth(self) -> bool:
        return self._wrap

    @qt_override
    def heightForWidth(self, width: int) -> int:
        m = self.contentsMargins()
        return self._lines_height(width - m.left() - m.right()) + m.top() + m.bottom()

    @qt_override
    def changeEvent(self, event):
        super().changeEvent(event)
        if event.type() == event.Type.FontChange:
            self._widest, self._reserve_heights = 0, {}
            self.updateGeometry()

    @qt_override
    def paintEvent(self, _event):
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.setFont(self.font())
        painter.drawText(self.contentsRect(), self._flags(), self._text)
        painter.end()
