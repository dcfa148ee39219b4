"""The Neuron tab's loss landscape presenting (F11) on a 1280×720 projector, as the
lecture's scene "Training the neuron" shows it (x = 2, 20 steps trained, the training
shown and the step-by-step parts folded): the map was squeezed to 210×438 px (equal
halves with the 3-D view), b's labels drawn as one string "0.060.080.100.12", and the
3-D view's L labels "0.0015" and "0.0005" lay across the L axis line."""
from __future__ import annotations

from contextlib import contextmanager

import pytest
from PySide6.QtCore import QLineF, QPointF, QRect, QRectF
from PySide6.QtGui import QPainter, QPicture, QVector3D

from gui.plots.label_ink import ink_rect
from gui.plots.surface_box import HEIGHT
from tests.gui.app.test_look_round_trip import settle


def tick_label_rects(axis) -> dict:
    """{label: QRectF} as pyqtgraph draws the axis's tick labels now (its draw specs)."""
    picture = QPicture()
    painter = QPainter(picture)
    try:
        if axis.style["tickFont"]:
            painter.setFont(axis.style["tickFont"])
        specs = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    return {text: rect for rect, _flags, text in (specs[2] if specs else [])}


@contextmanager
def _presenting_the_training(window, qtbot, screen):
    """The tab presenting the lecture's scene on `screen`; normal again afterwards."""
    window.screen_limit = QRect(0, 0, *screen)          # full screen fills this screen
    window.setGeometry(0, 0, *screen)
    window.show_tab("neuron")
    tab = window.neuron
    tab.model.set_x(2.0)
    assert tab.training.landscape_model.wait_for_analysis(60000)
    tab.model.train(20)
    window.commands.set_presentation(True)
    tab.set_panels_visible(top=False, below=True, steps=False)      # as the lecture's scene
    settle(qtbot, window)
    try:
        assert (window.width(), window.height()) == screen
        yield tab
    finally:
        window.commands.set_presentation(False)
        settle(qtbot, window)


def _touching(rects, apart_px: int = 0) -> list:
    """The pairs of (label, rect) whose rectangles come nearer than `apart_px` sideways."""
    return [(a, b) for i, (a, ra) in enumerate(rects) for b, rb in rects[i + 1:]
            if ra.adjusted(-apart_px, 0, apart_px, 0).intersects(rb)]


def _split_at(tab, window, qtbot, map_px):
    """The lecturer drags the splitter: the map `map_px` wide."""
    views = tab.training.views
    total = sum(views.sizes())
    views.user_split = True
    views.setSizes([map_px, total - map_px])
    settle(qtbot, window)


@pytest.mark.parametrize("screen", [(1280, 720), (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_map_is_not_a_strip_and_its_labels_never_touch(window, qtbot, screen):
    with _presenting_the_training(window, qtbot, screen) as tab:
        plot = tab.training.contour_view.plot
        # (the window is square in b and w: 0.48 before, w's range twice b's)
        assert plot.vb.width() >= 0.55 * plot.vb.height(), (plot.vb.width(), plot.vb.height())
        for side in ("bottom", "left"):
            rects = list(tick_label_rects(plot.getAxis(side)).items())
            assert len(rects) >= 2, (side, rects)
            assert _touching(rects) == [], (screen, side)


def test_a_short_map_axis_shows_fewer_labels_not_touching_ones(window, qtbot):
    """The lecturer drags the map narrow (the splitter's handle): b's labels thin out."""
    with _presenting_the_training(window, qtbot, (1280, 720)) as tab:
        _split_at(tab, window, qtbot, 330)
        rects = list(tick_label_rects(tab.training.contour_view.plot.getAxis("bottom")).items())
        assert rects
        assert _touching(rects, apart_px=2) == []


def test_the_3d_view_s_L_labels_are_clear_of_the_L_axis(window, qtbot):
    with _presenting_the_training(window, qtbot, (1280, 720)) as tab:
        surface = tab.training.surface_view
        _split_at(tab, window, qtbot, 435)              # (the 3-D view as wide as it was)
        gl = surface.gl
        texts = set(surface.tick_texts["f"])
        m, ((_, xhi), (_, yhi)) = surface.mapping, surface.model.window
        zx, ay = -surface._side * float(m.bx(xhi)), float(m.by(yhi))
        mvp = gl._to_screen()
        ends = [mvp.map(QVector3D(zx, -ay, z)).toPointF() for z in (0.0, HEIGHT)]
        axis = QLineF(*ends)
        shown = [label for _, label in gl._labels if label.isVisible() and label.text() in texts]
        assert shown
        for label in shown:
            ink = QRectF(ink_rect(label).adjusted(-1, -1, 1, 1))
            # the axis line's x at the label's height, beside or inside the label's ink
            y = ink.center().y()
            t = (y - ends[0].y()) / (ends[1].y() - ends[0].y())
            x = axis.pointAt(t).x()
            assert not ink.contains(QPointF(x, y)), (label.text(), ink, x)
