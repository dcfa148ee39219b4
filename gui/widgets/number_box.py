"""A spin box that shows significant digits, so 1e-4, 0.1 and 1e-10 all read well.

QDoubleSpinBox shows a fixed number of decimals: 4 decimals turn 1e-4 into "0.0001"
and Adam's eps (1e-8) into "0.0000". Here the value keeps full precision (many
internal decimals) and the text shows `digits` significant digits instead.
"""
from __future__ import annotations

from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QAbstractSpinBox, QDoubleSpinBox
from gui.compute.qt_guard import qt_override

_PARTIAL = ("", "-", "+", ".", "-.", "+.")


class NumberBox(QDoubleSpinBox):
    """QDoubleSpinBox with `digits` significant digits on screen.

    adaptive=True steps by a tenth of the current order of magnitude (0.1 → 0.11,
    1e-4 → 1.1e-4): right for quantities spanning decades (learning rate, eps).
    Otherwise it steps by `step`. Emits valueChanged only when editing finishes
    (keyboard tracking off), so half-typed numbers never reach the model.
    """

    def __init__(self, lo: float, hi: float, *, step: float = 0.1, adaptive: bool = False,
                 digits: int = 4, tooltip: str = "", parent=None):
        super().__init__(parent)
        self._digits = digits
        self.setDecimals(15)              # precision kept; the text is ours
        self.setRange(lo, hi)
        self.setSingleStep(step)
        if adaptive:
            self.setStepType(QAbstractSpinBox.StepType.AdaptiveDecimalStepType)
        self.setKeyboardTracking(False)
        self.setAccelerated(True)
        if tooltip:
            self.setToolTip(tooltip)

    @qt_override
    def textFromValue(self, value: float) -> str:
        text = f"{value:.{self._digits}g}"
        return "0" if text == "-0" else text

    @qt_override
    def valueFromText(self, text: str) -> float:
        try:
            return float(text.replace("−", "-"))
        except ValueError:
            return self.value()

    @qt_override
    def validate(self, text: str, pos: int):
        plain = text.strip().replace("−", "-")
        try:
            value = float(plain)
        except ValueError:
            # "1e", "1e-" or "-" are on their way to a number
            partial = plain in _PARTIAL or plain.lower().endswith(("e", "e-", "e+"))
            state = QValidator.State.Intermediate if partial else QValidator.State.Invalid
            return state, text, pos
        if self.minimum() <= value <= self.maximum():
            return QValidator.State.Acceptable, text, pos
        return QValidator.State.Intermediate, text, pos

    def set_quietly(self, value: float) -> None:
        """Show `value` without emitting valueChanged (a model → view update)."""
        blocked = self.blockSignals(True)
        self.setValue(value)
        self.blockSignals(blocked)
