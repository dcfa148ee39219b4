"""LossPlot: each curve holds the engine's f(θ_k) up to the current frame."""
import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QImage, QPainter

from gui.plots.loss_plot import LossPlot, flat_range_widened
from gui.widgets.palette import METHOD_LABELS
from gui.app.presets import default_preset, find_preset


@pytest.fixture
def plot(shown, model):
    return shown(LossPlot(model), 720, 360)


def _load(model, name):
    model.load_preset(find_preset(name) if name else default_preset())
    assert model.wait_for_analysis()


def test_curves_equal_path_values_up_to_frame(plot, model):
    _load(model, "Rosenbrock's banana")
    model.set_settings(methods=("gd", "momentum", "nesterov", "adam"))
    for frame in (0, 37, 200):
        model.set_frame(frame)
        for method, path in model.paths.items():
            steps, values = plot.curve_data(method)
            n = min(frame, path.stop_step) + 1
            assert_allclose(values, path.values[:n])
            assert_allclose(steps, np.arange(n))
        assert plot.frame_line.value() == frame


def test_legend_names_the_shown_methods_only(plot, model):
    _load(model, "Rosenbrock's banana")
    legend = plot.legend.text()
    positions = [legend.index(METHOD_LABELS[m]) for m in ("gd", "momentum", "adam")]
    assert positions == sorted(positions) and "Nesterov" not in legend
    model.set_settings(methods=("adam",))
    assert METHOD_LABELS["adam"] in plot.legend.text()
    assert METHOD_LABELS["gd"] not in plot.legend.text()
    assert not plot.curves["gd"].isVisible() and plot.curves["adam"].isVisible()


def test_axis_labels(plot, model):
    _load(model, None)
    item = plot.plot.getPlotItem()
    assert item.getAxis("bottom").labelText == "step k"
    assert item.getAxis("left").labelText.startswith("f")


def test_log_scale_of_positive_loss_plots_f_itself(plot, model):
    _load(model, None)
    model.set_frame(50)
    plot.log_check.setChecked(True)
    _, values = plot.curve_data("gd")
    assert_allclose(values, model.paths["gd"].values[:51])
    assert plot.plot.getPlotItem().getAxis("left").logMode
    assert plot.note.text() == ""


# (switching log on drew the heads' unshifted f ≤ 0 in log: NaN only, "All-NaN slice")
@pytest.mark.filterwarnings("error::RuntimeWarning")
def test_log_scale_with_negative_values_shifts_and_says_so(plot, model):
    _load(model, "Six-hump camel")                # reaches f ≈ −1.03
    model.set_frame(model.last_frame)
    plot.log_check.setChecked(True)
    lowest = min(p.values.min() for p in model.paths.values())
    assert lowest < 0
    _, values = plot.curve_data("gd")
    assert np.all(values > 0)
    assert_allclose(values, model.paths["gd"].values - lowest, atol=1e-11)
    assert "f_min" in plot.plot.getPlotItem().getAxis("left").labelText
    assert "f_min" in plot.note.text()
    plot.log_check.setChecked(False)              # back to f itself
    assert_allclose(plot.curve_data("gd")[1], model.paths["gd"].values)


def test_diverging_path_draws_without_error(plot, model):
    _load(model, None)
    model.set_settings(lr=1.5)
    assert model.paths["gd"].status == "diverged"
    model.set_frame(model.last_frame)
    plot.log_check.setChecked(True)
    assert_allclose(plot.curve_data("gd")[1], model.paths["gd"].values)


def test_screenshot_four_methods_on_rosenbrock(plot, model, screenshot, qtbot):
    _load(model, "Rosenbrock's banana")
    model.set_settings(methods=("gd", "momentum", "nesterov", "adam"))
    model.set_frame(300)
    qtbot.wait(50)
    screenshot(plot, "loss_plot_rosenbrock")
    plot.log_check.setChecked(True)
    qtbot.wait(50)
    screenshot(plot, "loss_plot_rosenbrock_log")


