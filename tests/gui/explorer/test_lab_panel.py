"""The optimizer lab in the Explorer: the runs panel, the step written out with the
engine's numbers, predict-then-reveal, sessions with runs (and old ones without)."""
import pytest
from numpy.testing import assert_allclose
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QSplitter

from engine.optimizer_lab import step_terms
from gui.explorer.iterate_table import IterateTable
from gui.explorer.lab_panel import NOTE_HINT
from gui.explorer.playback_controls import PlaybackControls
from gui.explorer.runs_panel import RunsPanel
from gui.explorer.step_inspector import StepInspector, update_lines
from gui.plots import runs as race
from gui.plots.loss_plot import LossPlot
from gui.widgets.number_text import compact
from tests.gui.paint_counter import Paints


def written(inspector) -> str:
    """The derivation's text, its vectors' unbreakable spaces read as spaces."""
    return inspector.body.text().replace(",&nbsp;", ", ")


@pytest.fixture
def seeded(model, qtbot):
    model.set_text("x^2 + 2y^2")
    model.set_start((3.0, 2.0))
    model.set_settings(lr=0.1, runs=race.parse_runs("gd, gd:lr=0.3, adam:lr=0.3"))
    qtbot.waitUntil(lambda: len(model.paths) == 3, timeout=60000)
    return model


@pytest.fixture
def views(shown, seeded):
    split = QSplitter()
    parts = {"runs": RunsPanel(seeded), "inspector": StepInspector(seeded),
             "table": IterateTable(seeded), "loss": LossPlot(seeded),
             "playback": PlaybackControls(seeded)}
    for part in parts.values():
        split.addWidget(part)
    parts["split"] = shown(split, 1600, 500)      # (kept: qtbot holds it weakly)
    return parts


def test_run_labels_are_shown_in_the_panel_legend_and_table(views, seeded):
    assert views["runs"].labels() == ["GD η=0.1", "GD η=0.3", "Adam"]
    legend = views["loss"].legend.text()
    assert "GD η=0.1" in legend and "GD η=0.3" in legend and "Adam" in legend
    combo = views["table"].combo
    assert [combo.itemText(i) for i in range(combo.count())] == ["GD η=0.1", "GD η=0.3",
                                                                 "Adam"]
    assert views["playback"].status_text("gd#2").startswith("GD η=0.3: ")


def test_duplicate_remove_and_reorder_runs(views, seeded, qtbot):
    panel = views["runs"]
    seeded.lab.select("adam")
    panel.duplicate_button.click()
    assert [r.key for r in seeded.settings.runs] == ["gd", "gd#2", "adam", "adam#2"]
    assert seeded.lab.selected == "adam#2"
    panel.own_lr_check.setChecked(True)
    panel.lr_box.setValue(0.05)
    assert seeded.paths["adam#2"].lr == pytest.approx(0.05)
    assert panel.labels()[3] == "Adam η=0.05"
    panel.up_button.click()
    assert [r.key for r in seeded.settings.runs] == ["gd", "gd#2", "adam#2", "adam"]
    assert list(seeded.paths) == ["gd", "gd#2", "adam#2", "adam"]
    panel.remove_button.click()
    assert [r.key for r in seeded.settings.runs] == ["gd", "gd#2", "adam"]
    assert "adam#2" not in seeded.paths
    panel.add_run("newton")
    assert seeded.settings.methods == ("gd", "adam", "newton")


def test_the_update_is_written_out_with_the_engines_numbers(views, seeded):
    seeded.lab.select("gd")
    seeded.set_frame(0)
    text = written(views["inspector"])
    assert "θ₁ = θ₀ − η·∇f(θ₀) = (3, 2) − 0.1·(6, 8) = (2.4, 1.2)" in text
    assert "∇f(θ₀) = (6, 8)" in text
    # plain GD's step is −η·∇f itself: not compared with "plain GD" again
    assert "θ₁ − θ₀ = (−0.6, −0.8)" in text and "plain GD would" not in text
    seeded.lab.select("adam")
    seeded.set_frame(2)
    path = seeded.paths["adam"]
    terms = step_terms(path)
    lines = dict(update_lines(path, terms, 2))
    # as the iterate table writes numbers (compact: 6 digits; they were 4, "5.359")
    m_hat = ", ".join(compact(v) for v in terms["m_hat"][2])
    assert f"= ({m_hat})" in lines["mean of gradients (bias-corrected)"]
    new = ", ".join(compact(v) for v in path.points[3])
    assert lines["update"].endswith(f"= ({new})")
    assert "(plain GD would step −η·∇f(θ₂) = " in lines["the step taken"]   # beside Adam's
    assert "Inside step 2 → 3 of Adam" in views["inspector"].title.text()


