"""With "Inside a step" open at 1280×720, the loss curve beside it stays readable: the
lab took 80 % of the row, which left the loss plot 196 px wide, its plot ~110 px with
the step numbers 20 40 60 80 touching. Now the loss curve keeps LOSS_LEAST_PX (× the
text size) and the step, a little narrower, still shows whole."""
from __future__ import annotations

import numpy as np
import pytest

from engine.optimizers import METHODS
from gui.explorer.tab import LOSS_LEAST_PX
from tests.gui.app.layout_checks import window_rect
from tests.gui.app.projector import projector_window, settle_at
from tests.gui.explorer.test_large_text_panels import pixels


pytestmark = pytest.mark.xdist_group("inside_step_split")


@pytest.fixture(scope="module")
def projector(qapp, tmp_path_factory):
    yield from projector_window(tmp_path_factory)


@pytest.fixture
def lecture_720(projector, qtbot):
    window = projector
    settle_at(window, qtbot, 1.0)
    model = window.tabs.widget(0).model
    model.set_settings(methods=tuple(METHODS))
    qtbot.waitUntil(lambda: len(model.paths) == len(METHODS), timeout=60000)
    model.set_frame(2)
    yield window, model
    lab = window.tabs.widget(0).lab_panel
    lab.tabs.setCurrentIndex(0)          # the room given back for the next case
    qtbot.wait(50)


@pytest.mark.parametrize("method", ["gd", "momentum", "adam"])
def test_loss_plot_and_step_both_readable_at_1280x720(lecture_720, qtbot, screenshot, method):
    window, model = lecture_720
    tab = window.tabs.widget(0)
    lab, loss = tab.lab_panel, tab.loss_plot
    model.lab.select(next(k for k, p in model.paths.items() if p.method == method))
    inspector = lab.inspector
    lab.tabs.setCurrentWidget(inspector)
    viewport = inspector.scroll.viewport()
    qtbot.waitUntil(lambda: len(inspector.lines) >= 3
                    and inspector.scroll.verticalScrollBar().maximum() == 0
                    and inspector.body.heightForWidth(viewport.width()) <= viewport.height(),
                    timeout=5000)
    qtbot.wait(50)
    # seven runs: the page is taller than 720 px (as before this change); the lecturer
    # scrolls down to the row under the views
    # the row as tall as the loss curve's least (its legend rows and its curves)
    least = getattr(loss, "least_height", lambda: 0)       # (the old code had none)
    qtbot.waitUntil(lambda: loss.height() >= least(), timeout=3000)
    page = tab.scroll_area

    def loss_in_view() -> bool:
        page.ensureWidgetVisible(loss, 0, 0)      # (the page's range follows its layout)
        return window_rect(page.viewport(), window).contains(window_rect(loss, window))
    qtbot.waitUntil(loss_in_view, timeout=3000)
    screenshot(window, f"inside_step_split_{method}_1280x720")
    # the loss curve's plot: wide and tall enough to read its curves and numbers
    assert loss.width() >= 0.95 * LOSS_LEAST_PX, loss.width()
    vb = loss.plot.getPlotItem().vb
    assert vb.width() >= 200 and vb.height() >= 90, (vb.width(), vb.height())
    assert window_rect(tab.scroll_area.viewport(), window).contains(window_rect(loss, window))
    # its step numbers do not touch: the bottom axis's tick labels lie apart
    axis = loss.plot.getPlotItem().getAxis("bottom")
    ticks = axis.tickValues(*axis.range, vb.width())[0][1]        # the labelled level
    shown = sorted(t for t in ticks if axis.range[0] <= t <= axis.range[1])
    pixels_apart = np.diff(shown) * vb.width() / (axis.range[1] - axis.range[0])
    assert len(shown) >= 3 and pixels_apart.min() >= 30, (shown, pixels_apart)
    # what the screen shows in the plot: the runs' curves drawn in colour
    box = window_rect(loss.plot, window)
    seen = pixels(window.grab())[box.top():box.bottom(), box.left():box.right()].astype(int)
    coloured = (seen.max(-1) - seen.min(-1) > 80).sum()
    assert coloured > 150, coloured
    # the whole step, beside it, in the box (no scroll bar), its last line inked
    assert len(inspector.lines) >= 3
    image = pixels(viewport.grab()).astype(int)
    inked = np.nonzero((image.sum(-1) < 300).sum(axis=1))[0]
    assert len(inked) and inked[-1] < viewport.height() - 1
    views, row = tab.middle.sizes()
    assert views >= 0.4 * (views + row)


