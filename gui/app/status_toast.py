"""The window's status line, floating over the bottom of its content.

QMainWindow makes its status bar on the first message and keeps it: every view then
lost ~22 px of height and the map was framed again in front of the class ("Wrote
picture.png" after an export, "Opened lecture.json"). The message now floats in a
small box outside every layout, and goes when its time is up; `MainWindow.statusBar()`
answers with it, so every caller of `statusBar().showMessage(text, ms)` keeps working.
The box sits in the empty strip right of the tabs, where it covers nothing (over the
bottom-left corner it hid the map's x-axis numbers in presentation mode); a message too
long for that strip is shown shortened in its middle ("Wrote /home/…/picture.png"), the
ends a reader needs kept. Only a window without a tab strip shows it bottom-left.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QTabWidget, QWidget

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
        self._message = ""            # the whole message (the box may show it shortened)
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
        self._message = message
        self.setText(message)
        self.place()
        self.show()
        self.raise_()
        if timeout > 0:
            self._timer.start(timeout)
        self.messageChanged.emit(message)

    def clearMessage(self) -> None:
        self._timer.stop()
        was = self.isVisible() or self._message
        self._message = ""
        self.setText("")
        self.hide()
        if was:
            self.messageChanged.emit("")

    def currentMessage(self) -> str:
        return self._message

    def place(self) -> None:
        """Right of the tabs on one line, shortened in its middle if it must be; else
        (no tab strip, or one too low for the text) bottom-left of the window, as wide
        as the text needs up to the window's width."""
        window = self.parentWidget()
        self.setText(self._message)
        self.setWordWrap(False)        # the one-line size: wrapped only past the window's
        line = self.sizeHint()
        strip = self._strip_right_of_tabs()
        if strip is not None and line.width() > strip.width():
            frame = line.width() - self.fontMetrics().horizontalAdvance(self._message)
            self.setText(self.fontMetrics().elidedText(
                self._message, Qt.TextElideMode.ElideMiddle, max(strip.width() - frame, 40)))
            line = self.sizeHint()
        self.setWordWrap(True)
        # (a box up to 4 px taller than the tabs' row only touches the frame below it)
        if strip is not None and line.width() <= strip.width() and \
                line.height() <= strip.height() + 4:
            top = strip.top() + (strip.height() - line.height()) // 2
            self.setGeometry(strip.right() - line.width() + 1, max(top, 0),
                             line.width(), line.height())
            return
        self.setText(self._message)
        room = max(window.width() - 2 * MARGIN_PX, 40)
        width = min(line.width(), room)
        height = self.heightForWidth(width)
        if height < 0:
            height = line.height()
        self.setGeometry(MARGIN_PX, window.height() - MARGIN_PX - height, width, height)

    def _strip_right_of_tabs(self) -> QRect | None:
        """The window's rectangle between the last tab and the tab widget's right end, in
        the tabs' row (None without a shown tab widget)."""
        window = self.parentWidget()
        tabs = window.centralWidget() if hasattr(window, "centralWidget") else None
        if not isinstance(tabs, QTabWidget) or not tabs.tabBar().isVisible():
            return None
        bar = tabs.tabBar()
        last = bar.tabRect(bar.count() - 1)
        left = bar.mapTo(window, last.topRight()).x() + 2 * MARGIN_PX
        right = tabs.mapTo(window, tabs.rect().topRight()).x() - MARGIN_PX
        top = bar.mapTo(window, bar.rect().topLeft()).y()
        return QRect(left, top, max(right - left + 1, 0), bar.height())

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
