"""The loss plot's log scale (x² + 2y², tick "log scale", Play) at 1280×720 and
1920×1080, text sizes 1 and 2, and presenting: no two tick labels on one another. A
log axis's minor ticks came with labels wherever pyqtgraph judged the level's labels
to fill little of the axis, and its uneven steps crowd at one end ("6 7 8 9 10¹"
stacked at step 0, 1920×1080)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QImage, QPainter

from tests.gui.plots.test_surface_presenting import SCREENS, present
from tests.gui.plots.test_surface_alone_fit import settle


def label_rects(axis) -> list[tuple[str, object]]:
    """(text, rectangle) of each tick label the axis paints now (pyqtgraph's own
    drawing specification, in its font)."""
    image = QImage(10, 10, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    if axis.style["tickFont"]:
        painter.setFont(axis.style["tickFont"])
    specs = axis.generateDrawSpecs(painter)
    painter.end()
    return [(text, rect) for rect, _flags, text in specs[2]]


def overlaps(axis) -> list[str]:
    shown = label_rects(axis)
    return [f"{a!r} on {b!r}" for i, (a, ra) in enumerate(shown)
            for b, rb in shown[i + 1:] if ra.intersects(rb)]


@pytest.mark.parametrize("look", ["1", "2", "presenting"])
@pytest.mark.parametrize("screen", SCREENS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_log_tick_labels_never_overlap(window, qtbot, screen, look):
    model, plot = window.model, window.explorer.loss_plot
    if look == "presenting":
        present(window, qtbot, screen)
    else:
        window.screen_limit = QRect(0, 0, *screen)
        window.setGeometry(0, 0, *screen)
        window.commands.set_scale(float(look))
    settle(qtbot, 10)
    # presenting, or text size 2 at 1280×720, folds it for room: shown as Ctrl+3 shows it
    window.explorer.set_panels_visible(below=True)
    settle(qtbot, 10)
    plot.log_check.setChecked(True)
    axis = plot.plot.getPlotItem().getAxis("left")
    checked = 0
    for frame in range(0, model.last_frame + 1, 3):
        model.set_frame(frame)
        if plot.isVisible() and axis.height() > 20:
            checked += 1
            assert not overlaps(axis), (frame, overlaps(axis))
    assert checked, "the loss plot was not on screen"
