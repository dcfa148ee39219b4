"""The network tab's training curves (gui/network/plots.py): a log axis over many decades
labels as many as fit, never a stack of labels on one another."""
import numpy as np
import pyqtgraph as pg

from gui.network.plots import _fit_ranges, _log_ticks, light


def test_every_decade_is_labelled_when_they_fit_else_every_nth():
    major, _minor = _log_ticks(-3, 0)
    assert [label for _k, label in major] == ["0.001", "0.01", "0.1", "1"]
    major, _minor = _log_ticks(-18, -1, labels_fit=6.5)
    labelled = [k for k, label in major if label]
    assert labelled == [-18, -15, -12, -9, -6, -3]          # every third decade
    assert [k for k, _label in major] == list(range(-18, 0))              # every decade ticked
    assert dict(major)[-9] == "1e−9" and dict(major)[-10] == ""


def test_eighteen_decades_on_a_short_axis_have_labels_that_do_not_touch(qtbot):
    """The sample lecture's linear network: gradient norms from 0.1 down to 1e−18 in a
    plot ~170 px high (its labels were stacked, 'e−4' over 'e−5')."""
    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    plot = light(widget, "Gradient norms", "training step", "norm")
    widget.resize(330, 280)
    widget.show()
    qtbot.waitExposed(widget)
    curve = plot.plot()
    values = np.logspace(-1, -18, 200)
    curve.setData(np.arange(200), values)
    plot.setLogMode(y=True)
    _fit_ranges(plot, 199, values, True)
    qtbot.wait(50)
    axis = plot.getAxis("left")
    labelled = [k for k, label in axis._tickLevels[0] if label]
    assert 2 <= len(labelled) < 18
    (lo, hi), height = plot.vb.viewRange()[1], plot.vb.height()
    gap_px = min(np.diff(sorted(labelled))) * height / (hi - lo)
    line_px = pg.QtGui.QFontMetrics(axis.style["tickFont"]).height()
    assert gap_px >= 1.2 * line_px                     # each label clear of the next


def test_the_cost_shows_at_step_0_and_stays_off_the_frame(qtbot):
    """Before any step the cost is one point (a line draws nothing): a dot shows it; a flat
    start (C = 0.1254 for many steps) lay on the plot's top edge."""
    from PySide6.QtGui import QColor
    from gui.network.model import NetworkModel
    from gui.network.plots import CostPlot
    from gui.widgets.palette import OKABE_ITO
    model = NetworkModel()
    plot = CostPlot(model)              # (closed by pyqtgraph's own close at exit)
    plot.resize(360, 260)
    plot.show()
    qtbot.waitExposed(plot)
    qtbot.wait(50)
    c0 = float(model.cost_history[0])
    view = plot.getPlotItem().vb
    centre = plot.mapFromScene(view.mapViewToScene(pg.Point(0, c0)))
    image = plot.grab().toImage()
    ink = QColor(OKABE_ITO[0])
    near = [image.pixelColor(centre.x() + dx, centre.y() + dy) for dx in range(-3, 4)
            for dy in range(-3, 4)]
    assert any(abs(c.red() - ink.red()) + abs(c.green() - ink.green()) + abs(c.blue() - ink.blue())
               < 60 for c in near), "no dot at step 0"
    model.train(2)
    qtbot.wait(50)
    lo, hi = view.viewRange()[1]
    highest = float(np.max(model.cost_history))
    assert lo <= 0 and highest <= lo + 0.9 * (hi - lo)          # clear of the top edge
    assert plot.head.getData()[0].tolist() == [2]


def test_a_cost_near_the_float_limit_keeps_the_range_finite(qtbot):
    """A linear cost axis with 15 % headroom over C = 1.7e308: 1.96e308 is inf, which
    pyqtgraph's setYRange refuses with an exception (the plot then kept its old range)."""
    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    plot = widget.getPlotItem()
    _fit_ranges(plot, 10, np.array([1.0, 1.7e308]), False)
    lo, hi = plot.vb.viewRange()[1]
    assert np.isfinite(lo) and np.isfinite(hi) and hi > 1e306
