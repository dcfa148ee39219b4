"""A start on a function of one variable shows, from its first paint, the curve framed
as it will stay: `gradient-lab --expr "<f of x>"` (it showed (-4, 4) with the start on
the minimum x = 2, "converged at step 0", for 0.5–3 s, then jumped to (-1, 3) and 2.8),
`--preset` of a 1-D example, and a plain start restoring a 1-D last session (those
showed the empty contour map and surface, and "f(x, y) =", until f was compiled)."""
from PySide6.QtCore import QEvent, QObject

from gui.app.application import build_window
from gui.app.cli import _set_up, build_parser
from tests.gui.app.lecture_helpers import SLOW_MS
from tests.gui.app.start_helpers import save_last_session

SEED_1D = "x^4 - 4x^3 + 4x^2"         # critical points 0, 1, 2


class _AtEveryPaint(QObject):
    """What the explorer showed at each Paint event of the window or of its curve (a
    top-level window paints first; the curve repaints alone when its data comes)."""

    def __init__(self, window):
        super().__init__(window)
        self.window, self.seen = window, []
        window.installEventFilter(self)
        self._curve = None

    def look(self):
        explorer = self.window.explorer
        curve = explorer._curve_view
        if curve is not None and self._curve is None:
            self._curve = curve
            curve.canvas.viewport().installEventFilter(self)
        on_screen = explorer.views.currentWidget()
        return ("curve" if curve is not None and on_screen is curve else "map and surface",
                tuple(round(v, 6) for v in curve.x_range()) if on_screen is curve else None,
                self.window.editor.prefix.text())

    def eventFilter(self, _obj, event):
        if event.type() == QEvent.Type.Paint:
            self.seen.append(self.look())
        return False


def _start_as_the_cli(settings, *argv):
    model, window = build_window(settings=settings)
    _set_up(model, build_parser().parse_args(list(argv)))     # before the show, as cli.main
    return model, window, _AtEveryPaint(window)


def _settled(qtbot, model, window):
    assert model.wait_for_analysis(SLOW_MS)
    qtbot.waitUntil(lambda: bool(model.critical_points) and bool(model.paths), timeout=SLOW_MS)
    assert model.wait_for_analysis(SLOW_MS)
    qtbot.wait(50)
    window.repaint()


def test_a_one_variable_expr_is_framed_from_the_first_paint_and_never_jumps(
        qtbot, shown, settings):
    model, window, paints = _start_as_the_cli(settings, "--expr", SEED_1D)
    starts = []
    model.startChanged.connect(starts.append)
    shown(window, 1280, 720)
    _settled(qtbot, model, window)
    # every picture, the first included, shows the curve on (-1, 3) ...
    assert paints.seen and set(paints.seen) == {("curve", (-1.0, 3.0), "f(x) =")}, paints.seen[:3]
    # ... and the start was 2.8 before the show and stayed there
    assert model.window == ((-1.0, 3.0),) and model.start == (2.8,) and starts == []
    # on the screen: the run starts at 2.8 and descends; not "converged at step 0"
    (key,) = model.paths
    status = window.explorer.descent_panel.playback.status_text(key)
    assert "ready to start" in status, status
    table = window.explorer.iterate_table.table_model
    assert float(table.data(table.index(0, 1))) == 2.8
    assert table.rowCount() > 3


def test_a_one_variable_preset_shows_its_curve_and_prefix_from_the_first_paint(
        qtbot, shown, settings):
    model, window, paints = _start_as_the_cli(settings, "--preset", "x^3")
    shown(window, 1280, 720)
    _settled(qtbot, model, window)
    assert paints.seen and set(paints.seen) == {("curve", (-2.5, 2.5), "f(x) =")}, paints.seen[:3]


def test_a_restored_one_variable_session_shows_its_curve_from_the_first_paint(
        qtbot, shown, settings):
    save_last_session(qtbot, shown, settings, "(w - 3)^2", (0.5,))
    model, window = build_window(settings=settings, paint_first=True, restore_last=True)
    paints = _AtEveryPaint(window)
    shown(window, 1280, 720)
    qtbot.waitUntil(lambda: model.text == "(w - 3)^2", timeout=SLOW_MS)
    _settled(qtbot, model, window)
    (window_saved,) = model.window
    assert model.start == (0.5,)
    assert paints.seen and set(paints.seen) == {
        ("curve", tuple(round(v, 6) for v in window_saved), "f(w) =")}, paints.seen[:3]
