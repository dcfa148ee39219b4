"""The Network tab: every number shown is the engine's (engine.network), and the pictures
show what the seed says (XOR learned, the linear collapse, noisy SGD, vanishing gradients)."""
import json

import numpy as np
import pytest
from numpy.testing import assert_allclose
from PySide6.QtCore import QPoint, QPointF, Qt

from engine.datasets import make_dataset
from engine.network import Network
from gui.network.boundary import level_segments
from gui.network.model import NetworkModel, parse_sizes
from gui.network.tab import NetworkTab
from gui.widgets.number_text import one_precision


@pytest.fixture
def tab(shown):
    widget = shown(NetworkTab(), 1400, 820)
    yield widget
    widget.model.shutdown()


def configure(model, data="xor", sizes="2-4-1", activation="tanh", lr=1.0, batch=None):
    model.set_data(name=data, noise=0.1, seed=0)
    model.set_sizes(sizes)
    model.set_activation(activation)
    model.set_lr(lr)
    model.set_batch_size(batch)
    model.reset()


def sign_changes(costs):
    d = np.sign(np.diff(costs))
    d = d[d != 0]
    return int(np.sum(d[1:] != d[:-1]))


def test_training_reduces_cost_on_xor(tab, qtbot, screenshot):
    m = tab.model
    configure(m, "xor", "2-4-1", "tanh", lr=1.0)
    c0 = m.cost_history[0]
    m.train(1500)
    history = m.cost_history
    assert len(history) == 1501 and m.step_count == 1500
    assert history[-1] < 0.1 * c0                      # XOR learned: C falls tenfold
    # The same numbers as the engine's own training from the same initial weights.
    X, Y = make_dataset("xor", 200, 0.1, 0)
    net = Network([2, 4, 1], "tanh", 0, "sigmoid")
    assert_allclose(history, net.train(X, Y, 1.0, 1500, batch_size=None), rtol=1e-12)
    # The views draw the model's numbers.
    xs, ys = tab.cost_plot.curve.getData()
    assert_allclose(ys, history)
    assert_allclose(tab.boundary.values, m.network.predict_grid(tab.boundary.xs, tab.boundary.ys))
    assert "1500" in tab.status.text() and f"{m.cost:.5f}" in tab.status.text()
    # Playing trains live through the timer, and Pause stops it.
    m.play()
    qtbot.waitUntil(lambda: m.step_count >= 1500 + 3 * m.steps_per_tick, timeout=5000)
    m.pause()
    assert not m.playing and m.cost_history[-1] <= history[-1]
    screenshot(tab, "network_xor")


@pytest.mark.parametrize("data", ["xor", "moons"])
def test_none_activation_boundary_is_a_line(tab, screenshot, data):
    m = tab.model
    configure(m, data, "2-8-8-1", "none", lr=0.1)
    m.train(400)
    Z, xs, ys = tab.boundary.values, tab.boundary.xs, tab.boundary.ys
    GX, GY = np.meshgrid(xs, ys, indexing="ij")
    A = np.column_stack([GX.ravel(), GY.ravel(), np.ones(GX.size)])
    plane, *_ = np.linalg.lstsq(A, Z.ravel(), rcond=None)
    assert np.max(np.abs(A @ plane - Z.ravel())) < 1e-9        # a^L is affine in x
    # ... and it is the collapsed map W x + b the read-out shows.
    W, b = m.network.collapsed()
    assert_allclose(plane, [W[0, 0], W[0, 1], b[0]], atol=1e-9)
    assert tab.collapse.isVisible()
    for text in one_precision(W[0], 4) + one_precision(b[:1], 4):
        assert text in tab.collapse.text()
    # The drawn 0.5 level set is one straight line (all its points collinear).
    x, y = tab.boundary.level_line.getData()
    pts = np.column_stack([x, y])
    assert len(pts) > 10
    s = np.linalg.svd(pts - pts.mean(axis=0), compute_uv=False)
    assert s[1] < 1e-9 * s[0]
    screenshot(tab, f"network_none_{data}")
    m.set_activation("tanh")
    assert not tab.collapse.isVisible()


def test_level_segments_of_a_circle():
    xs = ys = np.linspace(-1, 1, 81)
    GX, GY = np.meshgrid(xs, ys, indexing="ij")
    seg = level_segments(GX ** 2 + GY ** 2, xs, ys, level=0.25)
    assert_allclose(np.hypot(seg[:, 0], seg[:, 1]), 0.5, atol=2e-3)
    assert len(seg) % 2 == 0


