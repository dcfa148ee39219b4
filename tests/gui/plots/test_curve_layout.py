"""The one-variable view as a projected lecture shows it: on a 1280×720 screen (the window
filling it, text size 1) f's curve is the main picture — its plot area at least 150 px
tall and twice f′'s, f′'s at least 70 — the legend one row under f′, the read-outs one
line each, nothing cut off or on top of another. At text size 2 and in presentation the
curves keep a height and the legend stays whole (the page may scroll there)."""
from __future__ import annotations

import gc

import numpy as np
import pytest
from PySide6.QtCore import QRect, QSettings
from PySide6.QtGui import QColor, QFontMetricsF, QImage, QTextDocument
from PySide6.QtWidgets import QApplication

from gui.app.presets import find_preset, presets
from gui.app.window_commands import PRESENTATION_SCALE
from gui.widgets import theme
from gui.widgets.palette import CURVE_COLOURS
from gui.widgets.scroll_page import page_overflow
from tests.gui.app.layout_checks import clipped_texts, overlapping_texts, window_rect
from tests.gui.plots.test_secant_readouts import _plain

pytestmark = pytest.mark.xdist_group("curve_layout")

F_BOX_PX, D_BOX_PX = 150, 70          # the plot areas at 1280×720, text size 1
ONE_D = [p for p in presets() if len(p["window"]) == 1]


@pytest.fixture(scope="module")
def lab(qapp, tmp_path_factory):
    """One main window for the module, on a 1280×720 screen."""
    from gui.app.application import build_window
    settings = QSettings(str(tmp_path_factory.mktemp("settings") / "s.ini"),
                         QSettings.Format.IniFormat)
    model, window = build_window(settings=settings)
    window.show()
    assert model.wait_for_analysis(60000)
    yield window
    window.commands.set_presentation(False)
    window.commands.set_scale(1.0)
    window.commands.set_theme("light")
    window.close()
    model.shutdown()
    window.deleteLater()
    gc.collect()


def enter(qtbot, window, preset, size=(1280, 720), scale=1.0, presentation=False,
          dark=False):
    """The window filling a screen of `size`, as a lecturer has it, on `preset`."""
    window.screen_limit = QRect(0, 0, *size)
    commands = window.commands
    if window.model.preset is not preset:
        commands._load_preset(preset)
        assert window.model.wait_for_analysis(60000)
    window.show_tab("explorer")
    commands.set_presentation(presentation)      # (leaving it puts its look back)
    commands.set_theme("dark" if dark else "light")
    commands.set_scale(scale)
    if not presentation:
        window.setMaximumSize(*size)
        window.setGeometry(0, 0, *size)
    settled(qtbot)
    window.fit_to_screen()
    settled(qtbot)


def settled(qtbot):
    """A few turns of the event loop: the legend's columns, the canvases' minimum
    heights and the split follow one another a turn apart."""
    for _ in range(8):
        QApplication.processEvents()
        qtbot.wait(15)


def boxes(curve) -> tuple[float, float]:
    return curve.plot_f.vb.height(), curve.plot_d.vb.height()


def ink_rows(widget, rect: QRect, colour: str) -> int:
    """How many pixel rows of `rect` (in `widget`'s coordinates) hold `colour`."""
    image = widget.grab(rect).toImage().convertToFormat(QImage.Format.Format_RGB888)
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), -1)
    pixels = rows[:, :image.width() * 3].reshape(image.height(), image.width(), 3).astype(int)
    want = QColor(colour)
    near = np.abs(pixels - [want.red(), want.green(), want.blue()]).sum(axis=-1) < 60
    return int(near.any(axis=1).sum())


def one_line(label) -> bool:
    return label.height() < 1.6 * label.fontMetrics().lineSpacing()


def legend_inside_its_canvas(curve) -> bool:
    """The legend's every label drawn whole inside the f′ canvas's viewport."""
    view = curve.canvas_d
    shown = QRect(0, 0, view.viewport().width(), view.viewport().height())
    for _sample, label in curve.legend.items:
        rect = view.mapFromScene(label.sceneBoundingRect()).boundingRect()
        if not shown.adjusted(-1, -1, 1, 1).contains(rect):
            return False
    return True


