"""The learning-rate sweep view: its slow parts run in the worker, not on the GUI
thread, and the 2/λ_max line still comes, also when only one method is swept."""
import threading

import numpy as np
import pytest

import gui.plots.lr_sweep_pieces as sweep_module
from engine.optimizer_lab import quadratic_model
from gui.plots import runs as race
from gui.plots.lr_sweep_view import LrSweepView


@pytest.fixture
def quadratic_model_threads(monkeypatch):
    threads = []

    def recording(f, point):
        threads.append(threading.current_thread())
        return quadratic_model(f, point)
    monkeypatch.setattr(sweep_module, "quadratic_model", recording)
    return threads


@pytest.mark.parametrize("runs", ["gd:lr=0.1, momentum:lr=0.05, adam:lr=0.3", "gd:lr=0.1"])
def test_critical_line_is_worked_out_in_the_worker(shown, model, qtbot, runs,
                                                   quadratic_model_threads):
    model.set_text("x^2 + 2y^2")
    model.set_start((3.0, 2.0))
    model.set_settings(runs=race.parse_runs(runs))
    qtbot.waitUntil(lambda: model.expression is not None and len(model.paths) ==
                    len(model.settings.runs), timeout=60000)
    view = shown(LrSweepView(model), 700, 400)
    view.set_active(True)
    assert not view.critical_line.isVisible()    # nothing known yet
    qtbot.waitUntil(lambda: view.done, timeout=60000)
    assert quadratic_model_threads
    assert threading.main_thread() not in quadratic_model_threads
    assert view.critical_line.isVisible()           # 2 / λ_max = 2 / 4
    assert 10 ** view.critical_line.value() == pytest.approx(0.5)
    assert set(view.sweeps) == set(race.methods_of(model.settings.runs))
    view.shutdown()


def test_no_critical_line_when_f_is_not_quadratic(shown, model, qtbot,
                                                 quadratic_model_threads):
    model.set_text("(x^2 + y - 11)^2 + (x + y^2 - 7)^2")
    model.set_start((0.0, 0.0))
    model.set_settings(runs=race.parse_runs("gd:lr=0.01, adam:lr=0.1"))
    qtbot.waitUntil(lambda: model.expression is not None and len(model.paths) == 2,
                    timeout=60000)
    view = shown(LrSweepView(model), 700, 400)
    view.set_active(True)
    qtbot.waitUntil(lambda: view.done, timeout=60000)
    assert not view.critical_line.isVisible()
    assert quadratic_model_threads == []     # no Hessian built just to find no line
    xs, ys = view.curves["adam"].getData()
    assert len(xs) > 10 and np.all(np.isfinite(ys))
    view.shutdown()


def test_each_run_has_a_dashed_line_at_its_own_rate(shown, model, qtbot):
    model.set_text("x^2 + 2y^2")
    model.set_start((3.0, 2.0))
    model.set_settings(runs=race.parse_runs("gd:lr=0.1, gd:lr=0.3, adam:lr=0.05"))
    qtbot.waitUntil(lambda: len(model.paths) == 3, timeout=60000)
    view = shown(LrSweepView(model), 700, 400)
    view.set_active(True)
    qtbot.waitUntil(lambda: view.done, timeout=60000)
    shown_lines = [line for line in view.run_lines if line.isVisible()]
    assert [10 ** line.value() for line in shown_lines] == pytest.approx([0.1, 0.3, 0.05])
    colours = [line.pen.color().name() for line in shown_lines]
    assert colours == [model.lab.colour(key).lower() for key in model.paths]
    # one run fewer: its line goes, the others stay where they were
    model.set_settings(runs=race.parse_runs("gd:lr=0.1, adam:lr=0.05"))
    qtbot.waitUntil(lambda: len(model.paths) == 2, timeout=60000)
    view._draw_run_lines()
    shown_lines = [line for line in view.run_lines if line.isVisible()]
    assert [10 ** line.value() for line in shown_lines] == pytest.approx([0.1, 0.05])
    view.shutdown()


def _swept_in_a_short_strip(shown, model, qtbot):
    """The sweep of two runs on x² + 10y², done, in the lab strip of a 1280×720 window."""
    model.set_text("x^2 + 10y^2")
    model.set_start((3.0, 1.0))
    model.set_settings(runs=race.parse_runs("gd:lr=0.09, adam:lr=0.3"), max_steps=100)
    view = shown(LrSweepView(model), 490, 160)
    view.set_active(True)
    qtbot.waitUntil(lambda: view.done, timeout=60000)
    return view


def test_the_plot_keeps_the_height_of_a_short_lab_strip(shown, model, qtbot):
    """In a 1280×720 window the lab strip is ~490×160 px: the controls and the note sit
    beside the plot, so the plot keeps nearly the whole height (above it, it kept ~40 px)."""
    view = _swept_in_a_short_strip(shown, model, qtbot)
    assert view.plot.height() >= 0.8 * view.height()
    assert view.plot.width() >= 0.5 * view.width()
    note = view.status
    assert note.text() and note.height() >= note.heightForWidth(note.width())   # not cut


