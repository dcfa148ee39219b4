"""A text-size step (Ctrl++ / Ctrl+−) does its layouts' work once, at the final size: a
step cost ~0.5 s of the GUI thread (the window frozen in front of the class), much of it
the map laid out and measured again for sizes on the way. Counted, never timed."""
import pytest
from PySide6.QtCore import QEvent, QObject, QRect

from gui.app.presets import find_preset
from tests.gui.app.test_look_round_trip import settle
from tests.gui.app.test_presentation import back_to_normal  # noqa: F401 (autouse: puts the look back)

pytestmark = [pytest.mark.shared_window, pytest.mark.xdist_group("presentation_shared")]


class CanvasResizes(QObject):
    """The map canvas's resizes, and those while the page fits its height."""

    def __init__(self, window):
        super().__init__()
        self.page_fit = window.explorer.page_fit
        self.all = self.while_fitting = 0
        window.contour_view.canvas.installEventFilter(self)

    def eventFilter(self, _obj, event):
        if event.type() == QEvent.Type.Resize:
            self.all += 1
            self.while_fitting += self.page_fit._fitting
        return False


def _race_at_720p(window, qtbot, scale):
    window.model.load_preset(dict(find_preset("Saddle x²"),
                                  methods=["gd", "momentum", "adam", "newton"]))
    assert window.model.wait_for_analysis(60000)
    window.screen_limit = QRect(0, 0, 1280, 720)
    window.setGeometry(0, 0, 1280, 720)
    window.commands.set_scale(scale)
    settle(qtbot, window)


@pytest.mark.parametrize("direction", [+1, -1], ids=["larger", "smaller"])
def test_the_page_fit_lays_the_map_out_once_per_step(window, qtbot, direction, monkeypatch):
    """At 1280×720 the page does not fit with the side panel's Runs kept whole, at 1 or
    1.15: each step gave them (and the caption, the lower panel) back, laid the page out
    to try (the map 470×481 px, 490×464), and gave way again, laid out again. What would
    not fit is now known from the size hints."""
    _race_at_720p(window, qtbot, 1.15 if direction < 0 else 1.0)
    page_fit = window.explorer.page_fit
    given_before = list(page_fit.given)
    resizes = CanvasResizes(window)
    rounds = []             # fits that ran (a no-op one still laid out what was pending)

    def set_fitting(fit, on):
        rounds.extend([1] if on else [])
        fit.__dict__["_fitting"] = on
    monkeypatch.setattr(type(page_fit), "_fitting", property(
        lambda fit: fit.__dict__.get("_fitting", False), set_fitting), raising=False)
    window.commands.step_scale(direction)
    settle(qtbot, window)
    assert given_before and page_fit.given, "the step is one where the page gives way"
    # a layout for each part given way or given back for real, and the last measure: none
    # for trying back what does not fit (main: 4 and 5 resizes; here 3 and 2)
    changed = set(given_before) ^ set(page_fit.given)
    assert resizes.while_fitting <= 1 + len(changed), (resizes.while_fitting, changed)
    # (the page still scrolling once all gave way, its next range change fitted again)
    assert len(rounds) == 1, len(rounds)


@pytest.mark.parametrize("direction", [+1, -1], ids=["larger", "smaller"])
def test_the_map_axes_tick_room_is_measured_at_the_final_size(window, qtbot, direction,
                                                              monkeypatch):
    """The axes' tick room was measured (their draw specs generated) at every resize of
    the canvas, ~9 a step, and once more at the refit: now at the refit only, a turn after
    a burst of resizes, and at the paint."""
    _race_at_720p(window, qtbot, 1.15 if direction < 0 else 1.0)
    plot = window.contour_view.plot
    measured = {"left": 0, "bottom": 0}
    for name in measured:
        axis = plot.getAxis(name)

        def counted(painter, _generate=axis.generateDrawSpecs, _name=name):
            measured[_name] += 1
            return _generate(painter)
        monkeypatch.setattr(axis, "generateDrawSpecs", counted)
    resizes = CanvasResizes(window)
    window.commands.step_scale(direction)
    settle(qtbot, window)
    assert resizes.all >= 4, "the step's layouts resize the canvas several times"
    # the refits (one a turn of resizes, the theme's) and the paint: fewer than resizes
    # (main: 19 for 13 resizes, each resize measured and each refit after it)
    assert max(measured.values()) < resizes.all, (measured, resizes.all)


@pytest.mark.parametrize("direction", [+1, -1], ids=["larger", "smaller"])
def test_the_off_plot_marks_are_placed_once_per_new_view(window, qtbot, direction, monkeypatch):
    """The map's off-plot marks are placed on its range's change and on its view box's
    resize: two signals for one resize, and each asked the view box for its new
    transform (its pixel size: the view's items told of it, ~1 ms), ~8 resizes a step.
    A view of the same range and size is now known as placed before asking."""
    _race_at_720p(window, qtbot, 1.15 if direction < 0 else 1.0)
    marks = window.contour_view.marks.off_plot
    vb = window.contour_view.plot.getViewBox()
    pixel_size, asked_at = vb.viewPixelSize, []

    def counted():
        asked_at.append((tuple(map(tuple, vb.viewRange())), vb.width(), vb.height()))
        return pixel_size()
    monkeypatch.setattr(vb, "viewPixelSize", counted)
    resizes = CanvasResizes(window)
    window.commands.step_scale(direction)
    settle(qtbot, window)
    assert marks.arrows is not None and resizes.all >= 4
    # asked again for the same range and size: at every resize before (11 for 8
    # resizes), now only where what the callouts keep off changed (the names' new type)
    again = [a for a, b in zip(asked_at, asked_at[1:]) if a == b]
    assert len(again) < resizes.all / 2, (len(again), len(asked_at), resizes.all)
