"""Fusion with check boxes that can be seen on either theme.

Fusion draws a check box's frame in the window colour darkened by 40 %: on the dark
theme's near-black window that is near-black too, so an unticked box vanished (the
Explorer's method list looked like a list without boxes). This proxy draws Fusion's
indicator, then a frame in a colour the theme chooses (≥ 3:1 against the background,
WCAG's rule for the parts of a control). A line edit's frame the same (the formula
field had no edge on the dark theme, and a pale one on a washed-out projector), except
while it has the focus: Fusion's highlighted frame shows where the keys go.

The keyboard focus itself is ringed by gui.widgets.focus_mark; with `ringed_focus` this
style leaves out Fusion's faint focus fill on buttons and tabs, which the ring replaces.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import QAbstractButton, QProxyStyle, QStyle, QStyleFactory, QTabBar

_INDICATORS = (QStyle.PrimitiveElement.PE_IndicatorCheckBox,
               QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck,
               QStyle.PrimitiveElement.PE_IndicatorRadioButton)
class ThemedStyle(QProxyStyle):
    """Fusion, check-box and radio frames in `frame_colour()`, line edits' in `edge_colour()`."""

    def __init__(self, frame_colour, edge_colour=None, ringed_focus=False):
        """frame_colour(), edge_colour(): "#rrggbb" for the indicators' and the line
        edits' frames (edge_colour None: Fusion's own); ringed_focus: the focus is shown
        by a ring around the widget (Fusion's own focus fill left out)."""
        super().__init__(QStyleFactory.create("Fusion"))
        self._frame_colour, self._edge_colour = frame_colour, edge_colour
        self._ringed_focus = ringed_focus

    def drawPrimitive(self, element, option, painter, widget=None):
        if element == QStyle.PrimitiveElement.PE_FrameFocusRect and \
                self._ringed_focus and isinstance(widget, (QAbstractButton, QTabBar)):
            return       # the focus ring (focus_mark) shows it; Fusion's fill was faint
        super().drawPrimitive(element, option, painter, widget)
        if element == QStyle.PrimitiveElement.PE_FrameLineEdit:
            if self._edge_colour and not option.state & QStyle.StateFlag.State_HasFocus:
                self._frame_line_edit(option, painter)
            return
        if element not in _INDICATORS:
            return
        painter.save()
        painter.setRenderHint(painter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(QColor(self._frame_colour()), 1.2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        rect = option.rect.adjusted(1, 1, -1, -1).toRectF() if hasattr(option.rect, "toRectF") \
            else option.rect.adjusted(1, 1, -1, -1)
        if element == QStyle.PrimitiveElement.PE_IndicatorRadioButton:
            painter.drawEllipse(rect)
        else:
            painter.drawRoundedRect(rect, 1.5, 1.5)
        painter.restore()

    def _frame_line_edit(self, option, painter) -> None:
        painter.save()
        painter.setRenderHint(painter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(QColor(self._edge_colour()), 1.0))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(option.rect.toRectF().adjusted(0.5, 0.5, -0.5, -0.5), 2.0, 2.0)
        painter.restore()