@pytest.mark.parametrize("preset", ONE_D, ids=lambda p: p["expr"])
def test_f_is_the_main_picture_on_a_720p_screen(lab, qtbot, screenshot, preset):
    enter(qtbot, lab, preset)
    curve = lab.curve_view
    assert curve.isVisible() and (lab.width(), lab.height()) == (1280, 720)
    f_box, d_box = boxes(curve)
    assert f_box >= F_BOX_PX and d_box >= D_BOX_PX, (f_box, d_box)
    assert f_box >= 1.8 * d_box, (f_box, d_box)
    # f's curve itself spans most of its plot area on screen (its range is f's own)
    box = curve.plot_f.vb.sceneBoundingRect()
    f_rect = curve.canvas.mapFromScene(box).boundingRect()
    assert ink_rows(curve.canvas, f_rect, CURVE_COLOURS["f"]) >= 100      # 56 px in all before
    # one legend row, under f′'s x-axis; the axis's name beside its numbers at its right
    # end, not in the legend's row (there it read as one more legend entry)
    assert curve.legend.columnCount >= len(curve.legend.items)
    assert legend_inside_its_canvas(curve)
    legend = curve.legend.sceneBoundingRect()
    name_item = curve.legend_row.name            # its text, not the cell it stretches to
    name = name_item.mapRectToScene(name_item.itemRect())
    d_box_rect = curve.plot_d.vb.sceneBoundingRect()
    numbers = curve.plot_d.mapRectToScene(curve.plot_d.getAxis("bottom").geometry())
    assert legend.top() >= numbers.bottom() - 1
    assert numbers.top() <= name.center().y() <= numbers.bottom() and name.bottom() <= legend.top()
    assert 0 < name.left() - d_box_rect.right() < 12
    assert curve.canvas_d.viewport().rect().contains(curve.canvas_d.mapFromScene(name).boundingRect())
    assert curve.legend_row.name.text == lab.model.expression.variables[0]
    # the read-outs: one line each, the slider beside the point's numbers
    panel = curve.panel
    assert panel.one_row
    assert one_line(panel.point_readout) and one_line(panel.secant_readout)
    assert window_rect(panel.h_slider, lab).top() < window_rect(panel.secant_readout,
                                                                 lab).top()
    assert clipped_texts(lab) == [] and overlapping_texts(lab) == []
    name = "".join(c if c.isalnum() else "_" for c in preset["expr"])[:20]
    screenshot(lab, f"curve_layout_720p_{name}")


# (screen, text size, presentation, dark, f's and f′'s plot areas at least): at text
# size 2 on 720p f had 17 px and f′ none
CELLS = [((1280, 720), 2.0, False, False, 95, 30), ((1280, 720), 2.0, True, True, 95, 30),
         ((1280, 720), 1.5, False, False, 95, 30), ((1280, 720), 1.0, True, True, 250, 120),
         ((1920, 1080), 1.0, False, False, 300, 150), ((1920, 1080), 2.0, True, False, 200, 90)]


@pytest.mark.parametrize("size,scale,presentation,dark,f_px,d_px", CELLS,
                         ids=["720p-text2", "720p-text2-presentation-dark", "720p-text1.5",
                              "720p-presentation-dark", "1080p", "1080p-text2-presentation"])
