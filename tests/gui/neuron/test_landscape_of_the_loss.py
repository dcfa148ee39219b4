"""The Neuron tab's loss landscape after the walkthrough's 100 training steps on a
1280×720 projector: it names the loss L (the colour bar, the 3-D view's vertical axis,
the gradient field and the read-out said "f"), and the run is drawn on the map (the
window stayed 0.6 wide around the start, the 0.09-long run ~20 px of path under the
start's star and the end's dot)."""
from PySide6.QtCore import QPointF, QRect

from gui.plots.label_ink import ink_rect
from gui.widgets.scroll_page import page_overflow
from tests.gui.app.layout_checks import window_rect
from tests.gui.app.test_look_round_trip import settle
from tests.gui.neuron.test_landscape_share import _shown_labels

RUN_SHARE = 0.5        # of the map's height, the run's extent on it at least


def test_the_landscape_names_the_loss_l_and_shows_the_run(window, qtbot, screenshot):
    window.screen_limit = QRect(0, 0, 1280, 720)
    window.setGeometry(0, 0, 1280, 720)
    window.show_tab("neuron")
    training = window.neuron.training
    assert training.landscape_model.wait_for_analysis(60000)
    window.neuron.model.train(100)
    settle(qtbot, window)
    screenshot(window, "neuron_landscape_loss_names")
    contour = training.contour_view
    assert contour.colour_bar.axis.labelText == "L"
    assert "∇L" in contour.field_toggle.text() and "∇f" not in contour.field_toggle.text()
    labels_3d = _shown_labels(training.surface_view)
    titles = {label.text() for label in labels_3d}
    assert "<b>L</b>" in titles and "<b>f</b>" not in titles, titles
    # the read-out under the mouse names it too
    contour._show_at((0.05, 0.45))
    shown_text = contour.readout.shown_text()
    assert "L = " in shown_text and "∇L" in shown_text and "f" not in shown_text, shown_text
    contour._show_at(None)
    # the run's path on the map: its extent in px, a good part of the map's height
    vb = contour.plot.vb
    xs, ys = contour.path_items["gd"].getData()
    assert len(xs) == 101
    corners = [vb.mapFromView(QPointF(x, y)) for x, y in ((xs.min(), ys.min()),
                                                             (xs.max(), ys.max()))]
    extent = max(abs(corners[1].x() - corners[0].x()), abs(corners[1].y() - corners[0].y()))
    assert extent >= RUN_SHARE * vb.height(), (extent, vb.height())
    # and the whole run inside the map
    shown = vb.rect()
    for x, y in zip(xs, ys):
        assert shown.contains(vb.mapFromView(QPointF(x, y))), (x, y)
    # the 3-D view whole in the window, its labels' digits apart
    assert page_overflow(window.neuron) == (0, 0)
    assert window.rect().contains(window_rect(training.surface_view, window))
    assert training.surface_view.outside() == 0.0
    touching = [(a.text(), b.text()) for i, a in enumerate(labels_3d)
                for b in labels_3d[i + 1:]
                if ink_rect(a).adjusted(-1, -1, 1, 1).intersects(ink_rect(b))]
    assert touching == []


def test_stepping_by_hand_keeps_the_landscape_s_scale(window, qtbot):
    """Framing the run zoomed in on a run of a step or two (0.1 wide after one step):
    stepping by hand changed the picture's scale at every press. A short run keeps the
    window's width; only a longer (trained) run is framed."""
    window.show_tab("neuron")
    training = window.neuron.training
    assert training.landscape_model.wait_for_analysis(60000)
    widths = []
    for _ in range(5):
        window.neuron.model.train(1)
        qtbot.wait(20)
        (blo, bhi), (wlo, whi) = training.landscape_model.window
        widths.append((round(bhi - blo, 9), round(whi - wlo, 9)))
    assert len(set(widths)) == 1 and widths[0][0] >= 0.5, widths
