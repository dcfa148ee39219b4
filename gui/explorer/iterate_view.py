"""The iterate table's view: columns that share the width without eliding a digit
(smaller type first, then fewer digits, see FITS). Its model is
gui.explorer.iterate_table.IterateTableModel."""
from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QTableView

from gui.compute.qt_guard import qt_override

# How a narrow table still shows every number whole, tried in order until the columns
# fit: (significant digits, font size relative to the table's own font). Smaller type
# first, fewer digits only as a last resort; beyond the last the table scrolls sideways.
FITS = ((6, 1.0), (6, 0.92), (6, 0.85), (6, 0.78), (5, 0.78), (4, 0.78))
ROWS_SHOWN = 3        # the least the table shows under its header, at every text size


def _scaled(font: QFont, relative: float) -> QFont:
    """A copy of `font`, its size times `relative`."""
    out = QFont(font)
    if out.pointSizeF() > 0:
        out.setPointSizeF(out.pointSizeF() * relative)
    else:
        out.setPixelSize(max(1, round(out.pixelSize() * relative)))
    return out


class IterateView(QTableView):
    """Columns share the width, but none gets narrower than its widest number or its
    header (no elided digits). When the table is too narrow it first uses smaller type,
    then fewer digits (FITS); only beyond that it scrolls sideways."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._scrolls_sideways = False
        self.horizontalScrollBar().rangeChanged.connect(self._on_sideways_range)

    def _on_sideways_range(self, _low: int, high: int) -> None:
        if (high > 0) != self._scrolls_sideways:
            self._scrolls_sideways = high > 0
            self.updateGeometry()          # its minimum height counts the scroll bar

    def needed_widths(self, digits: int | None = None, relative: float = 1.0) -> list[int]:
        """Pixel widths that show every text of each column whole, at `digits`
        significant digits in the view's font scaled by `relative`."""
        model = self.model()
        font = _scaled(self.font(), relative)
        head_font = _scaled(self.horizontalHeader().font(), relative)
        # asked ~3 times per new path (size hint, fit, resize): measured once
        key = (digits if digits is not None else model.digits, relative, font.key(),
               head_font.key())
        if key not in model.width_memo:
            text_width = QFontMetrics(font).horizontalAdvance
            head_width = QFontMetrics(head_font).horizontalAdvance
            # + 9 px: the style's text margins (3 px each side, not scaled) and a little air
            model.width_memo[key] = [
                max([text_width(t) for t in texts] + [head_width(h)]) + 9
                for texts, h in zip(model.widest(digits), model.headers())]
        return list(model.width_memo[key])

    @qt_override
    def sizeHint(self) -> QSize:
        # ask for every column at its full width (plus the scroll bar), so a splitter
        # gives the table enough room before any sideways scrolling
        width = (sum(self.needed_widths(FITS[0][0], FITS[0][1]))
                 if self.model() is not None and self.model().columnCount() else 480)
        return QSize(width + self.verticalScrollBar().sizeHint().width() + 2 * self.frameWidth() + 2,
                     super().sizeHint().height())

    @qt_override
    def minimumSizeHint(self) -> QSize:
        # the header and ROWS_SHOWN rows in the font of the moment: a fixed 170 px showed
        # one row at text size 1.3 and none at 1.5 (the panel above was cut instead)
        # (the header's height from its font: its size hint varied by a pixel with the
        # column titles, and the views above moved when f changed)
        header = self.horizontalHeader().fontMetrics().height() + 3
        rows = ROWS_SHOWN * self.verticalHeader().defaultSectionSize()
        height = header + rows + 2 * self.frameWidth()
        if self._scrolls_sideways:         # its scroll bar takes a row's room otherwise
            height += self.horizontalScrollBar().sizeHint().height()
        return QSize(super().minimumSizeHint().width(), height)

    def fit_columns(self) -> None:
        model = self.model()
        columns = model.columnCount() if model is not None else 0
        if not columns:
            return
        available = self.viewport().width()
        if self.verticalScrollBar().isHidden() and model.rowCount() * self.rowHeight(0) > \
                self.viewport().height():
            available -= self.verticalScrollBar().sizeHint().width()   # about to appear
        for digits, relative in FITS:
            needed = self.needed_widths(digits, relative)
            if sum(needed) <= available:
                break
        model.set_look(digits, None if relative == 1.0 else _scaled(self.font(), relative))
        spare = available - sum(needed)
        extra = max(spare, 0) // max(columns - 1, 1)    # the step column stays narrow
        for c, width in enumerate(needed):
            self.setColumnWidth(c, width + (extra if c else 0))

    @qt_override
    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    @qt_override
    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == event.Type.FontChange:      # a presentation scale: rows, columns
            self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
            self.fit_columns()
            self.updateGeometry()
