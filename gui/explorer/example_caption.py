"""The caption of a gallery example, under the formulas. It describes the example as it
was set up: once the user changes the function the caption goes; once they change the
start point or a descent setting it stays, marked as no longer applying (Seed 2 promises
(2.4, 1.2), which noise 1 does not give). A view of `LandscapeModel`."""
from __future__ import annotations

import html

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QLabel

from gui.compute.qt_guard import qt_override
from gui.plots.landscape_model import preset_settings
from gui.widgets import theme

NO_LONGER = "No longer applies — you changed the {what}:"


class ExampleCaption(QLabel):
    def __init__(self, model, parent=None):
        super().__init__(parent)
        self.model = model
        self.setWordWrap(True)
        self.setObjectName("caption")
        self.applies = False          # the caption shown describes what is on screen
        # presenting: one line, cut with "…" (the whole text in the tool tip), so that a
        # race's first change ("No longer applies — …") does not wrap it to a second
        # line and move the views and the side panel down under the lecturer's mouse
        self.one_line = False
        self._parts = ("", "", "")     # (note, caption, colour): what `_show` lays out
        for signal in (model.presetChanged, model.textChanged, model.startChanged,
                       model.settingsChanged):
            signal.connect(self._refresh)
        theme.notifier.changed.connect(self._refresh)
        self._refresh()

    def set_one_line(self, on: bool) -> None:
        """One line, elided (presenting), or wrapped to as many as it takes."""
        self.one_line = on
        self.setWordWrap(not on)
        self._show()
        self.updateGeometry()

    # Empty, the caption keeps one line: the views under it keep their height when the
    # user first changes a gallery example's function (they jumped 14 px).
    @qt_override
    def heightForWidth(self, width: int) -> int:
        if self.one_line:
            return self.fontMetrics().height()
        return max(super().heightForWidth(width), self.fontMetrics().height())

    @qt_override
    def hasHeightForWidth(self) -> bool:
        return not self.one_line and super().hasHeightForWidth()

    # As tall as it wraps at its width: the page's layout asks minimums only (it does no
    # height-for-width), and a caption wrapped to two lines (text size 2 on a page as
    # wide as a 1280-px screen) took its second line from the side panel under it, whose
    # Runs were then cut below the settings area's edge.
    @qt_override
    def minimumSizeHint(self):
        if self.one_line:           # any width: the text is elided to it
            return QSize(0, self.fontMetrics().height())
        hint = super().minimumSizeHint()
        wrapped = self.heightForWidth(self.width()) if self.width() > 0 else 0
        hint.setHeight(max(hint.height(), self.fontMetrics().height(), wrapped))
        return hint

    @qt_override
    def sizeHint(self):
        return self.minimumSizeHint() if self.one_line else super().sizeHint()

    @qt_override
    def resizeEvent(self, event):
        super().resizeEvent(event)
        if self.one_line:
            if event.size().width() != event.oldSize().width():
                self._show()
        elif self.heightForWidth(event.size().width()) != self.heightForWidth(event.oldSize().width()):
            self.updateGeometry()           # another number of lines: a new minimum

    def changes(self) -> list[str]:
        """What the user changed of the example's set-up (empty: it is as loaded)."""
        p, m = self.model.preset, self.model
        out = []
        if tuple(float(v) for v in p["start"]) != tuple(m.start):
            out.append("start point")
        if preset_settings(p) != m.settings:
            out.append("descent settings")
        return out

    def _refresh(self, *_):
        p = self.model.preset
        self.applies = False
        self._parts = ("", "", "")
        if p and p.get("caption") and \
                self.model.text.replace(" ", "") == p["expr"].replace(" ", ""):
            # (a preset's caption describes its own function only)
            changed = self.changes()
            self.applies = not changed
            note = NO_LONGER.format(what=" and the ".join(changed)) if changed else ""
            self._parts = (note, p["caption"], theme.current().muted if changed else "")
        self._show()

    def _show(self) -> None:
        note, caption, colour = self._parts
        if not caption:
            self.clear()
            self.setToolTip("")
            return
        if self.one_line:
            self.setToolTip(f"{note} {caption}".strip())
            italic = QFont(self.font())
            italic.setItalic(True)
            room = self.contentsRect().width() - (
                QFontMetrics(italic).horizontalAdvance(note + " ") if note else 0)
            if room < self.fontMetrics().horizontalAdvance("……"):
                note = QFontMetrics(italic).elidedText(
                    note, Qt.TextElideMode.ElideRight, self.contentsRect().width())
                caption = ""
            else:
                caption = self.fontMetrics().elidedText(
                    caption, Qt.TextElideMode.ElideRight, room)
        else:
            self.setToolTip("")
        if not note:
            self.setText(caption)
            return
        self.setText(f"<span style='color:{colour}'><i>{html.escape(note)}</i> "
                     f"{html.escape(caption)}</span>")
