"""A one-line QLabel that never overlaps its neighbours: when the text is wider than the
label it is cut with "…" (a read-out or a hint in a bar that a splitter, or a larger
presentation font, has made narrow). A text may come with shorter forms (`set_texts`):
the first that fits is drawn, before anything is cut (or, for a hint, nothing is drawn
where none fits); whenever what is drawn is not the whole text, the tooltip holds it."""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QLabel, QSizePolicy
from gui.compute.qt_guard import qt_override


class ElidedLabel(QLabel):
    """Plain text, one line; `text()` stays the whole text (tests, tooltips)."""

    def __init__(self, text: str = "", parent=None):
        super().__init__(text, parent)
        self._shorter: tuple[str, ...] = ()     # shorter forms of the text, in order
        self._cut = True       # none fits: the last form cut with "…" (else nothing)
        self.setTextFormat(Qt.TextFormat.PlainText)
        # may be cut, but must not keep a splitter from narrowing the view
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    @qt_override
    def minimumSizeHint(self) -> QSize:
        return QSize(0, super().minimumSizeHint().height())

    def setText(self, text: str) -> None:
        self.set_texts(text)

    def set_texts(self, text: str, *shorter: str, cut: bool = True) -> None:
        """`text`, drawn whole where it fits, else the first of the `shorter` forms that
        fits, else the last form cut with "…" — or, `cut` False (a hint: "drag…" beside
        a check box says nothing), nothing at all."""
        self._shorter = shorter
        self._cut = cut
        super().setText(text)
        self._tip()

    def shown_text(self) -> str:
        """What is drawn at the current width."""
        width, metrics = self.contentsRect().width(), self.fontMetrics()
        forms = (self.text(), *self._shorter)
        for form in forms:
            if metrics.horizontalAdvance(form) <= width:
                return form
        return metrics.elidedText(forms[-1], Qt.TextElideMode.ElideRight, width) \
            if self._cut else ""

    def _tip(self) -> None:
        whole = self.shown_text() == self.text()
        self.setToolTip("" if whole else self.text())

    @qt_override
    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._tip()

    @qt_override
    def paintEvent(self, _event):
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.setFont(self.font())
        painter.drawText(self.contentsRect(), int(self.alignment()), self.shown_text())
        painter.end()