def test_jacobian_view_shows_engine_jacobians(tab, screenshot):
    m = tab.model
    configure(m, "circles", "2-8-8-1", "tanh", lr=1.0)
    m.train(600)
    x = m.X[17]
    m.set_input(x)
    m.set_jacobian_layer(2)
    J = m.network.layer_jacobian(x, 2)
    view = tab.jacobian
    assert view.matrix.shape == (8, 8)
    assert_allclose(view.matrix, J)
    assert_allclose(view.image.image, J)
    assert [c.textItem.toPlainText() for c in view.cells] == one_precision(J.ravel(), 2, extra=0)
    # The chain rule: the product of the layer Jacobians is the engine's input_jacobian.
    chain = np.linalg.multi_dot([m.network.layer_jacobian(x, l) for l in (3, 2, 1)])
    assert_allclose(view.product, m.network.input_jacobian(x))
    assert_allclose(view.product, chain, rtol=1e-12)
    for text in one_precision(view.product.ravel(), 4):
        assert text in view.chain.text()
    # The diagram shows the forward pass at the same input.
    for shown, engine in zip(tab.diagram.activations, m.network.forward(x[None, :])):
        assert_allclose(shown, engine[0])
    screenshot(tab, "network_jacobian")


def test_sgd_cost_is_noisier_than_full_batch(tab, screenshot):
    m = tab.model
    configure(m, "moons", "2-8-8-1", "tanh", lr=0.1, batch=None)
    m.train(400)
    full = m.cost_history.copy()
    m.set_batch_size(1)
    m.reset()
    m.train(400)
    sgd = m.cost_history.copy()
    assert sign_changes(full) <= 2                    # full batch: C goes steadily down
    assert sign_changes(sgd) > 50                      # one example per step: a noisy C
    assert tab.batch_box.currentText().startswith("One example")
    assert_allclose(tab.cost_plot.curve.getData()[1], sgd)
    screenshot(tab, "network_sgd")


def test_deep_sigmoid_gradients_vanish(tab, screenshot):
    m = tab.model
    configure(m, "circles", "2-8-8-8-8-1", "sigmoid", lr=0.1)
    m.train(300)
    steps, norms = m.gradient_history
    assert norms.shape == (len(steps), 5)
    assert_allclose(norms[-1], m.network.gradient_norms(m.X, m.Y))
    # At the start layer 1's gradient is >100x smaller than layer 5's: it barely learns,
    # and the network stalls at C ≈ 1/8 (a^L ≈ 0.5 everywhere).
    assert norms[0, 0] < norms[0, 4] / 100 and np.all(np.diff(norms[0]) > 0)
    assert steps[10] == 100 and norms[10, 0] < norms[10, 4] / 100    # and it stays so
    assert abs(m.cost - 0.125) < 0.01
    for l, curve in enumerate(tab.grad_plot.curves):
        cx, cy = curve.getData()
        assert_allclose(cx, steps) and assert_allclose(cy, norms[:, l])
    tab.log_cost.setChecked(True)
    screenshot(tab, "network_deep_sigmoid")


def test_layer_sizes_are_validated(tab):
    m = tab.model
    for text, words in (("2-0-1", "1 to"), ("3-4-1", "first layer"), ("2-4-2", "last layer"),
                        ("two-four", "whole numbers"), ("2", "at least")):
        tab.sizes_edit.setText(text)
        tab.sizes_edit.editingFinished.emit()
        assert words in tab.sizes_error.text()
        assert m.sizes == (2, 4, 1)
    tab.sizes_edit.setText("2, 8, 8, 1")
    tab.sizes_edit.editingFinished.emit()
    assert m.sizes == (2, 8, 8, 1) and tab.sizes_error.text() == ""
    assert tab.sizes_edit.text() == "2-8-8-1"
    assert parse_sizes([2, 3, 1]) == (2, 3, 1)


def test_click_on_map_chooses_input(tab, qtbot):
    m = tab.model
    vb = tab.boundary.getPlotItem().getViewBox()
    target = m.X[5]
    pos = tab.boundary.mapFromScene(vb.mapViewToScene(QPointF(*target)))
    qtbot.mouseClick(tab.boundary.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(pos.x() + 2, pos.y()))
    assert_allclose(m.input_point, target)               # snapped to the data point
    assert_allclose(tab.boundary.marker.getData()[0], [target[0]])


def test_state_round_trips(tab, qtbot):
    m = tab.model
    configure(m, "moons", "2-8-8-1", "tanh", lr=0.3, batch=20)
    m.train(120)
    m.set_input([0.25, -0.5])
    m.set_jacobian_layer(2)
    state = m.get_state()
    json.dumps(state)                                  # plain values only
    other = NetworkModel()
    other.set_state(state)
    assert other.get_state() == state
    assert_allclose(other.network.predict_grid(tab.boundary.xs, tab.boundary.ys), tab.boundary.values)
    # Training on from the restored state continues exactly as the original would.
    m.train(40)
    other.train(40)
    assert_allclose(other.cost_history, m.cost_history, rtol=1e-12)


