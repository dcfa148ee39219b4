"""The learning-rate sweep of the lecturer's walkthrough on a 1280×720 projector:
x² + 2y² from (3, 2), Gradient descent at η = 0.6 and Newton. Three dashed lines stood
at 2/λmax = 0.5, η = 0.6 and Newton's η = 1 with only "2/λmax" labelled, and the
diverged × rows stood at f ≈ 19–25 beside the f axis's 20, as if values of f. Now every
line has its label, none over another, each by its own line, and the × lie in a band
named "diverged" that the f axis's numbers do not reach."""
from __future__ import annotations

import re

import numpy as np
import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor

from gui.plots import runs as race
from gui.widgets.theme import contrast, current
from tests.gui.app.projector import projector_window, settle_at
from tests.gui.explorer.test_large_text_panels import pixels
from tests.gui.plots.test_lr_sweep_round_trip import _settle, _sweep_shown, _tick_texts

pytestmark = pytest.mark.xdist_group("lr_sweep_marks")


@pytest.fixture(scope="module")
def window(qapp, tmp_path_factory):
    yield from projector_window(tmp_path_factory, "explorer")


@pytest.fixture(params=["light", "dark"])
def sweep(window, qtbot, screenshot, request):
    window.commands.set_theme(request.param)
    settle_at(window, qtbot, 1.0)
    shown = _sweep_shown(window, qtbot, "x^2 + 2y^2", (3.0, 2.0), lr=0.6,
                         methods=("gd", "newton"), max_steps=100)
    screenshot(shown, f"lr_sweep_marks_{request.param}_1280x720")
    yield shown
    window.commands.set_theme("light")


def _scene_x(line) -> float:
    return line.mapToScene(line.boundingRect().center()).x()


def _ink(label):
    """The label's letters' rectangle on the screen (scene): its plate less its margin."""
    margin = label.textItem.document().documentMargin()
    return label.mapRectToScene(label.boundingRect()).adjusted(margin, margin,
                                                               -margin, -margin)


def test_every_line_is_labelled_by_itself(sweep):
    lines = [sweep.critical_line] + [line for line in sweep.run_lines if line.isVisible()]
    assert [round(10 ** line.value(), 6) for line in lines] == [0.5, 0.6, 1.0]
    assert all(getattr(line, "label", None) is not None for line in lines), "a line unlabelled"
    texts = [line.label.toPlainText() for line in lines]
    assert texts == ["2/λmax", "η = 0.6", "η = 1"]
    assert all(line.label.isVisible() for line in lines)
    vb = sweep.plot.getPlotItem().vb
    boxes = [_ink(line.label) for line in lines]
    for line, box in zip(lines, boxes):
        assert vb.sceneBoundingRect().contains(box), (line.label.toPlainText(), box)
        # its letters begin or end at its own line, and no other line runs through them
        # (a pixel's touch of their line box is none)
        own = _scene_x(line)
        assert min(abs(box.left() - own), abs(box.right() - own)) <= 4, (box, own)
        for other in lines:
            if other is not line:
                assert not box.left() + 1 < _scene_x(other) < box.right() - 1, \
                    (line.label.toPlainText(), other.label.toPlainText())
    # no label over another
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not a.intersects(b), (a, b)
    # each run's label on a plate of its line's colour (Newton's black is the
    # foreground on the dark theme, as its line), its letters readable on it
    for line in lines[1:]:
        assert line.label.fill.color().name() == line.pen.color().name()
        assert contrast(line.label.color, line.label.fill.color()) >= 4.5


def test_each_runs_eta_label_shows_its_runs_own_colour(window, qtbot, screenshot):
    """Adam's η label read #966700 (its orange #E69F00 darkened to 4.5:1 on white), the
    second GD run's #517C95 (its #73B1D5): another colour than the run's line, curve and
    legend. And a dashed line kept for another run went back, at a change of theme or
    text size, to the colour of the run it was first drawn for (the theme restyles from
    an item's first look): GD η = 0.3's line turned Newton's white. Now the label's
    plate and the line are the run's colour, on the screen, through theme changes."""
    window.commands.set_theme("light")
    settle_at(window, qtbot, 1.0)
    sweep = _sweep_shown(window, qtbot, "x^2 + 2y^2", (3.0, 2.0), max_steps=100,
                         runs=race.parse_runs("gd:lr=0.1, gd:lr=0.3, adam:lr=0.02"))
    for look in ("dark", "light", "dark"):
        window.commands.set_theme(look)
        settle_at(window, qtbot, 1.0)
        screenshot(sweep, f"lr_sweep_run_colours_{look}_1280x720")
        seen = pixels(sweep.plot.grab())
        model = window.model
        for run in model.settings.runs:
            colour = current().ink(QColor(model.lab.colour(run.key))).name()
            (line,) = [line for line in sweep.run_lines if line.isVisible() and
                       abs(10 ** line.value() - run.lr) < 1e-9]
            box = sweep.plot.mapFromScene(_ink(line.label)).boundingRect()
            inside = seen[box.top() + 1:box.bottom(), box.left() + 1:box.right()].reshape(-1, 3)
            shown = ["#%02x%02x%02x" % tuple(c) for c in inside]
            # the plate's colour is the most seen there: the run's own
            assert max(set(shown), key=shown.count) == colour, (look, run.key, colour)
            assert line.pen.color().name() == colour, (look, run.key)
    window.commands.set_theme("light")