@pytest.mark.parametrize("quantity", [0, 1])
def test_the_y_axis_name_is_not_cut_in_a_short_lab_strip(shown, model, qtbot, quantity):
    # at 1280×720 the sweep's plot is ~110 px tall: "f after the run" written up its
    # axis needed more and showed as "f after the ru"; the box beside the plot already
    # says in full what is plotted
    view = _swept_in_a_short_strip(shown, model, qtbot)
    view.quantity.setCurrentIndex(quantity)
    qtbot.wait(30)
    axis = view.plot.getPlotItem().getAxis("left")
    label = axis.label
    assert label.isVisible() and label.toPlainText()
    name = label.mapRectToScene(label.boundingRect())
    assert axis.sceneBoundingRect().top() <= name.top() and \
        name.bottom() <= axis.sceneBoundingRect().bottom(), (name, axis.sceneBoundingRect())
    # nor at its left: pyqtgraph put "final f" 4 px outside the plot, letters at its edge
    assert name.left() >= 0, name


def swept(shown, model, qtbot, text, start, methods, **settings):
    """A finished sweep of `text` from `start` for `methods`, shown at 900×260."""
    model.set_text(text)
    model.set_start(start)
    model.set_settings(methods=methods, **settings)
    qtbot.waitUntil(lambda: len(model.paths) == len(methods), timeout=60000)
    view = shown(LrSweepView(model), 900, 260)
    view.set_active(True)
    qtbot.waitUntil(lambda: view.done, timeout=60000)
    qtbot.wait(100)
    return view


@pytest.fixture
def every_method(shown, model, qtbot):
    """The sweep of the lecturer's walkthrough: x² + 2y², every method, from (3, 2)."""
    from engine.optimizer_settings import METHODS
    view = swept(shown, model, qtbot, "x^2 + 2y^2", (3.0, 2.0), METHODS, lr=0.1)
    yield view
    view.shutdown()


def test_each_methods_diverged_marks_are_seen_in_a_row_of_their_own(every_method, screenshot):
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QColor
    view = every_method
    vb = view.plot.getPlotItem().vb
    image = view.plot.grab().toImage()
    rows = {}
    for method, marker in view.markers.items():
        xs, ys = marker.getData()
        if not len(xs):
            continue
        assert len(set(ys)) == 1
        centre = vb.mapViewToScene(QPointF(xs[0], ys[0]))
        rows[method] = centre.y()
        # the mark is seen in its own colour: not hidden under another method's
        colour = QColor(view.markers[method].opts["pen"].color())
        here = view.plot.mapFromScene(centre)
        assert any(_close(QColor(image.pixelColor(here.x() + dx, here.y() + dy)), colour)
                   for dx in range(-3, 4) for dy in range(-3, 4)), method
    # GD, Momentum, Nesterov and Newton diverge at large η (the walkthrough saw GD's hidden)
    assert {"gd", "nesterov", "newton"} <= set(rows)
    ordered = sorted(rows.values())
    assert all(b - a >= 8 for a, b in zip(ordered, ordered[1:])), rows
    screenshot(view, "lr_sweep_every_method")


def _close(a, b, tolerance=40) -> bool:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue()) \
        <= tolerance


def test_the_critical_label_sits_by_its_own_line(every_method):
    view = every_method
    line, label = view.critical_line, view.critical_line.label
    assert line.isVisible() and 10 ** line.value() == pytest.approx(0.5)
    box = label.mapRectToScene(label.boundingRect())
    own = line.mapToScene(line.boundingRect().center()).x()
    # written from its line on: it starts at its own line (it ended there, reaching
    # back towards a run's line at η = 0.1)
    assert own - 2 <= box.left() <= own + 12, (box, own)
    nearest_other = min(abs(box.center().x() - run.mapToScene(run.boundingRect().center()).x())
                        for run in view.run_lines if run.isVisible())
    assert abs(box.center().x() - own) < nearest_other        # nearer its own than any run's
    vb = view.plot.getPlotItem().vb
    assert vb.sceneBoundingRect().contains(box.center())


def test_the_sweep_says_what_eta_does_to_newton(every_method):
    view = every_method
    xs, ys = view.curve_points("newton")
    assert np.ptp(ys) > 1                      # the engine steps η·H⁻¹∇f: the curve moves
    assert view.newton_note.isVisible() and "η·H⁻¹∇f" in view.newton_note.text()
    assert "η = 1" in view.newton_note.text()
    # Newton's run (no η of its own) has its dashed line at η = 1, where the race runs it
    newton_colour = view.model.lab.colour(next(k for k, p in view.model.paths.items()
                                               if p.method == "newton")).lower()
    lines = [10 ** line.value() for line in view.run_lines
             if line.isVisible() and line.pen.color().name() == newton_colour]
    assert lines == pytest.approx([1.0])
