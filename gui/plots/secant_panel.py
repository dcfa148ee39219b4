"""Under the curve: the numbers at the dragged point, and the secant step h.

Row 1: x, f(x), f′(x) and whether f is increasing there; then a slider for h on a log
scale from 1 down to 10⁻⁶. Row 2: the difference quotient (f(x+h) − f(x))/h next to
f′(x): as h shrinks the two agree digit by digit — the derivative's definition; then
f″(x), the second-derivative test where f′ = 0. Each
row is one line at 1280 px (text size 1): the slider on row 2 wrapped the quotient's
row to two lines there and took f's curve ~25 px. Where the point's numbers and the
slider do not fit side by side (large text), the slider gets a row of its own.
"""
from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QSlider, QWidget

from gui.compute.qt_guard import qt_override
from gui.widgets import theme
from gui.widgets.palette import CURVE_COLOURS

H_MAX_EXP, H_MIN_EXP = 0, -6      # h from 10^0 down to 10^-6
TICKS_PER_DECADE = 100
DEFAULT_H = 0.5
SPACING = 10               # px between the point's numbers and h's controls


def fmt(v: float, digits: int = 4) -> str:
    """A number as a lecturer writes it: significant digits, a true minus sign."""
    if not np.isfinite(v):
        return "undefined"
    return f"{v:.{digits}g}".replace("-", "−").replace("e−0", "e−").replace("e+0", "e")


def trend(slope: float, tol: float) -> str:
    """"increasing", "decreasing" or "stationary" (|f′| ≤ tol), "undefined" if not finite."""
    if not np.isfinite(slope):
        return "undefined"
    if slope > tol:
        return "increasing"
    return "decreasing" if slope < -tol else "stationary"


_ARROWS = {"increasing": "↗", "decreasing": "↘", "stationary": "→", "undefined": ""}


