"""The window and start the explorer had for f's variables, kept when an edit leaves
them: a stray letter typed into the formula (x² + 2y² r, a function of r, x and y) and
deleted again gives back the start and window of before, not the defaults of a new
number of variables (the seed's start (3, 2) came back as (2, 1.5), and the iterate
table's first row read f = 8.5 instead of 17)."""
from __future__ import annotations


class SetupMemory:
    """The set-up last left: an edit that comes back to its variables was a detour."""

    def __init__(self):
        self._left = None        # (variables, f, window, start, user_window)

    def leave(self, f, window, start, user_window: bool) -> None:
        """f's set-up, as an edit takes the explorer to other variables."""
        if f is not None and len(window) == len(start) == f.dimension:
            self._left = (tuple(f.variables), f, tuple(window), tuple(start), user_window)

    def forget(self) -> None:
        """A new set-up altogether (an example, a session): nothing to come back to."""
        self._left = None

    def recall(self, f) -> tuple | None:
        """(window, start, user_window) to come back to for f, or None. f must have the
        variables left last; with one variable, f must be the f left (a new function of
        one variable is framed for itself: gui.plots.framing)."""
        if self._left is None:
            return None
        variables, left, window, start, user_window = self._left
        if tuple(f.variables) != variables or (len(variables) == 1 and f != left):
            return None
        return window, start, user_window
