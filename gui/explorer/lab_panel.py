"""The optimizer lab below the views: tabs for the iterate table, "Inside a step" (the
selected run's update written out), the learning-rate sweep and the notes on the
quadratic model and basins, under the switches for the map's overlays (step arrows,
quadratic model, basins of attraction) and for predict-then-reveal.

It builds the overlays on the contour map it is given; everything else observes the
model. Its switches, page and selected run are part of the views' session state
(`gui.plots.view_states`, "lab"): a lecture's scene shows its own overlays, not those
left switched on by the scene before (Basins washed out the next scenes' maps).
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gui.explorer.step_inspector import StepInspector
from gui.plots.basin_map import BasinMap
from gui.plots.lr_sweep_view import LrSweepView
from gui.plots.quadratic_model_overlay import QuadraticModelOverlay
from gui.plots.step_arrows import StepArrows
from gui.plots.surface_step_arrows import SurfaceStepArrows
from gui.plots.view_states import switch_access
from gui.widgets.flow_layout import FlowLayout



NOTE_HINT = "Switch on the quadratic model or the basins to read here what they show."

class LabPanel(QWidget):
    def __init__(self, model, contour_view, iterate_table=None, surface_view=None,
                 curve_plot=None, parent=None, curve_labels=None):
        super().__init__(parent)
        self.model = model
        self._basins_note = ""
        self._colour_bar = contour_view.colour_bar
        plot = contour_view.plot
        self.arrows = StepArrows(model, plot, self, labels=contour_view.labels)
        # gone before the new f's map is painted (the model's sketchChanged reaches the
        # arrows after the map's paint: one more paint of the map around them)
        contour_view.sketchSampled.connect(self.arrows.clear)
        self.surface_arrows = None if surface_view is None else \
            SurfaceStepArrows(model, surface_view, self)
        self.quadratic = QuadraticModelOverlay(model, plot, self, labels=contour_view.labels)
        # one variable: the parabola on the curve view, built when first needed (the
        # curve view itself is built on first use)
        self._curve_plot, self.quadratic_1d = curve_plot, None
        self._curve_labels = curve_labels
        self.basins = BasinMap(model, plot, self)
        self.inspector = StepInspector(model)
        self.sweep = LrSweepView(model)

        self.arrows_check = QCheckBox("Step arrows")
        self.arrows_check.setChecked(True)
        self.arrows_check.setToolTip("On the map, at the selected run's point: −η∇f, what "
                                     "the method adds to it, and the step it takes")
        self.quadratic_check = QCheckBox("Quadratic model")
        self.quadratic_check.setToolTip("The local second-order model of f at the selected "
                                        "run's point: its ellipses, the Hessian's axes with "
                                        "their eigenvalues and Newton's next point")
        self.basins_check = QCheckBox("Basins")
        self.basins_check.setToolTip("Colour every start point of the map by where the "
                                     "selected run's settings take it")
        self.predict_check = QCheckBox("Predict, then reveal")
        self.predict_check.setToolTip("Hide the future: no later rows, no step total, no "
                                      "loss axis beyond this step — let the class guess "
                                      "the next point, then step")
        # the switches wrap onto a second line rather than widen the window (720p, large text)
        switches = QWidget()
        flow = FlowLayout(switches)
        for box in (self.arrows_check, self.quadratic_check, self.basins_check,
                    self.predict_check):
            flow.add(box)
        self.note = QLabel(NOTE_HINT)
        self.note.setWordWrap(True)
        self.note.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        self.tabs = QTabWidget()
        if iterate_table is not None:     # the numbers of every step, as before: first
            self.tabs.addTab(iterate_table, "Iterates")
        self.tabs.addTab(self.inspector, "Inside a step")
        self.tabs.addTab(self.sweep, "Learning-rate sweep")
        self.tabs.addTab(self.note, "Second order, basins")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(2)
        layout.addWidget(switches)
        layout.addWidget(self.tabs, 1)
        # (no fixed minimum height: a fixed 170 px overrode what the switches, tabs and
        # the table's rows need, and at larger text the table was cut to one row; the
        # switches' flow layout asks for the rows it wraps into)

        self.arrows_check.toggled.connect(self.arrows.set_enabled)
        if self.surface_arrows is not None:
            self.arrows_check.toggled.connect(self.surface_arrows.set_enabled)
        self.quadratic_check.toggled.connect(self._on_quadratic)
        model.expressionChanged.connect(self._on_expression)
        self.basins_check.toggled.connect(self.basins.set_enabled)
        self.predict_check.toggled.connect(model.lab.set_predict)
        model.lab.predictChanged.connect(self._on_predict)
        self.quadratic.described.connect(self._show_notes)
        self.basins.changed.connect(self._on_basins_text)
        self.tabs.currentChanged.connect(self._on_tab)
        QCoreApplication.instance().aboutToQuit.connect(self.shutdown)
        if hasattr(model, "view_states"):
            model.view_states.register("lab", *self._view_access())

    def _view_access(self):
        """(get, set) of the switches, the page shown and the run the overlays follow."""
        get_switches, set_switches = switch_access({
            "step_arrows": self.arrows_check, "quadratic_model": self.quadratic_check,
            "basins": self.basins_check, "predict": self.predict_check})

        def get() -> dict:
            return {**get_switches(), "page": self.tabs.currentIndex(),
                    "run": self.model.lab.chosen}

        def set_(state: dict) -> None:
            set_switches(state)
            page, run = state.get("page"), state.get("run")
            if isinstance(page, int) and not isinstance(page, bool) \
                    and 0 <= page < self.tabs.count():
                self.tabs.setCurrentIndex(page)
            if isinstance(run, str):
                self.model.lab.select(run)

        return get, set_

    def _on_quadratic(self, on: bool) -> None:
        self.quadratic.set_enabled(on)
        self._on_expression(self.model.expression)
        if self.quadratic_1d is not None:
            self.quadratic_1d.set_enabled(on)

    def _on_expression(self, expr) -> None:
        if self.quadratic_1d is None and self._curve_plot is not None and expr is not None \
                and expr.dimension == 1 and self.quadratic_check.isChecked():
            # its labels placed with the curve's names (the views' CriticalMarkers)
            self.quadratic_1d = QuadraticModelOverlay(
                self.model, self._curve_plot(), self,
                labels=self._curve_labels() if self._curve_labels is not None else None)
            self.quadratic_1d.described.connect(self._show_notes)
            self.quadratic_1d.set_enabled(True)

    def _show_notes(self, _text=None) -> None:
        # the model of the view that shows f: the curve's for one variable, the map's
        # for two (both overlays describe the same model: it was written twice)
        f = self.model.expression
        curve = self.quadratic_1d is not None and f is not None and f.dimension == 1
        model_text = self.quadratic_1d.text if curve else self.quadratic.text
        texts = [t for t in (model_text, self._basin_text()) if t]
        self.note.setText("\n\n".join(texts) or NOTE_HINT)     # both off: not a blank page
        if texts and self.sender() is not None:     # a switch just turned on: show it
            self.tabs.setCurrentWidget(self.note)

    def _basin_text(self) -> str:
        return self._basins_note if self.basins.enabled else ""

    def _on_basins_text(self, text: str) -> None:
        self._basins_note = text
        # the map's colours are the basins' then: a bar of f's colours beside them read
        # as their key (the page and the ★ in each basin's colour say what they are)
        self._colour_bar.setVisible(not self.basins.enabled)
        self._show_notes()

    def _on_predict(self, on: bool) -> None:
        blocked = self.predict_check.blockSignals(True)
        self.predict_check.setChecked(on)
        self.predict_check.blockSignals(blocked)

    def _on_tab(self, index: int) -> None:
        self.sweep.set_active(self.tabs.widget(index) is self.sweep)

    def shutdown(self) -> None:
        """Stop the background jobs: call when the window closes."""
        self.basins.shutdown()
        self.sweep.shutdown()
