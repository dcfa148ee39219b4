"""The window's status line, floating over the bottom of its content.

QMainWindow makes its status bar on the first message and keeps it: every view then
lost ~22 px of height and the map was framed again in front of the class ("Wrote
picture.png" after an export, "Opened lecture.json"). The message now floats in a
small box over the bottom-left corner, outside every layout, and goes when its time is
up; `MainWindow.statusBar()` answers with it, so every caller of
`statusBar().showMessage(text, ms)` keeps working.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget

from gui.compute.qt_guard import qt_override

MARGIN_PX = 8
# near-white and near-black: the theme turns them into its background and foreground
SHEET = ("background: #fdfdfd; color: #000000; border: 1px solid #a0a0a0; "
         "border-radius: 4px; padding: 3px 8px;")


class StatusToast(QLabel):
    """A QStatusBar's message calls (showMessage, clearMessage, currentMessage) shown as
    a floating box; mouse clicks go through it to the view under it."""

    messageChanged = Signal(str)

    def __init__(self, window: QWidget):
        super().__init__(window)
        self.setObjectName("statusToast")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setStyleSheet(SHEET)
        self.hide()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.clearMessage)
        window.installEventFilter(self)

    def showMessage(self, message: str, timeout: int = 0) -> None:
        self._timer.stop()
        if not message:
            self.clearMessage()
            return
        self.setText(message)
        self.place()
        self.show()
        self.raise_()
        if timeout > 0:
            self._timer.start(timeout)
        self.messageChanged.emit(message)

    def clearMessage(self) -> None:
        self._timer.stop()
        was = self.isVisible() or self.text()
        self.setText("")
        self.hide()
        if was:
            self.messageChanged.emit("")

    def currentMessage(self) -> str:
        return self.text()

    def place(self) -> None:
        """Bottom-left of the window, as wide as the text needs up to the window's width."""
        window = self.parentWidget()
        room = max(window.width() - 2 * MARGIN_PX, 40)
        self.setWordWrap(False)        # the one-line width: wrapped only past the window's
        width = min(self.sizeHint().width(), room)
        self.setWordWrap(True)
        height = self.heightForWidth(width)
        if height < 0:
            height = self.sizeHint().height()
        self.setGeometry(MARGIN_PX, window.height() - MARGIN_PX - height, width, height)

    @qt_override
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self.place()
        return False

    @qt_override
    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # a theme's text size or style sheet changes the box's size
        if (event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange)
                and self.isVisible()):
            self.place()