def test_diverged_rates_lie_in_a_named_band_above_the_f_axis_numbers(sweep):
    vb = sweep.plot.getPlotItem().vb
    rows = {method: marker.getData()[1] for method, marker in sweep.markers.items()
            if len(marker.getData()[1])}
    assert set(rows) == {"gd", "newton"}
    # the f axis numbers stop below the × rows: none stands beside one (20 beside GD's
    # row at 19.2 read as its value)
    numbers = [float(text.replace("−", "-")) for text in _tick_texts(
        sweep.plot.getPlotItem().getAxis("left"))]
    lowest_row = min(min(ys) for ys in rows.values())
    assert numbers and max(numbers) < lowest_row, (numbers, lowest_row)
    # the rows in a band of their own, named, above every curve
    band = getattr(sweep, "diverged_band", None)
    assert band is not None and band.region.isVisible() and band.text.isVisible()
    assert "diverged" in band.text.toPlainText()
    low, high = band.region.getRegion()
    assert max(numbers) <= low
    for method, ys in rows.items():
        assert all(low < y < high for y in ys), (method, ys, low, high)
    for method in sweep.sweeps:
        assert max(sweep.curve_points(method)[1]) < low
    # the band's name lies whole in the band, clear of every ×
    name = band.text.mapRectToScene(band.text.boundingRect())
    top, bottom = (vb.mapViewToScene(QPointF(0, y)).y() for y in (high, low))
    assert top - 1 <= name.top() and name.bottom() <= bottom + 1, (name, top, bottom)
    for marker in sweep.markers.values():
        for x, y in zip(*marker.getData()):
            assert not name.contains(vb.mapViewToScene(QPointF(x, y)))


def test_the_eta_axis_writes_its_numbers_in_one_notation(sweep):
    """It read 0.0001, 0.001, 0.01, 0.1, 1 and "10¹" (pyqtgraph's %0.1g of 10)."""
    texts = _tick_texts(sweep.plot.getPlotItem().getAxis("bottom"))
    assert {"0.0001", "0.01", "1", "10"} <= set(texts), texts
    assert all(float(t) > 0 for t in texts)        # plain decimals only: no 10¹, no 1e+01


def _letters_contrast(sweep, seen, item) -> float:
    """The contrast, on the screen, of `item`'s letters with what is behind them: the
    commonest pixel of its letters' rectangle (its plate, or the plot under it) against
    the pixel there farthest from it (a letter's stem)."""
    box = sweep.plot.mapFromScene(_ink(item)).boundingRect()
    inside = seen[box.top() + 1:box.bottom(), box.left() + 1:box.right()].reshape(-1, 3)
    values, counts = np.unique(inside, axis=0, return_counts=True)
    plate = values[counts.argmax()]
    letters = inside[np.abs(inside.astype(int) - plate).sum(-1).argmax()]
    return contrast("#%02x%02x%02x" % tuple(letters), "#%02x%02x%02x" % tuple(plate))


def _key_pixels(note):
    """On the screen: the note's key (what its first line shows before "Newton", in
    Newton's colour), as (its pixels (h, w, 3), the panel's colour behind it)."""
    seen = pixels(note.grab())
    rect, metrics = note.contentsRect(), note.fontMetrics()
    plain = re.sub("<[^>]+>", "", note.text())
    key_width = metrics.horizontalAdvance(plain[:plain.index("Newton")].rstrip())
    key = seen[rect.top():rect.top() + metrics.height(), rect.left():rect.left() + key_width]
    return key, seen[rect.bottom() - 2, rect.right() - 2]


