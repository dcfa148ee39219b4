"""Presenting on a 1280×720 projector with the lower panel brought back (Ctrl+3), the
side panel's Playback shows whole: its buttons, speed, step counter and status. The
lower panel shown made the page taller than the screen, and the page, scrolled to its
top, put the speed row half below the window's edge and the step counter under it; now
the formulas on top give way (they fold as presenting folds them where the views lack
room) and the loss curve, iterates and Playback all show."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from gui.widgets.scroll_page import page_overflow
from tests.gui.app.projector import SCREEN, projector_window, settle_at

pytestmark = pytest.mark.xdist_group("presentation_playback")

FORMULAS = {"1-D": "(w-3)^2", "2-D": "(1-x)^2+100*(y-x^2)^2"}


@pytest.fixture(scope="module")
def projector(qapp, tmp_path_factory):
    yield from projector_window(tmp_path_factory)


def in_window(widget, window) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def dark_pixels(image: QImage, rect: QRect) -> int:
    """How many pixels of `rect` in the window's picture are ink (text, glyphs)."""
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    arr = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), -1)
    arr = arr[:, :image.width() * 3].reshape(image.height(), image.width(), 3)
    part = arr[max(rect.top(), 0):rect.bottom() + 1, max(rect.left(), 0):rect.right() + 1]
    return int((part.astype(int).sum(-1) < 300).sum())


@pytest.mark.parametrize("dimension", list(FORMULAS))
def test_playback_shows_whole_presenting_with_the_lower_panel(projector, qtbot, screenshot,
                                                              dimension):
    window = projector
    settle_at(window, qtbot, 1.0, presenting=False)
    window.model.set_text(FORMULAS[dimension])
    assert window.model.wait_for_analysis(60000)
    settle_at(window, qtbot, 1.5, presenting=True)
    assert window.below.isHidden()                  # presenting folds it ...
    window.commands.actions["show_below"].trigger()  # ... and Ctrl+3 brings it back
    # laid out as the key leaves it (no text size applied again: that folds the top too)
    for _ in range(6):
        QApplication.processEvents()
        qtbot.wait(15)
    window.explorer.scroll_area.verticalScrollBar().setValue(0)     # the page at rest
    QApplication.processEvents()
    screenshot(window, f"presentation_playback_{dimension}")
    assert window.size().toTuple() == SCREEN
    assert window.panels_visible()["below"] and window.loss_plot.isVisible()
    assert window.commands.actions["show_below"].isChecked()
    assert window.panels_visible()["side"]
    visible = window.rect()
    picture = window.grab().toImage()
    playback = window.descent_panel.playback
    assert playback.frame_label.text().startswith("step 0 / ")
    for name in ("reset_button", "play_button", "step_back_button", "step_button",
                 "speed_slider", "frame_label"):
        widget = getattr(playback, name)
        rect = in_window(widget, window)
        assert widget.isVisible() and visible.contains(rect), (name, rect.getCoords())
        # nothing clips it (a scrolled page cut the speed row in half)
        assert widget.visibleRegion().boundingRect().size() == widget.size(), name
    # the step counter's digits are on the screen, not only in the widget
    assert dark_pixels(picture, in_window(playback.frame_label, window)) > 100
    status = [label for label in playback.status_labels.values() if label.isVisible()]
    assert status and all(visible.contains(in_window(label, window)) for label in status)
    assert page_overflow(window.explorer) == (0, 0)         # no part of the page below
