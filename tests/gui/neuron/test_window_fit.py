"""The Neuron tab's 3-D loss surface is whole inside the window at 1280×720 and
1920×1080: at 1280×720 its canvas kept its 200 px minimum under the view's tool row
while the view had 201 px, so its bottom 30 px (the b axis's title, ticks 0.5 and 0)
fell past the window's edge, in the window and in the exported picture alike."""
import numpy as np
import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QLabel

from tests.gui.app.test_look_round_trip import pixels
from tests.gui.neuron.trained_tab import trained_neuron_tab


def _in(widget, ancestor) -> QRect:
    return QRect(widget.mapTo(ancestor, QPoint(0, 0)), widget.size())


@pytest.mark.parametrize("screen", [(1280, 720), (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_loss_surface_and_its_axis_labels_are_inside_the_window(window, qtbot, screen):
    tab = trained_neuron_tab(window, qtbot, screen)
    surface = tab.training.surface_view
    canvas = surface.gl.canvas
    shown = _in(surface, window).intersected(window.rect())
    assert shown.contains(_in(canvas, window)), (_in(canvas, window), shown)
    assert surface.outside() == 0.0
    image = pixels(window)
    labels = [label for label in canvas.findChildren(QLabel) if label.isVisible()]
    titles = {label.text(): label for label in labels}
    assert {"<b>b</b>", "<b>w</b>", "<b>L</b>"} <= titles.keys()
    for label in labels:
        rect = _in(label, window)
        assert shown.contains(rect), (label.text(), rect, shown)
    # the b title is on the screen: dark ink where its label is
    b = _in(titles["<b>b</b>"], window)
    ink = image[b.top():b.bottom() + 1, b.left():b.right() + 1].min(axis=-1)
    assert (ink < 100).sum() >= 10
    # and in the exported picture of the tab, the same place
    picture, page = window.commands.exports.picture("tab"), window.view_widget("tab")
    k = picture.width() / page.width()          # the picture scale (File ▸ Export)
    r = _in(titles["<b>b</b>"], page)
    place = QRect(int(r.left() * k), int(r.top() * k), int(r.width() * k), int(r.height() * k))
    assert QRect(0, 0, picture.width(), picture.height()).contains(place)
    dark = [picture.pixelColor(x, y).value() < 100
            for x in range(place.left(), place.right() + 1)
            for y in range(place.top(), place.bottom() + 1)]
    assert np.sum(dark) >= 10 * k * k
