"""Stub: replaced by the real LossPlot."""
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class LossPlot(QWidget):
    def __init__(self, model, parent=None):
        super().__init__(parent)
        self.model = model
        QVBoxLayout(self).addWidget(QLabel("LossPlot (coming)"))
