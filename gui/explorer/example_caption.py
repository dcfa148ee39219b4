"""The caption of a gallery example, under the formulas. It describes the example as it
was set up: once the user changes the function the caption goes; once they change the
start point or a descent setting it stays, marked as no longer applying (Seed 2 promises
(2.4, 1.2), which noise 1 does not give). A view of `LandscapeModel`."""
from __future__ import annotations

import html

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
        for signal in (model.presetChanged, model.textChanged, model.startChanged,
                       model.settingsChanged):
            signal.connect(self._refresh)
        theme.notifier.changed.connect(self._refresh)
        self._refresh()

    # Empty, the caption keeps one line: the views under it keep their height when the
    # user first changes a gallery example's function (they jumped 14 px).
    @qt_override
    def heightForWidth(self, width: int) -> int:
        return max(super().heightForWidth(width), self.fontMetrics().height())

    # As tall as it wraps at its width: the page's layout asks minimums only (it does no
    # height-for-width), and a caption wrapped to two lines (text size 2 on a page as
    # wide as a 1280-px screen) took its second line from the side panel under it, whose
    # Runs were then cut below the settings area's edge.
    @qt_override
    def minimumSizeHint(self):
        hint = super().minimumSizeHint()
        wrapped = self.heightForWidth(self.width()) if self.width() > 0 else 0
        hint.setHeight(max(hint.height(), self.fontMetrics().height(), wrapped))
        return hint

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
        if not p or not p.get("caption") or \
                self.model.text.replace(" ", "") != p["expr"].replace(" ", ""):
            self.clear()                  # a preset's caption describes its own function only
            return
        changed = self.changes()
        if not changed:
            self.applies = True
            self.setText(p["caption"])
            return
        muted = theme.current().muted
        note = NO_LONGER.format(what=" and the ".join(changed))
        self.setText(f"<span style='color:{muted}'><i>{html.escape(note)}</i> "
                     f"{html.escape(p['caption'])}</span>")
