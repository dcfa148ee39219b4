"""Critical points' markers in colours no optimizer has (a green minimum read as
Nesterov's current point, an orange maximum as Momentum's), readable on the map in the
light and the dark theme: the markers' pixels on screen are checked."""
import numpy as np
import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from gui.plots.contour_view import ContourView
from gui.app.presets import find_preset
from gui.widgets import theme
from gui.widgets.palette import CRITICAL_STYLE, METHOD_COLOURS
from tests.gui.plots.test_contour_view import to_widget
from tests.gui.widgets.screen_contrast import pixels


def _lab(colour):
    c = QColor(colour)
    rgb = np.array([c.redF(), c.greenF(), c.blueF()])
    lin = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    xyz = lin @ np.array([[0.4124, 0.2126, 0.0193], [0.3576, 0.7152, 0.1192],
                          [0.1805, 0.0722, 0.9505]]) / np.array([0.9505, 1.0, 1.089])
    f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


@pytest.mark.parametrize("kind", list(CRITICAL_STYLE))
def test_no_critical_colour_looks_like_an_optimizer(kind):
    colour = CRITICAL_STYLE[kind][1]
    # ΔE (CIE76) to the nearest method colour; the old minimum (Nesterov's) was 0
    nearest = min(np.linalg.norm(_lab(colour) - _lab(m)) for m in METHOD_COLOURS.values())
    assert nearest > 28, (kind, colour, nearest)


def test_extrema_read_on_the_curve_views_background():
    # the 1-D view draws them on the plot's background, not on the map (on dark, the
    # deep maximum and inflection are read by their white outline, as on the map's yellow)
    light, dark = (QColor(theme.theme(look).background) for look in ("light", "dark"))
    for kind in ("minimum", "maximum", "inflection"):
        assert theme.contrast(QColor(CRITICAL_STYLE[kind][1]), light) >= 3.0, kind
    assert theme.contrast(QColor(CRITICAL_STYLE["minimum"][1]), dark) >= 3.0


@pytest.fixture
def view(shown, model):
    return shown(ContourView(model), 640, 540)


@pytest.mark.parametrize("look", ["light", "dark"])
def test_markers_on_the_map_show_their_colour_readably(view, model, qtbot, look, screenshot):
    app = QApplication.instance()
    theme.apply_theme(app, view, look, 1.0)
    try:
        model.load_preset(find_preset("Himmelblau"))
        assert model.wait_for_analysis()
        qtbot.wait(200)
        image = view.canvas.grab().toImage()
        rgb = pixels(image)
        seen = {}
        for cp in model.critical_points:
            centre = to_widget(view, *cp.point)
            x, y = centre.x(), centre.y()
            if cp.kind == "maximum":
                y += 2            # the triangle's body is below its centre point
            shown_colour = QColor(*rgb[y, x])
            want = QColor(CRITICAL_STYLE[cp.kind][1])
            if cp.kind != "saddle":       # an x: its centre pixel is the cross itself
                assert max(abs(shown_colour.red() - want.red()),
                           abs(shown_colour.green() - want.green()),
                           abs(shown_colour.blue() - want.blue())) <= 12, \
                (cp.kind, shown_colour.name())
            # the map around the marker (a ring 14 px out, its median colour)
            ring = np.array([rgb[int(y + 14 * np.sin(a)), int(x + 14 * np.cos(a))]
                             for a in np.linspace(0, 2 * np.pi, 24, endpoint=False)])
            behind = QColor(*np.median(ring, axis=0).astype(int))
            seen.setdefault(cp.kind, []).append(theme.contrast(want, behind))
        assert set(seen) == {"minimum", "maximum", "saddle"}
        assert min(seen["minimum"]) >= 3.0 and min(seen["maximum"]) >= 3.0, seen
        assert min(seen["saddle"]) >= 2.0, seen
        screenshot(view, f"critical_colours_{look}")
    finally:
        theme.apply_theme(app, view, "light", 1.0)
