"""The two lectures that ship with the app: each has at least 8 scenes with a title
and notes, every scene opens, plays its steps (computed live) and exports a picture."""
import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from gui.app.export import export_png
from gui.app.lecture_commands import lecture_label, sample_lectures
from tests.gui.app.lecture_helpers import SLOW_MS

# One window for the module (~1 s of CPU a build), put back by File ▸ New before each test
# (fixture `window`, which checks the scenes, tab, presentation and undo history are a
# fresh start's again): a lecture, its scenes and the network it trained are session
# state or what New puts back, and every test opens its lecture afresh.
pytestmark = [pytest.mark.shared_window, pytest.mark.xdist_group("lecture_samples_shared")]


def _distinct_colours(image: QImage) -> int:
    step = max(1, image.width() // 60)
    return len({image.pixel(x, y) for x in range(0, image.width(), step)
                for y in range(0, image.height(), step)})


def test_both_sample_lectures_are_in_the_help_menu():
    paths = sample_lectures()
    assert [lecture_label(p) for p in paths] == ["Derivatives and gradients",
                                                 "Networks as chains of functions"]


def test_a_sample_lecture_names_the_window(window, qtbot):
    """Opened from Help ▸ Sample lectures, the title bar read "Untitled — Gradient Lab";
    it names the lecture (still no file: Save asks where), and New is Untitled again."""
    lc = window.lecture_commands
    lc.samples_menu.actions()[0].trigger()
    assert window.windowHandle().title() == "Derivatives and gradients — Gradient Lab"
    assert window.session.path is None
    window.commands.new_session()
    assert window.windowHandle().title() == "Untitled — Gradient Lab"


def test_every_scene_of_both_lectures_opens_plays_and_exports(window, qtbot, tmp_path):
    lc = window.lecture_commands
    lec, m = lc.lecture, window.model
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    assert lc.samples_menu.menuAction() in help_menu.actions()       # Help ▸ Sample lectures
    menu = [a.text() for a in lc.samples_menu.actions()]
    assert menu == ["Derivatives and gradients", "Networks as chains of functions"]
    exported = 0
    for path in sample_lectures():
        lc.samples_menu.actions()[sample_lectures().index(path)].trigger()
        assert not lec.live and lec.index == 0 and len(lec.scenes) >= 8
        assert window.session.path is None           # Save must not overwrite the shipped file
        for i, scene in enumerate(lec.scenes):
            assert lec.index == i
            assert scene.title and len(scene.notes) > 40
            assert m.wait_for_analysis(SLOW_MS)
            trained = window.network_model.step_count
            for step in scene.steps:
                lc.forward()
                if lec._play_target is not None:     # an animation: the next press ends it
                    lc.forward()
            assert lec.steps_done == len(scene.steps)
            plays = [s["play_to"] for s in scene.steps if "play_to" in s]
            trains = [s["train"] for s in scene.steps if "train" in s]
            if window.current_tab == "explorer":
                assert m.wait_for_analysis(SLOW_MS)
                assert m.expression is not None and m.paths     # computed now, not stored
                assert m.text == scene.state["explorer"]["text"]
                if plays:
                    assert m.frame == min(plays[-1], m.last_frame)
            elif window.current_tab == "network" and trains:
                assert window.network_model.step_count == trained + sum(trains)
            out = export_png(window.view_widget("tab"), tmp_path / f"{path.stem}-{i}.png")
            image = QImage(str(out))
            assert image.width() > 600 and image.height() > 400
            assert _distinct_colours(image) > 20, f"{scene.title}: the picture is blank"
            exported += 1
            lc.forward()                              # on to the next scene
        assert lec.index == len(lec.scenes) - 1
    assert exported >= 16


def test_a_scene_shows_its_own_tangent_point_and_secant_whatever_came_before(window, qtbot):
    # The sample lectures' scenes save no view state: entering one kept the tangent point
    # and secant h the lecturer had left on the previous function (the first scene,
    # "show the secant shrinking into the tangent", opened at h = 1e-6 with the point on
    # the window's edge after a rehearsal) instead of the picture a fresh start shows
    from tests.gui.app.lecture_helpers import SLOW_MS
    lc, m = window.lecture_commands, window.model
    lc.samples_menu.actions()[0].trigger()
    assert m.wait_for_analysis(SLOW_MS)
    curve = window.curve_view
    qtbot.waitUntil(lambda: m.text == "x^3" and curve.xs.size > 0 and curve.x is not None)
    fresh_x, fresh_h = curve.x, curve.panel.h
    assert fresh_h == 0.5 and -2.5 < fresh_x < 2.5
    curve.set_point(2.4)                      # a rehearsal: the point dragged to the edge,
    curve.panel.set_h(1e-6)                   # the secant shrunk into the tangent
    for scene in (1, 0):
        lc.lecture.go_to(scene)
        assert m.wait_for_analysis(SLOW_MS)
        qtbot.wait(50)
    qtbot.waitUntil(lambda: m.text == "x^3" and curve.xs.size > 0)
    assert curve.panel.h == fresh_h and curve.panel.h_label.text() == "h = 0.5"
    assert curve.x == pytest.approx(fresh_x)
    assert curve.handle.pos().x() == pytest.approx(fresh_x)
    assert curve.panel.values["x"] == pytest.approx(fresh_x)   # the read-out speaks of it


def test_the_next_scene_on_the_same_function_puts_the_tangent_point_back_too(window, qtbot):
    # scenes 4 and 5 of the first lecture show the same f: no new function arrives to
    # place the point afresh, so its reset must show at once (handle and read-out agree)
    from tests.gui.app.lecture_helpers import SLOW_MS
    lc, m = window.lecture_commands, window.model
    lc.samples_menu.actions()[0].trigger()
    lc.lecture.go_to(3)
    assert m.wait_for_analysis(SLOW_MS)
    curve = window.curve_view
    qtbot.waitUntil(lambda: m.text == "x^4 - 4x^3 + 4x^2" and curve.xs.size > 0)
    fresh_x = curve.x
    curve.set_point(2.9)
    lc.lecture.go_to(4)
    assert m.wait_for_analysis(SLOW_MS)
    qtbot.wait(50)
    assert m.text == "x^4 - 4x^3 + 4x^2"
    assert curve.x == pytest.approx(fresh_x)
    assert curve.handle.pos().x() == pytest.approx(fresh_x)
    assert curve.panel.values["x"] == pytest.approx(fresh_x)


def _shows(widget) -> bool:
    """On screen with room, and painted with more than a blank background."""
    return (widget.isVisible() and widget.width() > 100 and widget.height() > 60
            and _distinct_colours(widget.grab().toImage()) > 4)


def test_presenting_keeps_the_panels_a_scene_is_about(window, qtbot):
    """Presentation folds secondary panels to give the main view room; a scene about
    one of them (the Jacobian, the cost curves, the neuron's training) keeps it shown
    (its "panels"), at 1280×800, and leaving presentation gives back the panels of
    before. A scene that names no panels folds as presentation does."""
    lc, lec = window.lecture_commands, window.lecture_commands.lecture
    window.commands.actions["present"].trigger()
    try:
        paths = sample_lectures()
        lc.samples_menu.actions()[1].trigger()                  # Networks as chains …
        checks = {"Jacobians and the vector chain rule": lambda t: t.jacobian.plot_widget,
                  "Full batch: one step per pass over the data": lambda t: t.cost_plot,
                  "Mini-batches of 8": lambda t: t.cost_plot}
        for title, part in checks.items():
            lc.go_to(next(i for i, s in enumerate(lec.scenes) if s.title == title))
            assert window.current_tab == "network"
            qtbot.waitUntil(lambda: _shows(part(window.network)), timeout=5000)
        lc.go_to(next(i for i, s in enumerate(lec.scenes) if s.title == "Stochastic gradients"))
        assert window.current_tab == "explorer" and not window.scene_panels
        assert not window.panels_visible()["below"]              # folded, as presenting does
        lc.samples_menu.actions()[0].trigger()                  # Derivatives and gradients
        lc.go_to(next(i for i, s in enumerate(lec.scenes) if s.title == "Training the neuron"))
        assert window.current_tab == "neuron"
        qtbot.waitUntil(lambda: _shows(window.neuron.training), timeout=5000)
        assert len(paths) == 2
    finally:
        window.commands.actions["present"].trigger()
    assert not window.commands.presenting
    qtbot.waitUntil(lambda: all(window.panels_visible().values()), timeout=5000)


@pytest.mark.own_window
def test_training_the_neuron_presented_at_720p_gives_the_landscape_the_room(window, qtbot,
                                                                          screenshot):
    """The scene "Training the neuron" presented on a 1280×720 projector: the step-by-step
    graph, stage row and formula fold (the scene is about the training, its "panels"),
    so the landscape's map and 3-D view are readable (the map was ~210×110 px under
    them); the scene before it shows the graph again, and leaving presentation gives
    every part back."""
    from PySide6.QtCore import QRect, Qt
    from tests.gui.app.test_look_round_trip import settle
    window.screen_limit = QRect(0, 0, 1280, 720)
    window.setGeometry(0, 0, 1280, 720)
    lc, lec = window.lecture_commands, window.lecture_commands.lecture
    lc.samples_menu.actions()[0].trigger()                  # Derivatives and gradients
    titles = [s.title for s in lec.scenes]
    lc.go_to(titles.index("Training the neuron"))
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.commands.presenting, timeout=3000)
    tab = window.neuron
    training = tab.training
    assert training.landscape_model.wait_for_analysis(SLOW_MS)
    settle(qtbot, window)
    screenshot(window, "lecture_training_the_neuron_720p")
    vb = training.contour_view.plot.vb
    assert vb.width() >= 200 and vb.height() >= 300, (vb.width(), vb.height())
    assert not tab.graph.isVisible() and not tab.formula.isVisible()
    assert training.surface_view.height() >= 400
    assert _shows(training.contour_view) and _shows(training.surface_view)
    assert _shows(training.loss_plot)
    lc.go_to(titles.index("Training the neuron") - 1)       # the backward pass
    settle(qtbot, window)
    assert window.commands.presenting and window.current_tab == "neuron"
    assert _shows(tab.graph) and tab.formula.isVisible() and not training.isVisible()
    assert tab.graph.height() >= 0.55 * window.height()
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    settle(qtbot, window)
    assert not window.commands.presenting
    assert all(window.panels_visible().values())
    assert _shows(tab.graph) and _shows(training.contour_view)