class SecantPanel(QWidget):
    hChanged = Signal(float)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.variable = "x"
        self.values: dict[str, float | str] = {}
        self._secant_texts = ("", "")    # the quotient's row with f″ and without
        self.point_readout = QLabel()
        self.secant_readout = QLabel()
        for label in (self.point_readout, self.secant_readout):
            label.setTextFormat(Qt.TextFormat.RichText)
            # wraps: on one line the read-outs asked for ~1030 px (1337-px window at 720p)
            label.setWordWrap(True)
            label.setStyleSheet("font-size: 12pt; color: #222;")
        self.h_slider = QSlider(Qt.Orientation.Horizontal)
        self.h_slider.setRange(0, (H_MAX_EXP - H_MIN_EXP) * TICKS_PER_DECADE)
        self.h_slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.h_slider.setTickInterval(TICKS_PER_DECADE)
        self.h_slider.setMinimumWidth(140)
        self.h_slider.setToolTip("Move right: h shrinks towards 0 (log scale, 1 … 10⁻⁶) "
                                 "and the secant turns into the tangent")
        self.h_label = QLabel()
        self.h_label.setStyleSheet("font-size: 12pt; color: #222;")
        self.h_label.setMinimumWidth(100)
        caption = QLabel("secant step h:")
        caption.setStyleSheet("font-size: 11pt; color: #444;")

        self.h_controls = QWidget()
        row = QHBoxLayout(self.h_controls)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(10)
        row.addWidget(caption)
        row.addWidget(self.h_slider, 1)
        row.addWidget(self.h_label)

        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(10, 0, 10, 0)
        self._grid.setHorizontalSpacing(SPACING)
        self._grid.setVerticalSpacing(0)
        self.one_row = None          # h's controls on the point's row (else a row of their own)
        self._arrange(True)
        self._h = DEFAULT_H
        self.h_slider.setValue(self._ticks(DEFAULT_H))
        self.h_slider.valueChanged.connect(self._on_slider)
        self._show_h()

    # --- layout: two rows where they fit, else three ----------------------------------
    def _arrange(self, one_row: bool) -> None:
        """The point's numbers and h's controls on one row, or (a narrow panel, a large
        text size) each on its own: beside the controls the numbers wrapped to four
        lines ("f(x) =" over "0.4096") at text size 2."""
        if one_row == self.one_row:
            return
        self.one_row = one_row
        grid = self._grid
        for widget in (self.point_readout, self.h_controls, self.secant_readout):
            grid.removeWidget(widget)
        if one_row:
            grid.addWidget(self.point_readout, 0, 0)
            grid.addWidget(self.h_controls, 0, 1)
            grid.addWidget(self.secant_readout, 1, 0, 1, 2)
        else:
            grid.addWidget(self.point_readout, 0, 0, 1, 2)
            grid.addWidget(self.h_controls, 1, 0, 1, 2)
            grid.addWidget(self.secant_readout, 2, 0, 1, 2)
            self.h_controls.setMaximumWidth(16777215)

    def fit_rows(self) -> None:
        """One row or two for the point and h, as the panel's width and text allow."""
        point = _one_line_width(self.point_readout)
        left, _, right, _ = self._grid.getContentsMargins()
        room = self.width() - left - right - SPACING
        one_row = point + self.h_controls.minimumSizeHint().width() <= room
        self._arrange(one_row)
        self._fit_secant_row()
        if one_row:
            # the controls take what the numbers leave (a column minimum for the numbers
            # instead held the panel as wide as a wider window had made it)
            self.h_controls.setMaximumWidth(max(0, int(room - point) - 1))
        # the wrapped rows' real height as the panel's least: a splitter asks only for the
        # one-line minimum, and at text size 1.5 on 720p gave the curve view ~25 px too
        # little, which f′'s canvas (legend row or axis name) lost, differently by history
        tall = self._grid.heightForWidth(self.width())
        if tall > 0 and self.minimumHeight() != tall:
            self.setMinimumHeight(tall)

    @qt_override
    def resizeEvent(self, event):
        super().resizeEvent(event)
        self.fit_rows()

    # --- h ---------------------------------------------------------------------------
    @property
    def h(self) -> float:
        return self._h

    def set_h(self, h: float) -> None:
        """Set h exactly (clamped to [1e-6, 1]); the slider follows."""
        h = min(max(float(h), 10.0 ** H_MIN_EXP), 10.0 ** H_MAX_EXP)
        self.h_slider.blockSignals(True)
        self.h_slider.setValue(self._ticks(h))
        self.h_slider.blockSignals(False)
        self._set(h)

    @staticmethod
    def _ticks(h: float) -> int:
        return int(round((H_MAX_EXP - math.log10(h)) * TICKS_PER_DECADE))

    def _on_slider(self, ticks: int):
        h = 10.0 ** (H_MAX_EXP - ticks / TICKS_PER_DECADE)
        self._set(float(f"{h:.3g}"))           # round values: 0.5, 0.01, 2e-05 read well

    def _set(self, h: float):
        if h != self._h:
            self._h = h
            self._show_h()
            self.hChanged.emit(h)

    def _show_h(self):
        self.h_label.setText(f"h = {fmt(self._h, 3)}")

    # --- read-outs ------------------------------------------------------------------------
    def set_variable(self, name: str) -> None:
        self.variable = name

    def show_values(self, x, fx, dfx, fxh, tol, d2fx=math.nan) -> None:
        """Show f(x), f′(x), f″(x) (engine values) and the difference quotient for the
        current h. f″ is the second-derivative test where f′ = 0 (the seed's Example 1)."""
        v, h = self.variable, self._h
        quotient = (fxh - fx) / h
        difference = quotient - dfx
        kind = trend(dfx, tol)
        self.values = {"x": x, "f": fx, "df": dfx, "d2f": d2fx, "f_xh": fxh, "h": h,
                       "quotient": quotient, "difference": difference, "trend": kind}
        tangent, secant = _swatch(CURVE_COLOURS["tangent"]), _swatch(CURVE_COLOURS["secant"])
        # each "name = value" kept whole: a wrap broke "f(x) =" from "0.4096", "f′" from "(x)"
        self.point_readout.setText(" &nbsp;&nbsp; ".join(_whole(item) for item in (
            f"<i>{v}</i> = {fmt(x)}", f"<i>f</i>({v}) = {fmt(fx)}",
            f"{tangent}<b><i>f</i>′\u2060({v}) = {fmt(dfx)}</b>",
            f"<b>{_ARROWS[kind]} {kind}</b>")))
        quotient_row = " &nbsp; ".join(_whole(item) for item in (
            f"{secant}<b>(<i>f</i>({v}+<i>h</i>) − <i>f</i>({v}))/<i>h</i> = "
            f"{fmt(quotient, 8)}</b>", "vs", f"{tangent}<i>f</i>′\u2060({v}) = {fmt(dfx, 8)}",
            f"&nbsp; difference {fmt(difference, 3)}"))
        # f″ on this row (the first is as wide as 1280 px allows beside h's slider), and
        # only where the row stays one line: a second line took f′'s plot 20 px at 720p
        self._secant_texts = (quotient_row + " &nbsp; " + _whole(
            f"&nbsp; <i>f</i>″\u2060({v}) = {fmt(d2fx)}"), quotient_row)
        self.fit_rows()

    def _fit_secant_row(self) -> None:
        """The quotient's row with f″ if that fits on one line, else without it."""
        with_f2, without = self._secant_texts
        left, _, right, _ = self._grid.getContentsMargins()
        self.secant_readout.setText(with_f2)
        if _one_line_width(self.secant_readout) > self.width() - left - right:
            self.secant_readout.setText(without)


def _whole(html: str) -> str:
    """Rich text that wraps around, never inside."""
    return f"<span style='white-space:nowrap'>{html}</span>"


def _one_line_width(label: QLabel) -> float:
    """The px a rich-text label's text needs on one line."""
    document = QTextDocument()
    document.setDefaultFont(label.font())
    document.setDocumentMargin(0)
    document.setHtml(label.text())
    return document.idealWidth()


def _swatch(colour: str) -> str:
    """A coloured square tying a number to its line (coloured text would be too pale)."""
    return theme.themed_html(f"<span style='color:{colour}; font-size:15pt'>■</span>&nbsp;")
