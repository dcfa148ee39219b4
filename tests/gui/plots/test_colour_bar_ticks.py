"""The contour map's colour bar as drawn: its labels fit the bar's real height and font
(none on another, at any text size), are chosen again when the bar grows, name distinct
values, and the "f" title sits right beside them."""
import numpy as np
import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QApplication, QWidget

from gui.plots.contour_view import ContourView
from gui.app.presets import find_preset
from gui.widgets import theme

HIMMELBLAU = "(x^2+y-11)^2 + (x+y^2-7)^2"
NEURON_LOSS = "1/2 (1/(1+exp(-(2 w + b))) - 0.7)^2"     # the Neuron tab's L(b, w)


def _look(qtbot, view, scale, dark=False):
    theme.apply_theme(QApplication.instance(), QWidget(), "dark" if dark else "light", scale)
    _until_drawn(qtbot, view)


def _until_drawn(qtbot, view):
    """Wait until the bar was drawn with the map's present f grid, for the bar's present
    length and font: the labels the checks read (`shown`) are those of what the screen
    shows now (the condition the fixed waits of 50-300 ms stood for). (That the map then
    comes to rest, at 640×230 too, is tests/gui/plots/test_map_comes_to_rest.py's.)"""
    ticks, axis = view.bar_ticks, view.colour_bar.axis

    def drawn():
        # a relayout still posted (a new font's) would give the bar another length
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        now = (view.landscape, ticks._length_px(), axis.style["tickFont"].key())
        return (view.landscape is not None and ticks.landscape is view.landscape
                and ticks._chosen_for == now)
    qtbot.waitUntil(drawn)


@pytest.fixture
def restore_look():
    yield
    theme.apply_theme(QApplication.instance(), QWidget(), "light", 1.0)


def _show_f(shown, model, qtbot, text, window, width, height):
    model.set_text(text)
    assert model.wait_for_analysis()
    model.set_window(window)
    view = shown(ContourView(model), width, height)
    _until_drawn(qtbot, view)
    return view


def _canvas_rect(view, item):
    """The item's own rectangle on the canvas (an axis's bounding rect reaches into the bar)."""
    return view.canvas.mapFromScene(item.mapRectToScene(item.boundingRect()
                                                        if item is not view.colour_bar.axis
                                                        else item.rect())).boundingRect()


def _ink(view):
    """(h, w) bool: pixels of the canvas that differ from its background."""
    image = view.canvas.grab().toImage()
    ratio = image.devicePixelRatio()
    arr = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())
    rgb = arr[:, :image.width() * 4].reshape(image.height(), image.width(), 4)[..., :3].astype(int)
    background = view.canvas.backgroundBrush().color()
    bg = np.array([background.blue(), background.green(), background.red()])
    ink = np.abs(rgb - bg).max(axis=2) > 80
    return ink[::max(1, round(ratio)), ::max(1, round(ratio))]


def _label_column(view):
    """(ink rows of the tick labels, x of their rightmost ink, x of the "f" title's leftmost ink)."""
    axis = view.colour_bar.axis
    ink = _ink(view)
    bar = _canvas_rect(view, axis)
    title = _canvas_rect(view, axis.label)
    left = bar.left() + max(0, axis.style["tickLength"]) + 3     # past the axis line
    labels = ink[bar.top() - 20:bar.bottom() + 20, left:title.left() - 1]
    rows = np.flatnonzero(labels.any(axis=1)) + bar.top() - 20
    columns = np.flatnonzero(labels.any(axis=0))
    title_ink = np.flatnonzero(ink[title.top():title.bottom(), title.left():title.right()].any(axis=0))
    return rows, left + columns.max(), title.left() + title_ink.min()


def _blocks(rows):
    """Runs of consecutive rows: [(first, last)]."""
    if not len(rows):
        return []
    breaks = np.flatnonzero(np.diff(rows) > 1)
    starts = np.concatenate([[rows[0]], rows[breaks + 1]])
    ends = np.concatenate([rows[breaks], [rows[-1]]])
    return list(zip(starts, ends))


def _shown(view):
    """[(colour position, label)] the bar shows (before ColourBarTicks: the axis's fixed ticks)."""
    ticks = getattr(view, "bar_ticks", None)
    return ticks.shown if ticks is not None else view.colour_bar.axis._tickLevels[0]


def _assert_labels_apart(view):
    axis = view.colour_bar.axis
    shown = _shown(view)
    labels = [text for _, text in shown]
    assert len(labels) >= 2, shown
    assert len(set(labels)) == len(labels), labels
    # geometry: each label's rectangle (its font's full line height) inside the bar, apart
    line = QFontMetricsF(axis.style["tickFont"]).height()
    bar = axis.mapRectToScene(axis.rect())
    centres = sorted(bar.bottom() - p * bar.height() for p, _ in shown)
    assert centres[0] - line / 2 >= bar.top() - 0.5
    assert centres[-1] + line / 2 <= bar.bottom() + 0.5
    assert min(np.diff(centres)) >= line, (labels, np.diff(centres), line)
    # pixels: as many separate runs of ink rows as labels (two touching labels make one)
    blocks = _blocks(_label_column(view)[0])
    assert len(blocks) == len(labels), (blocks, labels)
    assert max(b - a + 1 for a, b in blocks) <= line


@pytest.mark.parametrize("height", [230, 540])
@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_colour_bar_labels_never_overlap(shown, model, qtbot, restore_look, height, scale):
    view = _show_f(shown, model, qtbot, HIMMELBLAU, ((-5, 5), (-5, 5)), 640, height)
    _look(qtbot, view, scale, dark=scale > 1)
    _assert_labels_apart(view)


