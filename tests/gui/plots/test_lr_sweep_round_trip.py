"""The learning-rate sweep on a 1280×720 projector, Exercise 2's f = x² + y² from (1, 1)
(2/λmax = 1), before and after the lecturer's round trip F11, Ctrl++ twice, Ctrl+1
twice, Ctrl+0, F11 (/tmp/walk19/63_sweep.png, 66_back.png). First shown, the axes' text
was pyqtgraph's grey #969696 (2.9:1 on white), and after the trip #717171: the plot was
built with pyqtgraph's colours and took the theme's only once one was applied. The
"light-blue band over η > 1" was no divergence region but the 2/λmax label's plate
lying over GD's × row (all it found free beside its line, 4 px, so it was cut at the
plot's top too); the auto-range kept the room of presenting's larger × after the trip.
Now: the same picture before and after, readable axes, the label whole and over
nothing, in light and dark."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QApplication

from gui.widgets.theme import contrast, current
from tests.gui.app.projector import projector_window, settle_at
from tests.gui.app.test_keyboard import _key
from tests.gui.explorer.test_large_text_panels import pixels
from tests.gui.plots.test_loss_plot_repaint_after_layout import ROUND_TRIP
from tests.gui.plots.test_lr_sweep_fit import assert_label_covers_nothing
from tests.gui.plots.test_map_repaint_after_layout import _settle

pytestmark = pytest.mark.xdist_group("lr_sweep_round_trip")


@pytest.fixture(scope="module")
def window(qapp, tmp_path_factory):
    yield from projector_window(tmp_path_factory, "explorer")


def _sweep_shown(window, qtbot, text="x^2 + y^2", start=(1.0, 1.0), **settings):
    """The sweep (of Exercise 2) on its tab, done and drawn."""
    model = window.model
    model.set_text(text)
    model.set_start(start)
    model.set_settings(**{"max_steps": 60, **settings})
    assert model.wait_for_analysis(60000)
    lab = window.explorer.lab_panel
    lab.tabs.setCurrentWidget(lab.sweep)
    qtbot.waitUntil(lambda: lab.sweep.done and lab.sweep.critical_line.isVisible(),
                    timeout=60000)
    _settle(qtbot)
    return lab.sweep


def _axis_text_contrast(sweep) -> float:
    """The strongest contrast of a pixel of the η axis's tick texts with the plot's
    background, as the screen shows them."""
    axis = sweep.plot.getPlotItem().getAxis("bottom")
    # its own rectangle (its bounding one takes in the plot, for the grid it draws)
    axis = sweep.plot.mapFromScene(axis.mapRectToScene(axis.rect())).boundingRect()
    # below its line and tick marks (the dotted 2/λmax line reaches its first row)
    seen = pixels(sweep.plot.grab())[axis.top() + 6:axis.top() + axis.height() // 2,
                                    axis.left():axis.right()]
    background = np.array([int(current().background[i:i + 2], 16) for i in (1, 3, 5)])
    colours = seen.reshape(-1, 3)
    far = colours[np.abs(colours.astype(int) - background).sum(-1).argmax()]
    return contrast("#%02x%02x%02x" % tuple(far), current().background)


@pytest.mark.parametrize("look", ["light", "dark"])
def test_the_sweep_looks_the_same_after_a_presentation_round_trip(window, qtbot,
                                                                  screenshot, look):
    window.commands.set_theme(look)
    settle_at(window, qtbot, 1.0)
    sweep = _sweep_shown(window, qtbot)
    screenshot(window, f"lr_sweep_first_shown_{look}_1280x720")
    before = pixels(sweep.plot.grab())
    assert _axis_text_contrast(sweep) >= 7.0          # #969696 on white: 2.9
    assert_label_covers_nothing(sweep, dark=look == "dark")
    _round_trip(window, qtbot)
    screenshot(window, f"lr_sweep_after_round_trip_{look}_1280x720")
    _assert_same_picture(before, pixels(sweep.plot.grab()))
    assert_label_covers_nothing(sweep, dark=look == "dark")
    window.commands.set_theme("light")


def test_seven_methods_sweep_looks_the_same_after_a_presentation_round_trip(window, qtbot):
    """x² + 2y² from (3, 2), every method (the walkthrough's 10_all7.png): the f axis
    kept the room of an earlier piece's wider labels (19 px, 15 after the trip), and the
    η axis, 4 px narrower, showed two of its five labels."""
    from engine.optimizer_settings import METHODS
    window.commands.set_theme("light")
    settle_at(window, qtbot, 1.0)
    sweep = _sweep_shown(window, qtbot, "x^2 + 2y^2", (3.0, 2.0), lr=0.1, methods=METHODS,
                         max_steps=100)
    assert len(sweep.sweeps) == len(METHODS)
    before = pixels(sweep.plot.grab())
    _round_trip(window, qtbot)
    _assert_same_picture(before, pixels(sweep.plot.grab()))


def _round_trip(window, qtbot) -> None:
    for key, modifier in ROUND_TRIP:
        _key(qtbot, window, key, modifier)
        _settle(qtbot)
    settle_at(window, qtbot, 1.0)
    QApplication.processEvents()
    _settle(qtbot)
    assert not window.commands.presenting


def _assert_same_picture(before, after) -> None:
    assert before.shape == after.shape
    differing = (before != after).any(axis=-1)
    assert differing.sum() == 0, (differing.sum(), np.argwhere(differing)[:5])


def _tick_texts(axis) -> list[str]:
    """The tick numbers `axis` draws now (as its paint lays them out)."""
    from PySide6.QtGui import QPainter, QPicture
    picture = QPicture()
    painter = QPainter(picture)
    try:
        painter.setFont(axis.style["tickFont"] or axis.font())
        specs = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    return [text for _rect, _flags, text in specs[2]]


def test_larger_text_keeps_the_floor_number_and_the_rows_apart(window, qtbot):
    """Text size 2 (Ctrl++ four times): the × grow to 16 px and stood on rows 10 px
    apart, and the floor's "0" had no room under it and was left out."""
    from engine.optimizer_settings import METHODS
    window.commands.set_theme("light")
    settle_at(window, qtbot, 2.0)
    sweep = _sweep_shown(window, qtbot, "x^2 + 2y^2", (3.0, 2.0), lr=0.1, methods=METHODS,
                         max_steps=100)
    try:
        _settle(qtbot)
        item = sweep.plot.getPlotItem()
        assert "0" in _tick_texts(item.getAxis("left"))
        rows = sorted({item.vb.mapViewToScene(QPointF(0, marker.getData()[1][0])).y()
                       for marker in sweep.markers.values() if len(marker.getData()[1])})
        size = max(marker.opts["size"] for marker in sweep.markers.values())
        assert len(rows) >= 3 and size >= 16
        assert min(b - a for a, b in zip(rows, rows[1:])) >= size - 1, (rows, size)
    finally:
        settle_at(window, qtbot, 1.0)
