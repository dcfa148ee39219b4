"""The Neuron tab shows engine.neuron's numbers at every stage, trains, and saves its state."""
import re

import numpy as np
import pytest
from numpy.testing import assert_allclose

from engine.expression import parse
from engine.neuron import Neuron
from engine.optimizers import descend
from gui.neuron.formulas import fmt, tex
from gui.neuron.model import STAGE_KEYS, STAGES


@pytest.fixture
def tab(shown):
    from gui.neuron.tab import NeuronTab
    t = shown(NeuronTab(), 1400, 820)
    assert t.training.landscape_model.wait_for_analysis()   # the loss compiles in a worker
    yield t
    t.model.shutdown()
    t.training.shutdown()


def engine_step(x=2.0, w=0.5, b=0.1, target=0.7, lr=0.1, activation="sigmoid"):
    return Neuron(w, b, activation).train_step(x, target, lr)


def go_to(tab, key):
    tab.model.set_stage(STAGE_KEYS.index(key))


def settled_screenshot(qtbot, screenshot, tab, name):
    # The contour view resamples its image a moment after its range settles; wait for
    # that so the picture shows what a user sees (nothing asserted depends on it): until
    # no resample is pending and the map is the one for the range shown (a fixed 400 ms
    # before)
    view = tab.training.contour_view
    qtbot.wait(10)                  # what the last change posted runs first
    qtbot.waitUntil(lambda: not view._settle.isActive() and view.landscape is not None
                    and view.landscape.window == view._grid_window(), timeout=5000)
    screenshot(tab, name)


def test_seed_example_numbers_at_every_stage(tab, qtbot, screenshot):
    s = engine_step()
    # the seed's example, exactly: these are the numbers the tab must show
    assert_allclose([s.z, s.output, s.loss, s.dloss_doutput, s.doutput_dz, s.dloss_dw,
                     s.dloss_db, s.w_new, s.b_new],
                    [1.1, 0.7502601, 0.0012630, 0.0502601, 0.1873699, 0.0188345,
                     0.0094172, 0.4981166, 0.0990583], atol=5e-8)
    graph, m = tab.graph, tab.model
    assert m.step == s
    # before the forward pass only the inputs are known
    assert graph.node_text("z") == "z = w·x + b"
    assert graph.node_text("w") == "w = 0.5"
    assert graph.node_text("x") == "x = 2" and graph.node_text("target") == "target = 0.7"

    expected = {   # stage -> (where, the text it shows, the formula's result)
        "z": (lambda: graph.node_text("z"), "1.1", s.z),
        "output": (lambda: graph.node_text("output"), "0.7502601", s.output),
        "loss": (lambda: graph.node_text("loss"), fmt(s.loss), s.loss),
        "dL_doutput": (lambda: graph.edge_text("output", "loss"), fmt(s.dloss_doutput),
                       s.dloss_doutput),
        "doutput_dz": (lambda: graph.edge_text("z", "output"), fmt(s.doutput_dz), s.doutput_dz),
        "dL_dw": (lambda: graph.node_text("w"), f"∂L/∂w = {fmt(s.dloss_dw)}", s.dloss_dw),
        "dL_db": (lambda: graph.node_text("b"), f"∂L/∂b = {fmt(s.dloss_db)}", s.dloss_db),
        "update_w": (lambda: graph.node_text("w"), f"w ← {fmt(s.w_new)}", s.w_new),
        "update_b": (lambda: graph.node_text("b"), f"b ← {fmt(s.b_new)}", s.b_new),
    }
    assert fmt(s.output) == "0.75026" and fmt(s.dloss_dw) == "0.0188345"
    for key in STAGE_KEYS[1:]:
        m.next_stage()
        assert STAGES[m.stage].key == key
        if key in expected:
            where, text, result = expected[key]
            assert text in where()
            # one number, one way: ∂L/∂output is 0.0502601 here as on the graph's edge
            # and in the chain rule (it showed 0.05026 here, to add up with σ(1.1) at
            # 6 digits, 0.75026: the operand now carries the digits, 0.7502601)
            assert tab.formula.latex.endswith(
                "= 0.7502601" if key == "output" else f"= {tex(result)}")
            if key == "dL_doutput":
                assert "= 0.7502601 - 0.7 = 0.0502601" in tab.formula.latex
        if key == "loss":
            settled_screenshot(qtbot, screenshot, tab, "neuron_forward")
    # the edges carry the local derivatives, the formula the chain-rule product
    assert graph.edge_text("w", "z") == "∂z/∂w = x = 2"      # one line, under its arrow
    assert graph.edge_text("b", "z") == "∂z/∂b = 1"
    go_to(tab, "dL_dw")
    assert "0.0502601 \\times 0.18737 \\times 2 = 0.0188345" in tab.formula.latex
    settled_screenshot(qtbot, screenshot, tab, "neuron_backward")
    go_to(tab, "update_w")
    assert "0.5 - 0.1 \\times 0.0188345 = 0.498117" in tab.formula.latex
    settled_screenshot(qtbot, screenshot, tab, "neuron_update")
    # stepping back hides what has not been computed yet
    go_to(tab, "output")
    assert fmt(s.loss) not in graph.node_text("loss")
    assert graph.edge_text("output", "loss") == ""


