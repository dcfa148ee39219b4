"""Stub: replaced by the real MathView."""
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class MathView(QWidget):
    def __init__(self, model, parent=None):
        super().__init__(parent)
        self.model = model
        QVBoxLayout(self).addWidget(QLabel("MathView (coming)"))
