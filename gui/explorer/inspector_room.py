"""Room for "Inside a step": while it is the lab's tab, the row under the views (loss
curve | lab) is as tall as the whole derivation needs (up to VIEWS_LEAST of the height
left to the views) and the lab takes LAB_SHARE of the row's width, leaving the loss curve
at least LOSS_LEAST_PX wide and LOSS_CURVES_PX of curves tall (at text size 1); another
tab puts the sizes back as they were.

At 1280×720 the inspector showed 2–3 lines of a 5–6 line step in a ~70 px box with its
own scroll bar: a lecturer never saw a whole step.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from gui.plots.loss_plot import CURVES_LEAST_PX
from gui.widgets import theme

LAB_SHARE = 0.8          # of the row's width, while a step is written out
VIEWS_LEAST = 0.42       # of the middle's height, kept by the contour map and surface
# the loss curve's least width beside a written-out step, × the text size: at 1280×720
# 20 % of the row left it 196 px, a plot ~110 px wide whose step numbers (20 40 60 80)
# touched; the step's lines wrap a little sooner and the row grows for them instead
LOSS_LEAST_PX = 300
# the loss curve's curves at least, beside a written-out step (seven runs' legend takes
# three rows in its 300 px); under the views it keeps loss_plot.CURVES_LEAST_PX, which
# leaves the map and 3-D view their 45 % of a 720p screen
LOSS_CURVES_PX = 100


class InspectorRoom(QObject):
    def __init__(self, middle, below, lab_panel, parent=None):
        """middle: the vertical splitter (views over the row); below: the row's
        splitter (loss curve, lab panel)."""
        super().__init__(parent)
        self.middle, self.below, self.lab = middle, below, lab_panel
        self.loss_plot = below.widget(0)
        self._sizes_before = None        # (middle sizes, below sizes) when it was opened
        self._fit_later = QTimer(self)
        self._fit_later.setSingleShot(True)
        self._fit_later.timeout.connect(self.fit)
        lab_panel.tabs.currentChanged.connect(self._on_tab)
        lab_panel.inspector.linesChanged.connect(self._on_lines)

    @property
    def active(self) -> bool:
        return self.lab.isVisible() and self.lab.tabs.currentWidget() is self.lab.inspector

    def _on_tab(self, _index) -> None:
        if self.lab.tabs.currentWidget() is self.lab.inspector:
            if self._sizes_before is None:
                self._sizes_before = (self.middle.sizes(), self.below.sizes())
                self._fitted_for = None
                self.loss_plot.set_curves_least(LOSS_CURVES_PX)
            self._tries = 0
            self._fit_later.start(0)
        elif self._sizes_before is not None:
            middle, below = self._sizes_before
            self._sizes_before = None
            self.loss_plot.set_curves_least(CURVES_LEAST_PX)    # before the old heights
            # the row's widths first: the loss curve's least height depends on its width
            # (its legend's rows), and the heights set before it were held to the narrow one's
            self.below.setSizes(below)
            self.middle.setSizes(middle)

    def _on_lines(self) -> None:
        """A new run or set of paths gets its room; a step of the same run does not
        (it was measured with the run's first steps: StepInspector.missing_height):
        nothing above moves while stepping, a longer step's type is smaller instead."""
        model = self.lab.inspector.model
        selected = model.lab.selected
        shown = (selected, id(model.paths.get(selected)), model.lab.predict)
        if self._sizes_before is not None and shown != getattr(self, "_fitted_for", None):
            self._fitted_for = shown
            self._tries = 0
            self._fit_later.start(0)          # once per burst (selection, paths)

    def fit(self) -> None:
        """Grow (never shrink) the row to show the whole derivation: first its width,
        then, measured in the box as laid out, its height (a turn of the event loop
        apart: the new width reaches the box only then)."""
        if not self.active:
            return
        self._tries = getattr(self, "_tries", 0) + 1
        row = self.below.sizes()
        if len(row) == 2 and sum(row) > 0:
            loss_least = round(LOSS_LEAST_PX * theme.current().scale)
            lab_width = max(row[1], min(int(sum(row) * LAB_SHARE), sum(row) - loss_least))
            if lab_width > row[1]:
                self.below.setSizes([sum(row) - lab_width, lab_width])
                self._fit_later.start(0)
                return
        extra = self.lab.inspector.missing_height()
        sizes = self.middle.sizes()
        if extra <= 0 or len(sizes) != 2:
            return
        spare = max(0, sizes[0] - int(sum(sizes) * VIEWS_LEAST))
        grow = min(extra, spare)
        if grow > 0:
            self.middle.setSizes([sizes[0] - grow, sizes[1] + grow])
            if self._tries < 4:             # a scroll bar gone widens the text: measure again
                self._fit_later.start(0)
