"""Stub: replaced by the real IterateTable."""
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class IterateTable(QWidget):
    def __init__(self, model, parent=None):
        super().__init__(parent)
        self.model = model
        QVBoxLayout(self).addWidget(QLabel("IterateTable (coming)"))
