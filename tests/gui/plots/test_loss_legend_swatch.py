"""The loss plot's legend: each swatch "━━" on screen in its curve's own colour (it took
the text colour made 4.5:1 readable: Adam's yellow-orange curve had a brown swatch)."""
import numpy as np
import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from gui.plots.loss_plot import LossPlot
from gui.app.presets import find_preset
from gui.widgets import theme
from gui.widgets.palette import METHOD_COLOURS
from tests.gui.widgets.screen_contrast import pixels


@pytest.fixture
def plot(shown, model):
    return shown(LossPlot(model), 720, 360)


def _pixels_near(rgb, colour, within=10) -> int:
    c = QColor(colour)
    want = np.array([c.red(), c.green(), c.blue()])
    return int((np.abs(rgb.astype(int) - want).max(axis=2) <= within).sum())


@pytest.mark.parametrize("look", ["light", "dark"])
def test_swatches_show_the_curves_colours(plot, model, qtbot, look):
    app = QApplication.instance()
    theme.apply_theme(app, plot, look, 1.0)
    try:
        model.load_preset(find_preset("Rosenbrock's banana"))
        assert model.wait_for_analysis()
        model.set_settings(methods=("gd", "adam", "newton"))
        qtbot.wait(50)
        rgb = pixels(plot.legend.grab().toImage())
        for method in ("gd", "adam"):
            curve = plot.curves[method].opts["pen"].color()
            assert curve.name() == theme.current().ink(METHOD_COLOURS[method]).name()
            # a swatch of ━━ at 600 weight: a line of pixels of exactly its curve's colour
            assert _pixels_near(rgb, curve) > 8, (method, curve.name())
        if look == "dark":    # Newton's black: white (the foreground) on dark, as its curve is
            newton = theme.current().ink(METHOD_COLOURS["newton"])
            assert newton.lightness() > 200 and _pixels_near(rgb, newton) > 8
    finally:
        theme.apply_theme(app, plot, "light", 1.0)
