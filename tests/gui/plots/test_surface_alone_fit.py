"""The 3-D view alone (key 4 twice: the view cycle) at 1280×720, as a lecturer projects
it: the surface and its x, y and f labels lie whole inside the canvas, and when the views
gain height (a panel folds, presentation) the camera comes closer, still inside."""
from __future__ import annotations

import numpy as np
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from gui.app.presets import find_preset
from tests.gui.plots.test_surface_labels_fit import labels_on_ticks


def settle(qtbot, rounds=8):
    for _ in range(rounds):
        QApplication.processEvents()
        qtbot.wait(40)


def drawn_box(canvas) -> tuple[int, int, int, int]:
    """(left, top, right, bottom) of what the canvas shows over its background."""
    image = canvas.grab().toImage().convertToFormat(QImage.Format.Format_RGB888)
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), -1)
    rgb = rows[:, :image.width() * 3].reshape(image.height(), image.width(), 3).astype(int)
    background = rgb[1, 1]
    ink = np.abs(rgb - background).max(axis=-1) > 40
    ys, xs = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    return xs.min(), ys.min(), xs.max(), ys.max()


def test_the_surface_alone_fits_at_720p_and_refits_when_the_views_grow(window, qtbot, screenshot):
    window.setGeometry(0, 0, 1280, 720)
    window.model.load_preset(find_preset("Himmelblau"))
    assert window.model.wait_for_analysis(60000)
    explorer = window.explorer
    while explorer.focus_mode != "surface":
        explorer.cycle_focus_mode()
    settle(qtbot)
    gl = window.surface_view.gl
    canvas = gl.canvas
    assert labels_on_ticks(gl) == []
    left, top, right, bottom = drawn_box(canvas)
    # nothing runs past an edge: the picture ends inside, off the last rows and columns
    assert top >= 2 and bottom <= canvas.height() - 3, (top, bottom, canvas.height())
    assert left >= 2 and right <= canvas.width() - 3, (left, right, canvas.width())
    short_height, short_distance = canvas.height(), gl.opts["distance"]
    short_drawn = bottom - top
    screenshot(window, "surface_alone_720")

    explorer.set_panels_visible(top=False)       # the formula panel folds: taller views
    settle(qtbot)
    assert canvas.height() > short_height + 40
    assert gl.opts["distance"] < short_distance  # closer: the surface fills the room
    assert labels_on_ticks(gl) == []
    left, top, right, bottom = drawn_box(canvas)
    assert top >= 2 and bottom <= canvas.height() - 3, (top, bottom, canvas.height())
    assert bottom - top > short_drawn + 20
    explorer.set_panels_visible(top=True)