def test_curves_and_legend_keep_their_room_in_other_cells(lab, qtbot, screenshot, size,
                                                          scale, presentation, dark,
                                                          f_px, d_px):
    enter(qtbot, lab, find_preset("Seed 1"), size, scale, presentation, dark)
    curve = lab.curve_view
    f_box, d_box = boxes(curve)
    assert f_box >= f_px and d_box >= d_px, (f_box, d_box)
    assert f_box >= 1.4 * d_box or f_box == curve.canvas.minimumHeight() - 2, (f_box, d_box)
    assert legend_inside_its_canvas(curve)
    # the two x-axes line up: a minimum of f right above the zero of f′
    f_rect, d_rect = curve.plot_f.vb.sceneBoundingRect(), curve.plot_d.vb.sceneBoundingRect()
    assert abs(f_rect.left() - d_rect.left()) < 1 and abs(f_rect.right() - d_rect.right()) < 1
    assert clipped_texts(lab) == [] and overlapping_texts(lab) == []
    if scale == 1.0:
        assert one_line(curve.panel.point_readout) and one_line(curve.panel.secant_readout)
    # no name broken from its value ("f(x) =" over "0.4096"): each read-out's lines
    # are whole items, so wrapping never leaves a line ending in "="
    for label in (curve.panel.point_readout, curve.panel.secant_readout):
        assert "white-space:nowrap" in label.text()
    screenshot(lab, f"curve_layout_{size[0]}_{scale:g}_{presentation}_{dark}")
    # (text size 2 may scroll, and 1.5 on a 720p screen outside presentation: the side
    # panel's Runs and the table's rows, kept whole, need more than its height; see
    # test_layout_matrix.may_scroll)
    if scale < 2 and not (scale >= 1.5 and size[1] < 1080 and not presentation):
        assert page_overflow(lab.tabs.currentWidget()) == (0, 0)
    assert theme.current().dark == dark


def _axis_name_whole(plot, side) -> bool:
    """The axis's name (drawn turned along it) no longer than its view box is tall."""
    axis = plot.getAxis(side)
    return axis.label.boundingRect().width() <= plot.vb.height()


def test_presenting_at_720p_with_the_lower_panel_keeps_every_plot_readable(lab, qtbot,
                                                                          screenshot):
    # Ctrl+3 while presenting on a 1280×720 projector: f′'s plot was ~10 px with "0"
    # over "20", "f″(x)" clipped to "f″(:", f″'s read-out gone, the legend row cut off
    enter(qtbot, lab, find_preset("Seed 1"), (1280, 720), PRESENTATION_SCALE, presentation=True)
    lab.commands.actions["show_below"].setChecked(True)
    settled(qtbot)
    lab.fit_to_screen()
    settled(qtbot)
    try:
        curve = lab.curve_view
        path = screenshot(lab, "curve_presenting_with_lower_panel")
        f_box, d_box = boxes(curve)
        tick_px = QFontMetricsF(curve.plot_d.getAxis("left").style["tickFont"]).height()
        assert d_box >= 3.5 * tick_px and d_box >= 60, (f_box, d_box, path)
        assert f_box >= d_box
        for plot, side in ((curve.plot_d, "left"), (curve.plot_d, "right"),
                           (curve.plot_f, "left")):
            assert _axis_name_whole(plot, side), (side, path)
        assert legend_inside_its_canvas(curve)
        # the splitter of plots has at least its minimum (the read-outs do not take it)
        assert curve.splitter.height() >= curve.splitter.minimumSizeHint().height()
        assert "″\u2060(x) = " in curve.panel.secant_readout.text()
        # the loss plot (on the page, or where it scrolls to) keeps its axis and numbers
        loss = lab.explorer.loss_plot.plot
        axis = loss.getPlotItem().getAxis("bottom")
        bottom = axis.mapRectToScene(axis.boundingRect())
        assert loss.sceneRect().contains(bottom) or bottom.bottom() <= loss.height() + 1
        assert loss.getPlotItem().vb.height() >= 60
        assert clipped_texts(lab) == []
    finally:
        lab.commands.set_presentation(False)
        settled(qtbot)


# how the lecturer came to text size 1.5 on the 1-D example at 720p (the theme matrix
# has the way a theme toggled before it, where f′'s canvas kept the layout of a legend
# of more rows and cut its legend row off)
HISTORIES = {"2-D at 1.5, then the 1-D example": (None, "Himmelblau", 1.5, "Seed 1"),
             "text size 2, then 1.5": ("Seed 1", None, 2.0, None),
             "dark and back, then 1.5": ("Seed 1", "dark", 1.0, None)}