def test_seed_rounding_note_uses_the_engine(tab):
    s = engine_step()
    # (no-break spaces around "=", a word joiner in "∂L/∂w")
    note = tab.note.text().replace("\u00a0", " ").replace("\u2060", "")
    assert "0.75" in note and "0.01875" in note and "0.498125" in note
    # the exact values as the stages write them: w_new read 0.4981166 here while the
    # update stage showed w ← 0.498117 (walkthrough s19)
    assert "σ(1.1) = 0.7502601," in note and "∂L/∂w = 0.0188345," in note
    assert "w_new = 0.498117." in note and "0.4981166" not in note
    go_to(tab, "update_w")
    assert "w ← 0.498117" in tab.graph.node_text("w")


def test_the_seed_note_says_when_it_no_longer_applies(tab, qtbot):
    """The note describes the seed's first step (x = 2, w = 0.5, b = 0.1); after Train N
    steps it read the same beside w = 0.411566 (the walkthrough's 20_trained.png)."""
    from PySide6.QtCore import Qt
    note = lambda: tab.note.text().replace("\u00a0", " ")    # noqa: E731
    assert "No longer applies" not in note() and "(x = 2, w = 0.5, b = 0.1)" in note()
    qtbot.mouseClick(tab.training.train_button, Qt.MouseButton.LeftButton)
    trained = Neuron(0.5, 0.1, "sigmoid")
    trained.train(2.0, 0.7, 0.1, 100)
    assert (tab.model.w, tab.model.b) == pytest.approx((trained.w, trained.b))
    assert fmt(tab.model.w) == "0.411566" and len(tab.model.history) == 100
    assert note().startswith("<i>No longer applies — training moved w and b:</i> Example 3")
    qtbot.mouseClick(tab.training.reset_button, Qt.MouseButton.LeftButton)
    assert (tab.model.w, tab.model.b) == (0.5, 0.1)
    assert "No longer applies" not in note()
    tab.spins["x"].setValue(-1.5)
    tab.spins["lr"].setValue(0.3)
    assert note().startswith("<i>No longer applies — you changed x and η:</i>")


def test_editing_w_shows_the_engines_numbers(tab, qtbot):
    go_to(tab, "dL_dw")
    tab.spins["w"].setValue(-0.8)
    s = engine_step(w=-0.8)
    assert tab.model.step == s
    assert f"∂L/∂w = {fmt(s.dloss_dw)}" in tab.graph.node_text("w")
    assert tab.formula.latex.endswith(f"= {tex(s.dloss_dw)}")
    go_to(tab, "z")
    assert tab.graph.node_text("z").endswith(fmt(s.z))
    assert "(-0.8)" not in tab.formula.latex and "-0.8 \\times 2" in tab.formula.latex


