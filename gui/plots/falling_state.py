"""Beside `LandscapeModel`: the direction its f is proved unbounded below along, from f's
top-degree part (engine.unbounded.falling_direction: x³ + y³ along (−1, −1), x³ along
(−1)). That needs sympy, so the points helper works it out after the critical points
(gui.compute.symbolic_jobs); it comes by the text f was parsed from, later than f.

Built by the model as `model.falling`, for the Descent panel's "no minimum" words.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class FallingState(QObject):
    changed = Signal()      # the f on screen has its direction (or its None) now

    def __init__(self, model, worker):
        super().__init__(model)
        self._model, self._worker = model, worker
        self._shown = (None, "")      # (the f on screen, the text it was parsed from)
        # connected before any view: the text is noted before a view asks for it
        model.expressionChanged.connect(self._on_expression)
        worker.falling.connect(self._on_falling)

    def direction(self, f):
        """(d,) tuple: f, the model's f on screen, falls without end along it (proved);
        None when not proved, not known yet, or f is not the model's."""
        shown, text = self._shown
        return self._worker.falling_direction(text) if f is not None and f is shown else None

    def _on_expression(self, f) -> None:
        # the worker answers the newest request only: the f it sends is the shown text's
        # (a compile that failed puts back the f before: then no direction, not a wrong one)
        self._shown = (f, self._model.shown_text)

    def _on_falling(self, text: str) -> None:
        if text == self._shown[1]:
            self.changed.emit()
