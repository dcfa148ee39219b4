"""The contour map alone (key 4: the view cycle) on a 16:9 screen shows the function's
window, centred, at the scale lock's one scale for x and y: Himmelblau's ±5 × ±5 was
shown as x = ±19 (1280×720), ±15 (1920×1080), ±10 (presentation), its minima in the
middle of a wide strip."""
from __future__ import annotations

import pytest

from gui.app.presets import find_preset
from tests.gui.plots.test_surface_alone_fit import drawn_box, settle


def _contour_alone(window, qtbot, size):
    window.setGeometry(0, 0, *size)
    window.model.load_preset(find_preset("Himmelblau"))
    assert window.model.wait_for_analysis(60000)
    explorer = window.explorer
    while explorer.focus_mode != "contour":
        explorer.cycle_focus_mode()
    settle(qtbot)
    return explorer.contour_view


def _assert_fitted(view):
    (xlo, xhi), (ylo, yhi) = view.plot.vb.viewRange()
    assert (xlo, xhi) == pytest.approx((-5, 5), abs=0.06), (xlo, xhi)     # < 1 px
    assert (ylo, yhi) == pytest.approx((-5, 5), abs=0.06), (ylo, yhi)
    # the plot (y-axis, map, colour bar) is centred in the canvas, its legend above it
    plot = view.plot.geometry()
    canvas_width = view.canvas.width()
    assert abs(plot.left() - (canvas_width - plot.right())) <= 2, (plot, canvas_width)
    assert plot.left() > 0.2 * canvas_width
    # on the screen: nothing is drawn left or right of the plot (no map strip beyond ±5)
    left, _top, right, _bottom = drawn_box(view.canvas)
    assert left >= plot.left() - 3 and right <= plot.right() + 3, (left, right, plot)
    # the map's pixels: its view box is as wide as tall (the window is square)
    vb = view.plot.vb
    assert abs(vb.width() - vb.height()) <= 1, (vb.width(), vb.height())


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_the_contour_map_alone_shows_its_window_centred(window, qtbot, screenshot, size):
    view = _contour_alone(window, qtbot, size)
    _assert_fitted(view)
    screenshot(window, f"contour_alone_{size[0]}")
    window.explorer.set_focus_mode("both")          # both views: as before, no margins
    settle(qtbot)
    assert view.map_fit.side_px == 0
    assert view.canvas.ci.layout.getContentsMargins() == view.map_fit._base


def test_the_contour_map_alone_in_presentation_shows_its_window_and_leaves_as_it_was(
        window, qtbot, screenshot):
    view = _contour_alone(window, qtbot, (1280, 720))
    before = [v for pair in view.plot.vb.viewRange() for v in pair]
    window.commands.set_presentation(True)
    settle(qtbot)
    try:
        _assert_fitted(view)
        screenshot(window, "contour_alone_presentation")
    finally:
        window.commands.set_presentation(False)
        window.setGeometry(0, 0, 1280, 720)
        settle(qtbot)
    assert [v for pair in view.plot.vb.viewRange() for v in pair] == pytest.approx(before, abs=0.06)
    _assert_fitted(view)
    window.explorer.set_focus_mode("both")
