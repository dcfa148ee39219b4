"""Where a label's text is drawn inside its QLabel: the rectangle its glyphs cover.

A QLabel is a whole line high (ascent + descent, 14-17 px), but digits such as "2" are
drawn only between the baseline and the digits' height (~10 px). Two tick labels 14 px
apart have overlapping QLabels and separate digits; judged by their QLabels, the 3-D
view hid y's "2" between "3" and "1" and Rosenbrock's "1e4" though both had room.
"""
from __future__ import annotations

import html
import re

from PySide6.QtCore import QRect
from PySide6.QtGui import QFont, QFontMetrics

_TAG = re.compile(r"<[^>]*>")


def ink_rect(label) -> QRect:
    """The canvas rectangle a one-line QLabel's glyphs cover (left-aligned, centred
    vertically, as QLabel draws one line), an axis's bold rich-text name (`<b>x</b>`)
    too: counted as its whole line, the "x" under x's tick row hid the "2" beside it at
    text size 2 (2 px of its empty line on the 2's glyphs), and with it all but one of
    x's numbers."""
    text, metrics = label.text(), label.fontMetrics()
    if "<" in text:
        bold = QFont(label.font())
        bold.setBold("<b>" in text)
        text, metrics = html.unescape(_TAG.sub("", text)), QFontMetrics(bold)
    glyphs = metrics.tightBoundingRect(text)
    baseline = label.y() + (label.height() - metrics.height()) // 2 + metrics.ascent()
    return glyphs.translated(label.x(), baseline)


def axes_apart(label) -> int:
    """The px a label's glyphs keep from those of another axis's labels: a third of a
    line (5-6 px, 8 at text size 1.5). Ticks of one axis read in a row 2 px apart, but
    f's "−5" 3 px above x's "4" (a rotated camera) read as one crowded column."""
    return label.fontMetrics().height() // 3
