"""The names of critical points on a 2-D plot ("minimum", "saddle", …), placed so that
none covers another or a marker (gui.plots.label_layout), above the descent paths,
and switched off together by `set_shown(False)`.

Public attributes: `items` (pg.TextItem per point, the visible ones placed), `shown`.
"""
from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont

from gui.plots.label_layout import LabelRequest, place_labels

Z_LABELS = 10              # above paths (7–8), current points (8) and the start (9)
PRIORITY = {"minimum": 0, "maximum": 1, "saddle": 2}
SHORT = {"minimum": "min", "maximum": "max", "saddle": "sad.", "degenerate": "deg."}
MARKER_PX = 8              # half-size of the markers labels keep off


class CriticalLabels:
    def __init__(self, plot: pg.PlotItem, font: QFont, ink, fill):
        self.plot = plot
        self.items: list[pg.TextItem] = []
        self.shown = True
        self._points = []
        self._font, self._ink, self._fill = font, ink, fill
        # merge bursts (a zoom, a resize) into one layout after the view settles
        self._relayout = QTimer(singleShot=True, interval=0)
        self._relayout.timeout.connect(self.layout)
        plot.vb.sigResized.connect(self._relayout.start)
        plot.vb.sigRangeChanged.connect(self._relayout.start)

    def set_points(self, points) -> None:
        """The critical points to name (each with .point and .kind)."""
        self._points = list(points)
        while len(self.items) < len(self._points):
            label = pg.TextItem(anchor=(0.5, -0.35), color=self._ink, fill=self._fill)
            label.setFont(self._font)
            label.setZValue(Z_LABELS)
            self.plot.addItem(label)
            self.items.append(label)
        for i, label in enumerate(self.items):
            if i < len(self._points):
                label.setText(self._points[i].kind)
                label.setPos(*self._points[i].point)
        self.layout()

    def set_shown(self, shown: bool) -> None:
        self.shown = bool(shown)
        self.layout()

    def _pixel_size(self, label, text):
        label.setText(text)
        rect = label.textItem.boundingRect()
        return rect.width(), rect.height()

    def layout(self) -> None:
        """Place every label (or hide it) for the plot as it is now on screen."""
        vb = self.plot.vb
        n = len(self._points)
        if not self.shown or n == 0 or vb.width() < 2 or vb.height() < 2:
            for label in self.items:
                label.setVisible(False)
            return
        area = vb.sceneBoundingRect()
        bounds = (area.left(), area.top(), area.right(), area.bottom())
        requests, markers = [], []
        for cp, label in zip(self._points, self.items):
            p = vb.mapViewToScene(pg.Point(*cp.point))
            kind = cp.kind
            requests.append(LabelRequest(
                p.x(), p.y(), self._pixel_size(label, kind),
                self._pixel_size(label, SHORT.get(kind, kind)), PRIORITY.get(kind, 3)))
            markers.append((p.x() - MARKER_PX, p.y() - MARKER_PX,
                            p.x() + MARKER_PX, p.y() + MARKER_PX))
        for i, (cp, label, placed) in enumerate(zip(self._points, self.items,
                                                    place_labels(requests, bounds, markers))):
            if placed.anchor is None:
                label.setVisible(False)
                continue
            label.setText(SHORT.get(cp.kind, cp.kind) if placed.short else cp.kind)
            label.setAnchor(placed.anchor)
            label.setVisible(True)
        for label in self.items[n:]:
            label.setVisible(False)

    def visible_boxes(self):
        """(label, scene rect) of every visible label (tests, exports)."""
        return [(label, label.mapRectToScene(label.boundingRect()))
                for label in self.items if label.isVisible()]
