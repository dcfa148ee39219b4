"""The learning-rate sweep page in a 1400×860 window, as the lecturer's walkthrough
opened it (x² + 2y², Gradient descent, Momentum and Newton): its explanation shows to
its last line ("… Click a curve to run that η." was cut after "run"), and the 2/λmax
label's plate covers no curve (at 0.3 of the plot's height it lay over Momentum's curve,
which still converges just past 2/λmax, along the floor)."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtWidgets import QApplication

from gui.plots.lr_sweep_label import MARGIN_PX, label_centre, occupied_heights
from tests.gui.app.layout_checks import window_rect
from tests.gui.explorer.test_large_text_panels import pixels


@pytest.fixture
def sweep_page(window, qtbot):
    for method in ("momentum", "newton"):
        window.descent_panel.set_method_checked(method, True)
    lab = window.explorer.lab_panel
    lab.tabs.setCurrentWidget(lab.sweep)
    qtbot.waitUntil(lambda: lab.sweep.done and len(lab.sweep.sweeps) == 3, timeout=60000)
    for _ in range(3):
        qtbot.wait(30)
        QApplication.processEvents()
    return window, lab.sweep


def test_the_explanation_shows_to_its_last_line(sweep_page, screenshot):
    window, sweep = sweep_page
    screenshot(window, "lr_sweep_page_1400x860")
    status = sweep.status
    assert status.text().endswith("Click a curve to run that η.")
    assert sweep.newton_note.isVisible()          # the note that took the last line's room
    assert status.height() >= status.heightForWidth(status.width()), \
        (status.height(), status.heightForWidth(status.width()))
    # the label lies whole in what the window shows (the page is not scrolled past it)
    seen = window_rect(window.explorer.scroll_area.viewport(), window)
    assert seen.contains(window_rect(status, window)), \
        (window_rect(status, window).getRect(), seen.getRect())
    assert window_rect(sweep, window).contains(window_rect(status, window))
    # and its lowest inked row ends above its bottom edge: the last line not cut through
    ink = (pixels(status.grab()).astype(int).sum(-1) < 400).sum(axis=1)
    inked = np.nonzero(ink)[0]
    assert len(inked) and inked[-1] < status.height() - 2, (inked[-1], status.height())
    lines = np.count_nonzero(np.diff(np.concatenate([[0], (ink > 0).astype(int)])) == 1)
    assert lines >= 4, lines           # five lines at this width: none left out


def _plate(sweep) -> QRectF:
    label = sweep.critical_line.label
    return label.mapRectToScene(label.boundingRect())


def test_the_critical_label_covers_no_curve(sweep_page, screenshot):
    window, sweep = sweep_page
    screenshot(sweep, "lr_sweep_label_1400x860")
    assert_label_covers_nothing(sweep)


def assert_label_covers_nothing(sweep, dark: bool = False) -> None:
    """The 2/λmax label shown whole on the plot, its plate over no curve, dot or ×, and
    its letters seen on it (dark on the light theme, light on the dark one)."""
    assert sweep.critical_line.isVisible()
    plate = _plate(sweep)
    vb = sweep.plot.getPlotItem().vb
    assert vb.sceneBoundingRect().contains(plate), (plate, vb.sceneBoundingRect())
    # every curve's line (sampled every half pixel along it) and dot, and every ×, clear
    # of the plate
    for method in sweep.sweeps:
        xs, ys = sweep.curve_points(method)
        xs = np.log10(xs)
        for (xa, ya), (xb, yb) in zip(zip(xs[:-1], ys[:-1]), zip(xs[1:], ys[1:])):
            a = vb.mapViewToScene(QPointF(xa, ya))
            b = vb.mapViewToScene(QPointF(xb, yb))
            n = int(max(abs(b.x() - a.x()), abs(b.y() - a.y())) * 2) + 2
            for t in np.linspace(0, 1, n):
                point = a * (1 - t) + b * t
                assert not plate.contains(point), (method, point, plate)
        xs, ys = sweep.markers[method].getData()
        for x, y in zip(xs, ys):
            assert not plate.adjusted(-4, -4, 4, 4).contains(
                vb.mapViewToScene(QPointF(x, y))), (method, "×", x, plate)
    # what the screen shows on the plate: the label's dark letters on the light plate,
    # no curve's colour (blue, orange) through it
    picture = pixels(sweep.plot.grab()).astype(int)
    box = sweep.plot.mapFromScene(plate).boundingRect()
    seen = picture[box.top():box.bottom(), box.left():box.right()]
    letters = seen.sum(-1) > 450 if dark else seen.sum(-1) < 300
    assert letters.sum() > 20
    blue = (seen[..., 2] - seen[..., 0] > 80)
    orange = (seen[..., 0] - seen[..., 2] > 80)
    assert blue.sum() == 0 and orange.sum() == 0, (blue.sum(), orange.sum())


def test_the_label_goes_to_the_free_stretch_nearest_where_it_was():
    # a plot 100 px tall, the label 40 px long: curves along the floor (0–20) and the
    # × rows along the top (85–100)
    centre = label_centre([(0, 20), (85, 100)], 100, 40)
    assert 20 + MARGIN_PX + 20 <= centre <= 85 - MARGIN_PX - 20
    # free where it was (0.3 of the height): it stays there
    assert label_centre([(80, 100)], 100, 40) == pytest.approx(30)
    # nowhere free enough: the longest free stretch
    assert label_centre([(0, 40), (60, 100)], 100, 40) == pytest.approx(50)


def test_a_segment_crossing_the_band_covers_its_height_there():
    # a line from (0, 0) to (2, 10) seen over x in [0.5, 1]: y from 2.5 to 5
    spans = occupied_heights([([0.0, 2.0], [0.0, 10.0])], 0.5, 1.0)
    assert spans == [pytest.approx((2.5, 5.0))]


def test_a_dot_near_the_band_counts_but_a_segment_beside_it_does_not():
    # GD's climb to 2/λmax ends at the line (x = 0): beside it, on its right, the band
    # [0, 1] holds only the climb's top dot, and a dot 0.1 right of the band counts
    climb = ([-0.2, 0.0], [0.0, 2.0])
    assert occupied_heights([climb], 0.0, 1.0, dot_reach=0.1) == [pytest.approx((2.0, 2.0))] * 2
    assert occupied_heights([([1.05], [5.0])], 0.0, 1.0, dot_reach=0.1) == [(5.0, 5.0)]
    assert occupied_heights([([1.2], [5.0])], 0.0, 1.0, dot_reach=0.1) == []
