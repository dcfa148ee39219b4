"""Drawing on the screen: a pen, a highlighter and a laser pointer over any tab.

A transparent widget laid over the window's central widget. With no tool it lets
every mouse event through to the app; with the pen or highlighter a drag draws a
stroke; the laser is a bright dot that follows the mouse (or a tablet pen, which Qt
turns into mouse events) with a short trail that fades. Strokes are kept as
fractions (0–1) of the overlay's size, so they stay on what they mark when the
window is resized, and belong to the current scene (see LectureController).
Because the overlay is a child of the window, grabbing the window or the tab for a
picture includes the ink.
"""
from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QWidget
from gui.compute.qt_guard import qt_override

TOOLS = (None, "pen", "highlighter", "laser")
LASER_FADE_S = 0.6        # how long the laser's trail stays
LASER_FRAME_MS = 33
# The ink's look lives here, not in the theme: it must read on both themes and on
# every plot, so it is fixed (red pen, yellow marker, red laser with a white rim).
INK = {"pen": (QColor(220, 30, 40), 4.0), "highlighter": (QColor(255, 220, 0, 110), 22.0)}
LASER = QColor(255, 30, 30)


class InkOverlay(QWidget):
    toolChanged = Signal(object)      # None, "pen", "highlighter" or "laser"
    strokesChanged = Signal()

    def __init__(self, host: QWidget):
        super().__init__(host)
        self.host = host
        self.tool = None
        self._strokes: list[dict] = []       # {"tool", "points": [[fx, fy], ...]}
        self._drawing: dict | None = None
        self._trail: list[tuple[float, QPointF]] = []
        self._laser_timer = QTimer(self)
        self._laser_timer.setInterval(LASER_FRAME_MS)
        self._laser_timer.timeout.connect(self._on_laser_frame)
        self.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setMouseTracking(True)
        host.installEventFilter(self)
        self.setGeometry(host.rect())
        self._apply_tool()
        self.show()

    # --- the host's size ------------------------------------------------------------
    @qt_override
    def eventFilter(self, obj, event):
        if obj is self.host and event.type() in (QEvent.Type.Resize, QEvent.Type.ChildAdded):
            self.setGeometry(self.host.rect())
            self.raise_()        # above a tab built later
        return False

    # --- tools ------------------------------------------------------------------------
    def set_tool(self, tool) -> None:
        """Pick a tool; picking the one in use puts the pen down (None)."""
        if tool not in TOOLS:
            raise ValueError(f"unknown tool {tool!r}")
        self.tool = None if tool == self.tool else tool
        self._apply_tool()
        self.toolChanged.emit(self.tool)

    def _apply_tool(self) -> None:
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, self.tool is None)
        shape = {None: Qt.CursorShape.ArrowCursor, "laser": Qt.CursorShape.BlankCursor}
        self.setCursor(shape.get(self.tool, Qt.CursorShape.CrossCursor))
        self._trail.clear()
        self._laser_timer.stop()
        self.raise_()
        self.update()

    # --- strokes ----------------------------------------------------------------------
    def strokes(self) -> list[dict]:
        return [{"tool": s["tool"], "points": [list(p) for p in s["points"]]}
                for s in self._strokes]

    def set_strokes(self, strokes) -> None:
        self._strokes = [{"tool": s["tool"], "points": [list(p) for p in s["points"]]}
                         for s in strokes or []]
        self._drawing = None
        self.update()

    def clear(self) -> None:
        if self._strokes:
            self._strokes = []
            self.strokesChanged.emit()
        self._trail.clear()
        self.update()

    def _fraction(self, pos: QPointF) -> list[float]:
        w, h = max(1, self.width()), max(1, self.height())
        return [round(pos.x() / w, 4), round(pos.y() / h, 4)]

    # --- the mouse --------------------------------------------------------------------
    @qt_override
    def mousePressEvent(self, event):
        if self.tool in ("pen", "highlighter") and event.button() == Qt.MouseButton.LeftButton:
            self._drawing = {"tool": self.tool, "points": [self._fraction(event.position())]}
            self._strokes.append(self._drawing)
            self.update()
        event.accept()

    @qt_override
    def mouseMoveEvent(self, event):
        if self.tool == "laser":
            self._trail.append((time.monotonic(), event.position()))
            if not self._laser_timer.isActive():
                self._laser_timer.start()
            self.update()
        elif self._drawing is not None:
            self._drawing["points"].append(self._fraction(event.position()))
            self.update()
        event.accept()

    @qt_override
    def mouseReleaseEvent(self, event):
        if self._drawing is not None:
            self._drawing = None
            self.strokesChanged.emit()
        event.accept()

    @qt_override
    def leaveEvent(self, event):
        self._trail.clear()
        self.update()
        super().leaveEvent(event)

    def _on_laser_frame(self):
        now = time.monotonic()
        self._trail = [(t, p) for t, p in self._trail if now - t < LASER_FADE_S]
        if len(self._trail) <= 1 and self._trail and now - self._trail[-1][0] > LASER_FADE_S:
            self._laser_timer.stop()
        self.update()

    # --- painting ---------------------------------------------------------------------
    @qt_override
    def paintEvent(self, event):
        if not self._strokes and not self._trail:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._paint_strokes(painter)
        self._paint_laser(painter)
        painter.end()

    def paint_over(self, image: QImage, widget: QWidget) -> QImage:
        """The strokes that lie over `widget` drawn onto `image`, a picture of `widget`
        at any scale (for exports of one view: the window's and tab's pictures hold
        the overlay already, being its parents). Returns `image`."""
        if not self._strokes or widget.width() < 1:
            return image
        scale = image.width() / widget.width()
        corner = widget.mapFromGlobal(self.mapToGlobal(QPoint(0, 0)))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(scale, scale)
        painter.translate(corner.x(), corner.y())
        self._paint_strokes(painter)
        painter.end()
        return image

    def _paint_strokes(self, painter: QPainter) -> None:
        w, h = self.width(), self.height()
        for stroke in self._strokes:
            colour, width = INK[stroke["tool"]]
            pen = QPen(colour, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                       Qt.PenJoinStyle.RoundJoin)
            painter.setPen(pen)
            points = [QPointF(x * w, y * h) for x, y in stroke["points"]]
            if len(points) == 1:
                painter.drawPoint(points[0])
                continue
            path = QPainterPath(points[0])
            for p in points[1:]:
                path.lineTo(p)
            painter.drawPath(path)

    def _paint_laser(self, painter: QPainter) -> None:
        if not self._trail:
            return
        now = time.monotonic()
        painter.setPen(Qt.PenStyle.NoPen)
        for t, p in self._trail[:-1]:
            fade = max(0.0, 1.0 - (now - t) / LASER_FADE_S)
            colour = QColor(LASER)
            colour.setAlphaF(0.5 * fade)
            painter.setBrush(colour)
            painter.drawEllipse(p, 5 * fade + 1, 5 * fade + 1)
        tip = self._trail[-1][1]
        painter.setBrush(QColor(255, 255, 255, 200))
        painter.drawEllipse(tip, 11, 11)
        painter.setBrush(LASER)
        painter.drawEllipse(tip, 8, 8)
