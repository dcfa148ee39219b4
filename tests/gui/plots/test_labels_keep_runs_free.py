"""The names on the map ("minimum", "saddle", the quadratic model's labels) never hide a
run's current point or the head of its path, never overlap, and a crowded map keeps
only its most important names (a lecturer's walkthrough: Nesterov's point at steps 2–3
under "minimum"; piles of names on Himmelblau and 0.1(x² + y²) + sin 2x·sin 2y)."""
import itertools

import pyqtgraph as pg
import pytest

from engine.optimizer_settings import METHODS
from gui.plots.contour_view import ContourView
from gui.plots.critical_labels import ALWAYS_NAMED, CROWDED_POINTS, LABEL_AREA_SHARE
from gui.plots.quadratic_model_overlay import QuadraticModelOverlay

MAP_1280 = (490, 330)      # the map's size in the window at 1280×720
CURRENT_PX = 7             # a current point's radius on screen (15 px across)


def _race(shown, model, qtbot, text, methods=METHODS, size=MAP_1280):
    view = shown(ContourView(model), *size)
    overlay = QuadraticModelOverlay(model, view.plot, view, labels=view.labels)
    model.set_text(text)
    model.set_start((3.0, 2.0))
    model.set_settings(lr=0.1, methods=tuple(methods))
    qtbot.waitUntil(lambda: model.expression is not None and len(model.paths) == len(methods)
                    and len(model.critical_points) > 0, timeout=60000)
    qtbot.wait(200)
    return view, overlay


def _visible_labels(view, overlay):
    items = [*view.labels.items, *overlay.axis_labels, overlay.newton_label]
    return [(item.toPlainText(), item.mapRectToScene(item.boundingRect()))
            for item in items if item.isVisible()]


def _run_heads(view, frame):
    """(key, current point, [points along its last step]) in scene pixels."""
    vb = view.plot.vb
    out = []
    for key, path in view.model.paths.items():
        n = min(frame + 1, len(path.points))
        current = vb.mapViewToScene(pg.Point(*path.points[n - 1]))
        along = [vb.mapViewToScene(pg.Point(*(path.points[n - 2] + t * (path.points[n - 1]
                                                                      - path.points[n - 2]))))
                 for t in (0.25, 0.5, 0.75)] if n > 1 else []
        out.append((key, current, along))
    return out


def _check_runs_free(view, overlay, frame, qtbot):
    qtbot.wait(60)          # painted: a TextItem undoes the view's scale when painted
    labels = _visible_labels(view, overlay)
    for (a, ra), (b, rb) in itertools.combinations(labels, 2):
        assert not ra.intersects(rb), (a, b)
    for key, current, along in _run_heads(view, frame):
        for text, rect in labels:
            near = rect.adjusted(-CURRENT_PX, -CURRENT_PX, CURRENT_PX, CURRENT_PX)
            assert not near.contains(current), (frame, key, text)
            assert not any(rect.contains(p) for p in along), (frame, key, text)


@pytest.mark.parametrize("frame", range(0, 7))
def test_no_name_hides_a_runs_current_point_or_path_head(shown, model, qtbot, screenshot, frame):
    view, overlay = _race(shown, model, qtbot, "x^2 + 2y^2")
    model.set_frame(frame)
    qtbot.wait(100)
    _check_runs_free(view, overlay, frame, qtbot)
    if frame <= 3:         # later every run crowds round the minimum: its name gives way
        assert any(t in ("minimum", "min") for t, _ in _visible_labels(view, overlay))
    if frame == 2:
        screenshot(view, "labels_keep_runs_free_step2")


@pytest.mark.parametrize("frame", [2, 3])
def test_with_the_quadratic_model_no_two_labels_overlap_nor_hide_a_run(shown, model, qtbot,
                                                                     screenshot, frame):
    view, overlay = _race(shown, model, qtbot, "x^2 + 2y^2")
    model.set_frame(frame)
    overlay.set_enabled(True)
    qtbot.wait(150)
    _check_runs_free(view, overlay, frame, qtbot)
    texts = [t for t, _ in _visible_labels(view, overlay)]
    assert any(t.startswith("λ") for t in texts), texts       # the model still speaks
    screenshot(view, f"labels_quadratic_runs_free_{frame}")


@pytest.fixture
def window_on_a_720p_screen(module_window, reused_window):
    """The module's window (File ▸ New before each case, checked to be a fresh start) on
    an emulated 1280×720 screen, put back on the real screen at its size after the case
    (both cases built a window of their own before)."""
    window = reused_window
    geometry, largest = window.geometry(), window.maximumSize()
    yield window
    window.screen_limit = None
    window.setMaximumSize(largest)
    window.setGeometry(geometry)


@pytest.mark.xdist_group("labels_keep_runs_free_crowded")
@pytest.mark.parametrize("text", ["0.1(x^2 + y^2) + sin(2x) sin(2y)",
                                  "(x^2 + y - 11)^2 + (x + y^2 - 7)^2"])
def test_a_crowded_map_in_presentation_keeps_its_most_important_names(window_on_a_720p_screen,
                                                                      qtbot, screenshot, text):
    # Lecture 2 presented at 1280×720: piles of names made the map unreadable
    from PySide6.QtCore import QRect
    window = window_on_a_720p_screen
    window.screen_limit = QRect(0, 0, 1280, 720)
    window.resize(1280, 720)
    model = window.tabs.widget(0).model
    view = window.tabs.widget(0).contour_view
    try:
        window.commands.set_presentation(True)
        model.set_text(text)
        assert model.wait_for_analysis(60000)
        model.set_settings(methods=("gd", "momentum", "adam"))
        qtbot.waitUntil(lambda: len(model.paths) == 3 and len(model.critical_points) >= 5,
                        timeout=60000)
        model.set_frame(20)
        qtbot.wait(400)
        labels = [(lab.toPlainText(), r) for lab, r in view.labels.visible_boxes()]
        screenshot(window, "labels_crowded_window_" + ("sinsin" if "sin" in text else "himmelblau"))
        area = view.plot.vb.sceneBoundingRect()
        plot_area = area.width() * area.height()
        sizes = sorted((r.width() * r.height() for _, r in labels), reverse=True)
        # beyond the few always named, the names cover at most the share allowed
        assert sum(sizes[ALWAYS_NAMED:]) <= LABEL_AREA_SHARE * plot_area + 1, \
            (len(sizes), sizes, plot_area)
        assert len(labels) < len(model.critical_points)        # some names left out …
        if len(model.critical_points) > CROWDED_POINTS:         # a field of markers
            assert len(labels) <= ALWAYS_NAMED + 1, labels
        xs, _ = view.critical_item.getData()                   # … every marker stays
        assert len(xs) == len(model.critical_points)
        for (a, ra), (b, rb) in itertools.combinations(labels, 2):
            assert not ra.intersects(rb), (a, b)
    finally:
        window.commands.set_presentation(False)
