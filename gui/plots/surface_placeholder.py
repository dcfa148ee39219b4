"""What stands in the 3-D view's place until it is built (gui.explorer.tab, deferred
on a plain start): the view's size, its bar's height in the window's colour and the
rest in the plots' background, so the first paint has no hole, no white flash on the
dark theme, and nothing moves when the real view replaces it. Imports no OpenGL."""
from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QPushButton, QWidget

from gui.compute.qt_guard import qt_override
from gui.widgets import theme

# as SurfaceView: its bar's margins above and below the buttons (gui.plots.surface_view)
BAR_MARGINS = 4


class SurfacePlaceholder(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setMinimumSize(200, 200)

    def bar_height(self) -> int:
        """The height of the view's bar (its tallest control is the Reset button)."""
        return QPushButton("Reset view").sizeHint().height() + BAR_MARGINS

    @qt_override
    def sizeHint(self):
        return QSize(620, 520)          # SurfaceView's: side by side with the map, equal

    @qt_override
    def paintEvent(self, event):
        t = theme.current()
        painter = QPainter(self)
        top = self.bar_height()
        painter.fillRect(0, 0, self.width(), top, QColor(t.window))
        painter.fillRect(0, top, self.width(), self.height() - top, QColor(t.background))
        painter.end()
