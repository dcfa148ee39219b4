"""A 2-D f typed while a 1-D f's descent plays: the map never gets the 1-D paths (the
walkthrough: x^2 playing, x^2+y^2 typed, an IndexError in race_marks.show_frame; pytest-qt
fails a test on an exception raised in a slot)."""
import pytest

from gui.plots.contour_view import ContourView


@pytest.fixture
def view(shown, model):
    return shown(ContourView(model), 720, 520)


def _type_and_wait(model, qtbot, text):
    model.set_text(text)
    assert model.wait_for_analysis()
    qtbot.waitUntil(lambda: model.paths_of is model.expression)


def test_a_2d_f_typed_while_a_1d_descent_plays(view, model, qtbot):
    _type_and_wait(model, qtbot, "x^2+y^2")      # the map has its runs' items
    _type_and_wait(model, qtbot, "x^2")
    model.playback.play()
    qtbot.waitUntil(lambda: model.frame >= 2)
    dimensions = []
    model.frameChanged.connect(lambda _: dimensions.append(
        {p.points.shape[1] for p in model.paths.values()} - {model.dimension}))
    _type_and_wait(model, qtbot, "x^2+y^2")
    qtbot.waitUntil(lambda: model.frame >= 2)     # still playing, on the 2-D paths
    model.playback.pause()
    assert dimensions and not any(dimensions)     # no frame with paths of another f
    x, y = view.path_items["gd"].getData()
    assert len(x) == min(model.frame + 1, len(model.paths["gd"].points)) == len(y)