@pytest.mark.parametrize("activation", ["tanh", "relu", "linear"])
def test_other_activations(tab, activation):
    tab.activation.setCurrentIndex(tab.activation.findData(activation))
    s = engine_step(activation=activation)
    assert tab.model.step == s
    for key in STAGE_KEYS:
        go_to(tab, key)
    assert tab.graph.node_text("output").splitlines()[-1] == fmt(s.output)
    assert fmt(s.doutput_dz) in tab.graph.edge_text("z", "output")
    assert f"∂L/∂w = {fmt(s.dloss_dw)}" in tab.graph.node_text("w")
    go_to(tab, "doutput_dz")
    assert tex(s.doutput_dz) in tab.formula.latex
    if activation == "tanh":
        assert fmt(s.output) == "0.800499"
        assert tab.graph.node_text("output").startswith("output = tanh(z)\n")


def test_next_step_after_update_applies_it(tab):
    s = engine_step()
    go_to(tab, "update_b")
    tab.next_button.click()
    assert tab.model.stage == 0
    assert (tab.model.w, tab.model.b) == (s.w_new, s.b_new)
    assert tab.model.history == (s,)
    assert tab.graph.node_text("w") == f"w = {fmt(s.w_new)}"


def test_play_walks_through_one_step(tab, qtbot):
    tab.model.playback.set_interval(5)
    tab.play_button.click()
    qtbot.waitUntil(lambda: not tab.model.playing, timeout=5000)
    assert STAGES[tab.model.stage].key == "update_b"
    assert tab.model.history == ()


def test_training_reduces_the_loss_and_matches_the_explorer_descent(tab, qtbot, screenshot):
    panel = tab.training
    panel.train_steps.setValue(300)
    panel.train_button.click()
    history = tab.model.history
    expected = Neuron(0.5, 0.1).train(2.0, 0.7, 0.1, 300)
    assert history == tuple(expected)
    losses = panel.loss_curve.getData()[1]
    assert len(losses) == 301 and losses[-1] < 0.2 * losses[0]
    assert_allclose(losses[:-1], [s.loss for s in expected])
    assert (tab.model.w, tab.model.b) == (expected[-1].w_new, expected[-1].b_new)

    # the explorer's gradient descent on the loss written as an expression is the same run
    lm = panel.landscape_model
    assert lm.text == "(sigmoid(2w + b) - 0.7)^2/2"
    assert lm.expression.variables == ("b", "w")
    path = lm.paths["gd"]
    run = np.array([(s.b, s.w) for s in expected] + [(expected[-1].b_new, expected[-1].w_new)])
    assert_allclose(path.points, run, rtol=1e-12, atol=1e-15)
    assert_allclose(path.values[:-1], [s.loss for s in expected], rtol=1e-9)
    independent = descend(parse("(sigmoid(2w + b) - 0.7)^2/2"), (0.1, 0.5), "gd", lr=0.1,
                          steps=300)
    assert_allclose(independent.points, run, rtol=1e-12, atol=1e-15)
    # and the contour map draws it whole
    xs, ys = panel.contour_view.path_items["gd"].getData()
    assert_allclose(np.column_stack([xs, ys]), run)
    go_to(tab, "loss")
    assert tab.graph.node_text("loss").endswith(fmt(tab.model.step.loss))
    settled_screenshot(qtbot, screenshot, tab, "neuron_trained")


def test_landscape_expressions_for_each_activation(tab):
    for activation in ("tanh", "relu", "linear"):
        tab.model.set_activation(activation)
        tab.model.set_x(-1.5)
        tab.model.train(20)
        assert tab.training.landscape_model.wait_for_analysis()   # compiled in the worker
        f = tab.training.landscape_model.expression
        run = tab.model.history
        for s in run[::5]:
            assert_allclose(f(s.b, s.w), s.loss, rtol=1e-12, atol=1e-15)
        assert_allclose(tab.training.landscape_model.paths["gd"].points[-1],
                        (tab.model.b, tab.model.w), rtol=1e-12)


