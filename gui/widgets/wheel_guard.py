"""The mouse wheel scrolls a panel of controls instead of changing the field under it.

Scrolling the Explorer's side panel with the wheel stopped at the first spin box the
pointer crossed and then stepped it: the SGD noise went from 0 to 0.2 (and the whole
descent with it) while the lecturer only meant to scroll. While the panel can scroll,
a spin box, combo box or slider takes the wheel only once it has the focus (a click or
Tab gives it); otherwise the wheel scrolls the panel. A panel that fits (no scroll bar)
leaves the wheel to its fields, as before.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (QAbstractScrollArea, QAbstractSlider, QAbstractSpinBox, QComboBox,
                               QScrollBar)
from gui.compute.qt_guard import qt_override

FIELDS = (QAbstractSpinBox, QComboBox, QAbstractSlider)


class WheelGuard(QObject):
    """Watches the fields inside `area` (an area's own scroll bars are not fields)."""

    def __init__(self, area: QAbstractScrollArea):
        super().__init__(area)
        self.area = area
        self._guarded: set[int] = set()

    def cover(self) -> None:
        """Guard the fields now inside the area (call again when fields are added: new
        ones are found, the others are kept)."""
        inner = getattr(self.area, "widget", lambda: None)()
        if inner is None:
            return
        for kind in FIELDS:
            for field in inner.findChildren(kind):
                if id(field) in self._guarded or isinstance(field, QScrollBar):
                    continue        # a list's own scroll bar scrolls that list
                self._guarded.add(id(field))
                field.destroyed.connect(lambda _=None, key=id(field): self._guarded.discard(key))
                # the wheel must not give it the focus either (spin boxes' default)
                if field.focusPolicy() == Qt.FocusPolicy.WheelFocus:
                    field.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
                field.installEventFilter(self)

    @qt_override
    def eventFilter(self, obj, event) -> bool:
        if (event.type() == QEvent.Type.Wheel and not obj.hasFocus()
                and self.area.verticalScrollBar().isVisible()):
            # the area's own wheel handling scrolls it (QAbstractScrollArea → scroll bar)
            self.area.wheelEvent(event)
            return True
        return False
