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
    small to use (a window once shrunk: 962×146 opened as a strip with no room for the
    views)."""
    rect = available_rect(window)
    usable = (min(SMALLEST_USABLE[0], rect.width()), min(SMALLEST_USABLE[1], rect.height()))
    if restored and window.width() >= usable[0] and window.height() >= usable[1]:
        return
    window.resize(min(START_SIZE[0], rect.width()), min(START_SIZE[1], rect.height()))


def saved_rect(window) -> list[int]:
    """What `restore_rect` puts back: the window's place and size when not maximised."""
    r = window.normalGeometry() if window.isMaximized() else window.geometry()
    return [r.x(), r.y(), r.width(), r.height()]


def restore_rect(window, saved) -> bool:
    """Put the window back at `saved` ([x, y, width, height] from `saved_rect`), shrunk
    and moved onto this screen; False (nothing done) when `saved` is not such a list.

    Not Qt's restoreGeometry: it applies on show, and a geometry saved on a 1920×1080
    screen opened on a 1280×720 projector as an 853×146 strip."""
    try:
        x, y, width, height = (int(v) for v in saved)
    except (TypeError, ValueError):
        return False
    rect = available_rect(window)
    width, height = min(width, rect.width()), min(height, rect.height())
    window.resize(width, height)
    size_for_start(window, restored=True)         # too small to use: a first start's size
    width, height = window.width(), window.height()
    window.move(min(max(x, rect.left()), rect.right() + 1 - width),
                min(max(y, rect.top()), rect.bottom() + 1 - height))
    return True
