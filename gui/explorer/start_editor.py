"""The start point θ₀: one number box per variable, two to a row, however many
variables f has (a six-weight quadratic gets three rows). A view of `LandscapeModel`.

Public attributes (for tests): boxes (NumberBox per variable shown, in f's order),
labels (QLabel "w₁ =" beside each).
"""
from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from gui.widgets.field_keys import hand_keys_back
from gui.widgets.number_box import NumberBox
from gui.widgets.variable_names import display_name

PER_ROW = 2


class StartEditor(QWidget):
    def __init__(self, model, parent=None):
        super().__init__(parent)
        self.model = model
        self.boxes: list[NumberBox] = []
        self.labels: list[QLabel] = []
        self._grid = QGridLayout()
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setColumnStretch(1, 1)
        self._grid.setColumnStretch(3, 1)
        hint = QLabel("or click on the map")
        hint.setStyleSheet("color: palette(placeholder-text); font-style: italic;")
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(self._grid)
        column.addWidget(hint)
        model.expressionChanged.connect(self._on_expression)
        model.startChanged.connect(self._on_start)
        self._on_expression(model.expression)
        self._on_start(model.start)

    def _on_expression(self, expr) -> None:
        names = expr.variables if expr is not None else ("x", "y")
        while len(self.boxes) < len(names):         # boxes are made once and kept
            k = len(self.boxes)
            box = NumberBox(-1e6, 1e6, step=0.1, digits=6)
            hand_keys_back(box)           # Enter / Escape: Space plays again
            box.valueChanged.connect(self._on_edited)
            label = QLabel()
            self._grid.addWidget(label, k // PER_ROW, 2 * (k % PER_ROW))
            self._grid.addWidget(box, k // PER_ROW, 2 * (k % PER_ROW) + 1)
            self.boxes.append(box)
            self.labels.append(label)
        for i, (label, box) in enumerate(zip(self.labels, self.boxes)):
            shown = i < len(names)
            label.setVisible(shown)
            box.setVisible(shown)
            if shown:
                label.setText(f"{display_name(names[i])} =")
                box.setToolTip(f"Start value of {display_name(names[i])}: where every path begins")
        self._on_start(self.model.start)

    def _on_edited(self, *_) -> None:
        d = len(self.model.start)
        self.model.set_start(tuple(box.value() for box in self.boxes[:d]))

    def _on_start(self, point) -> None:
        for box, value in zip(self.boxes, point):
            box.set_quietly(value)
