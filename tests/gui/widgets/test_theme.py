"""gui.widgets.theme on the real window: presentation scaling doubles fonts and pens and is
reversible, later items follow, the dark theme is dark, nothing is clipped at
1280×720, and no axis shows an automatic SI prefix."""
import pyqtgraph as pg
import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QPushButton

from gui.widgets import theme
from gui.plots.axis_ticks import format_tick as _fmt

# The window tests share one window, put back by File ▸ New before each (fixture `window`,
# which also checks that the applied theme and text size are light and 1 again).
# The screenshots at text size 1 share it too: `app` gives the window its size back after
# each test (File ▸ New keeps the size; `window` checks it), and their pictures are a
# fresh window's, pixel for pixel. own_window: at a larger text size the shared window's
# splitters were where earlier tests' text sizes left them (File ▸ New keeps the layout):
# the views got ~60 px more height than in a fresh window.
pytestmark = [pytest.mark.shared_window, pytest.mark.xdist_group("theme_shared")]


@pytest.fixture
def app(window, qtbot):
    a = QApplication.instance()
    yield a
    theme.apply_theme(a, window, "light", 1.0)     # module state: leave it as found
    window.resize(1400, 860)                       # the size `window` gives
    qtbot.waitUntil(lambda: window.size().toTuple() == (1400, 860), timeout=3000)


def settle(qtbot, ms=150):
    qtbot.wait(ms)


def sizes(window):
    """Sizes that the theme scales, as numbers."""
    contour, curve = window.contour_view, window.curve_view
    return {
        "app_pt": QApplication.font().pointSizeF(),
        "tick_pt": contour.plot.getAxis("bottom").style["tickFont"].pointSizeF(),
        "bar_tick_pt": contour.colour_bar.axis.style["tickFont"].pointSizeF(),
        "path_pen": contour.path_items["gd"].opts["pen"].widthF(),
        "path_symbol": contour.path_items["gd"].opts["symbolSize"],
        "current_size": contour.current_items["gd"].opts["size"],
        "iso_pen": contour.iso_lines.pen.widthF(),
        "arrow_pen": contour.field_item.opts["pen"].widthF(),
        "loss_pen": window.loss_plot.curves["gd"].opts["pen"].widthF(),
        "curve_pen": curve.curves["f"].opts["pen"].widthF(),
        "legend_size": contour.legend.opts["labelTextSize"],
        "critical_label_pt": contour.critical_labels[0].textItem.font().pointSizeF(),
        "math_scale": window.math_view.effective_scale,
        "gl_axes_width": window.surface_view.axes.width,
        "gl_point_size": window.surface_view.current_item.size,
    }


def test_scale_two_doubles_and_one_restores(window, app, qtbot):
    before = sizes(window)
    for _ in range(2):                     # idempotent: twice is once
        theme.apply_theme(app, window, "light", 2.0)
    settle(qtbot)
    doubled = sizes(window)
    for key, value in before.items():
        if key == "legend_size":
            assert doubled[key] == f"{float(value[:-2]) * 2:.4g}pt"
        else:
            assert doubled[key] == pytest.approx(2 * value), key
    assert theme.current().scale == 2.0 and theme.current().pen_width(2.5) == 5.0

    theme.apply_theme(app, window, "light", 1.0)
    settle(qtbot)
    assert sizes(window) == before


def test_scale_is_clamped_and_names_checked(window, app):
    assert theme.apply_theme(app, window, "light", 10).scale == 3.0
    assert theme.apply_theme(app, window, "light", 0.1).scale == 0.75
    with pytest.raises(ValueError):
        theme.apply_theme(app, window, "sepia", 1.0)


def test_items_built_later_follow_the_scale(window, app, qtbot):
    theme.apply_theme(app, window, "light", 2.0)
    model = window.model
    model.set_settings(methods=("gd", "momentum"))   # a new path item on the map
    settle(qtbot)
    contour = window.contour_view
    assert contour.path_items["momentum"].opts["pen"].widthF() == pytest.approx(5.0)
    assert contour.current_items["momentum"].opts["size"] == pytest.approx(30)
    # the legend was rebuilt: its rows are at the scaled size
    label = contour.legend.items[-1][1]
    assert label.opts["size"] == contour.legend.opts["labelTextSize"]
    # ... and the 3-D view's path lines (one item draws every run's, the new one's
    # among them) are twice as wide
    assert window.surface_view.paths.lines.width == pytest.approx(6.0)
    theme.apply_theme(app, window, "light", 1.0)
    settle(qtbot)
    assert contour.path_items["momentum"].opts["pen"].widthF() == pytest.approx(2.5)
    assert window.surface_view.path_items["momentum"].width == pytest.approx(3.0)


