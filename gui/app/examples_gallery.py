"""The Examples gallery: every preset with its caption in one keyboard-driven list.

Reachable in presentation mode, where the menu bar is hidden (key G, tool-bar button
"Examples"): ↑/↓ (or typing a name's first letters) choose, Enter loads, Escape closes.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QLabel,
                               QListWidget, QListWidgetItem, QVBoxLayout)

from gui.app.presets import presets
from gui.compute.qt_guard import qt_override


class ExamplesGallery(QDialog):
    """A list of the presets (name, then caption); `chosen(preset)` when one is loaded."""

    chosen = Signal(dict)

    def __init__(self, parent=None, current_name: str | None = None):
        super().__init__(parent)
        self.setWindowTitle("Examples")
        self.list = QListWidget()
        self.list.setWordWrap(True)          # long captions wrap, never widen the dialog
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setAlternatingRowColors(True)
        self.list.setSpacing(2)
        for preset in presets():
            item = QListWidgetItem(f"{preset['name']}\n{preset['caption']}")
            item.setData(Qt.ItemDataRole.UserRole, preset)
            item.setToolTip(preset["caption"])
            self.list.addItem(item)
            if preset["name"] == current_name:
                self.list.setCurrentItem(item)
        if self.list.currentRow() < 0:
            self.list.setCurrentRow(0)
        self.list.itemActivated.connect(self._load)      # Enter or double click
        hint = QLabel("↑ ↓ choose · Enter loads · Esc closes")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open
                                   | QDialogButtonBox.StandardButton.Close)
        buttons.accepted.connect(lambda: self._load(self.list.currentItem()))
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(self.list, 1)
        column.addWidget(hint)
        column.addWidget(buttons)
        self.list.setFocus()
        self._fit(parent)

    def _fit(self, parent) -> None:
        """About two thirds of the main window, never larger than its screen."""
        if parent is not None:
            self.resize(max(480, parent.width() * 2 // 3), max(360, parent.height() * 3 // 4))
        else:
            self.resize(720, 540)

    @qt_override
    def showEvent(self, event):
        super().showEvent(event)
        # the keyboard goes to the list at once: ↑ ↓ and Enter work without a click
        self.activateWindow()
        self.list.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def names(self) -> list[str]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole)["name"]
                for i in range(self.list.count())]

    def _load(self, item) -> None:
        if item is None:
            return
        self.chosen.emit(item.data(Qt.ItemDataRole.UserRole))
        self.accept()


def show_examples_gallery(window, load) -> ExamplesGallery:
    """Open the gallery over `window` (modal) and call `load(preset)` for the one chosen;
    it deletes itself when closed."""
    model = getattr(window, "model", None)
    current = model.preset["name"] if model is not None and model.preset else None
    gallery = ExamplesGallery(window, current)
    gallery.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    gallery.chosen.connect(load)
    gallery.open()
    return gallery
