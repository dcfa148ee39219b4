"""Where a 3-D view's label goes on the canvas: centred on its point's pixel, unless
that brings it too near its anchor (the tick it labels, on the axis line)."""
from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QMatrix4x4

ANCHOR_GAP_PX = 4       # a label's edge from its tick on the axis, at least


def placed_rect(point: QPointF, width: float, height: float,
                anchor: QPointF | None = None) -> QRectF:
    """A `width` × `height` px label's rectangle: centred on `point`, or, where its edge
    would come nearer `anchor` than ANCHOR_GAP_PX, moved on along the anchor → point
    direction until it does not. In
    the Neuron tab's 322-px landscape at text size 1.5 the L axis's "0.0015" and
    "0.0005", 60 px wide and centred 20 px from the axis, lay across the axis line; a
    larger view, its labels far enough out, keeps them centred."""
    half_w, half_h = width / 2, height / 2
    if anchor is not None:
        dx, dy = point.x() - anchor.x(), point.y() - anchor.y()
        far = math.hypot(dx, dy)
        if far > 1e-6:
            ux, uy = dx / far, dy / far
            reach = half_w * abs(ux) + half_h * abs(uy)      # centre to edge along (ux, uy)
            least = ANCHOR_GAP_PX + reach
            if far < least:
                point = QPointF(anchor.x() + ux * least, anchor.y() + uy * least)
    return QRectF(point.x() - half_w, point.y() - half_h, width, height)


def screen_matrix(view) -> QMatrix4x4:
    """3-D point → pixel of `view` (a GLViewWidget), for its camera as it is."""
    w, h = max(view.width(), 1), max(view.height(), 1)
    to_screen = QMatrix4x4()
    to_screen.viewport(0, h, w, -h)
    return to_screen * view.projectionMatrix((0, 0, w, h), (0, 0, w, h)) * view.viewMatrix()
