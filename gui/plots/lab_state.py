"""The optimizer lab's view state beside `LandscapeModel`: which run the step inspector,
arrows and overlays follow, whether the future is hidden (predict, then reveal), and
each run's colour and label.

Built by the model as `model.lab`, so every view that holds the model can reach it.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from gui.plots import runs as race


class LabState(QObject):
    selectedChanged = Signal(str)     # the key of the run the inspector follows
    predictChanged = Signal(bool)     # True: views show nothing beyond the current step

    def __init__(self, model):
        super().__init__(model)
        self._model = model
        self._selected = ""
        self._predict = False
        self._looks_for = None        # the settings the cached colours/labels are of
        self._colours: dict = {}
        self._labels: dict = {}
        model.pathsChanged.connect(self._on_paths)

    predict = property(lambda self: self._predict)
    # the key the user chose ("" none: the first run is followed), as a session keeps it
    chosen = property(lambda self: self._selected)

    @property
    def selected(self) -> str:
        """The selected run's key, or the first run's when none (or a gone one) is."""
        keys = [r.key for r in self._model.settings.runs]
        return self._selected if self._selected in keys else (keys[0] if keys else "")

    def select(self, key: str) -> None:
        before = self.selected
        self._selected = key
        if self.selected != before:
            self.selectedChanged.emit(self.selected)

    def set_predict(self, on: bool) -> None:
        if bool(on) != self._predict:
            self._predict = bool(on)
            self.predictChanged.emit(self._predict)

    def selected_run(self):
        """The selected Run, or None."""
        return next((r for r in self._model.settings.runs if r.key == self.selected), None)

    # --- colours and labels, by path key ----------------------------------------------
    def _refresh(self) -> None:
        s = self._model.settings
        if self._looks_for is not s:
            self._looks_for = s
            self._colours = race.colours(s.runs)
            self._labels = race.labels(s.runs, s.lr, s.hyper)

    def colour(self, key: str, fallback: str = "#222222") -> str:
        self._refresh()
        return self._colours.get(key, fallback)

    def label(self, key: str) -> str:
        self._refresh()
        return self._labels.get(key, key)

    def short_label(self, key: str) -> str:
        """The run's label with its method's short name (the loss legend's: "GD",
        "Adam", "GD η=0.3"), for marks with little room."""
        method = next((r.method for r in self._model.settings.runs if r.key == key), key)
        return race.short_label(self.label(key), method)

    def _on_paths(self, _paths) -> None:
        # a removed selected run: the inspector moves to the first run, and says so
        if self._selected and self._selected != self.selected:
            self._selected = self.selected
            self.selectedChanged.emit(self._selected)
