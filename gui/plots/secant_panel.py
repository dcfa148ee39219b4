"""Under the curve: the numbers at the dragged point, and the secant step h.

Row 1: x, f(x), f′(x) and whether f is increasing there; then a slider for h on a log
scale from 1 down to 10⁻⁶. Row 2: the difference quotient (f(x+h) − f(x))/h next to
f′(x): as h shrinks the two agree digit by digit — the derivative's definition; then
f″(x), the second-derivative test where f′ = 0. Each row is one line at 1280 px (text
size 1): the slider on row 2 wrapped the quotient's row to two lines and took f's ~25 px. Where the point's numbers and the
slider do not fit side by side (large text), the slider gets a row of its own.
"""
from __future__ import annotations

import math

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QSlider, QWidget

from gui.compute.qt_guard import qt_override
from gui.widgets import theme
from gui.widgets.field_keys import keep_slider_keys
from gui.widgets.palette import CURVE_COLOURS
from gui.plots.secant_numbers import (SLOPE_DIGITS, difference_text, fmt, quotient_digits,
                                      quotient_error, trend, beyond_trend)

H_MAX_EXP, H_MIN_EXP = 0, -6      # h from 10^0 down to 10^-6
TICKS_PER_DECADE = 100
DEFAULT_H = 0.5
SPACING = 10               # px between the point's numbers and h's controls
# x, f(x), f″(x) and f′'s one-sided limits at a kink: the digits f′ has, so the rows
# read at one precision (x e^x read f(x) = −0.1786 beside f′(x) = −0.113067; 1e300·e^(x²)
# f = 5.46e301 beside f′ = 2.18393e302). The quotient and the difference keep fewer:
# only the digits rounding leaves them.
VALUE_DIGITS = SLOPE_DIGITS
# the widest texts fmt gives with VALUE_DIGITS and 3 digits (−0.000123456, −1.234e88).
# Not the one digit more significant_text gives a short exact decimal: at 1280 px that
# row no longer fits beside h's controls, and a 7-digit exact value at a dragged point
# is rare (3.125 has 4)
WIDEST, WIDEST_H = "−0.000888888", "0.000888"

_ARROWS = {"increasing": "↗", "decreasing": "↘", "stationary": "→", "undefined": "",
           "kink": ""}
_WORDED = ("increasing", "decreasing", "stationary", "kink")   # what f′'s value does not say


class DecadeSlider(QSlider):
    """A slider whose ↓ / ↑ take a page step (h's decade) right / left, as ← / → take
    a single one (Qt's own ↓ ↑ on a horizontal slider repeat ← →)."""

    @qt_override
    def keyPressEvent(self, event):
        pages = {Qt.Key.Key_Down: QSlider.SliderAction.SliderPageStepAdd,
                 Qt.Key.Key_Up: QSlider.SliderAction.SliderPageStepSub}
        if event.key() in pages and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.triggerAction(pages[event.key()])
        else:
            super().keyPressEvent(event)


