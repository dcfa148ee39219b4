"""Where a label's text is drawn inside its QLabel: the rectangle its glyphs cover.

A QLabel is a whole line high (ascent + descent, 14-17 px), but digits such as "2" are
drawn only between the baseline and the digits' height (~10 px). Two tick labels 14 px
apart have overlapping QLabels and separate digits; judged by their QLabels, the 3-D
view hid y's "2" between "3" and "1" and Rosenbrock's "1e4" though both had room.
"""
from __future__ import annotations

from PySide6.QtCore import QRect


def ink_rect(label) -> QRect:
    """The canvas rectangle a plain-text QLabel's glyphs cover (left-aligned, centred
    vertically, as QLabel draws one line); a rich-text label's (`<b>f</b>`) whole rectangle."""
    if "<" in label.text():
        return label.geometry()
    metrics = label.fontMetrics()
    glyphs = metrics.tightBoundingRect(label.text())
    baseline = label.y() + (label.height() - metrics.height()) // 2 + metrics.ascent()
    return glyphs.translated(label.x(), baseline)


def axes_apart(label) -> int:
    """The px a label's glyphs keep from those of another axis's labels: a third of a
    line (5-6 px, 8 at text size 1.5). Ticks of one axis read in a row 2 px apart, but
    f's "−5" 3 px above x's "4" (a rotated camera) read as one crowded column."""
    return label.fontMetrics().height() // 3
