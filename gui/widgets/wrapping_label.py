"""A word-wrapped QLabel whose minimum height follows its width.

A plain wrapped QLabel asks for the height of its text on one line; squeezed into a
narrow column at a large text size it then gets fewer lines of height than its text
wraps to, and its layout draws it over its neighbour (the chain rule over the
Jacobian's axis). This one asks for the height its text needs at its present width.
"""
from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLabel, QSizePolicy
from gui.compute.qt_guard import qt_override


class WrappingLabel(QLabel):
    def __init__(self, text: str = "", parent=None):
        super().__init__(text, parent)
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self._need = -1

    @qt_override
    def minimumSizeHint(self) -> QSize:
        """At least as tall as the text wraps at the present width."""
        hint = super().minimumSizeHint()
        if self.width() <= 0:
            return hint
        return QSize(hint.width(), max(hint.height(), self.heightForWidth(self.width())))

    def _refit(self) -> None:
        if self.width() <= 0:
            return
        kept = self.minimumHeight()
        if kept:                      # QLabel's heightForWidth is never below the minimum
            self.setMinimumHeight(0)
        need = self.heightForWidth(self.width())
        if kept and need == self._need:
            self.setMinimumHeight(kept)
        if need != self._need:
            self._need = need
            # an explicit minimum: a layout caches size hints, and one laid out at a
            # narrower width kept asking for that width's lines (95 px for 38: the
            # Neuron tab's seed note at text size 1.0, the page then scrolled)
            self.setMinimumHeight(max(0, need))

    @qt_override
    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._refit()

    def setText(self, text: str) -> None:
        super().setText(text)
        self._refit()

    @qt_override
    def changeEvent(self, event):
        super().changeEvent(event)
        if event.type() in (event.Type.FontChange, event.Type.StyleChange):
            self._refit()

    @qt_override
    def showEvent(self, event):
        # folded (presentation) while the text size changed: measured again as it shows
        super().showEvent(event)
        self._refit()
