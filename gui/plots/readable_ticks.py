"""Every vertical axis of the 1-D view shows at least two numbers: for exp(x²)·10³⁰⁰
f″'s axis read only "0" (±1.13e303 on 70 px).

Why: pyqtgraph labels its first tick level always and the finer ones only while they do
not crowd, and it skips a label that would stick out past the axis's ends. There the
first level was −1e303, 0, 1e303, the outer two 4 px from the ends (so skipped), and
the next level (±5e302, which fit) was judged crowded by counting the skipped labels.
"""
from __future__ import annotations

import math

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QApplication

from gui.plots.axis_ticks import nice_ticks

GAP_PX = 2        # between two labels of the level made the first


def labelled_levels(levels, low: float, high: float, size: float, label_px: float):
    """pyqtgraph tick levels [(spacing, values), …] for an axis from `low` to `high`,
    `size` px long, with labels `label_px` tall: unchanged where the first level has two
    values whose labels fit inside the axis; else the first finer level whose values,
    with the coarser ones' that fit, are two or more labels that do not touch, made the
    first level (values whose labels stick out left out of every level); else about
    three round values inside the axis."""
    low, high = sorted((float(low), float(high)))
    span = high - low
    if not (size > 0 and label_px > 0 and math.isfinite(span) and span > 0) or not levels:
        return levels
    half = label_px / 2 * span / size
    inner = (low + half, high - half)
    if inner[0] >= inner[1]:
        return levels

    def fitting(values):
        return [v for v in values if inner[0] <= v <= inner[1]]

    if len(fitting(levels[0][1])) >= 2:
        return levels
    shown: list[float] = []
    for k, (spacing, values) in enumerate(levels):
        shown = sorted(set(shown + fitting(values)))
        if k and len(shown) >= 2 and _apart(shown, span, size, label_px):
            return [(spacing, shown)] + [(s, fitting(v)) for s, v in levels[k + 1:]]
    ticks = fitting(nice_ticks(*inner, count=3))
    if len(ticks) >= 2 and _apart(ticks, span, size, label_px):
        return [(ticks[1] - ticks[0], ticks)]
    return levels


def _apart(values, span: float, size: float, label_px: float) -> bool:
    """Sorted `values`' labels do not touch on an axis `size` px long for `span`."""
    return min(b - a for a, b in zip(values, values[1:])) * size / span >= label_px + GAP_PX


def label_height(axis) -> float:
    """A tick label's height as pyqtgraph measures it (AxisItem.generateDrawSpecs)."""
    font = axis.style.get("tickFont") or QApplication.font()
    box = QFontMetricsF(font).boundingRect(QRectF(0, 0, 100, 100),
                                           Qt.AlignmentFlag.AlignCenter, "0")
    return box.height() * 0.8


def _choose_ticks_by(axis, rule) -> None:
    """Make the vertical pyqtgraph AxisItem `axis` pass the ticks it chooses now through
    `rule(levels, low, high, size, label_px)`."""
    choose = axis.tickValues

    def chosen(min_value, max_value, size):
        return rule(choose(min_value, max_value, size), min_value, max_value, size,
                    label_height(axis))

    axis.tickValues = chosen
    axis.picture = None


def at_least_two_numbers(axis) -> None:
    """Make the vertical pyqtgraph AxisItem `axis` choose its ticks by labelled_levels."""
    _choose_ticks_by(axis, labelled_levels)


def labels_apart(levels, low: float, high: float, size: float, label_px: float):
    """pyqtgraph tick levels [(spacing, values), …] less each value whose label would
    touch one kept before it (coarser levels first, whole numbers first): `size` px for
    low … high, labels `label_px` tall. pyqtgraph judges a level's labels by how much of
    the axis they fill together, which a log axis's uneven minor ticks pass while
    crowding at one end: the loss plot's 6, 7, 8, 9, 10¹ were drawn on one another."""
    span = float(high) - float(low)
    if not (size > 0 and math.isfinite(span) and span > 0):
        return levels
    least = (label_px + GAP_PX) * span / size
    kept: list[float] = []
    out = []
    for spacing, values in levels:
        free = []
        # whole numbers first (on a log axis: the decades), then the rest in order
        for v in sorted(values, key=lambda v: abs(v - round(v)) > 1e-9):
            if all(abs(v - k) >= least for k in kept):
                free.append(v)
                kept.append(v)
        out.append((spacing, sorted(free)))
    return out


def labels_never_touch(axis) -> None:
    """Make the vertical pyqtgraph AxisItem `axis` keep only ticks whose labels do not
    touch (labels_apart), after whatever chooses them now."""
    _choose_ticks_by(axis, labels_apart)