def test_a_path_that_ended_is_not_redrawn_on_later_frames(plot, model):
    _load(model, "Rosenbrock's banana")
    model.set_settings(methods=("gd", "newton"))
    newton = model.paths["newton"]
    assert len(newton.points) < model.last_frame      # Newton stops long before gd
    model.set_frame(len(newton.points) + 1)
    before = plot.curve_data("newton")[1]
    model.set_frame(model.frame + 5)
    assert plot.curve_data("newton")[1] is before     # untouched
    assert len(plot.curve_data("gd")[1]) == model.frame + 1


def _ink_rows(widget, rect):
    """Rows (widget coordinates) inside `rect` holding pixels that differ from the window."""
    from PySide6.QtGui import QImage
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    arr = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())
    rgb = arr[:, :image.width() * 4].reshape(image.height(), image.width(), 4)[..., :3].astype(int)
    window = widget.palette().window().color()
    bg = np.array([window.blue(), window.green(), window.red()])
    block = rgb[rect.top():rect.bottom() + 1, rect.left():rect.right() + 1]
    return np.flatnonzero((np.abs(block - bg).max(axis=2) > 60).any(axis=1)) + rect.top()


@pytest.mark.parametrize("width", [380, 470, 520, 700])
@pytest.mark.parametrize("scale", [1.0, 1.5])
def test_a_wrapped_legend_keeps_off_the_plot(shown, model, qtbot, width, scale):
    """Four runs in a narrow loss plot (1920×1080 with the side panels): the legend wraps
    between entries, never inside a name, and its last row ends above the plot's frame
    ("Adam" sat on it)."""
    from PySide6.QtWidgets import QApplication, QWidget
    from gui.widgets import theme
    _load(model, "Himmelblau")
    model.set_settings(methods=("gd", "momentum", "nesterov", "adam"))
    plot = shown(LossPlot(model), width, 170)     # its least height (in the app, often)
    theme.apply_theme(QApplication.instance(), QWidget(), "light", scale)
    try:
        legend = plot.legend

        def clear():
            # 8 px of clear space (the frame and the plot's own top margin follow): it
            # had 6. (The new size's layout lands in later passes, the plot's frame
            # after the legend: 200 ms were not enough on CI, nor one pass under load.)
            rows = _ink_rows(plot, legend.geometry())
            return (legend.height() >= legend.heightForWidth(legend.width())
                    and rows.max() <= plot.plot.geometry().top() - 8)
        qtbot.waitUntil(clear, timeout=5000)
        # every name whole on one row: "Gradient descent" is not cut in two
        from PySide6.QtGui import QTextDocument
        doc = QTextDocument()
        doc.setDefaultFont(legend.font())
        doc.setHtml(legend.text())
        doc.setTextWidth(legend.contentsRect().width())
        assert doc.size().height() > 0          # laid out
        block = doc.begin()
        lines = [block.text()[block.layout().lineAt(i).textStart():][:block.layout().lineAt(i).textLength()]
                 for i in range(block.layout().lineCount())]
        assert "".join(lines).replace("\xa0", " ").count("Gradient descent") == 1
        assert any("Gradient descent" in line.replace("\xa0", " ") for line in lines), lines
        # beside the title it took up to four rows (text 1.5, 380 px): below it, whole width, two
        assert len(lines) <= 2, lines
    finally:
        theme.apply_theme(QApplication.instance(), QWidget(), "light", 1.0)


