"""DescentPanel: controls drive the model, the model drives the controls, statuses are right."""
import pytest
from PySide6.QtCore import Qt

from engine.optimizers import HYPERPARAMETERS, METHODS, descend
from gui.explorer.descent_panel import DescentPanel
from gui.explorer.run_notices import CRITICAL_RATE
from gui.explorer.learning_rate_control import lr_from_tick, tick_from_lr
from gui.app.presets import default_preset, find_preset
from gui.widgets.field_keys import applies


@pytest.fixture
def panel(shown, model):
    w = DescentPanel(model)
    model.load_preset(default_preset())
    assert model.wait_for_analysis()
    return shown(w, 300, 900)


def test_method_list_holds_every_method_in_order(panel):
    items = [panel.method_list.item(i) for i in range(panel.method_list.count())]
    assert [it.data(Qt.ItemDataRole.UserRole) for it in items] == list(METHODS)
    assert items[METHODS.index("newton")].text() == "Newton  (η = 1)"   # its full step
    assert panel.checked_methods() == ("gd",)


def test_ticking_methods_sets_model_methods_in_methods_order(panel, model):
    panel.set_method_checked("adam", True)
    panel.set_method_checked("momentum", True)
    assert model.settings.methods == ("gd", "momentum", "adam")
    assert set(model.paths) == {"gd", "momentum", "adam"}
    panel.set_method_checked("gd", False)
    assert model.settings.methods == ("momentum", "adam")


def test_last_method_cannot_be_unticked(panel, model):
    panel.set_method_checked("gd", False)
    assert model.settings.methods == ("gd",)
    assert panel.checked_methods() == ("gd",)


def test_lr_box_sets_model_and_slider(panel, model):
    panel.lr_control.box.setValue(0.05)
    assert model.settings.lr == pytest.approx(0.05)
    assert panel.lr_control.slider.value() == tick_from_lr(0.05)


def test_lr_slider_burst_is_merged_into_one_setting(panel, model, qtbot):
    seen = []
    model.settingsChanged.connect(lambda s: seen.append(s.lr))
    for tick in (500, 600, 700, 800):
        panel.lr_control.slider.setValue(tick)
    assert seen == []                                     # nothing until the burst ends
    qtbot.waitUntil(lambda: len(seen) == 1)
    assert model.settings.lr == pytest.approx(lr_from_tick(800))
    assert panel.lr_control.box.value() == pytest.approx(lr_from_tick(800))


def test_lr_box_shows_small_rates_legibly(panel):
    panel.lr_control.set_value(1e-4)
    assert panel.lr_control.box.text() == "0.0001"
    assert panel.lr_control.box.value() == pytest.approx(1e-4)


def test_hyperparameter_forms_follow_checked_methods_and_set_hyper(panel, model):
    panel.set_method_checked("adam", True)
    forms = panel.hyper_forms.forms
    assert forms["adam"].isVisibleTo(panel)
    # momentum's is not shown: never built (it is built when first ticked), or hidden
    assert "momentum" not in forms or not forms["momentum"].isVisibleTo(panel)
    beta1, beta2 = panel.hyper_forms.field("adam", "betas")
    assert (beta1.value(), beta2.value()) == HYPERPARAMETERS["adam"]["betas"]
    beta1.setValue(0.8)
    assert model.settings.hyper["adam"]["betas"] == pytest.approx((0.8, 0.999))
    panel.hyper_forms.field("adam", "amsgrad").setChecked(True)
    assert model.settings.hyper["adam"]["amsgrad"] is True
    assert model.paths["adam"].hyper["amsgrad"] is True
    eps = panel.hyper_forms.field("adam", "eps")
    assert eps.text() == "1e-08"


def test_noise_seed_clip_and_max_steps_set_the_model(panel, model):
    assert not applies(panel.seed_box)                    # the seed only matters with noise
    panel.noise_box.setValue(0.5)
    assert model.settings.noise == 0.5 and applies(panel.seed_box)
    panel.seed_box.setValue(7)
    assert model.settings.seed == 7
    panel.clip_box.setValue(2.0)                          # not yet clipping
    assert model.settings.clip is None
    panel.clip_check.setChecked(True)
    assert model.settings.clip == 2.0
    panel.clip_check.setChecked(False)
    assert model.settings.clip is None
    panel.max_steps_box.setValue(30)
    assert model.settings.max_steps == 30 and model.last_frame <= 30


