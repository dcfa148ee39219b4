"""The loss plot's legend: each run's colour swatch and name, placed where it costs the
curves least.

Beside the title when it fits there in one row; else in one row of its own under the
title, the whole width; where that takes more rows, in a column at the plot's right
when the names, one a line, fit the plot's least height; else in rows under the title.
At 1280×720 seven runs took two rows under the title and left the curves 351×80 px;
in a column beside them, 223×98.
"""
from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

LEGEND_GAP_PX = 4        # free pixels between the legend's last row and the plot
COLUMN_GAP_PX = 6        # between the plot's right edge and the column
COLUMN_SHARE = 0.4       # the column takes at most this part of the widget's width
LEAST_HEIGHT_PX = 170    # the loss plot's least height: below it the curves are a smear
BESIDE, COLUMN, BELOW = "beside", "column", "below"


class LossLegend(QLabel):
    """A QLabel of rich text, moved between the title row (`bar`, row 0 column 1), a
    row of its own (`bar`, row 1) and `column_slot` (a layout beside the plot) by
    `place()`; `where` says which."""

    def __init__(self, owner: QWidget, bar: QGridLayout, column_slot, title: QWidget,
                 log_check: QWidget):
        super().__init__()
        self.setWordWrap(True)
        self.setToolTip("Each method's colour, the same on every view")
        self._owner, self._bar, self._slot = owner, bar, column_slot
        self._title, self._log_check = title, log_check
        self._entries: list[tuple[str, str]] = []     # (swatch colour "#rrggbb", name)
        self.where = None

    def set_entries(self, entries, new_look: bool = False) -> bool:
        """Show `entries` ((colour, name) per run); False when nothing changed."""
        entries = list(entries)
        if entries == self._entries and not new_look:
            return False           # (each edit: the rich text laid out again, ~2 ms)
        self._entries = entries
        self.where = None          # laid out anew for the new text
        self.place()
        return True

    def html(self, column: bool) -> str:
        # rows break between entries only, never inside a name ("Gradient / descent")
        spans = [f'<span style="white-space:nowrap"><span style="color:{colour}; '
                 f'font-weight:600">━━</span>&nbsp;{escape(name)}</span>'
                 for colour, name in self._entries]
        return ("<br>" if column else "&nbsp;&nbsp; ").join(spans)

    def column_size(self) -> tuple[float, float]:
        """(width, height) px of the entries one a line, in this label's font."""
        document = QTextDocument()
        document.setDefaultFont(self.font())
        document.setDocumentMargin(0)
        document.setHtml(self.html(column=True))
        return document.idealWidth(), document.size().height()

    def place(self) -> None:
        """Beside the title, in a column beside the plot, or below the title (module
        docstring), for the owner's size now."""
        owner, bar = self._owner, self._bar
        spacing = bar.horizontalSpacing()
        beside = (owner.width() - 8 - self._title.sizeHint().width()
                  - self._log_check.sizeHint().width() - 2 * spacing)
        self.setText(self.html(column=False))
        one_row = self.fontMetrics().lineSpacing() * 1.5 + LEGEND_GAP_PX
        where = BESIDE
        if self._entries and (beside < self.minimumSizeHint().width()
                              or self.heightForWidth(max(beside, 1)) > one_row):
            width, height = self.column_size()
            full = owner.width() - 8       # below the title: the whole width
            # (one row of its own costs the curves less than a column beside them)
            rows = self.heightForWidth(max(full, 1)) > one_row
            # against the least height the plot always has, not its height now: the
            # column frees the rows' height, and the plot, shorter, must still hold it
            room = LEAST_HEIGHT_PX - self._title.sizeHint().height() - 2 * LEGEND_GAP_PX
            where = COLUMN if rows and height <= room and \
                width + COLUMN_GAP_PX <= COLUMN_SHARE * owner.width() else BELOW
        if where == COLUMN:
            self.setText(self.html(column=True))
        if where == self.where:
            return
        self.where = where
        self._bar.removeWidget(self)
        self._slot.removeWidget(self)
        if where == BELOW:
            bar.addWidget(self, 1, 0, 1, 3)
        elif where == BESIDE:
            bar.addWidget(self, 0, 1)
        else:       # level with the plot's top, where the curves start
            self._slot.addWidget(self, 0, Qt.AlignmentFlag.AlignTop)
        # Beside the title the legend's widest entry does not widen the plot: it moves
        # below when the row gets narrower (at text size 2 on a 1280-px screen title +
        # legend + log box held the Explorer 177 px wider than the screen). Below, the
        # row is the plot's whole width and its widest entry its minimum.
        self.setMinimumWidth(1 if where == BESIDE else 0)
        self.setContentsMargins(COLUMN_GAP_PX if where == COLUMN else 0, 0, 0,
                                0 if where == COLUMN else LEGEND_GAP_PX)
