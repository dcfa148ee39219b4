"""A larger text size (Ctrl++ to 1.5) on a 1280×720 projector re-lays the contour map out:
what the screen shows afterwards is the map as drawn afresh. Qt repainted only what the
moved items said they covered, and the old axes' tick labels reached past that: a grey
dash and tick marks stayed left of the x-axis, a sliver of the colour bar under the bar
(/tmp/lect/s15/z_larger_map.png). The screen is compared with a fresh grab of the canvas
by pixels, in those places and everywhere; a race's frames (no new layout) still repaint
only what changed.

A repaint of only part of the map (the union of the rectangles its changed items cover)
draws the colour bar as a whole repaint does: the bar, a 1×256 pixmap stretched to
~16×470 px, was sampled nearest-neighbour, and Qt's raster engine picks other source
rows under a clip of several rectangles than under one; after a 1-D → 2-D switch
35 rows of the bar (520 px) differed from a fresh render by 1-3 levels."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QImage, QRegion
from PySide6.QtWidgets import QApplication

from tests.gui.app.projector import projector_window, settle_at

pytestmark = pytest.mark.xdist_group("map_repaint_after_layout")


@pytest.fixture(scope="module")
def window(qapp, tmp_path_factory):
    yield from projector_window(tmp_path_factory, "explorer")


def _pixels(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(
        image.height(), image.bytesPerLine() // 4, 4)
    return rows[:, :image.width(), :3].astype(int)


def _on_screen_vs_fresh(canvas, tolerance: int = 60) -> np.ndarray:
    """Where (bool, h × w) the screen shows other pixels than a fresh paint of `canvas`
    (a channel off by more than `tolerance`)."""
    at = canvas.mapToGlobal(QPoint(0, 0))
    screen = canvas.screen().grabWindow(0, at.x(), at.y(), canvas.width(), canvas.height())
    shown, fresh = _pixels(screen.toImage()), _pixels(canvas.grab().toImage())
    assert shown.shape == fresh.shape
    stale = np.abs(shown - fresh).max(axis=2) > tolerance
    # only what the window shows of it: a page that scrolls (text size 1.5 at 720p, the
    # side panel's least height past the window's) has the canvas's foot below its edge
    seen = canvas.visibleRegion().boundingRect()
    outside = np.ones_like(stale)
    outside[seen.top():seen.bottom() + 1, seen.left():seen.right() + 1] = False
    stale[outside] = False
    return stale


def _settle(qtbot):
    for _ in range(6):
        QApplication.processEvents()
        qtbot.wait(20)


def test_larger_text_leaves_no_old_marks_on_the_map(window, qtbot, screenshot):
    settle_at(window, qtbot, 1.0)
    view = window.explorer.contour_view
    canvas = view.canvas
    for _ in range(5):                     # Ctrl++ five times: 1.0 → 1.5, as a lecturer does
        window.commands.step_scale(+1)
        window.fit_to_screen()
        _settle(qtbot)
    _settle(qtbot)
    screenshot(window, "map_after_larger_text_1280x720")
    stale = _on_screen_vs_fresh(canvas)
    plot = canvas.mapFromScene(view.plot.vb.sceneBoundingRect()).boundingRect()
    bar = canvas.mapFromScene(view.colour_bar.vb.sceneBoundingRect()).boundingRect()
    # under the colour bar, and left of the x-axis under the map: the two places marks stayed
    under_bar = stale[bar.bottom() + 2:, bar.left():bar.right() + 1]
    corner = stale[plot.bottom() + 2:, :plot.left()]
    assert under_bar.sum() == 0 and corner.sum() == 0, (under_bar.sum(), corner.sum())
    # nor anywhere else (a few pixels of a star's edge are drawn anti-aliased another way)
    assert stale.sum() <= 40, np.argwhere(stale)[:10]


def test_race_frames_do_not_repaint_the_whole_map(window, qtbot):
    settle_at(window, qtbot, 1.0)
    model, view = window.model, window.explorer.contour_view
    model.reset()
    _settle(qtbot)
    before = view.canvas.repaint_after_layout.repaints
    for _ in range(15):
        model.step()
        _settle(qtbot)
    assert model.frame == 15
    assert view.canvas.repaint_after_layout.repaints == before


def test_a_repaint_in_pieces_draws_the_colour_bar_as_a_whole_one(window, qtbot):
    settle_at(window, qtbot, 1.0)
    view = window.explorer.contour_view
    canvas, viewport = view.canvas, view.canvas.viewport()
    bar = canvas.mapFromScene(view.colour_bar.bar.sceneBoundingRect()).boundingRect()
    assert bar.height() > 200
    # two rectangles that meet in a column through the bar, the kind of region Qt's
    # minimal viewport update paints (the column between them is left as it was)
    cut = bar.center().x()
    pieces = QRegion(0, 0, cut, viewport.height()).united(
        QRegion(cut + 1, 0, viewport.width() - cut - 1, viewport.height()))
    viewport.repaint(pieces)
    _settle(qtbot)
    stale = _on_screen_vs_fresh(canvas, tolerance=0)
    stale[:, cut] = False
    on_bar = stale[bar.top():bar.bottom() + 1, bar.left():bar.right() + 1]
    assert on_bar.sum() == 0, f"{on_bar.sum()} px of the bar in {on_bar.any(axis=1).sum()} rows"