def _map_picture(window, qtbot):
    """The contour map's canvas as drawn now (RGB rows), once the analysis is in."""
    from tests.gui.explorer.test_formula_panel_layout import image_array
    assert window.model.wait_for_analysis(SLOW_MS)
    for _ in range(4):
        QApplication.processEvents()
        qtbot.wait(20)
    return image_array(window.contour_view.canvas)


def _differing_share(a, b) -> float:
    """The share of pixels that differ visibly (same size pictures)."""
    assert a.shape == b.shape
    return float((abs(a - b).max(axis=-1) > 40).mean())


def test_a_scene_shows_its_own_overlays_whatever_was_switched_on_before(window, qtbot):
    # Basins ticked on Himmelblau before a sample lecture: its scenes of two variables
    # (x² + y², "too large a learning rate", …) showed the basins' pale map instead of
    # f's colours, and presenting had folded away the box that explained it. The map's
    # and the lab's switches, its page and followed run are the scene's, as built when
    # its state names none.
    lc, lab, contour = window.lecture_commands, window.explorer.lab_panel, window.contour_view
    lc.samples_menu.actions()[0].trigger()
    lec = lc.lecture
    lec.go_to(5)
    assert window.model.text == "x^2 + y^2"
    as_scene = _map_picture(window, qtbot)
    switches = {box: box.isChecked() for box in (
        lab.basins_check, lab.quadratic_check, lab.arrows_check, lab.predict_check,
        contour.field_toggle, contour.labels_toggle)}
    assert switches[lab.arrows_check] and not switches[lab.basins_check]
    page = lab.tabs.currentIndex()
    for box, on in switches.items():           # the rehearsal: every switch flipped
        box.setChecked(not on)
    lab.tabs.setCurrentWidget(lab.sweep)
    qtbot.waitUntil(lambda: lab.basins.done, timeout=SLOW_MS)
    assert _differing_share(_map_picture(window, qtbot), as_scene) > 0.3   # washed out
    lec.go_to(6)
    lec.go_to(5)
    assert {box: box.isChecked() for box in switches} == switches
    assert lab.tabs.currentIndex() == page
    assert not lab.basins.image.isVisible() and contour.colour_bar.isVisible()
    assert _differing_share(_map_picture(window, qtbot), as_scene) < 0.01
    # and forward into the next scenes (PageDown), as in the rehearsal
    lab.basins_check.setChecked(True)
    qtbot.waitUntil(lambda: lab.basins.done, timeout=SLOW_MS)
    lc.forward()
    assert lec.index == 6 and not lab.basins_check.isChecked()
    assert not lab.basins.image.isVisible()


