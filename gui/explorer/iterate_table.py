"""The numbers behind one path: k, θ_k, f(θ_k), ∇f(θ_k) and |∇f| for every step.

A QTableView over a QAbstractTableModel that reads the Path's arrays directly (cheap
for 5000 rows). Every row is listed so a lecturer can scroll ahead while paused; rows
the animation has not reached yet are greyed, and the current one is highlighted and
kept in view.
"""
from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QLabel, QSizePolicy,
                               QVBoxLayout, QWidget)

from gui.plots.descent_settings import first_points
from gui.widgets import theme
from gui.compute.qt_guard import qt_override
from gui.explorer.iterate_columns import (NEIGHBOURS, UNDEFINED, overflowed_cells,
                                         path_columns, round_off_zero)
from gui.plots.secant_numbers import OVERFLOW_TIP, OVERFLOW_WORD
from gui.explorer.iterate_view import IterateView
from gui.widgets.number_text import compact

_FUTURE = QColor("#9a9a9a")
_ALIGN = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class IterateTableModel(QAbstractTableModel):
    """Rows k = 0 … n of a Path; columns k, the variables, f, ∂f/∂v…, |∇f| (2-D only)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.path = None
        self.variables: tuple[str, ...] = ("x", "y")
        self.frame = 0
        self._columns: list[np.ndarray] = []
        self._round_off: list = []          # per column: which numbers are round-off of 0
        self._overflowed: set = set()       # (row, column) of gradients past float range
        self._f = None                      # the path's f (overflow told from undefined)
        self._headers: list[str] = []
        self.csv_headers: list[str] = []
        self.digits = 6               # significant digits shown (see iterate_view.FITS)
        self.cell_font: QFont | None = None      # None: the view's font
        self._widest: dict[int, list[list[str]]] = {}
        self._texts: dict[int, list[list[str]]] = {}   # digits -> column -> row text
        self.width_memo: dict[tuple, list[int]] = {}   # the view's needed_widths, per path
        self._current = QBrush(QColor("#0072B2"))
        self._future_for = self._future = None     # the theme and its ink for future rows

    def set_path(self, path, variables, colour: str, f=None) -> None:
        """Show `path` of f(`variables`); with `f` (its expression) a gradient that
        floats cannot hold reads OVERFLOW_WORD, not "—" (undefined)."""
        self.beginResetModel()
        self.path, self.variables = path, tuple(variables)
        tint = QColor(colour)
        tint.setAlpha(90)    # strong enough to find at a glance, text stays readable
        self._current = QBrush(tint)
        self._columns, self._headers, self.csv_headers = [], [], []
        self._widest, self._texts = {}, {}
        self.width_memo = {}     # the view's needed_widths, for this path
        if path is not None:
            cols = path_columns(path, self.variables)    # gui.explorer.iterate_columns
            self._headers = [h for h, _, _ in cols]
            self.csv_headers = [h for _, h, _ in cols]
            self._columns = [c for _, _, c in cols]
            self._round_off = [None] + [round_off_zero(c) for c in self._columns[1:]]
        self._f = f
        self._overflowed = overflowed_cells(path, f, len(self.variables), self._columns)
        self.endResetModel()

    def widest(self, digits: int | None = None) -> list[list[str]]:
        """Per column, the texts that may be the widest at `digits` significant digits:
        every distinct text within one character of the longest. Character count is not
        pixel width ("6.43209e−10" is wider than "0.000566239"), so the view measures
        each of them."""
        digits = self.digits if digits is None else digits
        if digits not in self._widest:
            out = []
            for c, column in enumerate(self.texts(digits)):
                texts = {str(len(column) - 1)} if c == 0 else set(column)
                longest = max(map(len, texts), default=0)
                out.append(sorted(t for t in texts if len(t) >= longest - 1))
            self._widest[digits] = out
        return self._widest[digits]

    def texts(self, digits: int | None = None) -> list[list[str]]:
        """Per column, every cell's text at `digits` significant digits (formatted once
        per path and digits: the view asks for the visible cells on every repaint)."""
        digits = self.digits if digits is None else digits
        if digits not in self._texts:
            n = self.rowCount()
            self._texts[digits] = [self._cell_texts(c, digits, 0, n)
                                   for c in range(len(self._columns))]
        return self._texts[digits]

    def _cell_texts(self, c: int, digits: int, start: int, stop: int) -> list[str]:
        if c == 0:
            return [str(k) for k in range(start, stop)]
        # ±inf too: log(x) + log(y) at (0, 0) read f = "inf" (−inf, its sign lost) and
        # ∂f/∂x = "inf" — no value there, as nan is none
        return ["0" if zero else compact(v, digits) if math.isfinite(v) else
                OVERFLOW_WORD if (row, c) in self._overflowed else UNDEFINED
                for row, v, zero in zip(range(start, stop), self._columns[c][start:stop].tolist(),
                                        self._round_off[c][start:stop].tolist())]

    def grow(self, path) -> bool:
        """Show `path`, the path shown with rows appended (predict, then reveal: the rows
        grow with the frame), by inserting the new rows; the texts of the rows before are
        kept. False, and nothing changed, when `path` is not that (the caller resets)."""
        n_old, n = self.rowCount(), 0 if path is None else len(path.values)
        if not n_old or n <= n_old:
            return False
        cols = path_columns(path, self.variables)
        columns = [c for _, _, c in cols]
        if [h for h, _, _ in cols] != self._headers or not all(
                np.array_equal(new[:n_old], old, equal_nan=True)
                for new, old in zip(columns, self._columns)):
            return False
        # a row's round-off is judged against NEIGHBOURS rows each side: the last ones
        # shown before may read otherwise now that rows follow them
        kept = max(n_old - NEIGHBOURS, 0)
        widest = {d: self.widest(d) for d in self._texts}
        self.beginInsertRows(QModelIndex(), n_old, n - 1)
        self.path, self._columns = path, columns
        # the rows revealed may overflow too ("overflow", not "—", as set_path says)
        self._overflowed = overflowed_cells(path, self._f, len(self.variables), columns)
        # only the rows from `kept` on can read otherwise; their neighbours are in the tail
        tail = max(kept - NEIGHBOURS, 0)
        self._round_off = [None] + [
            np.concatenate([old[:kept], round_off_zero(c[tail:])[kept - tail:]])
            for old, c in zip(self._round_off[1:], columns[1:])]
        for digits, texts in self._texts.items():
            for c, column in enumerate(texts):
                column[kept:] = self._cell_texts(c, digits, kept, n)
        self._widest = {}
        self.endInsertRows()
        if kept < n_old:
            self.dataChanged.emit(self.index(kept, 0), self.index(n_old - 1, len(columns) - 1))
        if any(self.widest(d) != w for d, w in widest.items()):
            self.width_memo = {}         # the view measures the new widest texts
        return True

    def set_look(self, digits: int, font: QFont | None) -> None:
        """Show `digits` significant digits in `font` (None: the view's own)."""
        if digits == self.digits and font == self.cell_font:
            return
        self.digits, self.cell_font = digits, font
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(self.rowCount() - 1, self.columnCount() - 1),
                                  [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.FontRole])
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)

    def set_frame(self, frame: int) -> None:
        old, self.frame = self.frame, frame
        if self.path is not None and self.rowCount():
            last = self.rowCount() - 1          # frames run past a path that ended
            top, bottom = (min(k, last) for k in sorted((old, frame)))
            self.dataChanged.emit(self.index(top, 0), self.index(bottom, self.columnCount() - 1),
                                  [Qt.ItemDataRole.BackgroundRole,
                                   Qt.ItemDataRole.ForegroundRole])

    @qt_override
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() or self.path is None else len(self.path.values)

    @qt_override
    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def headers(self) -> list[str]:
        return list(self._headers)

    def value(self, row: int, column: int) -> float:
        return float(self._columns[column][row])

    def shown_value(self, row: int, column: int) -> float:
        """The number the cell stands for: 0 where the cell reads 0 for round-off of
        zero, else the number computed (the CSV says what the table says)."""
        zero = column and bool(self._round_off[column][row])
        return 0.0 if zero else self.value(row, column)

    @qt_override
    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.texts()[col][row]
        if role == Qt.ItemDataRole.UserRole:           # the raw number (tests, export)
            return self.value(row, col)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _ALIGN
        if role == Qt.ItemDataRole.FontRole:
            return self.cell_font
        if role == Qt.ItemDataRole.ToolTipRole and col and self._round_off[col][row]:
            return (f"{compact(self.value(row, col), 3)} as computed: what is left when much "
                    f"larger terms cancel (floating-point round-off of 0), so shown as 0")
        if role == Qt.ItemDataRole.ToolTipRole and (row, col) in self._overflowed:
            return OVERFLOW_TIP
        if role == Qt.ItemDataRole.ToolTipRole and col and not math.isfinite(self.value(row, col)):
            return "undefined: f has no value here (the point is outside f's domain)"
        if role == Qt.ItemDataRole.ToolTipRole and col and self.digits < 6:
            return compact(float(self._columns[col][row]))   # the digits the cell drops
        if role == Qt.ItemDataRole.BackgroundRole and row == self.frame:
            return self._current
        if role == Qt.ItemDataRole.ForegroundRole and row > self.frame:
            return self._future_ink()
        return None

    def _future_ink(self):
        """The rows after the frame: dimmed, yet 4.5:1 on both row colours of the
        current theme (worked out once per theme: the view asks for every such cell
        in every repaint)."""
        t = theme.current()
        if self._future_for is not t:
            self._future_for = t
            self._future = theme.readable(theme.readable(t.ink(_FUTURE), t.alternate),
                                          t.background)
        return QColor(self._future)      # a copy, as theme.readable gives

    @qt_override
    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        if role == Qt.ItemDataRole.FontRole:
            return self.cell_font
        return None


