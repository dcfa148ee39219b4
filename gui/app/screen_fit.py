"""Keep the main window on its screen.

Qt grows a window to its layout's minimum size and never shrinks it back; a larger text
size, presentation mode or a wide example could leave the window wider than a 1280×720
projector, with Play and the learning rate off screen. The pages scroll rather than ask
for more (gui.widgets.scroll_page); `clamp_to_screen` is the window's half: after every
change of look, mode or example the window is put back inside the available geometry.
"""
from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication


def available_rect(window) -> QRect:
    """The part of the screen the window may use: `window.screen_limit` when set (tests
    emulate a 1024×768 or 1920×1080 screen with it), else its screen's available
    geometry (without task bars)."""
    limit = getattr(window, "screen_limit", None)
    if limit is not None:
        return QRect(limit)
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def clamp_to_screen(window, fill: bool = False) -> None:
    """Shrink and move `window` so that its frame lies inside `available_rect`; with
    `fill` (presenting, full screen) on an emulated screen it fills that rectangle (a
    window manager does this for a real screen). Setting the geometry drops Qt's
    full-screen state, hence `fill` rather than window.isFullScreen()."""
    rect = available_rect(window)
    emulated = getattr(window, "screen_limit", None) is not None
    if emulated:
        window.setMaximumSize(rect.size())
    if fill and emulated:
        window.setGeometry(rect)
        return
    frame, inner = window.frameGeometry(), window.geometry()
    extra_w, extra_h = frame.width() - inner.width(), frame.height() - inner.height()
    width = min(window.width(), rect.width() - extra_w)
    height = min(window.height(), rect.height() - extra_h)
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
    x = min(max(frame.x(), rect.left()), rect.right() + 1 - (width + extra_w))
    y = min(max(frame.y(), rect.top()), rect.bottom() + 1 - (height + extra_h))
    if (x, y) != (frame.x(), frame.y()):
        window.move(x, y)


START_SIZE = (1400, 860)       # a first start's window, shrunk to fit a smaller screen
SMALLEST_USABLE = (640, 400)   # a restored window smaller than this starts afresh


def size_for_start(window, restored: bool) -> None:
    """A first start's window size, also when the size restored from the last run is too
    small to use (a window once shrunk, or saved on another screen: 962×146 opened as a
    strip with no room for the views)."""
    rect = available_rect(window)
    usable = (min(SMALLEST_USABLE[0], rect.width()), min(SMALLEST_USABLE[1], rect.height()))
    if restored and window.width() >= usable[0] and window.height() >= usable[1]:
        return
    window.resize(min(START_SIZE[0], rect.width()), min(START_SIZE[1], rect.height()))