def test_state_round_trip(tab, qtbot):
    from gui.neuron.tab import NeuronTab
    m = tab.model
    m.set_activation("tanh")
    m.set_x(1.5)
    m.set_target(-0.2)
    m.set_lr(0.3)
    m.train(40)
    m.set_stage(7)
    state = m.get_state()
    assert all(isinstance(v, (int, float, str, list)) for v in state.values())
    other = NeuronTab()
    qtbot.addWidget(other)
    other.model.set_state(state)
    assert other.model.get_state() == state
    assert other.model.history == m.history and other.model.step == m.step
    assert other.graph.node_text("w") == tab.graph.node_text("w")
    assert other.spins["x"].value() == 1.5
    assert other.activation.currentData() == "tanh"
    other.model.shutdown()
    other.training.shutdown()


def test_signals_fire_only_on_change(tab, qtbot):
    m = tab.model
    seen = []
    m.parametersChanged.connect(seen.append)
    m.stepChanged.connect(seen.append)
    m.stageChanged.connect(seen.append)
    m.set_w(0.5)
    m.set_activation("sigmoid")
    m.set_stage(0)
    m.previous_stage()
    assert seen == []
    m.set_w(0.25)
    assert len(seen) == 2


def test_a_diverging_run_stops_where_descend_stops(tab):
    m = tab.model
    m.set_activation("linear")
    m.set_lr(2.0)          # |1 - lr (x² + 1)| = 9 > 1: every step multiplies the error by -9
    m.train(500)
    assert tab.training.landscape_model.wait_for_analysis()
    assert m.diverged and 0 < len(m.history) < 500
    assert abs(m.step.loss) > 1e12 and all(abs(s.loss) <= 1e12 for s in m.history)
    path = tab.training.landscape_model.paths["gd"]
    assert path.status == "diverged"
    assert_allclose(path.points[-1], (m.b, m.w), rtol=1e-9)
    assert len(path.points) == len(m.history) + 1
    assert not tab.training.train_button.isEnabled()
    assert "diverged" in tab.training.summary.text()
    m.train(10)                              # no further
    assert len(m.history) == len(path.points) - 1
    m.reset_training()
    assert (m.w, m.b) == (0.5, 0.1) and m.history == () and not m.diverged


def test_bad_states_change_nothing(tab):
    m = tab.model
    m.train(5)
    before = m.get_state()
    for bad in ({**before, "activation": "softmax"}, {**before, "lr": -1.0},
                {**before, "w": float("nan")}, {**before, "trained_steps": -3},
                {**before, "stage": 99}, {**before, "start": [1.0]}, {**before, "x": "2"}):
        with pytest.raises(ValueError):
            m.set_state(bad)
        assert m.get_state() == before


def test_a_click_on_the_landscape_starts_a_new_run_there(tab):
    tab.model.train(30)
    tab.training.landscape_model.set_start((0.3, -0.2))     # what a click on (b, w) does
    assert (tab.model.w, tab.model.b) == (-0.2, 0.3) and tab.model.history == ()
    assert tab.model.step == engine_step(w=-0.2, b=0.3)
    assert tab.spins["w"].value() == -0.2


def test_the_main_window_has_the_neuron_tab(window):
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert "Neuron" in titles
    from gui.neuron.tab import NeuronTab
    window.show_tab("neuron")                # built when first shown
    tab = window.tabs.widget(titles.index("Neuron"))
    assert isinstance(tab, NeuronTab) and tab.model is window.neuron_model
    assert tab.model.step == engine_step()


@pytest.mark.parametrize("size", [(1400, 820), (1280, 620), (900, 560)])
def test_loss_landscape_surface_and_labels_inside_the_picture(tab, qtbot, size):
    surface = tab.training.surface_view
    if surface.gl is None:
        pytest.skip("no OpenGL")
    tab.resize(*size)
    qtbot.waitUntil(lambda: surface.mapping is not None, timeout=5000)
    qtbot.wait(200)                         # the re-framing after the resize
    from PySide6.QtWidgets import QLabel
    labels = [label for label in surface.gl.canvas.findChildren(QLabel) if label.isVisible()]
    assert labels                           # the axes are labelled …
    for label in labels:                    # … and no label is cut at the sides
        assert surface.gl.rect().contains(label.geometry()), (label.text(), label.geometry())
    assert surface.outside() == 0.0         # nor the box (the surface's bottom) anywhere


