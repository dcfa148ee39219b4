"""Above the map and surface of a function of three or more variables: which two
variables they show, and where the slice holds the others ("slice at b = 0.31"),
updated as the animation moves the current iterate. Hidden for one or two variables.

Public attributes (for tests): across, up (QComboBox of the variables: the horizontal
and the vertical axis of the map), held (QLabel with the slice text).
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from gui.widgets.variable_names import display_name


class SlicePicker(QWidget):
    def __init__(self, slice_model, parent=None):
        super().__init__(parent)
        self.slice_model = slice_model
        self.model = slice_model.model
        self.across, self.up = QComboBox(), QComboBox()
        self.across.setToolTip("The variable along the map's horizontal axis")
        self.up.setToolTip("The variable along the map's vertical axis")
        self.held = QLabel()
        self.held.setObjectName("sliceText")
        self.held.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.held.setToolTip("The map and the surface are a slice through the current "
                             "iterate: the variables not shown are held at its values, "
                             "and the slice moves with the animation. Paths are projected "
                             "onto it.")
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 2, 6, 2)
        row.addWidget(QLabel("Map of"))
        row.addWidget(self.across)
        row.addWidget(QLabel("and"))
        row.addWidget(self.up)
        row.addWidget(self.held, 1)
        self._variables: tuple[str, ...] = ()
        self.across.activated.connect(self._on_picked)
        self.up.activated.connect(self._on_picked)
        slice_model.sliceChanged.connect(self._on_slice)
        self._on_slice(slice_model.sliced)

    def _on_slice(self, sliced) -> None:
        self.setVisible(sliced is not None)
        if sliced is None:
            return
        variables = sliced.full.variables
        if variables != self._variables:
            self._variables = variables
            for box in (self.across, self.up):
                box.clear()
                box.addItems([display_name(v) for v in variables])
        self.across.setCurrentIndex(sliced.axes[0])
        self.up.setCurrentIndex(sliced.axes[1])
        self.held.setText(self.slice_model.slice_text)

    def _on_picked(self, _index) -> None:
        a, b = self.across.currentIndex(), self.up.currentIndex()
        if a == b:         # the other axis takes the variable just left
            old = self.slice_model.axes
            if self.sender() is self.across:
                b = old[0]
            else:
                a = old[1]
        self.model.set_slice_axes((self._variables[a], self._variables[b]))
