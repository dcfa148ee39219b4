"""PathsAfterPaint: the model's first paths wait for the 3-D view's next paint (a plain
start), and come anyway when the view does not paint."""
import time

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget

from gui.plots import paths_after_paint
from gui.plots.landscape_model import LandscapeModel
from gui.plots.paths_after_paint import PathsAfterPaint


class _Order(QObject):
    """Notes 'paint' when `widget` paints, beside what the test notes."""

    def __init__(self, widget, log):
        super().__init__(widget)
        self.log = log
        widget.installEventFilter(self)

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            self.log.append("paint")
        return False


def test_it_runs_after_the_canvas_paints_not_before(qtbot, shown):
    canvas = QWidget()
    shown(canvas, 300, 200)
    qtbot.wait(50)
    log = []
    _Order(canvas, log)
    later = PathsAfterPaint(canvas)
    later(lambda: log.append("paths"))
    qtbot.wait(20)
    assert "paths" not in log                   # nothing painted yet: waiting for it
    canvas.update()
    qtbot.waitUntil(lambda: "paths" in log, timeout=2000)
    assert log.index("paint") < log.index("paths") and log.count("paths") == 1
    qtbot.wait(paths_after_paint.LATEST_MS + 50)     # and only once: not again at the latest
    assert log.count("paths") == 1


def test_a_canvas_not_on_screen_gets_them_in_the_next_turn(qtbot):
    canvas = QWidget()                  # never shown: no paint will come
    qtbot.addWidget(canvas)
    log = []
    PathsAfterPaint(canvas)(lambda: log.append("paths"))
    assert log == []                   # not at once: after the caller's turn
    qtbot.waitUntil(lambda: log == ["paths"], timeout=100)


def test_a_shown_canvas_that_does_not_paint_gets_them_at_the_latest(qtbot, shown):
    canvas = QWidget()
    shown(canvas, 300, 200)
    qtbot.wait(50)
    log = []
    asked = time.perf_counter()
    PathsAfterPaint(canvas)(lambda: log.append(time.perf_counter()))
    qtbot.waitUntil(lambda: len(log) == 1, timeout=3000)
    assert log[0] - asked >= paths_after_paint.LATEST_MS / 1000 - 0.02


def test_the_model_hands_its_first_paths_over_once_and_drops_a_stale_one(qtbot):
    model = LandscapeModel()
    handed = []
    model.paths_later = handed.append          # holds the computation instead of running it
    model.set_text("x^2 + 3y^2")
    assert model.wait_for_analysis(60000)
    assert model.expression is not None and model.paths == {} and len(handed) == 1
    assert model.paths_later is None
    handed[0]()                                # run now: the paths of this f
    first = model.paths["gd"].points
    assert first[0].tolist() == list(model.start) and len(first) > 10
    assert first[1][1] == model.start[1] - model.settings.lr * 6 * model.start[1]

    model.paths_later = handed.append
    model.set_text("x^2 + y^2")
    assert model.wait_for_analysis(60000)
    stale = handed[1]
    model.set_text("x^2 + 5y^2")                # analysed at once: paths_later was taken
    assert model.wait_for_analysis(60000)
    fresh = model.paths["gd"].points.copy()
    assert fresh[1][1] == model.start[1] - model.settings.lr * 10 * model.start[1]
    stale()                                     # the older f's: changes nothing
    assert (model.paths["gd"].points == fresh).all()
    model.shutdown()
