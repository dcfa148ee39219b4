"""ButtonRows: all its buttons in one row where their least widths fit side by side,
else rows of `columns`; it never asks for more width than `columns` buttons."""
from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QWidget

from gui.widgets.button_rows import ButtonRows

TEXTS = ("Reset", "Play", "◀ Step", "Step ▶")


def _panel(shown, width: int):
    holder = QWidget()
    rows = ButtonRows(holder, columns=2, spacing=4)
    buttons = [QPushButton(text) for text in TEXTS]
    for button in buttons:
        rows.addWidget(button)
    least = max(b.minimumSizeHint().width() for b in buttons)
    shown(holder, width(least), 200)
    return holder, rows, buttons


def _tops(buttons) -> list[int]:
    return [b.geometry().top() for b in buttons]


def test_one_row_where_all_fit(shown):
    _holder, rows, buttons = _panel(shown, lambda least: 4 * least + 3 * 4)
    assert len(set(_tops(buttons))) == 1
    lefts = [b.geometry().left() for b in buttons]
    assert lefts == sorted(lefts)                    # in their order, left to right
    for b in buttons:
        assert b.width() >= b.minimumSizeHint().width()
    least = max(b.minimumSizeHint().width() for b in buttons)
    assert rows.heightForWidth(4 * least + 3 * 4) < rows.heightForWidth(4 * least + 3 * 4 - 1)


def test_two_rows_of_two_where_narrower(shown):
    _holder, rows, buttons = _panel(shown, lambda least: 4 * least + 3 * 4 - 1)
    tops = _tops(buttons)
    assert tops[0] == tops[1] < tops[2] == tops[3]
    assert buttons[0].geometry().left() == buttons[2].geometry().left()
    for b in buttons:
        assert b.width() >= b.minimumSizeHint().width()
        assert b.height() >= b.minimumSizeHint().height()
    least = max(b.minimumSizeHint().width() for b in buttons)
    assert rows.minimumSize().width() == 2 * least + 4     # never widens its panel
