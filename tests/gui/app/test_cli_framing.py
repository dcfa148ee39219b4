"""`gradient-lab --expr "<f of one variable>"`: the window's first picture of the curve is
already framed around f's critical points, with the start away from them; nothing moves
when sympy's critical points arrive (it showed (-4, 4) with the start on the minimum x = 2,
"converged at step 0", for 0.5–3 s, then jumped to (-1, 3) and 2.8)."""
from PySide6.QtCore import QEvent, QObject

from gui.app.application import build_window
from gui.app.cli import _set_up, build_parser
from tests.gui.app.lecture_helpers import SLOW_MS

SEED_1D = "x^4 - 4x^3 + 4x^2"         # critical points 0, 1, 2


class _AtEveryPaint(QObject):
    """`look()` as it was at each Paint event of `widget`."""

    def __init__(self, widget, look):
        super().__init__(widget)
        self.look, self.seen = look, []
        widget.installEventFilter(self)

    def eventFilter(self, _obj, event):
        if event.type() == QEvent.Type.Paint:
            self.seen.append(self.look())
        return False


def _start_as_the_cli(settings, *argv):
    model, window = build_window(settings=settings)
    _set_up(model, build_parser().parse_args(list(argv)))     # before the show, as cli.main
    return model, window


def test_a_one_variable_expr_is_framed_from_the_first_paint_and_never_jumps(
        qtbot, shown, settings):
    model, window = _start_as_the_cli(settings, "--expr", SEED_1D)
    curve = window.explorer.curve_view
    rounded = lambda pair: tuple(round(v, 6) for v in pair)      # noqa: E731
    paints = _AtEveryPaint(curve.canvas.viewport(), lambda: (
        rounded(curve.x_range()), model.start, window.editor.prefix.text(),
        window.explorer.views.currentWidget() is curve))
    shown(window, 1280, 720)
    assert model.wait_for_analysis(SLOW_MS)
    qtbot.waitUntil(lambda: bool(model.critical_points) and bool(model.paths), timeout=SLOW_MS)
    assert model.wait_for_analysis(SLOW_MS)
    qtbot.wait(50)
    window.repaint()
    assert paints.seen, "the curve was never painted"
    # every picture of the curve, the first included, shows (-1, 3) and the start at 2.8
    assert set(paints.seen) == {((-1.0, 3.0), (2.8,), "f(x) =", True)}, paints.seen[:3]
    assert model.window == ((-1.0, 3.0),)
    # on the screen: the run starts at 2.8 and descends; not "converged at step 0"
    (key,) = model.paths
    status = window.explorer.descent_panel.playback.status_text(key)
    assert "ready to start" in status, status
    table = window.explorer.iterate_table.table_model
    assert float(table.data(table.index(0, 1))) == 2.8
