"""The caption of a gallery example, under the formulas. It describes the example as it
was set up: once the user changes the function the caption goes; once they change the
start point or a descent setting it stays, marked as no longer applying (Seed 2 promises
(2.4, 1.2), which noise 1 does not give). A view of `LandscapeModel`."""
from __future__ import annotations

import html
import math

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel

from gui.compute.qt_guard import qt_override
from gui.plots.landscape_model import preset_settings
from gui.widgets import theme

NO_LONGER = "No longer applies — you changed the {what}:"
LONGEST_NOTE = NO_LONGER.format(what="start point and the descent settings")


class ExampleCaption(QLabel):
    def __init__(self, model, parent=None):
        super().__init__(parent)
        self.model = model
        self.setWordWrap(True)
        self.setObjectName("caption")
        # at the top of its row: presenting, a one-line text in a two-line row stays put
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.applies = False          # the caption shown describes what is on screen
        # presenting: as many lines as the caption, or the longest note, takes, each
        # whole; a change's note shows alone (the caption in the tool tip). So a race's
        # first change ("No longer applies — …") moves neither the views nor the side
        # panel under the lecturer's mouse, and nothing is cut: one line cut with "…"
        # read "No longer applies — you changed the descent settings: Example 2 of the
        # notes: from (3, 2) … the iterates are (2.4, 1.2), (1.…" at 1280×720
        self.steady = False
        self._parts = ("", "", "")     # (note, caption, colour): what `_show` lays out
        for signal in (model.presetChanged, model.textChanged, model.startChanged,
                       model.settingsChanged):
            signal.connect(self._refresh)
        theme.notifier.changed.connect(self._refresh)
        self._refresh()

    def set_steady(self, on: bool) -> None:
        """Presenting (`on`): the caption, or a change's note alone, in a row as tall as
        the taller of the two takes; else wrapped to as many lines as the text takes."""
        self.steady = on
        self._show()
        self.updateGeometry()

    def _laid_height(self, text: str, width: int) -> int:
        """px rich `text` takes wrapped to `width` in this label's font."""
        doc = QTextDocument()
        doc.setDefaultFont(self.font())
        doc.setDocumentMargin(0)
        doc.setHtml(text)
        doc.setTextWidth(max(1, width))
        return math.ceil(doc.size().height())

    def _steady_height(self, width: int) -> int:
        caption, line = self._parts[1], self.fontMetrics().height()
        if not caption or width <= 0:        # (not laid out yet: no width to wrap to)
            return line
        return max(self._laid_height(html.escape(caption), width),
                   self._laid_height(f"<i>{html.escape(LONGEST_NOTE)}</i>", width), line)

    # Empty, the caption keeps one line: the views under it keep their height when the
    # user first changes a gallery example's function (they jumped 14 px).
    @qt_override
    def heightForWidth(self, width: int) -> int:
        if self.steady:
            return self._steady_height(width)
        return max(super().heightForWidth(width), self.fontMetrics().height())

    # As tall as it wraps at its width: the page's layout asks minimums only (it does no
    # height-for-width), and a caption wrapped to two lines (text size 2 on a page as
    # wide as a 1280-px screen) took its second line from the side panel under it, whose
    # Runs were then cut below the settings area's edge.
    @qt_override
    def minimumSizeHint(self):
        if self.steady:             # any width: the lines it takes there
            return QSize(0, self._steady_height(self.contentsRect().width()))
        hint = super().minimumSizeHint()
        wrapped = self.heightForWidth(self.width()) if self.width() > 0 else 0
        hint.setHeight(max(hint.height(), self.fontMetrics().height(), wrapped))
        return hint

    @qt_override
    def sizeHint(self):
        return self.minimumSizeHint() if self.steady else super().sizeHint()

    @qt_override
    def resizeEvent(self, event):
        super().resizeEvent(event)
        if self.heightForWidth(event.size().width()) != self.heightForWidth(event.oldSize().width()):
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
        self.setToolTip("")
        if not caption:
            self.clear()
            return
        if self.steady and note:            # the note alone, whole; the caption on hover
            self.setToolTip(f"{note} {caption}")
            note, caption = note.removesuffix(":") + ".", ""
        if not note:
            self.setText(caption)
            return
        self.setText(f"<span style='color:{colour}'><i>{html.escape(note)}</i> "
                     f"{html.escape(caption)}</span>")
