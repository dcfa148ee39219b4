"""The tool bar's button texts: whole where the bar holds them all, else short forms.
Presenting at 1280×720 the bar needed 1384 px at text size 1.5 (1808 at 2): "Keyboard
shortcuts" went behind the » button (at 2 "Smaller text" and "Larger text" too), where a
lecturer does not find F1. The short forms keep every button on the bar at text sizes
1 to 2 on a 1280-px screen; the tooltips still hold the whole text and the key."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject

from gui.compute.qt_guard import qt_override

# action key (gui.app.window_commands) -> its button's short text
SHORT_TEXTS = {"open": "Open", "save": "Save", "export_view": "Picture",
               "examples": "Examples", "present": "Present", "dark": "Dark",
               "smaller": "Text −", "larger": "Text +", "shortcuts": "Shortcuts (F1)"}


class ToolbarTexts(QObject):
    """Chooses the whole or the short texts of `toolbar`'s buttons ({QAction: short})
    from the bar's width, whenever it is resized or its buttons' fonts change."""

    def __init__(self, toolbar, short: dict):
        super().__init__(toolbar)
        self.toolbar = toolbar
        # the button's own text as built (iconText: "Examples" for "Examples &gallery…")
        self._whole = {action: action.iconText() for action in short}
        self._short = dict(short)
        self.short = False
        toolbar.installEventFilter(self)

    def whole_width(self) -> int:
        """The bar's width with every button's whole text (its size hint counts every
        button, those behind » too)."""
        width = self.toolbar.sizeHint().width()
        for action, whole in self._whole.items():
            button = self.toolbar.widgetForAction(action)
            if button is not None:
                metrics = button.fontMetrics()
                width += metrics.horizontalAdvance(whole) - metrics.horizontalAdvance(button.text())
        return width

    def fit(self) -> None:
        short = self.whole_width() > self.toolbar.width()
        if short != self.short:
            self.short = short
            for action, whole in self._whole.items():
                action.setIconText(self._short[action] if short else whole)

    @qt_override
    def eventFilter(self, watched, event):
        # LayoutRequest: a new text size restyled the buttons (the bar keeps its width)
        if event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest):
            self.fit()
        return False
