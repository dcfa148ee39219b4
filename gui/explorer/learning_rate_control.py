"""The learning rate: a logarithmic slider (1e-4 … 2) and a number box, kept in step."""
from __future__ import annotations

import math

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QSlider, QWidget

from gui.compute.bounds import LR_MAX, LR_MIN   # also the command line's --lr
from gui.widgets.field_keys import hand_keys_back, keep_slider_keys
from gui.widgets.number_box import NumberBox

_TICKS = 1000                      # slider resolution: 1000 steps over 4.3 decades
_LOG_LO, _LOG_HI = math.log10(LR_MIN), math.log10(LR_MAX)
_MERGE_MS = 60                     # a slider drag fires dozens of times; descend once

TOOLTIP = ("Learning rate lr: each step moves θ by lr × the method's direction. "
           "Too small crawls, too large overshoots and diverges.")


def lr_from_tick(tick: int) -> float:
    """The learning rate at a slider position, rounded to 3 significant digits."""
    lr = 10 ** (_LOG_LO + (_LOG_HI - _LOG_LO) * tick / _TICKS)
    return float(f"{lr:.3g}")


def tick_from_lr(lr: float) -> int:
    t = (math.log10(max(lr, 1e-300)) - _LOG_LO) / (_LOG_HI - _LOG_LO) * _TICKS
    return int(round(min(max(t, 0), _TICKS)))


class LearningRateControl(QWidget):
    """Emits `changed(lr)` once per edit: at once from the box, merged from the slider."""
    changed = Signal(float)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, _TICKS)
        keep_slider_keys(self.slider)     # → moves it, not the descent
        self.slider.setToolTip(TOOLTIP + " The slider is logarithmic: each third of it "
                               "is about ten times larger.")
        self.box = NumberBox(1e-5, 10.0, adaptive=True, tooltip=TOOLTIP)
        self.box.setMinimumWidth(78)
        hand_keys_back(self.box)          # Enter / Escape: Space plays again
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.slider, 1)
        row.addWidget(self.box)

        self._merge = QTimer(self, singleShot=True, interval=_MERGE_MS)
        self._merge.timeout.connect(self._on_merged)
        self.slider.valueChanged.connect(self._on_slider)
        self.box.valueChanged.connect(self._on_box)

    def value(self) -> float:
        return self.box.value()

    def set_value(self, lr: float) -> None:
        """Show lr without emitting (model → view); drops a pending slider edit."""
        self._merge.stop()
        self.box.set_quietly(lr)
        if lr_from_tick(self.slider.value()) != lr:   # else the slider is there already:
            blocked = self.slider.blockSignals(True)  # no jump under a dragging mouse
            self.slider.setValue(tick_from_lr(lr))
            self.slider.blockSignals(blocked)

    def _on_slider(self, tick: int) -> None:
        self.box.set_quietly(lr_from_tick(tick))
        self._merge.start()

    def _on_merged(self) -> None:
        self.changed.emit(self.box.value())

    def _on_box(self, lr: float) -> None:
        self._merge.stop()
        blocked = self.slider.blockSignals(True)
        self.slider.setValue(tick_from_lr(lr))
        self.slider.blockSignals(blocked)
        self.changed.emit(lr)
