"""A lecturer's rehearsal of the Network tab: a sigmoid network at initialisation has
aᴸ 0.283–0.336 on the map, no aᴸ = 0.5 line, yet the legend said "—— aᴸ = 0.5: the
boundary"; and the caption wrote "f₁(a) = σ(W¹a + b¹)" beside the diagram's
"σ(W¹a⁰ + b¹)". The legend names only what is drawn; the caption writes each layer as
the seed (aˡ = σ(Wˡaˡ⁻¹ + bˡ), a⁰ = x) and the diagram do."""
import numpy as np
import pytest

from gui.network.plots import sup
from tests.gui.network.test_large_text import _plain
from tests.gui.network.test_tab import configure, tab  # noqa: F401  (fixture)


def _line_drawn(network_tab) -> bool:
    xs, _ = network_tab.boundary.level_line.getData()
    return xs is not None and len(xs) > 0


def test_the_legend_names_the_boundary_only_while_it_is_drawn(tab, qtbot):  # noqa: F811
    configure(tab.model, activation="sigmoid", lr=2.0)
    values = tab.boundary.values
    assert values.max() < 0.5 or values.min() > 0.5      # the rehearsal's state
    assert not _line_drawn(tab)
    legend = _plain(tab.legend)
    assert "——" not in legend and "aL = 0.5 not reached yet" in legend, legend
    for _ in range(40):                                   # train until the line comes
        tab.model.train(50)
        if _line_drawn(tab):
            break
    assert _line_drawn(tab)
    legend = _plain(tab.legend)
    assert "—— aL = 0.5: the boundary" in legend and "not reached" not in legend, legend


@pytest.mark.parametrize("sizes", ["2-4-1", "2-4-4-1", "2-1"])
def test_the_caption_writes_each_layer_as_the_diagram_does(tab, sizes):  # noqa: F811
    configure(tab.model, sizes=sizes, activation="sigmoid")
    caption = _plain(tab.caption).replace("\xa0", " ")
    L = len(sizes.split("-")) - 1
    last = f"f{'₁₂₃'[L - 1]}(a{sup(L - 1)}) = σ(W{sup(L)}a{sup(L - 1)} + b{sup(L)})"
    assert last in caption, caption
    if L == 2:
        assert "f₁(a⁰) = σ(W¹a⁰ + b¹)" in caption, caption
    if L == 3:       # the hidden layers in one line: f_l(a^(l−1)) = σ(W^l a^(l−1) + b^l)
        assert "fl(al−1) = σ(Wlal−1 + bl)" in caption, caption
    assert "(a)" not in caption and "Wla +" not in caption
    assert np.all([f"W{sup(l)}a " not in caption for l in range(1, L + 1)])