def test_step_reset_and_divergence(tab, qtbot):
    m = tab.model
    configure(m, "xor", "2-4-1", "tanh", lr=1.0)
    c0 = m.cost
    qtbot.mouseClick(tab.step_button, Qt.MouseButton.LeftButton)
    assert m.step_count == 1 and len(m.cost_history) == 2
    qtbot.mouseClick(tab.reset_button, Qt.MouseButton.LeftButton)
    assert m.step_count == 0 and m.cost == c0
    # Far too large a step on a linear network: the cost explodes, training stops.
    configure(m, "xor", "2-8-8-1", "none", lr=20.0)
    m.play()
    qtbot.waitUntil(lambda: not m.playing, timeout=5000)
    assert m.diverged and "Diverged" in tab.status.text()


def test_caption_wraps_so_the_tab_fits_1280_at_scale_1_5(tab, qtbot):
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QApplication
    from gui.widgets import theme
    app = QApplication.instance()
    try:
        theme.apply_theme(app, tab, "dark", 1.5)
        qtbot.wait(50)
        assert tab.caption.minimumSizeHint().width() < 600
        assert tab.minimumSizeHint().width() <= 1260
        status = tab.status                     # "step … C = …" whole at this size
        assert status.width() >= status.fontMetrics().horizontalAdvance(
            status.text().replace("<b>", "").replace("</b>", "").replace("&nbsp;", " "))
        # the layer shapes (ℝ² → ℝ⁴ → ℝ¹) are readable on the dark theme
        muted = QColor(theme.current().muted)
        assert muted.lightnessF() > 0.6 and theme.current().muted in tab.caption.text()
    finally:
        theme.apply_theme(app, tab, "light", 1.0)


def test_built_while_presenting_the_diagram_keeps_room_for_its_neurons(window, qtbot, screenshot):
    # F11 on another tab, then 3: the Network tab was built at presentation's text size
    # but kept the diagram's light@1 minimum (160 px), and its splitter squeezed the
    # diagram to ~180 px under titles and key drawn 1.5× as tall: the neurons had ~2 px
    from PySide6.QtCore import QRect
    from gui.widgets import theme
    window.screen_limit = QRect(0, 0, 1280, 720)             # the projector
    window.tabs.setCurrentIndex(1)
    try:
        window.commands.set_presentation(True)
        qtbot.wait(300)
        window.tabs.setCurrentIndex(2)
        qtbot.wait(500)
        tab = window.tabs.currentWidget()
        scale = theme.current().scale
        assert scale > 1
        # presenting, the plain least × the text size (the page fits the screen by its
        # folds; the readable least of Ctrl++ pushed a lecture's Jacobian off a 720p screen)
        assert tab.diagram.minimumHeight() == tab.diagram.readable_height() == round(160 * scale)
        assert tab.diagram.height() >= tab.diagram.minimumHeight()
        positions, radius = tab.diagram._neuron_positions()
        assert radius >= 12                                   # circles one can read
        first, last = positions[1][0].y(), positions[1][-1].y()
        assert 0 < first - radius and last + radius < tab.diagram.height()
        # the status (step, cost) is measured at this text size too: not cut at its end
        status = tab.status
        assert "C = " in status.text() and status.sizeHint().width() <= status.width()
        screenshot(window, "network_built_while_presenting")
    finally:
        window.commands.set_presentation(False)


def _inked_rows(image, rows) -> int:
    """How many pixels of the given rows are dark ink (text), not background or lines."""
    return sum(1 for y in rows for x in range(image.width())
               if image.pixelColor(x, y).lightness() < 110)


def test_beside_the_scene_list_titles_and_the_diagram_key_are_not_cut(shown, qtbot):
    # a 1400-px window with the lecture's scene list open (F9) leaves the tab ~1040 px:
    # "Decision boundary: … over the p", "Gradient norms ‖∂C/∂Wˡ‖ per l" were cut at
    # their plots' edges, and the diagram's key wrapped to a third line cut in half
    tab = shown(NetworkTab(), 1040, 800)
    try:
        qtbot.wait(100)
        for widget in (tab.boundary, tab.cost_plot, tab.grad_plot):
            plot = widget.getPlotItem()
            title = plot.titleLabel
            shown_text = title.item.boundingRect().width()
            room = widget.viewport().width()          # what the canvas shows
            left = title.item.mapToScene(title.item.boundingRect().topLeft()).x()
            assert title.isVisible() and 0 <= left and left + shown_text <= room, \
                (title.text, left, shown_text, room)
        image = tab.diagram.grab().toImage()
        assert _inked_rows(image, range(image.height() - 3, image.height())) == 0
    finally:
        tab.model.shutdown()


def test_the_networks_map_of_spaces_never_breaks_across_lines(tab):
    """Presenting, the caption broke its "ℝ² → ℝ⁴ → ℝ¹" as "ℝ² →" | "ℝ⁴ → ℝ¹"."""
    from tests.gui.app.layout_checks import lines_between
    text = tab.caption.text()
    assert "ℝ²" in text and "ℝ¹" in text
    broken = [width for width in range(120, 900, 7)
              if lines_between(tab.caption, "ℝ²", "ℝ¹", width) != 0]
    assert broken == []
