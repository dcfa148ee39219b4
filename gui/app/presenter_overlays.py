"""What a presenter lays over the app: a scene's title, shown briefly when it
changes, and the black screen (B or '.' on a clicker) that turns the class's eyes
to the lecturer."""
from __future__ import annotations

from PySide6.QtCore import QEasingCurve, QEvent, QPropertyAnimation, Qt, QTimer
from PySide6.QtWidgets import QGraphicsOpacityEffect, QLabel, QWidget
from gui.compute.qt_guard import qt_override

HOLD_MS = 1800        # long enough to read a short title, short enough not to cover the plot
FADE_MS = 600


class _Covering(QWidget):
    """A child of `host` that keeps itself laid over the host's whole area."""

    def __init__(self, host: QWidget):
        super().__init__(host)
        self.host = host
        host.installEventFilter(self)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    @qt_override
    def eventFilter(self, obj, event):
        if obj is self.host and event.type() in (QEvent.Type.Resize, QEvent.Type.ChildAdded):
            self._place()
        return False

    def _place(self) -> None:
        self.setGeometry(self.host.rect())
        if self.isVisible():
            self.raise_()


class SceneBanner(_Covering):
    """The scene's title (and its number) across the top, fading out after a moment."""

    def __init__(self, host: QWidget):
        super().__init__(host)
        self.label = QLabel(self)
        self.label.setObjectName("sceneBanner")
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        # fixed colours: the banner lies over plots of either theme and must read on both
        self.label.setStyleSheet("QLabel#sceneBanner { background: rgba(20, 24, 32, 215); "
                                 "color: white; border-radius: 10px; padding: 10px 22px; "
                                 "font-size: 22pt; font-weight: 600; }")
        self.effect = QGraphicsOpacityEffect(self)
        self.setGraphicsEffect(self.effect)
        self.fade = QPropertyAnimation(self.effect, b"opacity", self)
        self.fade.setDuration(FADE_MS)
        self.fade.setStartValue(1.0)
        self.fade.setEndValue(0.0)
        self.fade.setEasingCurve(QEasingCurve.Type.InQuad)
        self.fade.finished.connect(self.hide)
        self.hold = QTimer(self)
        self.hold.setSingleShot(True)
        self.hold.setInterval(HOLD_MS)
        self.hold.timeout.connect(self.fade.start)
        self.hide()

    def _place(self) -> None:
        super()._place()
        # as wide as the title needs, up to the host's width less a margin: a long title
        # wraps only when it must
        hint = self.label.fontMetrics().horizontalAdvance(self.label.text()) + 60
        self.label.setFixedWidth(max(100, min(self.width() - 60, max(360, hint))))
        self.label.adjustSize()
        self.label.move((self.width() - self.label.width()) // 2, 24)

    def show_title(self, text: str) -> None:
        self.fade.stop()
        self.effect.setOpacity(1.0)
        self.label.setText(text)
        self.show()
        self._place()
        self.raise_()
        self.hold.start()

    @property
    def text(self) -> str:
        return self.label.text()


class Blackout(_Covering):
    """A black screen over the whole app; any clicker key (or B again) lifts it."""

    def __init__(self, host: QWidget):
        super().__init__(host)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setObjectName("blackout")
        self.setStyleSheet("QWidget#blackout { background: black; }")
        self.hide()

    def toggle(self) -> None:
        self.setVisible(not self.isVisible())
        self._place()
