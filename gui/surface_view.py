"""Stub: replaced by the real SurfaceView."""
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class SurfaceView(QWidget):
    def __init__(self, model, parent=None):
        super().__init__(parent)
        self.model = model
        QVBoxLayout(self).addWidget(QLabel("SurfaceView (coming)"))