def test_a_new_f_with_the_same_runs_keeps_the_curves_pens(plot, model, monkeypatch):
    """A new f's paths in the runs' own colours: the curves keep their pens. A new pen
    each edit (the same colour) made pyqtgraph re-set every curve's old data, before
    the new f's values were set."""
    import pyqtgraph as pg
    _load(model, "Rosenbrock's banana")
    model.set_settings(methods=("gd", "momentum", "adam"))
    model.set_frame(30)
    pens = {m: plot.curves[m].opts["pen"].color().name() for m in model.paths}
    old_data_set = []
    original = pg.PlotDataItem.setPen
    monkeypatch.setattr(pg.PlotDataItem, "setPen",
                        lambda self, *a, **k: old_data_set.append(self) or original(self, *a, **k))
    model.set_text("(1-x)^2 + 3(y-x^2)^2")
    assert model.wait_for_analysis()
    assert old_data_set == []
    for method, path in model.paths.items():      # the new f's values, in the runs' colours
        steps, values = plot.curve_data(method)
        assert_allclose(values, path.values[:min(model.frame, path.stop_step) + 1])
        assert plot.curves[method].opts["pen"].color().name() == pens[method] == \
            pg.mkColor(model.lab.colour(method)).name()
    model.set_settings(methods=("gd", "nesterov"))    # a new run: its own colour
    assert [c.opts["pen"].color().name() for c in (plot.curves["gd"], plot.curves["nesterov"])] == \
        [pg.mkColor(model.lab.colour(m)).name() for m in ("gd", "nesterov")]


class _Paints(QObject):
    """The Paint events `widget` receives (their regions' bounding rectangles)."""

    def __init__(self, widget):
        super().__init__()
        self.rects = []
        widget.installEventFilter(self)

    def eventFilter(self, _obj, event):
        if event.type() == QEvent.Type.Paint:
            self.rects.append(event.region().boundingRect())
        return False


