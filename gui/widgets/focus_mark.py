"""Where the keys go, visible from the back of a lecture hall.

Fusion marks the keyboard focus with a faint light-blue fill on tabs and check boxes
and a 1-px line on fields; on a projector it cannot be seen (lecturer's rehearsal: Tab
walked through the Explorer "with nothing happening"). One ring follows the
application's focus and draws a 2-px ring in the theme's accent colour (≥ 3:1 against
the window, WCAG 1.4.11) around whatever widget has it: check boxes, buttons, sliders,
fields, lists and the plots alike, in every theme and at every text size.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget
from shiboken6 import isValid

from gui.compute.qt_guard import qt_override

RING_PX = 2          # the ring's width at text size 1 (scales with the text)


def ring_width(scale: float) -> int:
    """The ring's width (px) at text size `scale`; it lies just outside the widget, never
    over its text or its edge."""
    return max(RING_PX, round(RING_PX * scale))


class FocusRing(QWidget):
    """A ring drawn around `target()` on top of its window (a child of the window, so a
    widget at the edge of its panel is ringed on all four sides; Qt's QFocusFrame is a
    child of the widget's parent, which cut it off there). It follows the target and its
    containers as they move, resize or scroll, clipped to what of the target shows.

    `colour()` gives the ring's "#rrggbb", `scale()` the text size."""

    def __init__(self, colour, scale):
        super().__init__()
        self._colour, self._scale = colour, scale
        self._target: QWidget | None = None
        self._watched: list[QWidget] = []
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._place_soon = QTimer(self, singleShot=True, interval=0)
        self._place_soon.timeout.connect(self.place)

    def target(self) -> QWidget | None:
        return self._target

    def ring_width(self) -> int:
        return ring_width(self._scale())

    def set_target(self, widget: QWidget | None) -> None:
        for watched in self._watched:
            if isValid(watched):
                watched.removeEventFilter(self)
        self._target, self._watched = widget, []
        if widget is None:
            self.hide()
            return
        if self.parentWidget() is not widget.window():
            self.setParent(widget.window())
        chain = widget
        while chain is not None and not chain.isWindow():
            chain.installEventFilter(self)
            self._watched.append(chain)
            chain = chain.parentWidget()
        self.place()

    def target_rect(self) -> QRect:
        """The target's rectangle in its window's coordinates, cut to what its
        containers show of it (a field scrolled half out of its panel)."""
        widget, window = self._target, self._target.window()
        shown = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
        chain = widget.parentWidget()
        while chain is not None and not chain.isWindow():
            shown &= QRect(chain.mapTo(window, QPoint(0, 0)), chain.size())
            chain = chain.parentWidget()
        return shown

    def place(self) -> None:
        """Around the target as it is now; hidden when none of it shows."""
        if self._target is None or not isValid(self._target) or not self._target.isVisible():
            self.hide()
            return
        shown = self.target_rect()
        if shown.isEmpty():
            self.hide()
            return
        width = self.ring_width()
        # inside the window: at its edge the ring runs along the target's own edge pixels
        # (a child sticking out of its window is drawn cut, and reads as a layout fault)
        self.setGeometry(shown.adjusted(-width, -width, width, width)
                         & self._target.window().rect())
        self.raise_()
        self.show()
        self.update()

    @qt_override
    def eventFilter(self, obj, event) -> bool:
        if event.type() in _MOVES:
            self._place_soon.start()
        return False

    @qt_override
    def paintEvent(self, event):
        painter = QPainter(self)
        width = self.ring_width()
        painter.setPen(QPen(QColor(self._colour()), width))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        half = width / 2
        painter.drawRect(self.rect().toRectF().adjusted(half, half, -half, -half))
        painter.end()


def scroll_into_view(widget: QWidget, scale: float) -> None:
    """Scroll every scroll area around `widget` so that it and its ring show: Tab from
    outside a side panel reached a method list scrolled out of it (presenting at
    1280×720), and the focus went where no one could see it."""
    margin = ring_width(scale) + 2
    chain = widget.parentWidget()
    while chain is not None and not chain.isWindow():
        if isinstance(chain, QScrollArea) and chain.widget() is not None \
                and chain.widget().isAncestorOf(widget):
            chain.ensureWidgetVisible(widget, margin, margin)
        chain = chain.parentWidget()


_MOVES = (QEvent.Type.Move, QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.Hide,
          QEvent.Type.ParentChange, QEvent.Type.LayoutRequest)


class _FollowFocus(QObject):
    """Moves the one ring to each widget that takes the focus (none: hidden)."""

    def __init__(self, app: QApplication, colour, scale):
        super().__init__(app)
        self.ring = None
        self._colour, self._scale = colour, scale
        app.focusChanged.connect(self._on_focus_changed)

    def _on_focus_changed(self, old, new) -> None:
        # From no widget: the window was activated (shown, full screen, back from a
        # dialog) and Qt gave its first widget the focus; no key moved it, so no ring
        # (a presentation round trip left one round the tab bar that was not there before).
        if old is None or not isinstance(new, QWidget) or new.isWindow():
            if self.ring is not None and isValid(self.ring):
                self.ring.set_target(None)
            return
        scroll_into_view(new, self._scale())
        if self.ring is None or not isValid(self.ring):
            # made on first use (a window's child, deleted with a closed window)
            self.ring = FocusRing(self._colour, self._scale)
        self.ring.set_target(new)

    def restyle(self) -> None:
        """A new theme or text size: the new colour and width."""
        if self.ring is not None and isValid(self.ring):
            self.ring.place()


_follower: _FollowFocus | None = None


def show_focus(app: QApplication, colour, scale) -> FocusRing | None:
    """From now on the focused widget of `app` carries a ring in `colour()` whose width
    follows `scale()`. Idempotent; returns the ring (None until a widget had the focus)."""
    global _follower
    if _follower is None:
        _follower = _FollowFocus(app, colour, scale)
    return _follower.ring


def restyle_focus() -> None:
    """After a theme or text-size change (theme.apply_theme calls it)."""
    if _follower is not None:
        _follower.restyle()


def focus_ring() -> FocusRing | None:
    """The ring now shown (None before any widget took the focus)."""
    return _follower.ring if _follower is not None else None