def test_dark_theme_is_dark_and_readable(window, app, qtbot):
    t = theme.apply_theme(app, window, "dark", 1.0)
    settle(qtbot)
    assert t.dark and theme.current() is t
    assert app.palette().color(QPalette.ColorRole.Window).lightnessF() < 0.15
    assert app.palette().color(QPalette.ColorRole.WindowText).lightnessF() > 0.9
    for view in window.findChildren(pg.GraphicsView):
        assert view.backgroundBrush().color().lightnessF() < 0.1
    axis = window.contour_view.plot.getAxis("left")
    assert axis.textPen().color().lightnessF() > 0.9
    # Newton's black path is drawn in the foreground colour, not black on black
    assert QColor(t.ink("#000000")).lightnessF() > 0.9
    # the 3-D view follows
    assert window.surface_view.gl.opts["bgcolor"] is not None
    theme.apply_theme(app, window, "light", 1.0)
    settle(qtbot)
    assert axis.textPen().color().lightnessF() < 0.2
    assert app.palette().color(QPalette.ColorRole.Window).lightnessF() > 0.95


def test_palette_is_okabe_ito_and_visible_on_both_backgrounds():
    from gui.widgets.palette import METHOD_COLOURS, OKABE_ITO
    assert OKABE_ITO[:7] == ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00",
                             "#56B4E9", "#F0E442"]
    for t in (theme.theme("light"), theme.theme("dark")):
        bg = QColor(t.background)
        for colour in METHOD_COLOURS.values():
            c = t.ink(colour)
            assert _contrast(c, bg) >= 2.0, (t.name, colour)


def _contrast(a: QColor, b: QColor) -> float:
    def lum(c):
        out = []
        for v in (c.redF(), c.greenF(), c.blueF()):
            out.append(v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4)
        return 0.2126 * out[0] + 0.7152 * out[1] + 0.0722 * out[2]
    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_no_automatic_si_prefix_on_a_small_window(window, qtbot):
    window.curve_view, window.neuron, window.network   # built on first use: build to check
    model = window.model
    model.set_window(((-0.01, 0.01), (-0.01, 0.01)))
    qtbot.waitUntil(lambda: window.contour_view.landscape is not None and
                    window.contour_view.landscape.window[0][1] < 0.1, timeout=5000)
    settle(qtbot, 300)
    axes = [item for view in window.findChildren(pg.GraphicsView)
            for item in view.scene().items()
            if isinstance(item, pg.AxisItem) and item.isVisibleTo(item.parentItem())]
    assert len(axes) > 10        # contour, colour bar, curve, loss, network plots
    for axis in axes:
        assert not axis.autoSIPrefix, (axis.orientation, axis.labelText,
                                       type(axis.parentItem()).__name__)
        assert axis.autoSIPrefixScale == 1.0
        assert "(x" not in axis.label.toHtml()
    bottom = window.contour_view.plot.getAxis("bottom")
    values = bottom.tickValues(-0.01, 0.01, 400)
    labels = bottom.tickStrings(values[0][1], 1.0, values[0][0])
    assert any("0.00" in s and s != "0.00" for s in labels), labels


def test_surface_labels_show_significant_digits(window, qtbot):
    assert _fmt(0.0005) == "0.0005"
    assert _fmt(0.002) == "0.002"
    assert _fmt(-1.5e-5) == "−1.5e−5"
    assert _fmt(1000.0015, 0.0005) == "1000.0015"
    model = window.model
    model.set_text("0.0001*(x^2 + y^2)")       # f in [0, about 0.002] on the window
    assert model.wait_for_analysis()
    settle(qtbot, 300)
    texts = [s for s in window.surface_view.gl.label_texts() if "<b>" not in s]
    assert texts and not any(s in ("0.00", "0.0", "−0.00") for s in texts)
    f_ticks = window.surface_view.tick_texts["f"]
    assert len(set(f_ticks)) == len(f_ticks) >= 3, texts


@pytest.mark.parametrize("name, scale", [
    ("light", 1.0), ("dark", 1.0),
    pytest.param("light", 1.75, marks=pytest.mark.own_window)])