def _picture(widget) -> np.ndarray:
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    return np.frombuffer(image.constBits(), np.uint8).reshape(
        image.height(), image.bytesPerLine() // 4, 4)[:, :image.width(), :3].copy()


# f values of ~1, ~1e7 (wider labels), then ~1 again
EDITS = ("x^2 + y^2/7", "x^2 + y^2*7000001", "x^2 - y^2/9 + x^4/5")


def test_a_new_f_paints_the_loss_plot_once_its_f_axis_drawn_once(plot, model, qtbot, shown,
                                                                 monkeypatch):
    """A new f whose f-axis labels take another width: the plot is laid out for them
    before its paint. Found at the paint, the new width re-laid it out after it was painted
    (a second full paint, both axes drawn twice), and the frame line's label took the new
    scale in the paint itself (a second small paint beside the axis)."""
    import pyqtgraph as pg
    _load(model, None)
    qtbot.wait(100)
    axis = plot.plot.getPlotItem().getAxis("left")
    drawn = []                        # the f axis's pictures drawn
    generate = pg.AxisItem.generateDrawSpecs
    monkeypatch.setattr(pg.AxisItem, "generateDrawSpecs",
                        lambda self, p: (drawn.append(self.width()) if self is axis else None)
                        or generate(self, p))
    paints = _Paints(plot.plot.viewport())
    widths = [axis.width()]
    for text in EDITS:
        drawn.clear(), paints.rects.clear()
        model.set_text(text)
        assert model.wait_for_analysis()
        qtbot.wait(150)
        assert len(paints.rects) == 1, (text, paints.rects)
        # once, or for a new width once more (before the paint): never twice one width
        assert len(drawn) == len(set(drawn)) and drawn[-1] == axis.width(), (text, drawn)
        widths.append(axis.width())
    # small f keep the axis's width (nothing jumps); wider labels widen it
    assert widths[0] == widths[1] == widths[3] < widths[2], widths
    fresh = shown(LossPlot(model), 720, 360)      # the settled picture: a fresh plot's
    qtbot.wait(150)
    assert_array_equal(_picture(plot), _picture(fresh))


def test_a_new_f_sets_the_plots_range_once(plot, model, qtbot):
    """A new f with new step count and f values: both axes' ranges in one update of the
    view box (each set alone updated it, every curve clipped to it and the frame line)."""
    _load(model, None)
    view = plot.plot.getPlotItem().getViewBox()
    updates = []
    view.sigRangeChanged.connect(lambda _vb, ranges, *_: updates.append(ranges))
    before = view.viewRange()
    model.set_text("x^2 + y^2*70001")        # diverges early: fewer steps, f far larger
    assert model.wait_for_analysis()
    qtbot.wait(50)
    (x0, x1), (y0, y1) = view.viewRange()
    assert (x0, x1) != tuple(before[0]) and (y0, y1) != tuple(before[1])
    assert len(updates) == 1, updates
    right = max(model.last_frame, 1)          # padded 2 % (steps) and 5 % (f)
    assert (x0, x1) == pytest.approx((-0.02 * right, 1.02 * right))
    values = np.concatenate([p.values[:model.frame + 1] for p in model.paths.values()])
    lo, hi = float(values.min()), float(values.max())
    lo, hi = flat_range_widened(lo, hi)       # one value shown: a unit around it
    assert (y0, y1) == pytest.approx((lo - 0.05 * (hi - lo), hi + 0.05 * (hi - lo)))


def drawn_tick_labels(axis) -> list[str]:
    """The tick labels the axis paints now (pyqtgraph's own drawing specification)."""
    image = QImage(10, 10, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    specs = axis.generateDrawSpecs(painter)
    painter.end()
    return [text for _rect, _flags, text in specs[2]]


@pytest.mark.parametrize("steps", [1, 2, 3, 7, 200])
def test_the_step_axis_shows_whole_steps_only(plot, model, qtbot, steps):
    """A one-step run's axis read 0, 0.2, 0.4, … 1: a step is a whole number."""
    _load(model, None)
    model.set_settings(max_steps=steps, lr=0.002)      # (no run stops early)
    assert model.wait_for_analysis()
    model.set_frame(model.last_frame)
    qtbot.wait(50)
    assert model.last_frame == steps
    axis = plot.plot.getPlotItem().getAxis("bottom")
    labels = drawn_tick_labels(axis)
    assert len(labels) >= 2 and all(label.isdigit() for label in labels), labels
    values = sorted(int(label) for label in labels)
    assert values[0] == 0 and values[-1] <= steps and values[-1] >= steps // 2
    # and on the screen: the grid lines (drawn by the axis) stand at whole steps only
    lo, hi = axis.range
    ticks = [v for level in axis.tickValues(lo, hi, axis.width()) for v in level[1]]
    assert ticks and all(float(v).is_integer() for v in ticks)


@pytest.mark.parametrize("width, shortened", [(303, True), (1200, False)])
def test_seven_runs_short_names_only_where_they_save_a_row(shown, model, qtbot, width, shortened):
    """The loss curve's 303 px at 1280×720: seven full names took three rows, the short
    ones ("GD", "Nesterov") two, their full names in the tooltip; wide, the full names."""
    from engine.optimizers import METHODS
    _load(model, "Himmelblau")
    model.set_settings(methods=tuple(METHODS))
    plot = shown(LossPlot(model), width, 300)
    qtbot.wait(50)
    legend = plot.legend.text().replace("&nbsp;", " ")
    assert ("GD" in legend and METHOD_LABELS["gd"] not in legend) == shortened, legend
    assert (METHOD_LABELS["gd"] in plot.legend.toolTip()) == shortened
    row = plot.legend.fontMetrics().lineSpacing()
    assert plot.legend.height() <= (2 if shortened else 1) * row + 6


def test_a_flat_huge_loss_has_distinct_f_ticks(plot, model, qtbot):
    """e^(10x) from x = 2.8 (f = 1.446e12, past the engine's limit: no step is taken):
    four ticks all read "1.44626e+12" (0.2 apart around one value, written with six
    digits)."""
    model.set_text("e^(10x)")
    model.set_start((2.8,))
    model.set_settings(methods=("adam",))
    assert model.wait_for_analysis()
    qtbot.waitUntil(lambda: model.paths and "adam" in model.paths, timeout=60000)
    model.set_frame(0)
    qtbot.wait(50)
    labels = drawn_tick_labels(plot.plot.getPlotItem().getAxis("left"))
    assert labels and len(set(labels)) == len(labels), labels
    assert all(len(label) <= 11 for label in labels), labels     # and short


def test_tick_labels_tell_close_ticks_apart_on_any_axis(qapp):
    """pyqtgraph writes |v| >= 1e4 with six digits, whatever the spacing."""
    import pyqtgraph as pg
    axis = pg.AxisItem("left")
    values = [1446257064291.0, 1446257064291.2, 1446257064291.4]
    assert axis.tickStrings(values, 1.0, 0.2) == [
        "1446257064291", "1446257064291.2", "1446257064291.4"]
    assert axis.tickStrings([1e5, 2e5], 1.0, 1e5) == ["100000", "200000"]   # as before


@pytest.mark.parametrize("look", ["light", "dark"])
@pytest.mark.parametrize("scale", [1.0, 1.5, 2.0])
def test_both_axes_label_their_0(shown, model, qtbot, look, scale):
    """The default example's descent converges to f = 0 from step 0: the f axis's "0"
    (0.85 of 18.7 above its lower end, under the 5 % padding) was hidden at every text
    size and the step axis's "0" from text size 1.5 (pyqtgraph hides a label reaching
    past its axis and plot), in both themes alike. Each end now has its label's room."""
    from PySide6.QtWidgets import QApplication
    from gui.widgets import theme
    plot = shown(LossPlot(model), 300, int(170 * scale) + 80)   # as the Explorer's row gives it
    theme.apply_theme(QApplication.instance(), plot, look, scale)
    try:
        _load(model, None)
        model.set_frame(model.last_frame)
        qtbot.wait(50)
        item = plot.plot.getPlotItem()
        assert "0" in drawn_tick_labels(item.getAxis("bottom"))
        assert "0" in drawn_tick_labels(item.getAxis("left"))
    finally:
        theme.apply_theme(QApplication.instance(), plot, "light", 1.0)


def test_an_ends_padding_gives_its_label_room():
    from gui.plots.loss_ranges import edge_padding
    assert edge_padding(0, 100, 1000, 5, 5, 0.02) == (2, 2)        # the share is room enough
    below, above = edge_padding(0, 90, 200, 8, 12, 0.02)
    px = 200 / (90 + below + above)
    assert below * px == pytest.approx(8) and above * px == pytest.approx(12)



def test_an_axis_can_write_a_true_minus(qapp):
    """pyqtgraph writes "-0.5" with a hyphen; write_true_minus makes an axis write "−0.5"
    (and no sign on a zero), long labels too."""
    import pyqtgraph as pg
    from gui.plots.axis_numbers import write_true_minus
    axis = pg.AxisItem("left")
    write_true_minus(axis)
    assert axis.tickStrings([-1.0, -0.5, 0.0, 0.5], 1.0, 0.5) == ["−1.0", "−0.5", "0", "0.5"]
    assert axis.tickStrings([-2e-5, -1e-5], 1.0, 1e-5) == ["−2e−5", "−1e−5"]   # (the short exponent, as everywhere)
    assert axis.tickStrings([-1446257064291.2], 1.0, 0.2) == ["−1446257064291.2"]


def test_a_range_set_half_way_is_set_again(plot, model):
    """pyqtgraph's setRange that raises on its y range has already taken the x range as
    asked (targetRange) but never shown it (viewRange). Compared with the asked range, the
    plot never set it again: it stayed at the old steps (k = 0 only) for a whole run."""
    _load(model, None)
    model.set_frame(30)
    view = plot.plot.getPlotItem().getViewBox()
    shown_x = list(view.viewRange()[0])
    view.state["viewRange"][0] = [-0.05, 1.05]      # as a failed setRange leaves it
    plot._fit_range(model.paths)        # the next fit, f's range as fitted (a resize's)
    assert view.viewRange()[0] == shown_x