class SecantPanel(QWidget):
    hChanged = Signal(float)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.variable = "x"
        self.values: dict[str, float | str] = {}
        # the rows as built, colour keys in their palette colours: inked for the theme
        # when shown (_show_rows), again at every change of look — built inked, the keys
        # kept light's #875D00 / #8B5272 on the dark window (3.1:1) until x moved
        self._point_text = ""
        self._secant_text = ""           # the quotient's row, f″ on it
        self._widest: dict[tuple, float] = {}    # (variable, font, theme) -> px
        self._shape = None          # what the rows' least height was last worked out for
        self.point_readout = QLabel()
        self.secant_readout = QLabel()
        self.point_readout.setToolTip("Click x = … (or press X) to type the point's x")
        for label in (self.point_readout, self.secant_readout):
            label.setTextFormat(Qt.TextFormat.RichText)
            # wraps: on one line the read-outs asked for ~1030 px (1337-px window at 720p)
            label.setWordWrap(True)
            label.setStyleSheet("font-size: 12pt; color: #222;")
        self.h_slider = DecadeSlider(Qt.Orientation.Horizontal)
        self.h_slider.setRange(0, (H_MAX_EXP - H_MIN_EXP) * TICKS_PER_DECADE)
        self.h_slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.h_slider.setTickInterval(TICKS_PER_DECADE)
        keep_slider_keys(self.h_slider)     # → moves it, not the descent
        # ← → a tenth of a decade, ↓ ↑ (and a click beside the knob) a decade: a 100th
        # took ~600 presses from 1 to 10⁻⁶ (PgDn/PgUp are the lecture clicker's, from
        # any field: gui/app/lecture_commands.py); the mouse keeps the fine steps
        self.h_slider.setSingleStep(TICKS_PER_DECADE // 10)
        self.h_slider.setPageStep(TICKS_PER_DECADE)
        # 16 px a decade: the rest is room for the point's widest row (at 110 px, with
        # x and f at f′'s 6 digits, (w − 3)²'s row no longer fit beside it at 1280 px)
        self.h_slider.setMinimumWidth(96)
        self.h_slider.setToolTip("Move right: h shrinks towards 0 (log scale, 1 … 10⁻⁶) "
                                 "and the secant turns into the tangent. Keys: ← → a little, "
                                 "↓ / ↑ a factor of 10")
        self.h_label = QLabel()
        self.h_label.setStyleSheet("font-size: 12pt; color: #222;")
        self.h_caption = caption = QLabel("secant step h:")
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
        theme.notifier.changed.connect(self._on_theme)    # (bound: dropped with the panel)

    def _on_theme(self, _theme=None) -> None:
        self.point_readout.setText(theme.themed_html(self._point_text))
        self.secant_readout.setText(theme.themed_html(self._secant_text))

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
        """One row or two for the point and h, as the panel's width and text allow —
        never as the numbers shown do: the point's row is given the width its widest
        values need, so the slider stays put when a number or word changes. Where that
        leaves the slider too little room beside the caption (1280 px, text size 1),
        the caption goes ("h = 0.5" names the slider's value)."""
        point = self._widest_point_width()
        metrics = self.h_label.fontMetrics()       # "h = 0.5" … "h = 0.000123": one width
        self.h_label.setFixedWidth(metrics.horizontalAdvance(f"h = {WIDEST_H}") + 4)
        left, _, right, _ = self._grid.getContentsMargins()
        room = self.width() - left - right - SPACING
        # worked out without showing or hiding anything (a show() per drag step cost
        # ~4 ms of the GUI thread: it re-laid out the panel)
        spacing = self.h_controls.layout().spacing()
        slider = max(self.h_slider.minimumWidth(), self.h_slider.minimumSizeHint().width())
        controls = slider + spacing + self.h_label.width()
        caption = self.h_caption.sizeHint().width() + spacing
        one_row = point + controls <= room
        captioned = not one_row or point + controls + caption <= room
        if self.h_caption.isHidden() == captioned:
            self.h_caption.setVisible(captioned)
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

    def show_values(self, x, fx, dfx, fxh, tol, d2fx=math.nan, noise=0.0, jump=None,
                    beyond=None) -> None:
        """Show f(x), f′(x), f″(x) (engine values) and the difference quotient for the
        current h. f″ is the second-derivative test where f′ = 0 (the seed's Example 1);
        `noise`: the rounding error of f's values there (rounding_noise); `jump`: (left,
        right), f′'s one-sided limits where f is not differentiable at x; `beyond`:
        {"df"/"d2f": text} for a derivative float cannot hold (secant_numbers.derivatives_at),
        {"quotient": text} for a quotient past the float range (quotient_overflows)."""
        v, h = self.variable, self._h
        quotient = (fxh - fx) / h
        difference = quotient - dfx
        error = quotient_error(fx, fxh, h, noise, x)       # rounding's, of the quotient
        beyond = beyond or {}
        kind = "kink" if jump else beyond_trend(beyond.get("df")) or trend(dfx, tol)
        self.values = {"x": x, "f": fx, "df": dfx, "d2f": d2fx, "f_xh": fxh, "h": h,
                       "quotient": quotient, "difference": difference, "trend": kind,
                       "jump": jump, "beyond": beyond}
        shown_df = beyond.get("df") or _value(dfx)
        shown_quotient = (beyond.get("quotient")
                          or fmt(quotient, quotient_digits(fx, fxh, h, noise, x)))
        shown_d2f = beyond.get("d2f") or _value(d2fx)
        tangent, secant = _swatch(CURVE_COLOURS["tangent"]), _swatch(CURVE_COLOURS["secant"])
        if jump:      # |x| at 0: the formula's f′ = sign(0) = 0 is no slope of the curve
            self._point_text = self._point_html(_value(x), _value(fx), "none", kind)
            self.point_readout.setText(theme.themed_html(self._point_text))
            row = " &nbsp; ".join(_whole(item) for item in (
                f"{secant}<b>(<i>f</i>({v}+<i>h</i>) − <i>f</i>({v}))/<i>h</i> = "
                f"{shown_quotient}</b>",
                f"&nbsp; <b>not differentiable at <i>{v}</i> = {_value(x)}: <i>f</i>′ jumps "
                f"from {_value(jump[0])} to {_value(jump[1])}</b>"))
            self._secant_text = row
            return self.fit_rows()
        self._point_text = self._point_html(_value(x), _value(fx), shown_df, kind)
        self.point_readout.setText(theme.themed_html(self._point_text))
        shown_difference = beyond.get("quotient") or difference_text(    # (overflow: so is it)
            difference, error, max(abs(quotient), abs(dfx)))
        items = [f"{secant}<b>(<i>f</i>({v}+<i>h</i>) − <i>f</i>({v}))/<i>h</i> = "
                 f"{shown_quotient}</b>", "vs",
                 f"{tangent}<i>f</i>′\u2060({v}) = {shown_df}",
                 f"&nbsp; difference {shown_difference}",
                 f"&nbsp; <i>f</i>″\u2060({v}) = {shown_d2f}"]
        # f″ on this row (the first is as wide as 1280 px allows beside h's slider): at
        # 720p presenting it was left out to spare f′'s plot a line, and the class lost
        # f″ silently. Where the row wraps, f″ takes the difference with it: alone it
        # made a fourth line of read-outs at the window's bottom edge (x³ − 2x at 1280×720)
        pair = f"  difference {shown_difference}   f″({v}) = {shown_d2f}"
        left, _, right, _ = self._grid.getContentsMargins()
        if self.secant_readout.fontMetrics().horizontalAdvance(pair) * 1.1 \
                <= self.width() - left - right:
            items[-2:] = [items[-2] + " &nbsp; " + items[-1]]
        self._secant_text = " &nbsp; ".join(_whole(item) for item in items)
        self.fit_rows()

    def _point_html(self, x: str, fx: str, dfx: str, kind: str) -> str:
        v, tangent = self.variable, _swatch(CURVE_COLOURS["tangent"])
        # each "name = value" kept whole: a wrap broke "f(x) =" from "0.4096", "f′" from "(x)"
        items = [
            # a link: a click types x there (gui.plots.point_entry), as the key X does
            f"<a href='x' style='color:#222222'><i>{v}</i> = {x}</a>",
            f"<i>f</i>({v}) = {fx}",
            f"{tangent}<b><i>f</i>′\u2060({v}) = {dfx}</b>"]
        if kind in _WORDED:   # not where the value says it ("undefined   undefined")
            items.append(f"<b>{_ARROWS[kind]} {kind}</b>")
        return " &nbsp;&nbsp; ".join(_whole(item) for item in items)

    def _widest_point_width(self) -> float:
        """The px the point's row needs for any values: the slider's place is worked out
        from it, not from the numbers shown (it moved ~100 px between "→ stationary" and
        "↗ increasing", and more for −0.0001234)."""
        key = (self.variable, self.point_readout.font().toString())
        if key not in self._widest:
            label = QLabel()
            label.setFont(self.point_readout.font())
            widths = []
            for kind in ("increasing", "decreasing", "stationary"):
                label.setText(self._point_html(WIDEST, WIDEST, WIDEST, kind))
                widths.append(_one_line_width(label))
            self._widest[key] = max(widths)
        return self._widest[key]

    def _fit_secant_row(self) -> None:
        """The quotient's row, f″ always on it: one line at 1280 px, wrapped where the
        panel is narrower or the text larger (never a value dropped to save a line)."""
        left, _, right, _ = self._grid.getContentsMargins()
        width = self.width() - left - right
        font = self.secant_readout.font()
        self.secant_readout.setText(theme.themed_html(self._secant_text))
        one_line = _one_line_width(self.secant_readout)
        # the plots above keep their least heights: the page scrolls rather than the
        # wrapped read-outs taking their height (the layout gave the panel its wrapped
        # height and the splitter of plots less than its minimum, cutting off f′'s
        # legend row). Worked out again only when the rows' shape may have changed:
        # each label's heightForWidth cost ~1 ms of every drag step
        point_lines = 1 if self.one_row else math.ceil(
            _one_line_width(self.point_readout) / max(1, width))
        shape = (self.width(), self.one_row, font.toString(),
                 math.ceil(one_line / max(1, width)),
                 point_lines,
                 self.point_readout.font().toString())
        if shape != self._shape:
            self._shape = shape
            need = self._least_height()
            if need != self.minimumHeight():
                self.setMinimumHeight(need)

    def _least_height(self) -> int:
        """The rows' heights at the panel's width, from the labels' wrapped heights (the
        grid's own answer lagged a text size behind: 105 px kept for 48 px of rows)."""
        left, _, right, _ = self._grid.getContentsMargins()
        full = max(1, self.width() - left - right)
        controls = self.h_controls.sizeHint().height()
        secant = self.secant_readout.heightForWidth(full)
        if self.one_row:
            point = self.point_readout.heightForWidth(math.ceil(self._widest_point_width()))
            return max(point, controls) + secant
        return self.point_readout.heightForWidth(full) + controls + secant


def _value(v: float) -> str:
    """x, f, f′ or f″ at the point: all at VALUE_DIGITS, one precision per row."""
    return fmt(v, VALUE_DIGITS)


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
    """A coloured square tying a number to its line (coloured text would be too pale),
    in the palette's colour: the row it is in is inked for the theme as it is shown."""
    return f"<span style='color:{colour}; font-size:15pt'>■</span>&nbsp;"
