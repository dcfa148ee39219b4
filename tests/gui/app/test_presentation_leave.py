"""Leaving presentation mode is one change on screen: the map is never
painted at a window it passes through, and the basins overlay never covers only part of
the map it is on."""
import pytest
from PySide6.QtCore import QEvent, QObject

from tests.gui.app.test_look_round_trip import settle
from tests.gui.app.test_presentation import back_to_normal  # noqa: F401 (autouse: puts the look back)

pytestmark = [pytest.mark.shared_window, pytest.mark.xdist_group("presentation_shared")]


def _window(basins):
    return tuple(round(v, 3) for r in basins.plot.vb.viewRange() for v in r)


def _covered(basins) -> bool:
    """The basin image, where shown, spans the map's whole window."""
    if not basins.image.isVisible():
        return True
    shown = basins.image.mapRectToParent(basins.image.boundingRect())
    x0, x1, y0, y1 = _window(basins)
    return (shown.left() <= x0 + 1e-3 and shown.right() >= x1 - 1e-3
            and shown.top() <= y0 + 1e-3 and shown.bottom() >= y1 - 1e-3)


class MapPaints(QObject):
    """At each paint of the map's canvas: (its window, whether the basins cover it)."""

    def __init__(self, basins):
        super().__init__()
        self.basins, self.seen = basins, []
        basins.plot.scene().views()[0].viewport().installEventFilter(self)

    def eventFilter(self, _obj, event):
        if event.type() == QEvent.Type.Paint:
            self.seen.append((_window(self.basins), _covered(self.basins)))
        return False


def test_leaving_f11_paints_the_map_at_its_final_window_only(window, qtbot):
    """Leaving, the map was painted at -6.76..6.76, then -6.24..6.24, then -4.66..4.66 (one
    layout per change: panels, window size, text size, the page's fit), the basins
    computed for the presentation's -4.02..4.02 over it: stripes of bare map at the sides."""
    lab = window.explorer.lab_panel
    basins = lab.basins
    lab.basins_check.setChecked(True)
    window.commands.set_presentation(True)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: basins.done, timeout=20000)
    settle(qtbot, window)
    assert basins.image.isVisible() and _covered(basins)
    paints = MapPaints(basins)
    window.commands.set_presentation(False)
    settle(qtbot, window)
    final = _window(basins)
    try:
        assert paints.seen
        assert {w for w, _ in paints.seen} == {final}, paints.seen
        assert all(covered for _, covered in paints.seen), paints.seen
    finally:
        lab.basins_check.setChecked(False)


class AxisWidths(QObject):
    """The f axis's width at each paint of the loss plot."""

    def __init__(self, loss_plot):
        super().__init__()
        self.axis, self.seen = loss_plot.plot.getPlotItem().getAxis("left"), []
        loss_plot.plot.viewport().installEventFilter(self)

    def eventFilter(self, _obj, event):
        if event.type() == QEvent.Type.Paint:
            self.seen.append(round(self.axis.width()))
        return False


def test_leaving_f11_paints_the_loss_plot_at_its_final_f_axis_width_only(window, qtbot):
    """Hidden while presenting, the loss plot came back with its f axis 56 px wide (a new
    look's start for a plain axis), then 76 px (its least room, for "-2000.0") a layout
    later: the curves jumped sideways."""
    settle(qtbot, window)
    before = round(window.loss_plot.plot.getPlotItem().getAxis("left").width())
    window.commands.set_presentation(True)
    settle(qtbot, window)
    widths = AxisWidths(window.loss_plot)
    window.commands.set_presentation(False)
    settle(qtbot, window)
    assert widths.seen
    assert set(widths.seen) == {before}, widths.seen
