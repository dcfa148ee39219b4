"""Stub: replaced by the real ExpressionEditor."""
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class ExpressionEditor(QWidget):
    def __init__(self, model, parent=None):
        super().__init__(parent)
        self.model = model
        QVBoxLayout(self).addWidget(QLabel("ExpressionEditor (coming)"))