class IterateTable(QWidget):
    def __init__(self, model, parent=None):
        super().__init__(parent)
        self.model = model
        self.table_model = IterateTableModel(self)

        self.combo = QComboBox()
        self.combo.setIconSize(QSize(12, 12))
        self.combo.setToolTip("Which method's path the table lists")
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.combo.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        title = QLabel("Iterates of")
        title.setStyleSheet("font-weight: 600;")
        bar = QHBoxLayout()
        bar.addWidget(title)
        bar.addWidget(self.combo)
        bar.addStretch(1)

        self.view = IterateView()
        self.view.setModel(self.table_model)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 6)
        self.view.setAlternatingRowColors(True)
        header = self.view.horizontalHeader()
        header.setMinimumSectionSize(8)
        self.view.setToolTip("Each row is one step: where θ is, f there and the gradient there. "
                             "The current step is highlighted; later steps are grey.")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(2)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

        # (no fixed minimum height: the view asks for its header and ROWS_SHOWN rows)
        self._combo_entries = None     # (key, label, colour) per run the combo lists
        self.combo.currentIndexChanged.connect(self._on_choice)
        model.pathsChanged.connect(self._on_paths)
        model.frameChanged.connect(self._on_frame)
        model.lab.predictChanged.connect(self._on_choice)
        theme.notifier.changed.connect(self._on_theme)
        self._on_paths(model.paths)

    @property
    def method(self) -> str | None:
        return self.combo.currentData()

    def select_method(self, method: str) -> None:
        self.combo.setCurrentIndex(self.combo.findData(method))

    def _on_paths(self, paths) -> None:
        lab = self.model.lab
        entries = [(m, lab.label(m), lab.colour(m)) for m in paths]
        # a new f with the same runs: the combo stays as it is (rebuilding it re-measured
        # it and re-laid out the panels around it with every edit)
        if entries != self._combo_entries:
            self._combo_entries = entries
            keep = self.method
            blocked = self.combo.blockSignals(True)
            self.combo.clear()
            for m, label, colour in entries:
                self.combo.addItem(theme.swatch(colour, 12), label, m)
            index = self.combo.findData(keep)
            self.combo.setCurrentIndex(index if index >= 0 else 0)
            self.combo.blockSignals(blocked)
        self._on_choice()

    def _on_theme(self, *_) -> None:
        """The runs' squares inked anew: Newton's black stayed black on the dark list."""
        for i, (_m, _label, colour) in enumerate(self._combo_entries or ()):
            self.combo.setItemIcon(i, theme.swatch(colour, 12))

    def _shown_path(self):
        path = self.model.paths.get(self.method) if self.method else None
        if path is not None and self.model.lab.predict:    # no rows beyond this step
            path = first_points(path, self.model.frame + 1)
        return path

    def _on_choice(self, *_) -> None:
        method = self.method
        path = self._shown_path()
        expr = self.model.expression
        variables = expr.variables if expr is not None else ("x", "y")
        if path is not None and path.points.shape[1] != len(variables):
            variables = ("x", "y")[:path.points.shape[1]]
        self.table_model.frame = self.model.frame
        wanted = self.view.sizeHint()
        self.table_model.set_path(path, variables, self.model.lab.colour(method, "#0072B2"),
                                  expr if expr is not None and expr.dimension ==
                                  len(variables) else None)
        self._fit(wanted)
        self._on_frame(self.model.frame)

    def _fit(self, wanted: QSize) -> None:
        self.view.fit_columns()
        if self.view.sizeHint() != wanted:
            # only a new width asked for re-lays out the panels above (an edit that keeps
            # the columns' widths repaints the table alone)
            self.view.updateGeometry()

    def _on_frame(self, frame: int) -> None:
        path = self.model.paths.get(self.method) if self.method else None
        if self.model.lab.predict and path is not None and \
                self.table_model.rowCount() != min(frame + 1, len(path.values)):
            # the rows grow with the frame: the new ones inserted (a reset re-read and
            # re-measured every row each frame), else (a step back) all anew
            wanted = self.view.sizeHint()
            if not self.table_model.grow(self._shown_path()):
                self._on_choice()
                return
            self._fit(wanted)
        self.table_model.set_frame(frame)
        if self.table_model.rowCount():
            # centred: the steps just taken and the next (grey) ones stay in view
            row = min(frame, self.table_model.rowCount() - 1)
            self.view.scrollTo(self.table_model.index(row, 0),
                               QAbstractItemView.ScrollHint.PositionAtCenter)
