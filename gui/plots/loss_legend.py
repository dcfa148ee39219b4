"""The loss curve's legend: each run's colour and name, a row above the plot.

Where the full names would take more rows than the short ones at the width given
("Gradient descent" → "GD", "Nesterov momentum" → "Nesterov"), it shows the short ones
and names them in full in its tooltip: seven runs' full names took three rows of the
loss curve's 303 px at 1280×720 and left its curves ~80 px.
"""
from __future__ import annotations

from html import escape

from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel

from gui.plots.runs import short_label

TOOLTIP = "Each method's colour, the same on every view"


def legend_html(entries) -> str:
    """entries: (swatch colour name, text) per run. Rows break between entries only,
    never inside a name ("Gradient / descent")."""
    return "&nbsp;&nbsp; ".join(
        f'<span style="white-space:nowrap"><span style="color:{colour}; '
        f'font-weight:600">━━</span>&nbsp;{escape(text)}</span>'
        for colour, text in entries)


class LossLegend(QLabel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setToolTip(TOOLTIP)
        self._full = self._short = ""
        self._full_names = ()
        self.shortened = False
        self.saved_px = 0

    def set_entries(self, entries) -> bool:
        """entries: (swatch colour name, label, method) per run; the full names shown
        (fit_names may shorten them). True when the text changed."""
        full = legend_html((colour, label) for colour, label, _m in entries)
        short = legend_html((colour, short_label(label, method))
                            for colour, label, method in entries)
        if (full, short) == (self._full, self._short):
            return False
        self._full, self._short = full, short
        self._full_names = tuple(label for _c, label, _m in entries)
        self.shortened = False
        self.saved_px = 0       # px of rows the short names save (fit_names)
        self.setText(full)
        self._tooltip()
        return True

    def fit_names(self, width: int) -> None:
        """Short names where they take fewer rows than the full names at `width` px."""
        full = self._rows_height(self._full, width)
        short = self._rows_height(self._short, width)
        shorten = self._short != self._full and short < full
        self.saved_px = full - short if shorten else 0
        if shorten != self.shortened:
            self.shortened = shorten
            self.setText(self._short if shorten else self._full)
            self._tooltip()

    def _rows_height(self, html: str, width: int) -> int:
        """px the text takes laid out `width` px wide (measured aside: the label's own
        text is not touched)."""
        doc = QTextDocument()
        doc.setDefaultFont(self.font())
        doc.setDocumentMargin(0)
        doc.setHtml(html)
        margins = self.contentsMargins()
        doc.setTextWidth(max(width - margins.left() - margins.right(), 1))
        return round(doc.size().height())

    def _tooltip(self) -> None:
        names = (": " + ", ".join(self._full_names)) if self.shortened else ""
        self.setToolTip(TOOLTIP + names)
