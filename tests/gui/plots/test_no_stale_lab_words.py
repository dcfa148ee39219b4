"""A lecturer's rehearsal: Basins on and Himmelblau loaded, typing x²: Himmelblau's
"Basins of …: 4 critical point(s) reached" stayed beside the 1-D curve for ~3 s under
load (the words waited for the settled request, and the old map's last pieces were still
taken). Whatever the basin map and the learning-rate sweep say must be of the f on
screen from the moment f changes."""
import pytest

from engine.expression import parse
from gui.plots.basin_map import ONE_VARIABLE_NOTE, basin_pieces
from gui.plots.lr_sweep_view import LrSweepView
from tests.gui.plots.test_optimizer_lab_views import (  # noqa: F401  (fixtures)
    _basin_map_of_the_bowl, contour, race_model)


def _said_when_f_changed(model, texts, text):
    """set_text(text); the last words said at the moment the model announced it."""
    said = []
    model.expressionChanged.connect(lambda f: said.append(texts[-1] if texts else None))
    model.set_text(text)
    return said


@pytest.mark.parametrize(("text", "expected"), [
    ("x^2", ONE_VARIABLE_NOTE),                 # the rehearsal's 1-D curve
    ("x^4 - 2x^2 + y^2", "Basins of GD η=0.1: computing…"),
])
def test_the_basins_words_change_with_f(contour, race_model, qtbot, text, expected):  # noqa: F811
    basin, texts = _basin_map_of_the_bowl(contour, race_model, qtbot)
    assert "1 critical point(s) reached" in texts[-1]
    said = _said_when_f_changed(race_model, texts, text)
    qtbot.waitUntil(lambda: race_model.expression == parse(text), timeout=60000)
    assert said and said[0] == expected, said
    basin.shutdown()


def test_the_old_fs_last_pieces_are_dropped(contour, race_model, qtbot):  # noqa: F811
    """The bowl's map still computing when f changes: its pieces and its "finished",
    queued before the new f's request went out, neither colour the map nor speak."""
    basin, texts = _basin_map_of_the_bowl(contour, race_model, qtbot)
    bowl = race_model.expression
    asked = basin.request_id
    pieces = list(basin_pieces(bowl, ((-1, 1), (-1, 1)), ("gd", 0.1, 20, {}), None, 50))
    race_model.set_text("x + y")
    qtbot.waitUntil(lambda: race_model.expression == parse("x + y"), timeout=60000)
    before = list(texts)
    basin._on_result(asked, pieces[0])             # as the job's queued signals deliver
    basin._on_finished(asked, pieces[-1])
    assert not basin.image.isVisible() and not basin.markers.isVisible()
    assert texts == before, texts[len(before):]
    basin.shutdown()


def test_the_sweep_drops_the_old_fs_curves_and_words(shown, race_model, qtbot):  # noqa: F811
    view = shown(LrSweepView(race_model), 700, 400)
    view.set_active(True)
    qtbot.waitUntil(lambda: view.done, timeout=60000)
    assert "Click a curve" in view.status.text()
    seen = []
    race_model.expressionChanged.connect(lambda f: seen.append(
        (view.status.text(), [m for m, c in view.curves.items() if c.isVisible()],
         view.critical_line.isVisible())))
    race_model.set_text("x^4 - 2x^2 + y^2")
    qtbot.waitUntil(lambda: bool(seen), timeout=60000)
    words, curves, critical = seen[0]
    assert "Click a curve" not in words and curves == [] and not critical, seen[0]
    qtbot.waitUntil(lambda: view.done, timeout=60000)    # and the new f's sweep comes
    assert "Click a curve" in view.status.text() and view.curves["gd"].isVisible()
    view.shutdown()


def test_a_coloured_map_is_never_said_to_be_computing(contour, race_model, qtbot):  # noqa: F811
    """A session reopened: "Basins of …: computing…" over the coloured map of the same f
    (its first pass, or its map before the critical points came) for a second and more.
    Here another run is chosen: its map comes over the one shown."""
    basin, texts = _basin_map_of_the_bowl(contour, race_model, qtbot)
    seen = []          # (words, a map shown) whenever either may have changed
    look = lambda *_: seen.append((texts[-1], basin.image.isVisible()))  # noqa: E731
    basin.changed.connect(look)
    basin.jobs.progressed.connect(look)      # after the map's own handler: the piece shown
    bowl_map = basin.request_id
    race_model.lab.select("adam")
    qtbot.waitUntil(lambda: basin.request_id != bowl_map and basin.done, timeout=120000)
    assert any("Adam" in words for words, _ in seen), seen
    assert not [words for words, shown in seen if shown and words.endswith("computing…")]
    assert "critical point(s) reached" in texts[-1]
    basin.shutdown()
