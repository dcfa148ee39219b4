"""The one error the expression language raises."""
from __future__ import annotations


class ExpressionError(ValueError):
    """A text that is not a formula Gradient Lab accepts.

    `message` says what is wrong in words a student understands; `position` is the
    0-based column of the problem, or None when no single place is to blame.
    str() adds the 1-based character number, as a person counts.
    """

    def __init__(self, message: str, position: int | None = None):
        self.message = message
        self.position = position
        where = "" if position is None else f" (at character {position + 1})"
        super().__init__(message + where)
