"""Room for "Inside a step": while it is the lab's tab, the row under the views (loss
curve | lab) is as tall as the whole derivation needs (up to VIEWS_LEAST of the height
left to the views), the loss curve keeping LOSS_CURVES_PX of curves (at text size 1).
Once given, the room stays for every lab tab until the runs change (then, on another
tab, the heights go back as they were): given back on leaving the tab, the row shrank
20–100 px at 1280×720 and the tab bar jumped down under the pointer, so the next click
aimed at a tab missed, as it did on the way in. The row's widths are not touched: the
lab has its width for every tab (ExplorerTab's LAB_RATIO), so the tab bar stays where it
is (widened for the step, it moved 137 px left at 1280×720 and a click aimed at the next
tab missed).

At 1280×720 the inspector showed 2–3 lines of a 5–6 line step in a ~70 px box with its
own scroll bar: a lecturer never saw a whole step.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from gui.plots.loss_plot import CURVES_LEAST_PX

VIEWS_LEAST = 0.42       # of the middle's height, kept by the contour map and surface
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
        self._sizes_before = None        # the middle's sizes when it was opened
        self._fit_later = QTimer(self)
        self._fit_later.setSingleShot(True)
        self._fit_later.timeout.connect(self.fit)
        self._runs_given_for = None       # the run keys the room was given for
        lab_panel.tabs.currentChanged.connect(self._on_tab)
        lab_panel.inspector.linesChanged.connect(self._on_lines)
        lab_panel.inspector.model.settingsChanged.connect(self._on_settings)

    @property
    def active(self) -> bool:
        return self.lab.isVisible() and self.lab.tabs.currentWidget() is self.lab.inspector

    def _on_tab(self, _index) -> None:
        if self.lab.tabs.currentWidget() is self.lab.inspector:
            if self._sizes_before is None:
                self._sizes_before = self.middle.sizes()
                self._fitted_for = None
                self.loss_plot.set_curves_least(LOSS_CURVES_PX)
            self._runs_given_for = self._run_keys(self.lab.inspector.model.settings)
            self._tries = 0
            self._fit_later.start(0)
        # another tab keeps the room: the tab bar stays under the pointer

    @staticmethod
    def _run_keys(settings) -> tuple:
        return tuple(run.key for run in settings.runs)

    def _on_settings(self, settings) -> None:
        """Other runs on another tab: the views get their heights back (no tab is being
        clicked then); on "Inside a step" the new runs' step is fitted (_on_lines).
        A new f or learning rate keeps the runs, and the room."""
        if (self._sizes_before is not None and self._run_keys(settings) != self._runs_given_for
                and self.lab.tabs.currentWidget() is not self.lab.inspector):
            self.give_back()

    def give_back(self) -> None:
        """The middle's heights as they were before the room was given."""
        if self._sizes_before is None:
            return
        middle, self._sizes_before = self._sizes_before, None
        self.loss_plot.set_curves_least(CURVES_LEAST_PX)    # before the old heights
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
        """Grow (never shrink) the row's height to show the whole derivation, measured
        in the box as laid out."""
        if not self.active:
            return
        self._tries = getattr(self, "_tries", 0) + 1
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
