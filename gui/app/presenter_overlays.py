"""What a presenter lays over the app: a scene's title, shown briefly when it
changes (in the empty strip right of the tabs), and the black screen (B or '.' on a clicker) that turns the class's eyes
to the lecturer."""
from __future__ import annotations

from PySide6.QtCore import QEasingCurve, QEvent, QPropertyAnimation, QRect, Qt, QTimer
from PySide6.QtWidgets import QGraphicsOpacityEffect, QLabel, QTabWidget, QWidget
from gui.compute.qt_guard import qt_override

HOLD_MS = 1800        # long enough to read a short title, short enough not to cover the plot
FADE_MS = 600
STRIP_MARGIN_PX = 8   # as the status box keeps (gui.app.status_toast)


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
    """The scene's title (and its number) in the empty strip right of the tabs, fading
    out after a moment. Across the top of the page it lay over the formula field and
    the typeset formulas (mid-fade neither was readable); the strip covers nothing a
    lecturer reads (the status box, right in that strip, is kept clear). Without a tab
    strip (or one too narrow) it shows across the top as before."""

    STYLE = ("QLabel#sceneBanner {{ background: rgba(20, 24, 32, 215); color: white; "
             "border-radius: {radius}px; padding: 0px {pad}px; font-size: {size}; "
             "font-weight: 600; }}")
    MIN_STRIP_PX = 160      # narrower than this: the title would be cut to nothing

    def __init__(self, host: QWidget):
        super().__init__(host)
        self.label = QLabel(self)
        self.label.setObjectName("sceneBanner")
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._title = ""
        self._style = None
        # fixed colours: the banner lies over either theme's chrome and must read on both
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

    def _restyle(self, radius: int, pad: int, size: str) -> None:
        style = self.STYLE.format(radius=radius, pad=pad, size=size)
        if style != self._style:            # a style sheet set again re-polishes the label
            self._style = style
            self.label.setStyleSheet(style)
            self.label.ensurePolished()     # its font measured as the sheet sets it

    def strip(self) -> QRect | None:
        """The host's empty strip right of its tabs, in the host's coordinates, less the
        status box's place when it shows there (None: no tab strip wide enough)."""
        host = self.host
        if not isinstance(host, QTabWidget) or not host.tabBar().isVisible():
            return None
        bar = host.tabBar()
        last = bar.tabRect(bar.count() - 1)
        left = bar.mapTo(host, last.topRight()).x() + 2 * STRIP_MARGIN_PX
        right = host.width() - STRIP_MARGIN_PX
        window = host.window()
        toast = window.findChild(QLabel, "statusToast")
        if toast is not None and toast.isVisible():
            toast_left = toast.mapTo(window, toast.rect().topLeft())
            toast_left = host.mapFrom(window, toast_left).x()
            if toast_left > left:
                right = min(right, toast_left - STRIP_MARGIN_PX)
        top = bar.mapTo(host, bar.rect().topLeft()).y()
        if right - left < self.MIN_STRIP_PX:
            return None
        return QRect(left, top, right - left, bar.height())

    def _place(self) -> None:
        super()._place()
        strip = self.strip()
        if strip is None:
            self._place_across_top()
            return
        # as large a type as the tabs' row holds, on one line, shortened if it must be
        size = max(10, round(0.62 * strip.height()))
        pad = max(8, size // 2)
        self._restyle(6, pad, f"{size}px")
        self.label.setWordWrap(False)
        metrics = self.label.fontMetrics()
        text = metrics.elidedText(self._title, Qt.TextElideMode.ElideRight,
                                  strip.width() - 2 * pad)
        self.label.setText(text)
        width = min(strip.width(), metrics.horizontalAdvance(text) + 2 * pad + 4)
        self.label.setFixedSize(width, strip.height())
        self.label.move(strip.left() + (strip.width() - width) // 2, strip.top())

    def _place_across_top(self) -> None:
        # as wide as the title needs, up to the host's width less a margin: a long title
        # wraps only when it must
        self._restyle(10, 22, "22pt")
        self.label.setWordWrap(True)
        self.label.setText(self._title)
        self.label.setMinimumSize(0, 0)
        self.label.setMaximumSize(16777215, 16777215)
        hint = self.label.fontMetrics().horizontalAdvance(self._title) + 60
        self.label.setFixedWidth(max(100, min(self.width() - 60, max(360, hint))))
        self.label.adjustSize()
        self.label.move((self.width() - self.label.width()) // 2, 24)

    def show_title(self, text: str) -> None:
        self.fade.stop()
        self.effect.setOpacity(1.0)
        self._title = text
        self.show()
        self._place()
        self.raise_()
        self.hold.start()

    @property
    def text(self) -> str:
        """The whole title (the banner may show it shortened)."""
        return self._title


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
