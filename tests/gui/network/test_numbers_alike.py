"""The Network tab writes the entries of one vector or matrix alike, as a lecturer
would: one number of decimals for all. The chain rule read "[−0.04685 −0.0191]" (each
entry its own %g: the trailing zero dropped), and a trained Jacobian's entries near
zero read "0.002" beside "0.679" (fixed decimals: one significant digit left)."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QFontMetricsF

from tests.gui.app.projector import projector_window, settle_at
from tests.gui.network.test_tab import configure

pytestmark = pytest.mark.xdist_group("network_numbers_alike")


@pytest.fixture(scope="module")
def lab(qapp, tmp_path_factory):
    yield from projector_window(tmp_path_factory, "network")


def decimals(text: str) -> int:
    return len(text.partition(".")[2])


def assert_written_alike(texts, values, least_digits=2):
    """Each text is its value rounded to the shared decimals, and each entry no smaller
    than a hundredth of the largest keeps `least_digits` significant digits."""
    assert len({decimals(t) for t in texts}) == 1, texts
    places = decimals(texts[0])
    shown = np.array([float(t.replace("−", "-")) for t in texts])
    np.testing.assert_allclose(shown, values, rtol=0, atol=0.5001 * 10.0 ** -places)
    largest = np.max(np.abs(values))
    for text, value in zip(texts, values):
        if abs(value) >= 0.01 * largest:
            digits = text.replace("−", "").replace(".", "").lstrip("0")
            assert len(digits) >= least_digits, (text, value, texts)


def test_the_chain_rules_vector_has_one_precision(lab, qtbot):
    settle_at(lab, qtbot, 1.0)
    model, view = lab.network.model, lab.network.jacobian
    configure(model, "xor", "2-4-1", "tanh", lr=1.0)
    model.set_input(np.array([0.5, -0.5]))
    vector = view.chain.text().split("[", 1)[1].split("]", 1)[0]
    texts = vector.replace("&nbsp;", " ").split()
    assert texts == ["−0.04685", "−0.01910"]           # the seed's network at (0.5, −0.5)
    assert_written_alike(texts, view.product.ravel())


# (an 8×8 matrix's cells at 1280×720 hold "−0.23", ~41 px: two decimals for all there)
# (2-4-4-1's J³ at the first point is [0.00579 0.00571 0.00347 0.00366]: it read
# "0.006 0.006 0.003 0.004" at three decimals)
@pytest.mark.parametrize("data, sizes, layer, point, least_digits", [
    ("xor", "2-4-1", 1, 17, 2), ("xor", "2-4-4-1", 2, 17, 2), ("xor", "2-4-4-1", 3, 0, 2),
    ("circles", "2-8-8-1", 2, 17, 1)])
def test_a_trained_jacobians_entries_have_one_precision_and_fit_their_cells(
        lab, qtbot, screenshot, data, sizes, layer, point, least_digits):
    settle_at(lab, qtbot, 1.0)
    model, view = lab.network.model, lab.network.jacobian
    configure(model, data, sizes, "tanh", lr=1.0)
    model.train(1000 if data == "xor" else 600)
    model.set_input(model.X[point])
    model.set_jacobian_layer(layer)
    qtbot.waitUntil(lambda: np.allclose(view.matrix, model.network.layer_jacobian(
        model.X[point], layer)), timeout=5000)
    lab.network.scroll_area.ensureWidgetVisible(view.plot_widget)
    texts = [cell.textItem.toPlainText() for cell in view.cells]
    assert_written_alike(texts, view.matrix.ravel(), least_digits)
    # each number inside its own cell on the screen (1280×720)
    vb = view.plot_widget.getPlotItem().vb
    cell_px = vb.mapViewToScene(QPointF(1, 0)).x() - vb.mapViewToScene(QPointF(0, 0)).x()
    # (the ink of the text: its item's rectangle adds the document's margins)
    widest = max(QFontMetricsF(cell.textItem.font()).horizontalAdvance(text)
                 for cell, text in zip(view.cells, texts))
    assert widest <= cell_px, (widest, cell_px, texts)
    screenshot(lab, f"network_jacobian_alike_{sizes}_{layer}")
