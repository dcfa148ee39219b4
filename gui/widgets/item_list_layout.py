"""The part every hand-written QLayout repeats: its items in a list (Qt's flow-layout
example). FlowLayout and ButtonRows place them; this only holds them."""
from __future__ import annotations

from PySide6.QtWidgets import QLayout, QWidget


class ItemListLayout(QLayout):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._items: list = []
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int):
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int):
        return self._items.pop(index) if 0 <= index < len(self._items) else None