def test_screenshots_at_1280x720(window, app, qtbot, screenshot, name, scale):
    window.resize(1280, 720)
    theme.apply_theme(app, window, name, scale)
    settle(qtbot, 400)
    window.resize(1280, 720)
    settle(qtbot, 300)
    screenshot(window, f"theme_{name}_{scale:g}")
    assert window.math_view.equations and all(e.kind == "typeset"
                                              for e in window.math_view.equations)


@pytest.mark.own_window
def test_nothing_clipped_at_1280x720_scale_1_5(window, app, qtbot):
    theme.apply_theme(app, window, "light", 1.5)
    window.resize(1280, 720)
    settle(qtbot, 400)
    hint = window.minimumSizeHint()
    assert hint.width() <= 1280 and hint.height() <= 720, hint
    assert window.width() <= 1280 and window.height() <= 720
    panel = window.descent_panel
    buttons = [b for b in panel.findChildren(QPushButton) if b.isVisibleTo(panel)]
    assert buttons
    for b in buttons:
        assert b.width() >= b.minimumSizeHint().width(), b.text()
        assert b.height() >= b.minimumSizeHint().height() - 1, b.text()
    # the formulas are the theme's size and fit the window's width
    rects = window.math_view.equation_rects()
    assert rects and max(r.right() for r in rects) <= window.math_view.width()


def test_text_without_a_background_keeps_none(window, qtbot):
    """The Jacobian's numbers have no fill: a theme change must not give them a black one."""
    from PySide6.QtCore import Qt
    window.show_tab("network")
    window.commands.set_scale(1.5)
    try:
        cells = window.network.jacobian.cells
        assert cells
        assert all(c.fill.style() == Qt.BrushStyle.NoBrush for c in cells)
    finally:
        window.commands.set_scale(1.0)


def test_readable_remembers_its_answers_exactly():
    import random
    widget_theme = theme
    rng = random.Random(7)
    pairs = [(QColor(*(rng.randrange(256) for _ in range(3)), rng.randrange(256)),
              QColor(*(rng.randrange(256) for _ in range(3)))) for _ in range(60)]
    first = [widget_theme.readable(c, back) for c, back in pairs]
    for c, back in pairs:
        widget_theme.readable(c, back).setRed(0)      # a caller changing its copy
    again = [widget_theme.readable(c, back) for c, back in pairs]
    fresh = [widget_theme._readable(QColor(c), QColor(back), widget_theme.AA_TEXT)
             for c, back in pairs]
    assert again == first == fresh
    assert any(a != c for a, (c, _) in zip(first, pairs))     # some were mixed
    assert all(widget_theme.contrast(a, back) >= widget_theme.AA_TEXT - 1e-9
               for a, (_, back) in zip(first, pairs))


def test_the_start_look_is_the_light_theme_applied(app):
    """A fresh start (make_application) uses the light theme's own style and palette:
    before, it showed Qt's palette (panels #efefef) and the same light theme applied by a
    dark → light toggle showed #ffffff, so the window differed after the round trip."""
    theme.use_start_look(app)
    assert isinstance(app.style(), theme.ThemedStyle)
    assert app.palette().window().color().name() == theme.LIGHT.window
    assert app.palette().base().color().name() == theme.LIGHT.background


@pytest.mark.parametrize("name", ["light", "dark"])
def test_the_formula_field_has_an_edge_on_either_theme(window, app, qtbot, name):
    """The formula field's frame, as the screen shows it, stands 3:1 from the field and
    the window around it (WCAG's rule for a control's parts): on the dark theme Fusion's
    frame was #0e0e0e on #141414 (1.05:1: no edge, the rehearsal), on light 2:1."""
    theme.apply_theme(app, window, name, 1.0)
    field = window.explorer.editor.line_edit
    window.explorer.editor.setFocus()          # not the field: its focus frame is Fusion's
    field.clearFocus()
    settle(qtbot)
    picture = window.grab().toImage()
    top_left = field.mapTo(window, field.rect().topLeft())
    x = top_left.x() + field.width() // 2
    edge = max((QColor(picture.pixel(x, top_left.y() + dy)) for dy in range(2)),
               key=lambda c: theme.contrast(c, QColor(picture.pixel(x, top_left.y() + 4))))
    inside = QColor(picture.pixel(x, top_left.y() + 4))
    outside = QColor(picture.pixel(x, top_left.y() - 2))
    assert theme.contrast(edge, inside) >= 2.9, (edge.name(), inside.name())
    assert theme.contrast(edge, outside) >= 2.5, (edge.name(), outside.name())