def _square_contrast(note) -> float:
    """On the screen: the contrast of the note's leading key (in its span's colour) with
    the panel behind it."""
    key, panel = _key_pixels(note)
    key = key.reshape(-1, 3)
    ink = key[np.abs(key.astype(int) - panel).sum(-1).argmax()]
    return contrast("#%02x%02x%02x" % tuple(ink), "#%02x%02x%02x" % tuple(panel))


def test_newton_note_key_is_a_line_not_a_tick_box(sweep):
    """"■ Newton here: …" under the sweep's menu read as a ticked check box on the dark
    theme (/tmp/walk25/37_sweep.png): its key is drawn as a line, as Newton's curve,
    at least three times as wide as it is tall on the screen."""
    key, panel = _key_pixels(sweep.newton_note)
    rows, cols = np.nonzero(np.abs(key.astype(int) - panel).sum(-1) > 60)
    assert len(rows)
    height, width = np.ptp(rows) + 1, np.ptp(cols) + 1
    assert width >= 3 * height, (width, height)


def test_every_label_reads_on_both_themes_and_after_round_trips(window, qtbot, screenshot):
    """On the dark theme "2/λmax" read #F7F7F7 on a #D4D4D4 plate (1.3:1): its plate was
    set to the light background once drawn, and the theme, which had recorded the label
    without a plate, never darkened it. Every label of the sweep, measured on the
    screen: 4.5:1 on light, dark, and after dark → light → dark."""
    window.commands.set_theme("light")
    settle_at(window, qtbot, 1.0)
    sweep = _sweep_shown(window, qtbot, "x^2 + 2y^2", (3.0, 2.0), lr=0.6, max_steps=100,
                         runs=race.parse_runs("gd:lr=0.6, newton"))
    try:
        for step, look in enumerate(("light", "dark", "light", "dark")):
            window.commands.set_theme(look)
            settle_at(window, qtbot, 1.0)
            screenshot(sweep, f"lr_sweep_label_contrast_{step}_{look}_1280x720")
            seen = pixels(sweep.plot.grab())
            labels = [sweep.critical_line.label, sweep.diverged_band.text] + [
                line.label for line in sweep.run_lines
                if line.isVisible() and line.label.isVisible()]
            assert len(labels) == 4
            for label in labels:
                ratio = _letters_contrast(sweep, seen, label)
                assert ratio >= 4.5, (step, look, label.toPlainText(), round(ratio, 2))
            # the note beside the plot, "■ Newton here: …" in Newton's colour: it kept
            # the black it was drawn in on light (1.1:1 on the dark panel)
            assert _square_contrast(sweep.newton_note) >= 4.5, (step, look)
    finally:
        window.commands.set_theme("light")


def _covers_a_point(sweep, box) -> bool:
    """Whether the scene rectangle `box` holds a point of the sweep's curves or its ×."""
    vb = sweep.plot.getPlotItem().vb
    for item in [*sweep.curves.values(), *sweep.markers.values()]:
        if not item.isVisible():
            continue
        xs, ys = item.getData()
        for x, y in zip(xs, ys):
            if box.contains(vb.mapViewToScene(QPointF(float(x), float(y)))):
                return True
    return False


def test_labels_read_level_where_they_have_room(window, qtbot, screenshot):
    """The rehearsal's Rosenbrock sweep (GD, Momentum, Adam, Newton at η = 0.001) on a
    ~360×130 px plot: "η = 0.001" and "η = 1" stood turned up their lines, hard to read
    from the back; with room beside their lines they read level and cover no point."""
    settle_at(window, qtbot, 1.0)
    model = window.model
    model.set_text("(1-x)^2 + 100(y-x^2)^2")      # (no 2/λmax line here: _sweep_shown waits
    model.set_start((-1.5, 2.0))                  # for one)
    model.set_settings(lr=0.001, max_steps=500, runs=race.runs_for_methods(
        ("gd", "momentum", "adam", "newton")))
    assert model.wait_for_analysis(60000)
    lab = window.explorer.lab_panel
    lab.tabs.setCurrentWidget(lab.sweep)
    sweep = lab.sweep

    def labels():
        return {line.label.toPlainText(): line.label for line in sweep.run_lines
                if line.isVisible() and line.label.isVisible()}
    # (the sweep before it is done too: wait for this one's lines)
    qtbot.waitUntil(lambda: sweep.done and sorted(labels()) == ["η = 0.001", "η = 1"],
                    timeout=60000)
    _settle(qtbot)
    screenshot(sweep, "lr_sweep_level_labels_1280x720")
    labels = labels()
    for text, label in labels.items():
        box = _ink(label)
        assert box.width() > box.height(), (text, box)            # level
        assert not _covers_a_point(sweep, box), text
