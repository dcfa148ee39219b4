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

from PySide6.QtCore import QEvent, QRect, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget
from gui.compute.qt_guard import qt_override

_TALL = 1 << 20


class SteadyLabel(QWidget):
    def __init__(self, text: str = "", parent=None, word_wrap: bool = False,
                 alignment=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                 reserve_in_holder: bool = False):
        """reserve_in_holder: the room `set_reserve` keeps is its SteadyColumn's, not
        its own (the label as tall as its text, the column as the reserves together)."""
        super().__init__(parent)
        self._reserve_in_holder = reserve_in_holder
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
            # in a holder the room is the holder's: its refresh() (the caller's, after
            # the reserves are set) measures it. Asked here too, each new f's paths
            # placed and measured every status line again in the edit's paint.
            if not self._reserve_in_holder:
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

    def reserved_height(self, width: int) -> int:
        """Its height at `width` (px, margins included) with the room of its reserve."""
        m = self.contentsMargins()
        return self._lines_height(width - m.left() - m.right(), True) + m.top() + m.bottom()

    def _lines_height(self, width: int, reserved: bool | None = None) -> int:
        if not self._wrap:
            return self.fontMetrics().height()
        metrics, flags, box = self.fontMetrics(), self._flags(), QRect(0, 0, max(width, 1), _TALL)
        if not (reserved if reserved is not None else not self._reserve_in_holder):
            return max(metrics.height(), metrics.boundingRect(box, flags, self._text).height())
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


class SteadyColumn(QWidget):
    """SteadyLabels (made with reserve_in_holder) stacked at its top, the column as tall as
    their reserves together: a line that wraps or unwraps moves the lines under it inside
    the column, never the panel around it, and the room kept is all at the foot. (Each
    line keeping its own room left an empty row under every one-line status.) No layout:
    a widget with one is measured by it, and this one's height is the reserves'."""

    def __init__(self, spacing: int = 2, parent=None):
        super().__init__(parent)
        self._spacing = spacing
        self._labels: list[SteadyLabel] = []
        self._asked = None            # (width, height) the panel was last told
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def add(self, label: SteadyLabel) -> None:
        label.setParent(self)
        self._labels.append(label)
        self.refresh()

    def _shown(self) -> list:
        return [w for w in self._labels if not w.isHidden()]

    def refresh(self) -> None:
        """The lines placed again; the panel asked to lay out only if the room changed."""
        self._place()
        asked = (self.width(), self.heightForWidth(self.width()))
        if asked != self._asked:
            self._asked = asked
            self.updateGeometry()

    def _place(self) -> None:
        y, width = 0, self.width()
        for label in self._shown():
            height = label.heightForWidth(width)
            label.setGeometry(0, y, width, height)
            y += height + self._spacing

    @qt_override
    def event(self, event):
        if event.type() == QEvent.Type.LayoutRequest:     # a line's height changed
            self.refresh()
            return True
        return super().event(event)

    @qt_override
    def resizeEvent(self, event):
        super().resizeEvent(event)
        self.refresh()

    @qt_override
    def hasHeightForWidth(self) -> bool:
        return True

    @qt_override
    def heightForWidth(self, width: int) -> int:
        labels = self._shown()
        return sum(label.reserved_height(width) for label in labels) + \
            self._spacing * max(len(labels) - 1, 0)

    @qt_override
    def sizeHint(self) -> QSize:
        width = max((label.sizeHint().width() for label in self._shown()), default=0)
        return QSize(width, self.heightForWidth(width))

    @qt_override
    def minimumSizeHint(self) -> QSize:
        width = max((label.minimumSizeHint().width() for label in self._shown()), default=0)
        return QSize(width, self.heightForWidth(max(self.width(), width)))