def test_the_neuron_landscape_bar_at_1280x720_keeps_its_labels_apart(shown, model, qtbot):
    # the Neuron tab's map at 1280×720: a bar ~60 px high (0.008 was drawn on 0.005)
    view = _show_f(shown, model, qtbot, NEURON_LOSS.replace("w", "y").replace("b", "x"),
                   ((-1.2, 1.3), (0.2, 0.8)), 420, 170)
    assert view.colour_bar.axis.height() < 90
    _assert_labels_apart(view)


def test_a_taller_bar_gets_more_labels(shown, model, qtbot):
    view = _show_f(shown, model, qtbot, HIMMELBLAU, ((-5, 5), (-5, 5)), 640, 200)
    few = len(_shown(view))
    view.resize(640, 700)
    qtbot.waitUntil(lambda: len(_shown(view)) > few)
    _until_drawn(qtbot, view)
    _assert_labels_apart(view)


def test_exp_of_r_squared_is_coloured_honestly(shown, model, qtbot):
    """f from 1 to 1e20: the bar starts near f's minimum, names each value once, and the
    map's colours tell f = e¹ from f = e⁴ (all of f below 1e10 was one colour)."""
    view = _show_f(shown, model, qtbot, "exp(x^2+y^2)", ((-4, 4), (-4, 4)), 640, 540)
    _assert_labels_apart(view)
    scape = view.landscape
    values = [float(t.replace("−", "-")) for _, t in _shown(view)]
    assert values[0] <= 10 and values[-1] >= 1e12      # f(4, 0) = e¹⁶ ≈ 9e6, f(4, 4) ≈ 8e13
    assert values == sorted(values)
    positions = scape.colour_position([np.e, np.e ** 4, np.e ** 9])
    assert np.all(np.diff(positions) > 0.1), positions


def test_the_f_title_sits_beside_short_labels(shown, model, qtbot):
    view = _show_f(shown, model, qtbot, "x^2 + y^2", ((-2, 2), (-2, 2)), 640, 540)
    labels = [t for _, t in _shown(view)]
    assert max(map(len, labels)) <= 3, labels
    _, labels_right, title_left = _label_column(view)
    assert 0 < title_left - labels_right <= 8, (labels_right, title_left)


def _drawn_text_rects(axis):
    """The rectangles of the tick labels the axis draws (pyqtgraph's own draw specs)."""
    from PySide6.QtGui import QPainter, QPicture
    picture = QPicture()
    painter = QPainter(picture)
    painter.setFont(axis.style["tickFont"])
    try:
        specs = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    return [(rect, text) for rect, _, text in specs[2]]


@pytest.mark.parametrize("scale", [1.0, 1.5])
def test_a_short_maps_y_labels_are_thinned_not_stacked(shown, model, qtbot, restore_look, scale):
    """The Neuron tab's map at 1280×720 with larger text is ~30 px high: w's labels
    0.2 … 0.8 were drawn on each other; now as many as fit, a line apart."""
    view = _show_f(shown, model, qtbot, NEURON_LOSS.replace("w", "y").replace("b", "x"),
                   ((-1.2, 1.3), (0.2, 0.8)), 420, 150)
    _look(qtbot, view, scale)
    axis = view.plot.getAxis("left")
    rects = sorted(_drawn_text_rects(axis), key=lambda r: r[0].top())
    assert len(rects) >= 1
    line = QFontMetricsF(axis.style["tickFont"]).height()
    for (a, _), (b, _) in zip(rects, rects[1:]):
        # pyqtgraph's rects are 0.8 of a line: their centres must be a whole line apart
        assert b.center().y() - a.center().y() >= line, [t for _, t in rects]


def test_a_theme_round_trip_keeps_the_labels_room_before_any_paint(shown, model, qtbot, restore_look):
    """A theme resets each axis's room for its texts to a guess (30 px at text size 1); the
    colour bar's is its labels' at once, not at its next paint (widened there, the bar
    moved after its axis's cache was drawn: after presenting, the Neuron map's labels came
    out 1 px off a fresh start's)."""
    from gui.plots.map_axes import ROOM_FOR, _text_width
    view = _show_f(shown, model, qtbot, NEURON_LOSS.replace("w", "y").replace("b", "x"),
                   ((-1.2, 1.3), (0.2, 0.8)), 420, 170)
    axis = view.colour_bar.axis
    metrics = QFontMetricsF(axis.style["tickFont"])
    labels = [t for _, t in _shown(view)]
    room = max(_text_width(metrics, t) for t in labels + [ROOM_FOR])
    assert room > 30 + 3, labels            # (else the theme's guess would do)
    width, bar = axis.minimumWidth(), _canvas_rect(view, view.colour_bar)
    picture = view.canvas.grab(bar).toImage()
    view.hide()                     # as a tab not shown: the map is not sampled anew
    for dark in (True, False):
        theme.apply_theme(QApplication.instance(), view, "dark" if dark else "light", 1.0)
        assert axis.textWidth == pytest.approx(room, abs=0.01)
        assert axis.minimumWidth() == pytest.approx(width, abs=0.01)
    qtbot.wait(100)
    view.show()
    qtbot.wait(300)
    assert _canvas_rect(view, view.colour_bar) == bar
    assert [t for _, t in _shown(view)] == labels
    assert view.canvas.grab(bar).toImage() == picture
