"""Stub: replaced by the real DescentPanel."""
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class DescentPanel(QWidget):
    def __init__(self, model, parent=None):
        super().__init__(parent)
        self.model = model
        QVBoxLayout(self).addWidget(QLabel("DescentPanel (coming)"))