def test_a_scene_captured_with_basins_on_brings_them_back(window, qtbot):
    # "off unless the scene says so": a scene added with Basins on shows them again
    lec, lab = window.lecture_commands.lecture, window.explorer.lab_panel
    lab.basins_check.setChecked(True)
    lec.add_current("with basins")
    lab.basins_check.setChecked(False)
    lec.add_current("without")
    lec.go_to(0)
    assert lab.basins_check.isChecked()
    qtbot.waitUntil(lambda: lab.basins.done and lab.basins.image.isVisible(), timeout=SLOW_MS)
    lec.go_to(1)
    assert not lab.basins_check.isChecked() and not lab.basins.image.isVisible()


def test_the_notes_call_the_learning_rate_eta_as_the_app_does(window, qtbot):
    """Scene 8's notes, "Too large a learning rate", said "α matters" under a page that
    writes η (and where α is RMSprop's smoothing)."""
    lc = window.lecture_commands
    lc.samples_menu.actions()[0].trigger()
    lc.set_panel_visible(True)
    lc.go_to(7)
    assert window.model.wait_for_analysis(SLOW_MS)
    assert lc.lecture.scene.title == "Too large a learning rate"
    shown = lc.panel.notes.toPlainText()
    assert "learning rate η matters" in shown and "α" not in shown, shown
    for path in sample_lectures():        # and no other scene's notes
        lc.samples_menu.actions()[sample_lectures().index(path)].trigger()
        assert not [s.title for s in lc.lecture.scenes if "α" in s.notes]
    lc.set_panel_visible(False)
