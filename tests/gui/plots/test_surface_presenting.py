"""The 3-D view in presentation mode (F11) at 1280×720 and 1920×1080, as a lecturer
projects it: a zoom round trip (+ + − −) gives back the same tick labels."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QRect, Qt

from tests.gui.app.test_keyboard import _key
from tests.gui.plots.test_surface_alone_fit import settle


def shown_labels(gl) -> list[tuple[str, tuple]]:
    """(text, (x, y, w, h)) of every label the 3-D view shows."""
    return [(label.text(), label.geometry().getRect())
            for _, label in gl._labels[:gl._n_labels] if label.isVisible()]


def present(window, qtbot, screen) -> None:
    window.screen_limit = QRect(0, 0, *screen)
    window.setGeometry(0, 0, *screen)
    window.commands.set_presentation(True)
    settle(qtbot, 10)


@pytest.mark.parametrize("screen", [(1280, 720), (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_zoom_round_trip_gives_back_the_same_ticks(window, qtbot, screen):
    """x² + 2y² on ±4 × ±3: zoomed in twice and out twice, y's window came back as
    ±3.0000000000000004 and its ticks "3 … −3" as "2, 0, −2" (the map's were the same)."""
    present(window, qtbot, screen)
    gl = window.surface_view.gl
    window_before, ticks_before = window.model.window, window.surface_view.tick_texts
    labels_before = shown_labels(gl)
    assert ticks_before["y"] == ["−3", "−2", "−1", "0", "1", "2", "3"]
    for key in (Qt.Key.Key_Plus, Qt.Key.Key_Plus, Qt.Key.Key_Minus, Qt.Key.Key_Minus):
        _key(qtbot, window, key)
        assert window.model.wait_for_analysis(60000)
        settle(qtbot, 4)
    np.testing.assert_allclose(window.model.window, window_before, rtol=1e-12)
    assert window.surface_view.tick_texts == ticks_before
    assert shown_labels(gl) == labels_before
