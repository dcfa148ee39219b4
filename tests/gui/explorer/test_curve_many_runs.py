"""The 1-D view racing six methods on (x² + 1)³ at 1280×720, with the quadratic model:
the walkthrough found the runs' step arrows a ~15 px smear along the bottom of the
curve, "Newton's next point" over "minimum", and presenting (F11) cut it to "Newton's
next poin"."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF

from tests.gui.app.projector import projector_window, settle_at

pytestmark = pytest.mark.xdist_group("curve_many_runs")

SIX = ("gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam")


@pytest.fixture(scope="module")
def window(qapp, tmp_path_factory):
    yield from projector_window(tmp_path_factory)


def _race(window, qtbot, methods=SIX, x_window=(-2.0, 2.0), frame=6):
    model = window.explorer.model
    model.set_text("(x^2+1)^3")
    assert model.wait_for_analysis(60000)
    model.set_window((x_window,))
    model.set_start((1.0,))
    model.set_settings(methods=methods, lr=0.01)
    qtbot.waitUntil(lambda: set(model.paths) == set(methods)
                    and model.paths["gd"].points.shape[1] == 1, timeout=60000)
    window.explorer.lab_panel.quadratic_check.setChecked(True)
    model.set_frame(frame)
    qtbot.wait(50)                         # painted: TextItems take their place then
    return model, window.explorer.curve_view


def _scene_rect(item):
    return item.mapRectToScene(item.boundingRect())


def _newton_label_whole(window, curve):
    """Newton's label, shown whole inside f's plot; its rectangle in scene pixels."""
    newton = window.explorer.lab_panel.quadratic_1d.newton_label
    assert newton.isVisible()
    assert newton.toPlainText() in ("Newton's next point", "Newton")
    box = curve.plot_f.vb.sceneBoundingRect()
    rect = _scene_rect(newton)
    assert box.contains(rect), (rect, box)                  # not cut at the plot's edge
    return rect


def test_newtons_label_is_clear_of_the_names(window, qtbot):
    settle_at(window, qtbot, 1.0, False)
    model, curve = _race(window, qtbot)
    rect = _newton_label_whole(window, curve)
    names = [label for label in curve.critical_labels if label.isVisible()]
    assert any(label.toPlainText() in ("minimum", "min") for label in names)
    for label in names:
        overlap = rect.intersected(_scene_rect(label))
        assert overlap.isEmpty(), (label.toPlainText(), overlap)


def test_newtons_label_near_the_edge_is_whole_when_presenting(window, qtbot):
    """Newton's × (x = 2/3 from the start x = 1) 0.07 from the window's left edge: the
    label, up and to the left of it, was cut there."""
    settle_at(window, qtbot, 1.0, True)
    model, curve = _race(window, qtbot, x_window=(0.6, 2.2), frame=0)
    assert window.explorer.lab_panel.quadratic_1d.quadratic.newton_point[0] == \
        pytest.approx(2 / 3)
    _newton_label_whole(window, curve)
    settle_at(window, qtbot, 1.0, False)


def test_many_runs_shadow_only_the_selected_runs_steps(window, qtbot):
    settle_at(window, qtbot, 1.0, False)
    model, curve = _race(window, qtbot)
    shadows = curve.descent.shadows
    visible = [key for key, s in shadows.items() if s.shafts.isVisible()]
    assert visible == [model.lab.selected] == ["gd"]
    model.lab.select("adam")
    assert [key for key, s in shadows.items() if s.shafts.isVisible()] == ["adam"]
    model.lab.select("gd")


def test_two_runs_shadow_on_lanes_of_their_own(window, qtbot):
    settle_at(window, qtbot, 1.0, False)
    model, curve = _race(window, qtbot, ("gd", "adam"))
    gd, adam = curve.descent.shadows["gd"], curve.descent.shadows["adam"]
    assert gd.shafts.isVisible() and adam.shafts.isVisible()
    assert set(gd.lane_heights()).isdisjoint(adam.lane_heights())


@pytest.mark.parametrize("scale, presenting", [(1.0, False), (1.5, True), (2.0, False)])
def test_the_step_heads_stay_inside_the_plot(window, qtbot, scale, presenting):
    """The lower lane sat at 4 % of the plot's height: ~4 px in a 110 px plot, the 11 px
    heads (larger with larger text) cut by the axis."""
    settle_at(window, qtbot, scale, presenting)
    model, curve = _race(window, qtbot, ("gd",))
    vb = curve.plot_f.vb
    box = vb.sceneBoundingRect()
    heads = curve.descent.shadows["gd"].heads
    xs, ys = heads.getData()
    assert len(ys) > 2
    half = heads.opts["size"] / 2
    for x, y in zip(xs, ys):
        centre = vb.mapViewToScene(QPointF(float(x), float(y)))
        assert centre.y() + half <= box.bottom(), (centre.y(), half, box.bottom())
    settle_at(window, qtbot, 1.0, False)
