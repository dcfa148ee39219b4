"""Where a scrolled column of controls can end at rest without cutting one: the lowest
line that crosses no control (a button, field, slider, label, list) and leaves no group
box's title without its first row under it.

Whole groups only, a side panel's settings ended ~70 px early at 1280×720 (a blank band
with the scroll bar saying there was more), or showed the "Start point" title alone
with its fields scrolled away below it.
"""
from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QAbstractScrollArea,
                               QAbstractSlider, QAbstractSpinBox, QComboBox, QGroupBox,
                               QLabel, QLineEdit, QWidget)

# what a cut must not go through (a spin box's own line edit is inside one: not counted)
CONTROLS = (QAbstractButton, QAbstractSpinBox, QAbstractSlider, QComboBox, QLabel,
            QLineEdit, QAbstractScrollArea)


def _controls(inner: QWidget) -> list[QWidget]:
    found = []
    for widget in inner.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or not widget.isVisibleTo(inner):
            continue
        parent = widget.parentWidget()
        while parent is not None and parent is not inner and not isinstance(parent, CONTROLS):
            parent = parent.parentWidget()
        if parent is inner:          # not a part of another control
            found.append(widget)
    return found


def _row_spans(view, inner: QWidget) -> list[tuple[int, int]]:
    """A list's rows (the Runs of a seven-method race: ~150 px, taken whole it left the
    band blank), its frame's top with the first and its bottom with the last."""
    offset = view.viewport().mapTo(inner, QPoint(0, 0)).y()
    top = view.mapTo(inner, QPoint(0, 0)).y()
    rows = [view.visualRect(view.model().index(row, 0))
            for row in range(view.model().rowCount())]
    spans = [(offset + r.top(), offset + r.bottom() + 1) for r in rows if r.isValid()]
    if spans:
        spans[0] = (top, spans[0][1])
        spans[-1] = (spans[-1][0], max(spans[-1][1], top + view.height()))
    return spans


def whole_rows_end(inner: QWidget, room: int) -> int:
    """The largest y ≤ `room` (px from `inner`'s top) that cuts through no control of
    `inner` and parts no visible group box's title from its first control; `room`
    itself where no such line is found."""
    spans = []
    for widget in _controls(inner):
        top = widget.mapTo(inner, QPoint(0, 0)).y()
        if isinstance(widget, QAbstractItemView) and widget.model() is not None \
                and widget.model().rowCount() > 1:
            spans += _row_spans(widget, inner)      # a list may end after a whole row
        else:
            spans.append((top, top + widget.height()))
    for group in inner.findChildren(QGroupBox):
        if not group.isVisibleTo(inner) or not group.title():
            continue
        top = group.mapTo(inner, QPoint(0, 0)).y()
        firsts = [end for start, end in spans if top <= start < top + group.height()]
        if firsts:
            spans.append((top, min(firsts)))
    cuts = sorted({room, *(end for _start, end in spans if end <= room)}, reverse=True)
    for cut in cuts:
        if not any(start < cut < end for start, end in spans):
            return cut
    return room