def test_predict_mode_hides_the_future(views, seeded):
    seeded.set_frame(4)
    table, loss, playback = views["table"], views["loss"], views["playback"]
    assert table.table_model.rowCount() == len(seeded.paths[table.method].values)
    assert "/" in playback.frame_label.text()
    seeded.lab.set_predict(True)
    assert table.table_model.rowCount() == 5
    assert playback.frame_label.text() == "step 4"
    (_, x1), (y0, _) = loss.plot.getPlotItem().vb.viewRange()
    assert x1 < 6
    shown = [v for p in seeded.paths.values() for v in p.values[:5]]
    assert y0 >= min(shown) - 0.2 * (max(shown) - min(shown)) - 1e-9
    seeded.step()
    assert table.table_model.rowCount() == 6
    seeded.lab.set_predict(False)
    assert table.table_model.rowCount() == len(seeded.paths[table.method].values)
    assert playback.frame_label.text() == f"step 5 / {seeded.last_frame}"


def test_sessions_keep_runs_and_old_files_open(seeded, qtbot):
    state = seeded.get_state()
    assert [r["lr"] for r in state["descent"]["runs"]] == [None, 0.3, 0.3]
    old = {"text": "x^2 + 2y^2", "window": [[-4, 4], [-3, 3]], "start": [3, 2],
           "frame": 0, "speed": 10,
           "descent": {"methods": ["gd", "momentum"], "lr": 0.05, "hyper": {},
                       "noise": 0.0, "clip": None, "max_steps": 100, "seed": 0}}
    seeded.set_state(old)
    qtbot.waitUntil(lambda: list(seeded.paths) == ["gd", "momentum"], timeout=60000)
    assert [(r.method, r.lr) for r in seeded.settings.runs] == [("gd", None),
                                                                 ("momentum", None)]
    assert seeded.paths["momentum"].lr == pytest.approx(0.05)
    seeded.set_state(state)
    qtbot.waitUntil(lambda: list(seeded.paths) == ["gd", "gd#2", "adam"], timeout=60000)
    assert seeded.paths["gd#2"].lr == pytest.approx(0.3)
    assert_allclose(seeded.paths["gd"].points[1], (2.4, 1.2))
    bad = dict(state, descent=dict(state["descent"], runs=[{"method": "sgd"}]))
    with pytest.raises(ValueError, match="unknown method"):
        seeded.check_state(bad)


def _panel_on_x4(shown, model, qtbot):
    """(lab panel, the splitter holding it beside the curve and the map: kept while the
    panel is used, qtbot holds it weakly), on f = x⁴ − 3x from x = 2."""
    from gui.explorer.lab_panel import LabPanel
    from gui.plots.contour_view import ContourView
    from gui.plots.curve_view import CurveView
    curve = CurveView(model)
    contour = ContourView(model)
    panel = LabPanel(model, contour, curve_plot=lambda: curve.plot_f)
    split = QSplitter()
    for w in (curve, contour, panel):
        split.addWidget(w)
    shown(split, 1200, 500)
    model.set_text("x^4 - 3x")
    # a typed 1-D function picks its own window and start when it arrives: set ours after
    assert model.wait_for_analysis(60000)
    model.set_start((2.0,))
    qtbot.waitUntil(lambda: bool(model.paths) and model.paths["gd"].points.shape[1] == 1
                    and model.paths["gd"].points[0, 0] == 2.0, timeout=60000)
    return panel, split


def test_one_variable_quadratic_model_is_the_parabola(shown, model, qtbot):
    panel, _split = _panel_on_x4(shown, model, qtbot)
    panel.quadratic_check.setChecked(True)
    q = panel.quadratic_1d.quadratic
    assert q.hessian[0, 0] == pytest.approx(48.0)            # f'' = 12x² at x = 2
    assert q.newton_point[0] == pytest.approx(2 - 29 / 48)   # x − f'/f''
    xs, ys = panel.quadratic_1d.rings.getData()
    assert_allclose(ys, 10 + 29 * (xs - 2) + 24 * (xs - 2) ** 2)   # f(2) = 10, f′(2) = 29
    assert "f″ = 48" in panel.note.text() and "2/f″ = 0.0417" in panel.note.text()
    # switched off again, its page says what it is for rather than going blank
    panel.quadratic_check.setChecked(False)
    assert panel.note.text() == NOTE_HINT and panel.tabs.currentWidget() is panel.note
    assert panel.note.isVisible() and panel.note.sizeHint().height() > 10
    panel.shutdown()


def test_the_notes_say_each_thing_once_and_basins_say_they_need_two_variables(
        shown, model, qtbot):
    """The "Second order, basins" page: with both switches on, the curvature paragraph
    was there twice (the curve's overlay and the map's each described the same model),
    in 1-D and in 2-D; in 1-D with only Basins on it still said "Switch on …". And the
    map's colour bar, f's colours, is not shown as the key of the basins' colours."""
    panel, split = _panel_on_x4(shown, model, qtbot)
    bar = split.widget(1).colour_bar
    panel.basins_check.setChecked(True)
    assert panel.note.text() != NOTE_HINT and "two variables" in panel.note.text()
    panel.quadratic_check.setChecked(True)
    qtbot.waitUntil(lambda: "f″ = 48" in panel.note.text(), timeout=5000)
    assert panel.note.text().count("f″ = 48") == 1, panel.note.text()
    model.set_text("x^2 + 2y^2")
    qtbot.waitUntil(lambda: "Basins of" in panel.note.text()
                    and "Hessian eigenvalues" in panel.note.text(), timeout=60000)
    assert panel.note.text().count("Hessian eigenvalues") == 1, panel.note.text()
    assert "two variables" not in panel.note.text()
    assert not bar.isVisible()
    panel.basins_check.setChecked(False)
    assert bar.isVisible()
    panel.shutdown()


