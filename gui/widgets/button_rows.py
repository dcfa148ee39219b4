"""Buttons in one row where the width holds them all, else in rows of `columns`: the
Explorer's four Playback buttons take one row of a presenting side panel (356 px at
1280×720, text size 1.5), giving the Methods list above them the 33 px its seventh row
lacked, and two rows where the panel is narrower.

Unlike a FlowLayout the rows stay a grid: every button of a row the same width,
stretched to the row's full width, so the pairs line up and nothing is left ragged."""
from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QWidget

from gui.compute.qt_guard import qt_override
from gui.widgets.item_list_layout import ItemListLayout


class ButtonRows(ItemListLayout):
    def __init__(self, parent: QWidget | None = None, columns: int = 2, spacing: int = 4):
        super().__init__(parent)
        self._columns = columns
        self._spacing = spacing
        self._rows_laid = -1        # rows at the width last laid out

    # --- QLayout's interface ---------------------------------------------------------
    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation.Horizontal

    @qt_override
    def hasHeightForWidth(self) -> bool:
        return True

    @qt_override
    def heightForWidth(self, width: int) -> int:
        return self._height(self._per_row(width))

    @qt_override
    def sizeHint(self) -> QSize:
        """All on one row, each button as wide as the widest wants."""
        return self._size(len(self._items), lambda item: item.sizeHint())

    @qt_override
    def minimumSize(self) -> QSize:
        """As wide as `columns` buttons (one row never widens the panel), as tall as the
        rows at the width last laid out: a parent that does not lay out height-for-width
        keeps the room those rows take."""
        size = self._size(min(self._columns, len(self._items)), lambda item: item.minimumSize())
        if self.geometry().width() > 0:
            size.setHeight(self.heightForWidth(self.geometry().width()))
        return size

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        per_row = self._per_row(rect.width())
        width = (area.width() - self._spacing * (per_row - 1)) / per_row
        top = area.y()
        for row, height in enumerate(self._row_heights(per_row)):
            for column, item in enumerate(self._items[row * per_row:(row + 1) * per_row]):
                left = area.x() + round(column * (width + self._spacing))
                right = area.x() + round(column * (width + self._spacing) + width)
                item.setGeometry(QRect(left, top, right - left, height))
            top += height + self._spacing
        rows = -(-len(self._items) // per_row)
        if rows != self._rows_laid:         # one row or two: a new minimum height
            self._rows_laid = rows
            self.invalidate()

    # --- measuring -------------------------------------------------------------------
    def _per_row(self, width: int) -> int:
        """All the buttons where their least widths fit side by side, else `columns`."""
        m = self.contentsMargins()
        least = max((item.minimumSize().width() for item in self._items), default=0)
        all_in_one = len(self._items) * least + self._spacing * (len(self._items) - 1)
        fits = all_in_one <= width - m.left() - m.right()
        return max(1, len(self._items) if fits else min(self._columns, len(self._items)))

    def _row_heights(self, per_row: int) -> list[int]:
        """Each row as tall as its tallest button (one with an icon is 2 px taller)."""
        return [max(item.sizeHint().height() for item in self._items[start:start + per_row])
                for start in range(0, len(self._items), per_row)]

    def _height(self, per_row: int) -> int:
        m = self.contentsMargins()
        heights = self._row_heights(per_row)
        return (sum(heights) + self._spacing * max(0, len(heights) - 1)
                + m.top() + m.bottom())

    def _size(self, per_row: int, size_of) -> QSize:
        m = self.contentsMargins()
        widest = max((size_of(item).width() for item in self._items), default=0)
        per_row = max(1, per_row)
        return QSize(per_row * widest + self._spacing * (per_row - 1) + m.left() + m.right(),
                     self._height(per_row))