def test_start_boxes_follow_and_set_the_start(panel, model):
    assert [b.value() for b in panel.start_boxes] == [3.0, 2.0]
    assert panel.start_labels[0].text() == "x =" and panel.start_labels[1].text() == "y ="
    model.set_start((-1.0, 0.5))
    assert [b.value() for b in panel.start_boxes] == [-1.0, 0.5]
    panel.start_boxes[0].setValue(1.5)
    assert model.start == (1.5, 0.5)
    assert model.paths["gd"].points[0].tolist() == [1.5, 0.5]


def test_preset_sets_every_control(panel, model):
    model.load_preset(find_preset("Rosenbrock's banana"))
    assert model.wait_for_analysis()
    assert panel.checked_methods() == ("gd", "momentum", "adam")
    assert panel.lr_control.box.value() == pytest.approx(0.001)
    assert panel.lr_control.slider.value() == tick_from_lr(0.001)
    assert panel.max_steps_box.value() == 500
    assert [b.value() for b in panel.start_boxes] == [-1.5, 2.0]
    assert model.settings.methods == ("gd", "momentum", "adam")  # no echo changed it


def test_one_variable_preset_shows_one_start_box(panel, model):
    model.load_preset(find_preset("Seed: L(w) = (w − 3)²"))
    assert model.wait_for_analysis()
    assert panel.start_boxes[0].isVisibleTo(panel) and not panel.start_boxes[1].isVisibleTo(panel)
    assert panel.start_labels[0].text() == "w ="
    panel.start_boxes[0].setValue(1.0)
    assert model.start == (1.0,)


def test_converged_status_after_playing_to_the_end(panel, model, qtbot):
    engine_path = descend(model.expression, (3, 2), "gd", lr=0.1, steps=100)
    assert engine_path.status == "converged"
    playback = panel.playback
    assert playback.status_text("gd") == "Gradient descent: ready to start"   # not "running"
    playback.speed_slider.setValue(120)
    qtbot.mouseClick(playback.play_button, Qt.MouseButton.LeftButton)
    assert model.playing and playback.play_button.text() == "Pause"
    qtbot.waitUntil(lambda: not model.playing, timeout=10000)
    assert playback.play_button.text() == "Play"
    assert model.frame == engine_path.stop_step
    assert playback.status_text("gd") == (
        f"Gradient descent: converged at step {engine_path.stop_step}")
    assert playback.frame_label.text() == f"step {engine_path.stop_step} / {engine_path.stop_step}"


def test_diverging_learning_rate_says_diverged(panel, model):
    panel.lr_control.box.setValue(1.5)
    path = model.paths["gd"]
    assert path.status == "diverged"
    model.set_frame(model.last_frame)
    # a warning that names the cause: on x² + 2y², λmax = 4, so GD is stable below η = 0.5
    assert panel.playback.status_text("gd") == (
        f"⚠ Gradient descent diverged at step {path.stop_step}: f blew up — "
        f"η = 1.5 > {CRITICAL_RATE} = 0.5")
    assert panel.playback.warned["gd"]


def test_max_steps_status(panel, model):
    panel.max_steps_box.setValue(10)
    model.set_frame(10)
    assert panel.playback.status_text("gd") == "Gradient descent: reached max steps"