@pytest.mark.parametrize("history", HISTORIES)
def test_f_primes_canvas_shows_its_legend_row_whatever_came_before(lab, qtbot, history):
    first, between, scale, last = HISTORIES[history]
    enter(qtbot, lab, find_preset(first or "Himmelblau"))
    commands = lab.commands
    if between == "dark":
        commands.set_theme("dark")
        settled(qtbot)
        commands.set_theme("light")
    elif between is not None:
        commands._load_preset(find_preset(between))
        assert lab.model.wait_for_analysis(60000)
    commands.set_scale(scale)
    settled(qtbot)
    enter(qtbot, lab, find_preset(last or first), scale=1.5)
    curve = lab.curve_view
    canvas_d = curve.canvas_d
    # the canvas's layout is the canvas's height: a taller one is cut at its bottom,
    # where the legend row is
    assert canvas_d.ci.geometry().height() == canvas_d.height()
    assert legend_inside_its_canvas(curve)
    # the curves' splitter is given its least height: the read-outs under it ask for
    # their wrapped rows (at 1.5 "difference" wraps), not for one line each
    assert curve.splitter.height() >= curve.splitter.minimumSizeHint().height()
    panel = curve.panel
    assert panel.height() >= panel.layout().heightForWidth(panel.width())
    # the legend's f sample is drawn under f′'s curve, on screen
    d_box = canvas_d.mapFromScene(curve.plot_d.vb.sceneBoundingRect()).boundingRect()
    below = QRect(0, d_box.bottom() + 1, canvas_d.width(), canvas_d.height() - d_box.bottom())
    assert ink_rows(canvas_d, below, CURVE_COLOURS["f"]) >= 2
    assert overlapping_texts(lab) == []


@pytest.mark.parametrize("presentation", [False, True])
def test_the_read_out_keeps_f_f_prime_and_f_double_prime_when_presenting(lab, qtbot,
                                                                         presentation):
    # F11 at 1280×720 on Example 1, tangent at x = 0.4: "f″(x) = 0.32" was dropped
    # whenever the quotient's row wrapped; it may wrap, never go
    scale = PRESENTATION_SCALE if presentation else 1.0
    enter(qtbot, lab, find_preset("Seed 1"), (1280, 720), scale, presentation)
    lab.curve_view.set_point(0.4)
    settled(qtbot)
    panel = lab.curve_view.panel
    shown = _plain(panel.point_readout) + " " + _plain(panel.secant_readout)
    for value in ("f(x) = 0.4096", "f′(x) = 1.536", "f″(x) = 0.32"):
        assert value in shown, shown
    assert clipped_texts(lab) == []


def visual_lines(label) -> list[str]:
    """The plain text of each line `label` (rich text, word-wrapped) shows at its width."""
    document = QTextDocument()
    document.setDefaultFont(label.font())
    document.setDocumentMargin(0)
    document.setHtml(label.text())
    document.setTextWidth(label.contentsRect().width())
    document.size()                 # (lays the lines out)
    lines, block = [], document.begin()
    while block.isValid():
        layout = block.layout()
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            text = block.text()[line.textStart():line.textStart() + line.textLength()]
            lines.append(" ".join(text.replace("\u2060", "").split()))
        block = block.next()
    return lines


@pytest.mark.parametrize("text, x", [("x^3 - 2x", -1.2), ("x^4 - 4x^3 + 4x^2", 0.4)])
def test_presenting_the_read_out_leaves_no_lone_f2_line(lab, qtbot, text, x):
    # F11 at 1280×720, x³ − 2x at x = −1.2: "f″(x) = −7.2" alone on a fourth line of
    # read-outs at the window's bottom edge (y ≈ 704 of 720)
    enter(qtbot, lab, find_preset("Seed 1"), (1280, 720), PRESENTATION_SCALE, True)
    lab.model.set_text(text)
    assert lab.model.wait_for_analysis(30000)
    qtbot.waitUntil(lambda: bool(lab.curve_view.panel.values))
    settled(qtbot)
    lab.curve_view.set_point(x)
    settled(qtbot)
    panel = lab.curve_view.panel
    lines = [line for label in (panel.point_readout, panel.secant_readout)
             for line in visual_lines(label)]
    assert any("f″(x) =" in line for line in lines), lines
    assert not [line for line in lines if line.startswith("f″(x) =")], lines
    for label in (panel.point_readout, panel.secant_readout):
        assert label.height() >= label.heightForWidth(label.width())
        assert window_rect(label, lab).bottom() < 720
    assert clipped_texts(lab) == []
