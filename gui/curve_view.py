"""Stub: replaced by the real CurveView."""
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class CurveView(QWidget):
    def __init__(self, model, parent=None):
        super().__init__(parent)
        self.model = model
        QVBoxLayout(self).addWidget(QLabel("CurveView (coming)"))
