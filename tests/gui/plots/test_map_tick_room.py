"""The contour map's axes take the room their tick texts need for the window shown, not
the room an earlier window's wider texts took: pyqtgraph narrows an axis only by more
than 10 px, and a y-axis kept from 0 … 1 ("0.0", 8 px wider than "−4") made Himmelblau's
map 8 px narrower at 1280×720 than a fresh start's, and a saddle's name had no room."""
import pytest

from gui.app.presets import find_preset
from gui.plots.contour_view import ContourView
from gui.plots.landscape_model import LandscapeModel

SIZE = (490, 330)      # the Explorer's map at 1280×720


def _visible_names(view):
    return sorted(item.toPlainText() for item in view.labels.items if item.isVisible())


def _himmelblau(model):
    model.load_preset(find_preset("Himmelblau"))
    assert model.wait_for_analysis(60000)


@pytest.fixture
def fresh(shown, qtbot):
    """A map that showed Himmelblau from its first paint, at SIZE."""
    model = LandscapeModel()
    _himmelblau(model)
    view = shown(ContourView(model), *SIZE)
    qtbot.waitUntil(lambda: len(_visible_names(view)) == 9, timeout=60000)
    qtbot.wait(200)                       # range settled, labels placed
    yield view
    model.shutdown()


@pytest.mark.parametrize("before", ["nothing", "a window of 0 … 1"])
def test_a_new_window_gets_the_room_of_its_own_tick_texts(shown, model, fresh, qtbot, before):
    if before != "nothing":
        model.set_text("x^2 + 2y^2")
        assert model.wait_for_analysis(60000)
        model.set_window(((0.0, 1.0), (0.0, 1.0)))
    view = shown(ContourView(model), *SIZE)
    y_axis = view.plot.getAxis("left")
    if before != "nothing":               # (nothing: measured for 0 … 1 at once)
        qtbot.wait(300)                   # painted with the ticks 0.0 … 1.0
    wider = y_axis.textWidth              # px the tick texts took
    _himmelblau(model)                    # the lecturer picks Himmelblau: ticks −4 … 4
    qtbot.waitUntil(lambda: len(model.critical_points) == 9, timeout=60000)
    qtbot.wait(300)
    fresh_axis = fresh.plot.getAxis("left")
    assert wider - 10 < fresh_axis.textWidth < wider - 5   # pyqtgraph would keep the room
    assert y_axis.width() == pytest.approx(fresh_axis.width(), abs=0.5)
    assert view.plot.vb.sceneBoundingRect() == fresh.plot.vb.sceneBoundingRect()
    shown_range = [v for r in view.plot.vb.viewRange() for v in r]
    assert shown_range == pytest.approx([v for r in fresh.plot.vb.viewRange() for v in r])
    assert _visible_names(view) == _visible_names(fresh)
    assert _visible_names(view).count("saddle") == 4
    assert view.canvas.grab().toImage() == fresh.canvas.grab().toImage()