def test_step_step_back_and_reset_move_the_frame(panel, model, qtbot):
    playback = panel.playback
    assert model.frame == 0 and not playback.step_back_button.isEnabled()
    qtbot.mouseClick(playback.step_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(playback.step_button, Qt.MouseButton.LeftButton)
    assert model.frame == 2 and playback.frame_label.text() == f"step 2 / {model.last_frame}"
    qtbot.mouseClick(playback.step_back_button, Qt.MouseButton.LeftButton)
    assert model.frame == 1
    qtbot.mouseClick(playback.reset_button, Qt.MouseButton.LeftButton)
    assert model.frame == 0


def test_speed_slider_sets_model_speed(panel, model):
    panel.playback.speed_slider.setValue(42)
    assert model.speed == 42.0
    assert panel.playback.speed_label.text() == "42 steps/s"


def test_every_control_has_a_tooltip(panel):
    from PySide6.QtWidgets import QAbstractButton, QAbstractSlider, QAbstractSpinBox
    controls = panel.findChildren(QAbstractButton) + panel.findChildren(QAbstractSlider) + \
        panel.findChildren(QAbstractSpinBox)
    controls = [c for c in controls if c.parent() is not None
                and type(c).__name__ not in ("QScrollBar",)]
    missing = [c for c in controls if not c.toolTip()]
    assert not missing, [type(c).__name__ + ":" + getattr(c, "text", lambda: "")() for c in missing]


def test_method_settings_group_only_for_methods_with_settings(panel):
    assert not panel.hyper_group.isVisibleTo(panel)       # plain GD has none
    panel.set_method_checked("newton", True)
    assert not panel.hyper_group.isVisibleTo(panel)
    assert panel.newton_note.isVisibleTo(panel)
    panel.set_method_checked("rmsprop", True)
    assert panel.hyper_group.isVisibleTo(panel)


def test_screenshot_two_methods(panel, model, screenshot, qtbot):
    panel.set_method_checked("momentum", True)
    model.set_frame(12)
    qtbot.wait(50)                                        # let the layout settle
    screenshot(panel, "descent_panel_two_methods")


def test_method_list_shows_every_row_at_a_presentation_scale(panel, qtbot):
    from PySide6.QtWidgets import QApplication
    from gui.widgets import theme
    app = QApplication.instance()
    try:
        theme.apply_theme(app, panel, "light", 1.5)
        qtbot.wait(50)
        lst = panel.method_list
        rows = sum(lst.sizeHintForRow(i) for i in range(lst.count()))
        assert lst.viewport().height() >= rows
        last = lst.visualItemRect(lst.item(lst.count() - 1))
        assert last.bottom() < lst.viewport().height()
    finally:
        theme.apply_theme(app, panel, "light", 1.0)


def test_newton_swatch_is_visible_on_the_dark_theme(panel, qtbot):
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QApplication
    from engine.optimizers import METHODS
    from gui.widgets import theme
    app = QApplication.instance()
    item = panel.method_list.item(list(METHODS).index("newton"))

    def swatch_lightness():
        return QColor(item.icon().pixmap(14, 14).toImage().pixel(7, 7)).lightnessF()
    try:
        theme.apply_theme(app, panel, "dark", 1.0)
        assert swatch_lightness() > 0.5
        theme.apply_theme(app, panel, "light", 1.0)
        assert swatch_lightness() < 0.2                  # black again on white
    finally:
        theme.apply_theme(app, panel, "light", 1.0)


def test_paused_is_never_called_running(panel, model, qtbot):
    playback = panel.playback
    assert "running" not in playback.status_text("gd")
    model.set_frame(4)
    assert playback.status_text("gd") == "Gradient descent: paused at step 4"
    model.play()
    assert playback.status_text("gd").startswith("Gradient descent: running (step ")
    model.pause()
    assert playback.status_text("gd") == f"Gradient descent: paused at step {model.frame}"


def _wheel(widget, steps):
    """A real wheel turn over the middle of `widget` (+1 = one notch away from the user)."""
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(centre.toPoint())), QPoint(),
                        QPoint(0, 120 * steps), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def test_wheel_over_a_field_scrolls_the_panel_instead_of_changing_it(qtbot, shown, model):
    # at 1280×720 the side panel scrolls; the wheel stopped at the noise box and turned
    # the SGD noise from 0 to 0.2 (the descent with it) while the lecturer scrolled
    from gui.widgets.scroll_page import VerticalScrollArea
    panel = DescentPanel(model)
    model.load_preset(default_preset())
    assert model.wait_for_analysis()
    shown(panel, 300, 520)
    area = panel.findChild(VerticalScrollArea)
    bar = area.verticalScrollBar()
    assert bar.isVisible() and bar.maximum() > 0
    area.ensureWidgetVisible(panel.noise_box)
    qtbot.wait(20)
    top_left = panel.noise_box.rect().topLeft()
    before_y, before_bar = panel.noise_box.mapTo(area.viewport(), top_left).y(), bar.value()
    path_before = model.paths["gd"].points.copy()
    _wheel(panel.noise_box, +2)
    assert panel.noise_box.value() == 0 and panel.noise_box.text() == "0"
    assert model.settings.noise == 0
    assert (model.paths["gd"].points == path_before).all()
    assert bar.value() < before_bar                        # the panel scrolled up instead
    after_y = panel.noise_box.mapTo(area.viewport(), top_left).y()
    assert after_y == before_y + (before_bar - bar.value())
    assert not panel.noise_box.hasFocus()
    # a field the lecturer clicked into takes the wheel as before
    area.ensureWidgetVisible(panel.noise_box)
    panel.activateWindow()
    qtbot.mouseClick(panel.noise_box.lineEdit(), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(panel.noise_box.hasFocus)
    _wheel(panel.noise_box, +1)
    assert panel.noise_box.value() == pytest.approx(0.1)


def test_a_methods_settings_are_built_when_it_is_first_ticked(panel, model, qtbot):
    """The forms of methods never ticked are not built (~13 ms of every window); a
    ticked method's form shows its defaults, in METHODS order whatever the ticking order,
    and one built under the dark theme has the header colour the theme gives the others."""
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QApplication
    from gui.widgets import theme
    from gui.widgets.palette import METHOD_LABELS
    forms = panel.hyper_forms
    assert forms.forms == {} and panel.hyper_group.isHidden()     # GD has no settings
    for method in ("rmsprop", "momentum"):
        panel.set_method_checked(method, True)
    assert set(forms.forms) == {"momentum", "rmsprop"}

    def top(form):
        return form.mapTo(panel, QPoint(0, 0)).y()
    qtbot.waitUntil(lambda: all(f.isVisible() for f in forms.forms.values()))
    qtbot.waitUntil(lambda: top(forms.forms["momentum"]) < top(forms.forms["rmsprop"]))
    assert [f.header.text() for f in sorted(forms.forms.values(), key=top)] == [
        f"{METHOD_LABELS[m]} settings" for m in ("momentum", "rmsprop")]
    assert forms.field("rmsprop", "alpha").value() == HYPERPARAMETERS["rmsprop"]["alpha"]
    # a form built under the dark theme looks as one built under light and then switched
    from gui.explorer.hyperparameter_forms import HyperparameterForms
    panel.set_method_checked("adam", True)
    app = QApplication.instance()
    try:
        theme.apply_theme(app, panel, "dark", 1.0)
        switched = forms.forms["adam"].header.styleSheet()
        assert "/* dark 1 */" in switched             # (restyled by the switch: theme, scale)
        late = HyperparameterForms()
        late.show_settings(("adam",), {})
        assert late.forms["adam"].header.styleSheet() == switched
    finally:
        theme.apply_theme(app, panel, "light", 1.0)


def test_newton_row_says_the_eta_its_run_steps_with(panel, model, qtbot):
    """"Newton (always lr = 1)" was false once Newton's run had its own η (a click on its
    curve in the learning-rate sweep sets one, through the same set_settings): the row
    shows the η each Newton run steps with, whole on the screen, and back to 1."""
    from dataclasses import replace
    from gui.plots import runs as race
    panel.set_method_checked("newton", True)
    row = METHODS.index("newton")
    item = panel.method_list.item(row)
    assert item.text() == "Newton  (η = 1)"
    runs = list(model.settings.runs)
    i = next(k for k, r in enumerate(runs) if r.method == "newton")
    runs[i] = replace(runs[i], lr=0.3)
    model.set_settings(runs=tuple(runs))
    assert item.text() == "Newton  (η = 0.3)"
    assert "always" not in item.text()
    # a second Newton run on the shared step: both η, in run order
    model.set_settings(runs=race.duplicate(model.settings.runs, i))
    runs = list(model.settings.runs)
    runs[i + 1] = replace(runs[i + 1], lr=None)
    model.set_settings(runs=tuple(runs))
    assert item.text() == "Newton  (η = 0.3, 1)"
    # on the screen: the row's text fits its row (not cut), after the swatch and box
    qtbot.wait(20)
    shown_rect = panel.method_list.visualItemRect(item)
    width = panel.method_list.fontMetrics().horizontalAdvance(item.text())
    assert width + 14 + 20 < shown_rect.width() <= panel.method_list.viewport().width()
    assert "unless its run sets its own η" in panel.newton_note.text()
    runs = [replace(r, lr=None) for r in model.settings.runs]
    model.set_settings(runs=tuple(runs))
    assert item.text() == "Newton  (η = 1)"
