"""The decision map's shading covers the whole plot: with the aspect locked the view
shows more than the data square (±1.75) on its longer side, and a shading computed over
that square alone left a white band there (at 1280×720 the top and bottom ~25 px of the
map, the dark background in the dark theme). Checked on the screen's pixels: every
edge of the data area has the colour of a^L at that place, after training, in both
themes and after a resize."""
import numpy as np
import pytest
from PySide6.QtCore import QPointF

from gui.network.boundary import BOUNDARY_CMAP
from tests.gui.network.test_boundary_settles import _settled
from tests.gui.network.test_tab import configure
from tests.gui.plots.test_loss_plot import drawn_tick_labels
from tests.gui.widgets.screen_contrast import pixels

EDGE_PX = 4              # the strip checked along each edge of the data area,
INSET_PX = 6             # this far inside it (the axes' tick marks reach in ~5 px)
TOLERANCE = 30           # per channel: the shading is sampled on a grid, not per pixel


def edge_coverage(boundary, picture, colours=None) -> dict:
    """For each edge of the map's data area: the share of the strip's pixels that show
    the shading's colour for a^L at that point (the data, the level line and the star
    cover a few; the range label's box is left out). `colours`: a^L values -> RGB(A)
    bytes (else BOUNDARY_CMAP over [0, 1])."""
    vb = boundary.getPlotItem().vb
    area = boundary.mapFromScene(vb.sceneBoundingRect()).boundingRect()
    rgb = pixels(picture).astype(int)
    left, top = area.left() + INSET_PX, area.top() + INSET_PX
    right, bottom = area.right() - INSET_PX, area.bottom() - INSET_PX
    strips = {"top": [(x, y) for y in range(top, top + EDGE_PX) for x in range(left, right)],
              "bottom": [(x, y) for y in range(bottom - EDGE_PX, bottom) for x in range(left, right)],
              "left": [(x, y) for x in range(left, left + EDGE_PX) for y in range(top, bottom)],
              "right": [(x, y) for x in range(right - EDGE_PX, right) for y in range(top, bottom)]}
    # the label "a^L on this map: …" sits in the top-left corner, on purpose
    label = boundary.mapFromScene(boundary.range_text.sceneBoundingRect()).boundingRect()
    shares = {}
    for edge, places in strips.items():
        places = [(x, y) for x, y in places if not label.contains(x, y)]
        points = [vb.mapSceneToView(boundary.mapToScene(x, y) + QPointF(0.5, 0.5))
                  for x, y in places]
        a = boundary.model.network.forward(np.array([[p.x(), p.y()] for p in points]))[-1][:, 0]
        expected = (colours(a) if colours else
                    BOUNDARY_CMAP.map(np.clip(a, 0, 1), mode="byte"))[:, :3].astype(int)
        shown = np.array([rgb[y, x] for x, y in places])
        shares[edge] = float(np.mean(np.abs(shown - expected).max(axis=1) <= TOLERANCE))
    return shares


@pytest.fixture
def trained_map(window, qtbot):
    """The Network tab at 1280×720, XOR learned (a^L near 0 and 1 at the map's edges)."""
    size = window.size()
    window.resize(1280, 720)
    window.show_tab("network")
    configure(window.network_model, "xor", "2-4-1", "tanh", lr=1.0)
    window.network_model.train(600)
    yield window.network.boundary
    window.commands.set_theme("light")
    window.resize(size)


@pytest.mark.parametrize("look", ["light", "dark"])
def test_the_shading_covers_every_edge_of_the_map(trained_map, window, qtbot, look):
    window.commands.set_theme(look)
    for size in ((1280, 720), (1280, 520), (900, 720)):    # wider, then taller than square
        window.resize(*size)
        picture = _settled(window, qtbot)
        view = trained_map.getPlotItem().vb.viewRect()
        shaded = trained_map.image.mapRectToView(trained_map.image.boundingRect())
        assert shaded.contains(view), (size, view, shaded)
        shares = edge_coverage(trained_map, picture)
        assert min(shares.values()) >= 0.8, (look, size, shares)
    window.network_model.train(50)                          # and after more training
    shares = edge_coverage(trained_map, _settled(window, qtbot))
    assert min(shares.values()) >= 0.8, (look, shares)


def test_a_linear_outputs_colour_scale_covers_its_range(window, qtbot):
    """With no activation the output ran −0.576 … 0.576 under a bar of 0 … 1: the whole
    negative half of the map got the bar's bottom colour. The bar (its ticks) and the map
    span the output's range, 0.5 still white; the map shows what the bar says."""
    size = window.size()
    window.resize(1280, 720)
    window.show_tab("network")
    configure(window.network_model, "xor", "2-4-1", "none", lr=1.0)
    boundary = window.network.boundary
    picture = _settled(window, qtbot)
    a = boundary.values[np.isfinite(boundary.values)]
    low, high = boundary.colour_bar.levels()
    assert low <= a.min() < 0 and a.max() <= high, (a.min(), a.max(), low, high)
    axis = boundary.colour_bar.axis
    labels = [float(t.replace("−", "-")) for _, ticks in axis.tickValues(low, high, 200)
              for t in axis.tickStrings(ticks, 1, (high - low) / 200) if t]
    assert min(labels) < 0, labels                     # the bar's numbers say so
    # every edge of the map in the bar's colours: a^L at (a − low)/(high − low) of the bar
    bar_map = boundary.colour_bar.colorMap()
    shares = edge_coverage(boundary, picture,
                           lambda values: bar_map.map((values - low) / (high - low), mode="byte"))
    assert min(shares.values()) >= 0.8, shares
    window.resize(size)


def test_a_linear_outputs_numbers_are_written_with_a_true_minus(window, qtbot):
    """With no activation a^L goes below 0: the map's label read "aᴸ on this map: -0.523
    to 0.523" and the bar "-0.5", "-1.0" with a hyphen, beside the diagram's "−0.50"."""
    size = window.size()
    window.resize(1280, 720)
    window.show_tab("network")
    configure(window.network_model, "xor", "2-4-1", "none", lr=1.0)
    boundary = window.network.boundary
    _settled(window, qtbot)
    label = boundary.range_text.textItem.toPlainText()
    assert label.startswith("aᴸ on this map: −0.") and "-" not in label, label
    plot = boundary.getPlotItem()
    for axis in (boundary.colour_bar.axis, plot.getAxis("left"), plot.getAxis("bottom")):
        labels = drawn_tick_labels(axis)       # as painted
        assert any(text.startswith("−") for text in labels), (axis.orientation, labels)
        assert not any("-" in text for text in labels), (axis.orientation, labels)
    window.resize(size)
