"""The gradient field's arrows are visible on every colour of the map (its pale yellow
end too) in both themes, and grow with the presentation scale (no 1-px hairlines)."""
import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from gui.plots import theme as plot_theme
from gui.plots.gradient_field import GradientField
from gui.widgets import theme
from gui.widgets.palette import COLORMAP as COLORMAP_NAME

COLORMAP = pg.colormap.get(COLORMAP_NAME)


def over(top: QColor, under: QColor) -> QColor:
    """`top` (translucent) painted over the opaque `under`."""
    a = top.alphaF()
    return QColor.fromRgbF(*(getattr(top, c)() * a + getattr(under, c)() * (1 - a)
                             for c in ("redF", "greenF", "blueF")))


@pytest.fixture
def field(shown):
    widget = pg.PlotWidget()
    shown(widget, 300, 200)
    f = GradientField(widget.getPlotItem())
    yield widget, f
    theme.apply_theme(QApplication.instance(), widget, "light", 1.0)


@pytest.mark.parametrize("name", ["light", "dark"])
def test_arrows_stand_out_on_every_colour_of_the_map(field, name):
    widget, f = field
    theme.apply_theme(QApplication.instance(), widget, name, 1.0)
    core = f.shafts.opts["pen"].color()
    halo = f._halo.opts["pen"].color()
    weakest = 21.0
    for position in np.linspace(0, 1, 101):
        under = COLORMAP.map(position, mode="qcolor")
        outline = over(halo, under)
        # an arrow reads if its white core or its dark outline contrasts 3:1 with the map
        seen = max(theme.contrast(over(core, under), under), theme.contrast(outline, under))
        weakest = min(weakest, seen)
    assert weakest >= theme.AA_GRAPHICS, weakest
    # the yellow end: the core alone would vanish there, the outline carries it
    yellow = COLORMAP.map(1.0, mode="qcolor")
    assert theme.contrast(core, yellow) < 2
    assert theme.contrast(over(halo, yellow), yellow) >= theme.AA_GRAPHICS


def test_arrows_and_outline_grow_with_the_presentation_scale(field):
    widget, f = field
    theme.apply_theme(QApplication.instance(), widget, "dark", 1.5)
    assert f.shafts.opts["pen"].widthF() == pytest.approx(2.25)
    assert f._halo.opts["pen"].widthF() == pytest.approx(3.5 * 1.5)
    # chosen against the map, so the dark theme never inks the outline white
    assert f._halo.opts["pen"].color().lightnessF() < 0.1
    assert getattr(f._halo, plot_theme.ON_MAP)
