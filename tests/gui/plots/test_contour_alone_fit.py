"""The contour map alone (key 4: the view cycle) on a 16:9 screen shows the function's
window, centred, at the scale lock's one scale for x and y: Himmelblau's ±5 × ±5 was
shown as x = ±19 (1280×720), ±15 (1920×1080), ±10 (presentation), its minima in the
middle of a wide strip."""
from __future__ import annotations

import pytest

from gui.app.presets import find_preset
from tests.gui.app.test_presentation import back_to_normal  # noqa: F401 (autouse: puts the look back)
from tests.gui.plots.test_surface_alone_fit import drawn_box, settle

# One window for the module's four cases (a window build is ~1–1.5 s of CPU, a File ▸ New
# ~0.2 s): back_to_normal puts back presentation and the size, `reused_window` the
# session (the preset) and the view cycle's focus, and checks both before each case.
pytestmark = [pytest.mark.shared_window, pytest.mark.xdist_group("contour_alone_fit_shared")]


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
    # or (a canvas wide for the window: gui/plots/map_fit.BESIDE_WIDER) a column beside
    # it, the two centred together
    plot = view.plot.geometry()
    if view.map_fit.legend_beside:
        legend = view.legend.geometry()
        assert legend.left() >= plot.right() - 1 and legend.bottom() <= plot.bottom() + 1
        plot = plot.united(legend)
    canvas_width = view.canvas.width()
    assert abs(plot.left() - (canvas_width - plot.right())) <= 2, (plot, canvas_width)
    assert plot.left() > 0.05 * canvas_width
    # on the screen: nothing is drawn left or right of them (no map strip beyond ±5)
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


def test_a_seven_method_legend_goes_beside_the_map_alone(window, qtbot, screenshot):
    """Above the map alone at 1280×720, seven methods' legend took two rows and, wider
    than the fitted plot, held it at its width: x shown at ±7.2 for x^2 + 2y^2's ±4,
    the map 449×188 px. Beside it, the map shows its window at 314×236 px."""
    from engine.optimizers import METHODS
    view = _contour_alone(window, qtbot, (1280, 720))
    model = window.model
    model.set_text("x^2 + 2y^2")
    assert model.wait_for_analysis(60000)
    model.set_window(((-4.0, 4.0), (-3.0, 3.0)))
    model.set_settings(methods=tuple(METHODS))
    qtbot.waitUntil(lambda: len(model.paths) == len(METHODS), timeout=60000)
    settle(qtbot)
    screenshot(window, "contour_alone_seven_methods")
    (xlo, xhi), (ylo, yhi) = view.plot.vb.viewRange()
    assert (xlo, xhi) == pytest.approx((-4, 4), abs=0.06)
    assert (ylo, yhi) == pytest.approx((-3, 3), abs=0.06)
    assert view.map_fit.legend_beside and view.legend.columnCount == 1
    # (221 px since the loss | lab split stays at 303/676 px on every lab tab: the loss
    # legend's seven names take a third row there, and the lower row 4 px more)
    assert view.plot.vb.height() >= 215, view.plot.vb.height()
    model.set_settings(methods=("gd",))
    window.explorer.set_focus_mode("both")
    settle(qtbot)
    assert not view.map_fit.legend_beside       # above again beside the 3-D view
