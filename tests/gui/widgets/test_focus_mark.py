"""A lecturer driving the app with Tab sees where the keys go (gui/widgets/focus_mark.py):
every stop of the Tab chain from the formula is a visible widget, and focusing it changes
the screen by a mark of ≥ 3:1 against what was there (WCAG 1.4.11), in light, dark and
presenting at 1280×720."""
import numpy as np
import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication

from gui.widgets.theme import AA_GRAPHICS
from tests.gui.app.layout_checks import window_rect
from tests.gui.app.projector import projector_window, settle_at
from tests.gui.widgets.screen_contrast import pixels

STOPS = 15

pytestmark = pytest.mark.xdist_group("focus_mark")   # (one window for the module)


@pytest.fixture(scope="module")
def window(qapp, tmp_path_factory):
    yield from projector_window(tmp_path_factory)


def _luminance(rgb: np.ndarray) -> np.ndarray:
    """WCAG relative luminance of each pixel of an (..., 3) uint8 array."""
    c = rgb.astype(np.float64) / 255
    c = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return c @ np.array([0.2126, 0.7152, 0.0722])


def mark_pixels(focused: np.ndarray, unfocused: np.ndarray) -> int:
    """How many pixels the focus changed by at least 3:1 contrast."""
    a, b = _luminance(focused), _luminance(unfocused)
    ratio = (np.maximum(a, b) + 0.05) / (np.minimum(a, b) + 0.05)
    return int(np.count_nonzero(ratio >= AA_GRAPHICS))


def _around(window, widget, rgb: np.ndarray, pad: int = 6) -> np.ndarray:
    rect = window_rect(widget, window).adjusted(-pad, -pad, pad, pad) \
        & QRect(0, 0, rgb.shape[1], rgb.shape[0])
    return rgb[rect.top():rect.bottom() + 1, rect.left():rect.right() + 1]


def unseen_stops(window, qtbot) -> list[str]:
    """Walk Tab from the formula for STOPS stops; each stop that is not a visible widget
    or whose focus mark is not a line of ≥ 3:1 around it (its perimeter, at least)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    window.editor.line_edit.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    out = []
    for stop in range(STOPS):
        widget = QApplication.focusWidget()
        name = f"{stop}: {type(widget).__name__} {getattr(widget, 'text', lambda: '')()!r}"
        if widget is None or not widget.isVisible() or widget.isWindow():
            out.append(f"{name}: not a visible control")
            break
        focused = pixels(window.grab().toImage())
        widget.clearFocus()
        QApplication.processEvents()
        unfocused = pixels(window.grab().toImage())
        marked = mark_pixels(_around(window, widget, focused), _around(window, widget, unfocused))
        # a line all round a small control; a large one (a plot) at least 2 × 60 px of it
        need = min(2 * (widget.width() + widget.height()), 120)
        if marked < need:
            out.append(f"{name}: {marked} px of mark ≥ 3:1, {need} needed")
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        QApplication.processEvents()
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    return out


@pytest.mark.parametrize("look, presenting", [("light", False), ("dark", False),
                                              ("light", True)])
def test_every_tab_stop_shows_the_focus(window, qtbot, look, presenting):
    window.commands.set_theme(look)
    settle_at(window, qtbot, 1.5 if presenting else 1.0, presenting)
    try:
        assert unseen_stops(window, qtbot) == []
    finally:
        window.commands.set_theme("light")
        settle_at(window, qtbot, 1.0, False)


def test_tab_from_the_tab_bar_goes_to_the_formula(window, qtbot):
    """No blind stop between: the page's frameless scroll area took the focus and
    nothing on screen changed (lecturer's rehearsal)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    bar = window.tabs.tabBar()
    bar.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(bar, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.editor.line_edit
