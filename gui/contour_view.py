"""Stub: replaced by the real ContourView."""
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class ContourView(QWidget):
    def __init__(self, model, parent=None):
        super().__init__(parent)
        self.model = model
        QVBoxLayout(self).addWidget(QLabel("ContourView (coming)"))