def test_predict_mode_keeps_the_next_point_out_of_the_update_and_the_arrows(views, seeded):
    from gui.plots.contour_view import ContourView
    from gui.plots.step_arrows import StepArrows
    contour = ContourView(seeded)
    arrows = StepArrows(seeded, contour.plot)
    seeded.lab.select("gd")
    seeded.set_frame(0)
    seeded.lab.set_predict(True)
    text = written(views["inspector"])
    assert "θ₁ = θ₀ − η·∇f(θ₀) = (3, 2) − 0.1·(6, 8) = ?" in text
    assert "(2.4, 1.2)" not in text and "the step taken" not in text
    assert arrows.segments == {}                  # plain GD: −η∇f is the step itself
    seeded.lab.select("adam")
    assert set(arrows.segments) == {"plain"}      # −η∇f, not what Adam makes of it
    seeded.lab.select("gd")
    seeded.lab.set_predict(False)
    assert "= (2.4, 1.2)" in written(views["inspector"])
    assert set(arrows.segments) == {"plain", "step"}
    contour.deleteLater()


def test_a_run_gets_its_own_hyperparameters(views, seeded):
    panel = views["runs"]
    seeded.lab.select("adam")
    panel.duplicate_button.click()                    # "adam#2", selected
    beta1, _ = panel.run_forms.field("adam", "betas")
    beta1.setValue(0.8)
    assert seeded.paths["adam#2"].hyper["betas"] == (0.8, 0.999)
    assert seeded.paths["adam"].hyper["betas"] == (0.9, 0.999)    # the other keeps its own
    assert panel.labels()[2:] == ["Adam β=0.9/0.999", "Adam β=0.8/0.999"]
    assert panel.run_forms.forms["adam"].isVisibleTo(panel)
    forms = panel.run_forms.forms             # momentum's: never built (when first shown), or hidden
    assert "momentum" not in forms or not forms["momentum"].isVisibleTo(panel)


def test_the_stage_names_are_readable_on_both_themes(views, seeded):
    """The stage names ("1. gradient") once used palette(placeholder-text), which Qt's
    rich text does not know: near-black on the dark theme's panels."""
    import re
    from PySide6.QtWidgets import QApplication
    from gui.widgets import theme
    seeded.lab.select("gd")
    inspector = views["inspector"]
    try:
        for name in ("dark", "light"):
            current = theme.apply_theme(QApplication.instance(), views["split"], name, 1.0)
            seeded.set_frame(1)
            seeded.set_frame(0)
            text = written(inspector)
            colours = re.findall(r"<span style='color:(#[0-9a-fA-F]{6})'>gradient</span>", text)
            assert colours, text
            for panel in (current.window, current.panel):
                assert theme.contrast(colours[0], panel) >= theme.AA_TEXT
    finally:
        theme.apply_theme(QApplication.instance(), views["split"], "light", 1.0)


def test_a_new_fs_map_is_painted_once_without_the_old_steps_arrows(shown, seeded, qtbot):
    """The old f's step arrows go before the new f's sketched map is painted: hidden on
    the model's sketchChanged, which reaches them after the map's paint, they cost the
    map one more paint around them each edit."""
    from engine.expression import parse
    from gui.explorer.lab_panel import LabPanel
    from gui.plots.contour_view import ContourView
    contour = ContourView(seeded)
    panel = LabPanel(seeded, contour)
    split = QSplitter()
    split.addWidget(contour), split.addWidget(panel)
    shown(split, 1200, 600)
    seeded.set_frame(2)
    qtbot.waitUntil(lambda: panel.arrows.layer.drawn != {}, timeout=5000)
    viewport = contour.canvas.viewport()
    paints = Paints(viewport)
    for _ in range(50):               # quiet first: the range settled, nothing left to paint
        count = paints.count
        qtbot.wait(50)
        if paints.count == count and not contour._settle.isActive():
            break
    paints.count = 0
    f = parse("x^2 + 3y^2 - x*y/2").compile(hessian=False, gradient=False, value_gradient=False)
    seeded._requested = f             # as set_text leaves it: the sketch is of the newest
    arrows_at_paint = []
    seeded.sketchChanged.connect(lambda _f: arrows_at_paint.append(
        (paints.count, dict(panel.arrows.layer.drawn))))
    seeded._on_sketch(f)
    assert arrows_at_paint == [(1, {})]   # painted in the map's slot, with no arrow
    for _ in range(5):                # every queued update and paint request delivered
        QCoreApplication.processEvents()
        qtbot.wait(20)
    assert paints.count == 1, f"the sketch's map was painted {paints.count} times"
