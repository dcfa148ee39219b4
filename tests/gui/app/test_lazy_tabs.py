"""The Neuron and Network tabs are built when first shown (a faster start), yet sessions,
keys, themes and exports treat them as if they had always been there."""
import pytest
from PySide6.QtCore import Qt

from gui.app.application import build_window
from gui.network.model import NetworkModel
from gui.network.tab import NetworkTab
from gui.neuron.model import NeuronModel
from gui.neuron.tab import NeuronTab
from gui.app.session import save_session


@pytest.fixture
def fresh(window):
    """A window just built and shown (conftest's): only the explorer has been looked at."""
    return window


def _key(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    window.tabs.tabBar().setFocus()
    qtbot.keyClick(window.tabs.tabBar(), key, modifier)


def test_the_start_builds_the_explorer_only_key_2_shows_a_built_neuron_tab_and_key_3_the_network(
        fresh, qtbot):
    # (one window for both: the keys' half needs a start that built nothing else, which
    # is what the first half checks; issue 15)
    assert fresh._lazy_tabs == {}
    assert [fresh.tabs.tabText(i) for i in range(3)] == ["Explorer", "Neuron", "Network"]
    assert "(key 2)" in fresh.tabs.tabToolTip(1) and "(key 3)" in fresh.tabs.tabToolTip(2)
    assert fresh.current_tab == "explorer"

    _key(qtbot, fresh, Qt.Key.Key_2)
    tab = fresh.tabs.currentWidget()
    assert fresh.current_tab == "neuron" and isinstance(tab, NeuronTab)
    assert tab is fresh.neuron and tab.model is fresh.neuron_model
    qtbot.waitUntil(tab.formula.isVisible, timeout=2000)
    assert tab.stage_label.text() and tab.formula.latex     # it shows its first stage
    assert fresh.tabs.tabText(1) == "Neuron" and "(key 2)" in fresh.tabs.tabToolTip(1)
    _key(qtbot, fresh, Qt.Key.Key_Right)                    # the keys drive it
    assert fresh.neuron_model.stage == 1

    _key(qtbot, fresh, Qt.Key.Key_3)
    assert fresh.current_tab == "network"
    assert isinstance(fresh.tabs.currentWidget(), NetworkTab)
    assert fresh.network.model is fresh.network_model and fresh.network.isVisible()
    _key(qtbot, fresh, Qt.Key.Key_1)
    _key(qtbot, fresh, Qt.Key.Key_2)                        # built once, shown again
    assert fresh.tabs.currentWidget() is tab


def test_a_session_applies_to_tabs_never_shown(fresh, qtbot, tmp_path):
    neuron, network = NeuronModel(), NetworkModel()         # a lecture prepared elsewhere
    neuron.set_x(1.5)
    neuron.set_activation("tanh")
    neuron.train(7)
    network.set_sizes("2-5-1")
    network.set_activation("relu")
    state = {**fresh.session.state(), "neuron": neuron.get_state(),
             "network": network.get_state()}
    path = save_session(tmp_path / "lecture.gradlab.json", state)
    assert fresh.commands.open(path)
    assert fresh._lazy_tabs == {}                            # nothing built for it
    assert fresh.neuron_model.get_state()["activation"] == "tanh"
    assert len(fresh.neuron_model.history) == 7
    assert fresh.network_model.sizes == (2, 5, 1)
    trained = fresh.neuron_model.get_state()

    neuron = fresh.neuron                                    # built now, from the models
    assert neuron.spins["x"].value() == 1.5
    assert neuron.activation.currentData() == "tanh"
    assert neuron.spins["w"].value() == pytest.approx(trained["w"], abs=1e-4)
    assert fresh.neuron_model.get_state() == trained       # building changed nothing
    network = fresh.network
    assert network.sizes_edit.text() == "2-5-1"
    assert network.activation_box.currentText().startswith("ReLU")


def test_a_session_that_opens_on_the_network_tab_builds_it(fresh, tmp_path):
    state = fresh.session.state()
    state["view"]["tab"] = "network"
    assert fresh.commands.open(save_session(tmp_path / "net.gradlab.json", state))
    assert fresh.current_tab == "network"
    assert isinstance(fresh.tabs.currentWidget(), NetworkTab)
    assert "neuron" not in fresh._lazy_tabs


def test_new_session_and_saving_need_no_tab_built(fresh, tmp_path):
    fresh.neuron_model.train(3)
    fresh.network_model.train(4)
    assert fresh.commands.save_as(tmp_path / "a")
    fresh.commands.new_session()
    assert fresh.neuron_model.history == () and fresh.network_model.get_state()["step"] == 0
    assert fresh._lazy_tabs == {}


def test_a_tab_or_curve_built_in_the_dark_theme_is_dark(fresh, qtbot):
    """The Neuron and Network tabs and the Explorer's 1-D curve, each built after the
    change (one window for the three: each is built the first time it is asked for)."""
    assert fresh._lazy_tabs == {} and fresh.explorer._curve_view is None
    fresh.commands.set_theme("dark")
    try:
        loss = fresh.neuron.training.loss_plot               # built after the change
        assert loss.backgroundBrush().color().lightnessF() < 0.1
        cost = fresh.network.cost_plot
        assert cost.backgroundBrush().color().lightnessF() < 0.1
        view = fresh.curve_view.plot_f.getViewBox().parentItem().getViewWidget()
        assert view.backgroundBrush().color().lightnessF() < 0.1
    finally:
        fresh.commands.set_theme("light")


def test_the_exports_of_a_tab_draw_the_built_tab(fresh, tmp_path):
    fresh.show_tab("network")
    out = fresh.commands.exports.export_picture(tmp_path / "net.png", "views", scale=1)
    assert out is not None and (tmp_path / "net.png").stat().st_size > 10_000
    assert fresh.view_widget("tab") is fresh.network


def test_the_views_of_a_2d_start_show_before_its_analysis(qtbot, settings):
    model, win = build_window(settings=settings)     # not yet analysed, not yet shown
    qtbot.addWidget(win)
    try:
        assert win.views.currentWidget() is win.pair        # not an empty 1-D plot
        assert win.explorer._curve_view is None                       # a 2-D start never needs it
    finally:
        model.shutdown()


def test_a_function_of_one_variable_builds_and_shows_the_curve(fresh, qtbot):
    assert fresh.view_widget("contour") is fresh.contour_view
    assert fresh.explorer._curve_view is None and fresh._lazy_tabs == {}   # asking built nothing
    fresh.model.set_text("x^3 - 2x")
    assert fresh.model.wait_for_analysis()
    qtbot.waitUntil(lambda: fresh.views.currentWidget() is fresh.explorer._curve_view, timeout=5000)
    curve = fresh.curve_view
    xs, ys = curve.curves["f"].getData()
    assert len(xs) > 10 and ys[0] == pytest.approx(xs[0] ** 3 - 2 * xs[0])
    assert fresh.curve_view is curve                         # built once
