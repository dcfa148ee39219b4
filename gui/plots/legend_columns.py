"""How many columns a pyqtgraph legend can have in a given width.

A legend in a row above a plot is cut at the row's width: with one column too many its
last label loses letters ("Adam" shows as "Adan" at 1280×720). The columns are counted
from the entries' measured widths (their font and text size as drawn), not guessed
from characters.
"""
from __future__ import annotations

import math

from PySide6.QtGui import QFontMetrics

MAX_COLUMNS = 5


def _entry_widths(legend) -> list[tuple[float, float]]:
    return [(max(sample.boundingRect().width(), sample.minimumWidth()), _text_width(label))
            for sample, label in legend.items]


def _text_width(label) -> float:
    """A LabelItem's text's own width: its bounding rectangle is the grid cell it was
    stretched to ("start" under "Gradient descent" measured 120 px for 38), so a legend
    once in three columns measured itself too wide for four and kept three."""
    text_rect = getattr(label, "itemRect", None)
    if text_rect is not None:
        return text_rect().width()
    return max(label.boundingRect().width(), label.minimumWidth())


def columns_that_fit(widths: list[tuple[float, float]], width: float, spacing: float,
                     most: int = MAX_COLUMNS) -> int:
    """The most columns (1 … `most`) whose grid of (sample, label) entries, laid out
    row by row, is no wider than `width`."""
    for n in range(min(most, max(1, len(widths))), 1, -1):
        samples = [max(w[0] for w in widths[c::n]) for c in range(n)]
        labels = [max(w[1] for w in widths[c::n]) for c in range(n)]
        if sum(samples) + sum(labels) + spacing * (2 * n - 1) <= width:
            return n
    return 1


def fit_legend(legend, width: float, most: int = MAX_COLUMNS) -> None:
    """Set the legend's column count to the most (up to `most`) that fit in `width` px
    (its labels' text first drawn tight: see `tighten`)."""
    for _sample, label in legend.items:
        tighten(label)
    left, _, right, _ = legend.layout.getContentsMargins()
    n = columns_that_fit(_entry_widths(legend), width - left - right - 4,
                         legend.layout.horizontalSpacing(), most)
    if n != legend.columnCount:
        legend.setColumnCount(n)


def tighten(label) -> None:
    """A LabelItem's text with 1 px around it, not Qt's 4: a legend row at text size 2
    is ~28 px, not 34 (the theme's restyling keeps it: it sets the text on the same
    document)."""
    document = label.item.document()
    if document.documentMargin() != 1:
        document.setDocumentMargin(1)
        label.setText(label.text)


def rows_height(legend, columns: int) -> float:
    """The px the legend's entries take in `columns` columns."""
    if not legend.items:
        return 0.0
    row = max(max(sample.boundingRect().height(), label.boundingRect().height())
              for sample, label in legend.items)
    top, bottom = legend.layout.getContentsMargins()[1::2]
    return math.ceil(len(legend.items) / columns) * row + top + bottom


def map_canvas_height(canvas, legend, plot, map_min_px: int, font) -> int:
    """The height a canvas (a GraphicsLayoutWidget) with `legend` in a row above `plot`
    (None: a column beside it) needs for the legend's rows, the x-axis and `map_min_px`
    of the plot's view (0: none asked, 0 returned); `font`: the bottom axis's tick font
    when it has none of its own."""
    if not map_min_px:
        return 0
    layout = canvas.ci.layout
    _, top, _, bottom = layout.getContentsMargins()
    axis = plot.getAxis("bottom")
    # from its fonts: its height is reset to 0 on a resize and grows back at the next paint
    tick_font = axis.style["tickFont"] or font
    axis_px = (QFontMetrics(tick_font).height() + axis.style["tickTextOffset"][1] + 4
               + (axis.label.boundingRect().height() if axis.label.isVisible() else 0))
    rows = 0.0 if legend is None else rows_height(legend, legend.columnCount)
    return round(rows + top + bottom
                 + layout.verticalSpacing() + axis_px + map_min_px + 2)