def test_neuron_tab_fits_1280_at_scale_1_5(tab, qtbot):
    from PySide6.QtWidgets import QApplication
    from gui.widgets import theme
    app = QApplication.instance()
    try:
        theme.apply_theme(app, tab, "dark", 1.5)
        qtbot.wait(50)
        assert tab.minimumSizeHint().width() <= 1260
        tab.resize(1260, 700)
        qtbot.wait(50)
        for box in tab.spins.values():       # the values still show whole
            assert box.width() >= box.fontMetrics().horizontalAdvance(box.text()) + 20
    finally:
        theme.apply_theme(app, tab, "light", 1.0)


def test_formula_is_light_on_the_dark_theme(tab, qtbot):
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QApplication
    from gui.widgets import theme
    app = QApplication.instance()

    def brightest():
        image = tab.formula.grab().toImage()
        return max(QColor(image.pixel(x, y)).lightnessF()
                   for x in range(0, image.width(), 3) for y in range(0, image.height(), 3))
    try:
        theme.apply_theme(app, tab, "dark", 1.0)
        qtbot.wait(50)
        assert brightest() > 0.8
    finally:
        theme.apply_theme(app, tab, "light", 1.0)


def _dot_inside_the_frame(panel) -> tuple:
    """(the current loss's dot, half its size and rim) in scene pixels, and the frame."""
    from PySide6.QtCore import QPointF
    from gui.neuron.training_panel import LOSS_DOT_PX
    vb = panel.loss_plot.getPlotItem().vb
    (x,), (y,) = panel.loss_now.getData()
    centre = vb.mapViewToScene(QPointF(x, y))
    half = LOSS_DOT_PX / 2 + 2                  # its white rim (2 px) drawn outside it
    frame = vb.sceneBoundingRect()
    return (frame.left() <= centre.x() - half and centre.x() + half <= frame.right()
            and frame.top() <= centre.y() - half and centre.y() + half <= frame.bottom())


def test_the_last_loss_dot_is_whole_inside_the_loss_plot(tab, qtbot):
    # trained until L ≈ 0 at the last step: the dot sat on the bottom-right corner, cut
    panel = tab.training
    panel.train_steps.setValue(100)
    panel.train_button.click()
    qtbot.waitUntil(lambda: len(panel.loss_curve.getData()[1]) == 101)
    assert panel.loss_now.getData()[1][0] < 0.05 * panel.loss_curve.getData()[1][0]
    assert _dot_inside_the_frame(panel)
    tab.resize(900, 700)                         # a narrower plot: still whole
    qtbot.waitUntil(lambda: _dot_inside_the_frame(panel))
    lo, hi = panel.loss_plot.getPlotItem().vb.viewRange()[1]
    assert lo <= 0 < hi                          # L = 0 still on the axis


@pytest.mark.parametrize("activation, w, output", [("sigmoid", 0.5, "0.7502601"),
                                                   ("linear", 0.5123456, "1.1246912")])
def test_the_output_reads_alike_at_every_stage(tab, activation, w, output):
    """σ(z) read 0.75026 on the graph and at stages 3, 4 and 6 but 0.7502601 at stage 5
    (output − target, which needs the 7th digit to add up): one value, one text, on the
    graph and in every stage's formula (z too, where output = z). (2 · 0.5123456 + 0.1 is
    1.1246912 to within float rounding: all its 8 digits, number_text.significant_text.)"""
    tab.model.set_activation(activation)
    tab.model.set_w(w)
    s = tab.model.step
    pattern = re.escape(output[:5]) + r"\d*"       # the output at any number of digits
    seen = set()
    for key in STAGE_KEYS[1:]:
        go_to(tab, key)
        seen.update(re.findall(pattern, tab.formula.latex))
        seen.update(re.findall(pattern, tab.graph.node_text("output")))
        seen.update(re.findall(pattern, tab.graph.node_text("z")))
    assert seen == {output}, (s.output, seen)
