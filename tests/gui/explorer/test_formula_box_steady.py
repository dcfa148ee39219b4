"""A plain start: the formula box under the editor has its height from the first shown
frame, so the views below do not jump when the typeset formulas arrive. It grew 22 px
then (58 → 80 at 1280×720): built in a 480 px high window, it was sized before it
watched its window's height, and only the formulas' arrival asked again."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QObject

from gui.app.application import build_window
from tests.gui.app.layout_checks import window_rect
from tests.gui.explorer.test_large_text_panels import pixels


class _Frames(QObject):
    """Per paint of the formula box: its height, the views' top in the window, and
    whether it showed typeset formulas."""

    def __init__(self, window):
        super().__init__(window)
        self.window, self.frames = window, []
        window.explorer.math_view.installEventFilter(self)

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            box, views = self.window.explorer.math_view, self.window.explorer.views
            self.frames.append((box.height(), window_rect(views, self.window).top(),
                                any(e.kind == "typeset" for e in box.equations)))
        return False


@pytest.mark.parametrize("size", [(1280, 720), (1400, 860), (1920, 1080)],
                         ids=["1280x720", "1400x860", "1920x1080"])
def test_the_formula_box_keeps_its_height_from_the_first_frame(qtbot, shown, settings,
                                                               screenshot, size):
    model, window = build_window(settings=settings, paint_first=True)
    frames = _Frames(window)
    shown(window, *size)
    qtbot.waitUntil(lambda: len(frames.frames) > 0, timeout=10000)
    first = frames.frames[0]
    assert not first[2]                  # the first frame: before any formula is typeset
    qtbot.waitUntil(lambda: model.text != "", timeout=10000)       # loaded after it
    assert model.wait_for_analysis(60000)
    box = window.explorer.math_view
    qtbot.waitUntil(lambda: bool(box.is_ready and frames.frames[-1][2]), timeout=60000)
    qtbot.wait(50)
    screenshot(window, f"formula_box_settled_{size[0]}x{size[1]}")
    heights = {h for h, _, _ in frames.frames}
    tops = {t for _, t, _ in frames.frames}
    assert heights == {first[0]}, frames.frames
    assert tops == {first[1]}, frames.frames
    # the settled box holds whole formulas, drawn inside it: the dark ink of the
    # formulas ends above its bottom edge (its frame's grey line)
    assert box.height() == box.panel_height() == first[0]
    ink = (pixels(box.grab()).astype(int).sum(-1) < 200).sum(axis=1)
    inked = np.nonzero(ink)[0]
    assert len(inked) and 1 < inked[0] and inked[-1] < box.height() - 2, \
        (inked[:1], inked[-1:], box.height())
    model.shutdown()
