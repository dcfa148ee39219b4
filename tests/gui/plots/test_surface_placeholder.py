"""The 3-D view's stand-in before it is built: the view's size, its bar in the window's
colour and the rest in the plots' background, on the light and the dark theme."""
import numpy as np
import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QWidget, QVBoxLayout

from gui.plots.surface_placeholder import SurfacePlaceholder
from gui.widgets import theme


def _rgb(image, x, y):
    c = image.pixelColor(x, y)
    return (c.red(), c.green(), c.blue())


def _hex_rgb(colour):
    c = QColor(colour)
    return (c.red(), c.green(), c.blue())


@pytest.mark.parametrize("name", ["light", "dark"])
def test_the_placeholder_paints_the_bar_and_the_canvas_in_the_theme(qtbot, shown, name):
    root = QWidget()
    QVBoxLayout(root).addWidget(placeholder := SurfacePlaceholder())
    shown(root, 500, 400)
    app = QApplication.instance()
    t = theme.apply_theme(app, root, name, 1.0)
    try:
        image = placeholder.grab().toImage()
        bar = placeholder.bar_height()
        assert 18 < bar < 60
        assert _rgb(image, 10, bar // 2) == _hex_rgb(t.window)
        below = [_rgb(image, x, y) for x in (5, image.width() // 2, image.width() - 5)
                 for y in (bar + 2, image.height() // 2, image.height() - 3)]
        assert set(below) == {_hex_rgb(t.background)}
        if name == "dark":      # no white flash before the 3-D view comes
            assert max(np.mean(p) for p in below) < 40
    finally:
        theme.apply_theme(app, root, "light", 1.0)


def test_the_placeholder_asks_for_the_surface_views_size():
    from gui.plots.surface_view import SurfaceView    # (imported only to compare sizes)
    placeholder = SurfacePlaceholder()
    assert placeholder.sizeHint() == SurfaceView.sizeHint(placeholder)
    assert placeholder.minimumSize().width() >= 200


def test_the_placeholders_bar_is_as_tall_as_the_views(qtbot, shown, model):
    from gui.plots.surface_view import SurfaceView
    view, placeholder = SurfaceView(model), SurfacePlaceholder()
    shown(view, 500, 400)
    shown(placeholder, 500, 400)
    assert view.gl is not None
    assert view.gl.canvas.y() == placeholder.bar_height()