@pytest.mark.parametrize("method", ["gd", "momentum"])
def test_nothing_above_moves_while_stepping_inside_a_step(lecture_720, qtbot, method):
    """Step 0's derivation is shorter than step 1's (no velocity yet, zeros): the row
    grew as the lecturer stepped, the map's bottom moving 497 → 478 px."""
    window, model = lecture_720
    tab = window.tabs.widget(0)
    lab = tab.lab_panel
    model.lab.select(next(k for k, p in model.paths.items() if p.method == method))
    model.set_frame(0)
    lab.tabs.setCurrentWidget(lab.inspector)
    qtbot.waitUntil(lambda: len(lab.inspector.lines) >= 2, timeout=5000)

    def edges() -> tuple[int, int]:
        for _ in range(6):            # the room is given a few turns of the loop later
            qtbot.wait(20)
        return (window_rect(tab.contour_view, window).bottom(),
                window_rect(tab.loss_plot, window).top())
    opened = edges()
    for k in range(1, 8):
        model.set_frame(k)
        assert edges() == opened, (method, k)


def test_a_lab_tab_switch_does_not_move_the_row_split(lecture_720, qtbot):
    """The loss curve | lab split and the lab's tab bar stay put whichever lab tab is
    chosen: "Inside a step" widened the lab (split at 437 px on Iterates, 300 on the
    step), the tab bar moved 137 px and a click aimed at a tab missed."""
    window, model = lecture_720
    tab = window.tabs.widget(0)
    lab = tab.lab_panel
    bar = lab.tabs.tabBar()

    def split_and_bar() -> tuple:
        for _ in range(6):            # the room is given a few turns of the loop later
            qtbot.wait(20)
        return (tab.below.sizes(), window_rect(tab.loss_plot, window).width(),
                window_rect(bar, window).left())
    lab.tabs.setCurrentIndex(0)
    before = split_and_bar()
    for index in (1, 2, 3, 0, 1):
        lab.tabs.setCurrentIndex(index)
        assert split_and_bar() == before, lab.tabs.tabText(index)
    assert len(lab.inspector.lines) >= 3          # the step written out beside it


def test_a_vector_is_never_broken_across_lines(lecture_720, qtbot):
    """The derivation wrapped "(1.92, 0.72)" after its comma at 1280×720, one component on
    each line. Laid out at every width from 200 to 700 px, no line of GD's step ends
    inside a vector of two components."""
    from PySide6.QtGui import QTextDocument
    window, model = lecture_720
    lab = window.tabs.widget(0).lab_panel
    model.lab.select(next(k for k, p in model.paths.items() if p.method == "gd"))
    lab.tabs.setCurrentWidget(lab.inspector)
    body = lab.inspector.body
    qtbot.waitUntil(lambda: "(1.92" in body.text() or "0.72" in body.text(), timeout=5000)
    document = QTextDocument()
    document.setDefaultFont(body.font())
    document.setDocumentMargin(0)
    document.setHtml(body.text())
    broken, laid_out = [], 0
    for width in range(200, 701, 10):
        document.setTextWidth(width)
        document.size()                  # laid out: the blocks have their lines
        block = document.begin()
        while block.isValid():
            layout, text = block.layout(), block.text()
            laid_out += layout.lineCount()
            for n in range(layout.lineCount() - 1):
                line = layout.lineAt(n)
                end = text[line.textStart():line.textStart() + line.textLength()].rstrip()
                opened = end.count("(") - end.count(")")
                # a line ending on a comma with a "(" still open: a vector broken in two
                if end.endswith(",") and opened > 0:
                    broken.append((width, end[-24:]))
            block = block.next()
    assert not broken, broken[:5]
    assert laid_out > 100, laid_out        # the derivation's lines were read
