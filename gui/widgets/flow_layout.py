"""A layout that places its items in a row and wraps to a new row when the width runs out
(Qt's flow-layout example), for rows of controls that must not widen a 1024-px window:
at a large text size the Network tab's controls take two or three rows instead."""
from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QWidget
from gui.compute.qt_guard import qt_override
from gui.widgets.item_list_layout import ItemListLayout


class FlowLayout(ItemListLayout):
    def __init__(self, parent: QWidget | None = None, spacing: int = 6):
        super().__init__(parent)
        self._spacing = spacing
        self._wrapped_height = -1      # the rows' height at the width last laid out

    # --- QLayout's interface ---------------------------------------------------------
    def add(self, widget: QWidget) -> None:
        """Add a widget (addWidget works too; this one reads like the box layouts')."""
        self.addWidget(widget)

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    @qt_override
    def hasHeightForWidth(self) -> bool:
        return True

    @qt_override
    def heightForWidth(self, width: int) -> int:
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        used = self._place(rect, move=True)
        if used != self._wrapped_height:      # more or fewer rows: a new minimum height
            self._wrapped_height = used
            self.invalidate()

    @qt_override
    def sizeHint(self) -> QSize:
        """All items on one row."""
        width = sum(i.sizeHint().width() for i in self._visible()) + \
            self._spacing * max(0, len(self._visible()) - 1)
        height = max((i.sizeHint().height() for i in self._visible()), default=0)
        m = self.contentsMargins()
        return QSize(width + m.left() + m.right(), height + m.top() + m.bottom())

    def minimumSize(self) -> QSize:
        """The widest item (everything else may wrap), as tall as the rows wrap at the
        width last laid out: a parent that does not lay out height-for-width (a splitter,
        a scrolling page) reserved one row for two and squeezed its next widget under
        its minimum (the Network tab's Jacobian drawn over its own axis, 1.3 on 720p)."""
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        size += QSize(m.left() + m.right(), m.top() + m.bottom())
        if self.geometry().width() > 0:
            size.setHeight(max(size.height(), self.heightForWidth(self.geometry().width())))
        return size

    # --- placing -----------------------------------------------------------------
    def _visible(self) -> list:
        return [i for i in self._items if not (i.widget() and i.widget().isHidden())]

    def _place(self, rect: QRect, move: bool) -> int:
        """Lay the items out in `rect` (or only measure); returns the height used."""
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        x, y, line_height = area.x(), area.y(), 0
        row: list = []
        for item in self._visible():
            hint = item.sizeHint()
            if row and x + hint.width() > area.right() + 1:
                self._finish(row, line_height, move)
                x, y, line_height, row = area.x(), y + line_height + self._spacing, 0, []
            row.append((item, QPoint(x, y), hint))
            x += hint.width() + self._spacing
            line_height = max(line_height, hint.height())
        self._finish(row, line_height, move)
        return y + line_height - rect.y() + m.bottom()

    @staticmethod
    def _finish(row, line_height: int, move: bool) -> None:
        """Place one row's items, centred on the row's height."""
        if not move:
            return
        for item, at, hint in row:
            item.setGeometry(QRect(QPoint(at.x(), at.y() + (line_height - hint.height()) // 2),
                                   hint))


def labelled(*parts) -> QWidget:
    """Widgets (or strings, made QLabels) kept together on one row of a FlowLayout, so a
    label never wraps away from its box."""
    from PySide6.QtWidgets import QHBoxLayout, QLabel
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    for part in parts:
        row.addWidget(QLabel(part) if isinstance(part, str) else part)
    return holder
