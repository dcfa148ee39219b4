"""A test helper: counts the Paint events a widget receives."""
from PySide6.QtCore import QEvent, QObject


class Paints(QObject):
    """Counts the Paint events `widget` receives (`count`)."""

    def __init__(self, widget):
        super().__init__()
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, _obj, event):
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False
