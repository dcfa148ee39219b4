"""The contour map's axes: x and y, and the colour bar's f axis.

Each is drawn from a pixmap cache (gui.plots.axis_cache), as the loss plot's are.
Their ticks reach into the plot, so any change inside it (a new f's image and
iso-lines, its arrows, paths and points) repainted all six by replaying their tick
labels (~4 ms each, five repaints an edit); cached, an axis is drawn anew only when it
changes itself (range, ticks, pen: pyqtgraph then calls its update()) or a layout moves
it by part of a pixel, and a scaled export (2×, 3×) re-renders it at that scale.

The colour bar's ticks are chosen when its axis is drawn (`ColourBarTicks`), for the
bar's length in pixels and its labels' font: a short bar (the Neuron tab's landscape at
1280×720) gets fewer labels, none on another, and a new height or text size chooses
again (both redraw the axis). The axis is as wide as its labels and the "f" beside them.

That width only grows while the map is asked for the same picture (f, window, canvas
width) at the same bar length and font; anything else chooses it afresh. The labels'
width sets the map's width, with the aspect locked the map's range, and the range's f
values set the labels: at 640×230 Himmelblau's x ±19.38 had labels 8 px narrower than
x ±19.70's, each range gave the bar the other's width, and the map was sampled anew
every 120 ms without end. Held, the loop ends on the wider room, entered from either
range (so a fresh start and a round trip end alike).
"""
from __future__ import annotations

import math

import numpy as np

from PySide6.QtCore import QCoreApplication, QEvent, QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QApplication

from gui.plots.axis_cache import cache_as_pixmap

SIDES = ("left", "right", "top", "bottom")


def style_map_axes(plot, colour_bar, ink: str, value_name: str = "f") -> None:
    """Ink and fonts of the map's axes (plot: its PlotItem; colour_bar: its
    ColorBarItem, a PlotItem too, titled `value_name`), each one cached as a pixmap."""
    tick_font = QFont()
    tick_font.setPointSize(10)
    for side in ("bottom", "left"):
        axis = plot.getAxis(side)
        axis.setPen(ink)
        axis.setTextPen(ink)
        axis.setTickFont(tick_font)
        # The label's style is given here, before the theme first records it: set on
        # the first expression, it overwrote a theme applied before (dark "w" on dark)
        axis.labelStyle = {"color": ink, "font-size": "12pt"}
    bar_axis = colour_bar.axis
    bar_axis.setPen(ink)
    bar_axis.setTextPen(ink)
    bar_axis.setTickFont(tick_font)
    for side in SIDES:
        colour_bar.getAxis(side).enableAutoSIPrefix(False)
    bar_axis.setLabel(value_name, color=ink, **{"font-size": "12pt"})
    # as wide as its labels (ColourBarTicks sets the room for them), "f" beside them:
    # a fixed 64 px left "f" far out from labels such as "1" or "50"
    bar_axis.setWidth(None)
    bar_axis.setStyle(autoReduceTextSpace=False)     # pyqtgraph's own shrinking left 10 px more
    for side in ("left", "bottom"):
        thin_to_fit(plot.getAxis(side))
    for item in (plot, colour_bar):
        for side in SIDES:
            cache_as_pixmap(item.getAxis(side))
    draw_bar_smoothly(colour_bar)

def draw_bar_smoothly(colour_bar) -> None:
    """The bar of `colour_bar` (a pg.ColorBarItem) drawn the same in every repaint: its
    1×256 pixmap, stretched to the bar's height, was sampled nearest-neighbour, and Qt's
    raster engine picks other rows of it under a clip of several rectangles (a repaint of
    part of the map) than under one (a whole repaint, a grab): after a 1-D → 2-D switch
    35 rows of the bar on screen (520 px) were 1-3 levels off a fresh render. Smoothly
    scaled, the rows are the same either way (and the gradient shows no steps)."""
    colour_bar.bar.setTransformationMode(Qt.TransformationMode.SmoothTransformation)


ROOM_FOR = "0.005"      # the colour bar's axis is at least as wide as this label
TITLE_GAP_PX = 1        # between the widest label's rectangle and the "f"
TITLE_ROW_GAP_PX = 2    # above and below the "f", to the nearest label's line


def _text_width(metrics: QFontMetricsF, text: str) -> float:
    """A tick label's width as pyqtgraph measures it (AxisItem.generateDrawSpecs)."""
    return metrics.boundingRect(QRectF(0, 0, 100, 100), Qt.AlignmentFlag.AlignCenter, text).width()


class ColourBarTicks:
    """The colour bar axis's ticks: a Landscape's `colour_ticks`, chosen each time the
    axis is drawn anew (pyqtgraph asks `tickValues` with the axis's length in pixels)."""

    def __init__(self, axis):
        self.axis = axis
        self.landscape = None
        self.shown = []             # [(colour position, label)] last drawn
        self._chosen_for, self._widest = None, 0.0     # (landscape, length, font) shown is of
        self.picture = None         # what the map is asked to show: the room is held for it
        self._held = (None, 0.0)    # ((picture, length, font), room): the widest room for it
        axis.tickValues = self._tick_values
        axis.tickStrings = self._tick_strings
        update_width = axis._updateWidth

        def width_for_labels():
            # the room for the labels shown whenever the width is worked out: a theme resets
            # it to a guess (gui.plots.theme.reset_tick_room), and widened in the next paint,
            # the bar moved after its axis's cache was drawn (at x + 0.4 px, shown at
            # x + 0.2: every label's edges 1 px off a fresh start's, after presenting)
            if self.landscape is not None:
                self.axis.textWidth = self._room(self.axis.style.get("tickFont")
                                                 or QApplication.font())
            update_width()
        axis._updateWidth = width_for_labels
        resized = axis.resizeEvent

        def resize_keeping_title(event=None):
            # pyqtgraph puts the title back at the axis's far edge, and the axis, drawn
            # from its cache, may not ask its ticks again (a theme round trip left it there)
            resized(event)
            if self.landscape is not None:
                self._place_title(self._widest)
        axis.resizeEvent = resize_keeping_title

    def set_landscape(self, landscape, picture=None) -> bool:
        """Label the bar for `landscape`, sampled for `picture` (a value naming what the
        map was asked to show, compared with ==; while it stays, the labels' room never
        shrinks; None: never held). True when the labels took another width: the
        map is then laid out anew at once (its view is narrower or wider, and with the
        aspect locked its range changes), not after the axis was painted. (Found at the
        paint, the new width re-laid the map out after it was painted, and the view, with
        a new range, resampled and painted it again: 2 edits of 5 in the benchmarks.)"""
        self.landscape, self.picture = landscape, picture
        self.axis.setTicks(None)          # drawn anew, asking _tick_values
        width, length = self.axis.textWidth, self._length_px()
        if length is None:                # not on screen: sized when first drawn
            return False
        self._tick_values(0.0, 1.0, length)       # as the paint will, for the same length
        if abs(self.axis.textWidth - width) <= 0.5:
            return False
        for _ in range(4):                # nested layouts: each activated one asks its parent's
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        return True

    def _length_px(self) -> float | None:
        """The axis's length in device pixels, as pyqtgraph's generateDrawSpecs measures it
        (for a right axis: its left edge, one pixel past each end)."""
        axis = self.axis
        bounds = axis.mapRectFromParent(axis.geometry())
        ends = [axis.mapToDevice(p) for p in (bounds.topLeft() + QPointF(1, -1),
                                              bounds.bottomLeft() + QPointF(1, 1))]
        if None in ends:
            return None
        return math.hypot(ends[1].x() - ends[0].x(), ends[1].y() - ends[0].y())

    def _tick_values(self, _lo, _hi, length_px):
        if self.landscape is None:
            self.shown = []
            return []
        font = self.axis.style.get("tickFont") or QApplication.font()
        metrics = QFontMetricsF(font)
        key = (self.landscape, length_px, font.key())
        if key != self._chosen_for:       # set_landscape chose them already for the paint
            self._chosen_for = key
            self.shown = self.landscape.colour_ticks(length_px, metrics.height())
            self._widest = max((_text_width(metrics, text) for _, text in self.shown), default=0.0)
        if abs(self._room(font) - self.axis.textWidth) > 0.5:
            self.axis._updateWidth()      # (sets the room)
        self._place_title(self._widest)
        return [(1.0, [position for position, _ in self.shown])]

    def _room(self, font: QFont) -> float:
        """px for the labels shown, in `font`: the axis is as wide as its labels, but never
        narrower than "0.005": most f then keep one width, and a new f does not re-lay the
        map out (and resample it). pyqtgraph's own rule kept up to 10 px more, and "f"
        stood that far out."""
        metrics = QFontMetricsF(font)
        room = max([_text_width(metrics, text) for _, text in self.shown]
                   + [_text_width(metrics, ROOM_FOR)])
        # never narrower for the same picture: see the module's docstring (the loop)
        held_for = (self.picture, self._chosen_for and self._chosen_for[1], font.key())
        if self.picture is not None and self._held[0] == held_for:
            room = max(room, self._held[1])
        self._held = (held_for, room)
        return room

    def _place_title(self, widest: float) -> None:
        """The "f" right beside the widest label (pyqtgraph puts it at the axis's far edge),
        at the height of no label (`_free_height`)."""
        axis, title = self.axis, self.axis.label
        offset = max(0, axis.style["tickLength"]) + axis.style["tickTextOffset"][0]
        # turned a quarter, the title's text starts a document margin inside its item
        margin = title.document().documentMargin()
        title.setPos(offset + widest + TITLE_GAP_PX - margin, self._free_height(title, margin))

    def _free_height(self, title, margin: float) -> float:
        """The y of the turned title (its text's lower end, as pyqtgraph places it) nearest
        the bar's middle where its text shares no row with a label: centred, "f" sat 2 px
        from "15" at 1280×720 (x² + 2y² with four runs), read as one "15 f"."""
        rect, length = self.axis.rect(), title.boundingRect().width()
        ink = length - 2 * margin + 2 * TITLE_ROW_GAP_PX       # the text and a gap each end
        middle = rect.center().y()
        line = QFontMetricsF(self.axis.style.get("tickFont") or QApplication.font()).height()
        rows = sorted(rect.bottom() - p * rect.height() for p, _ in self.shown)
        edges = [rect.top()] + [y for c in rows for y in (c - line / 2, c + line / 2)] + [rect.bottom()]
        best = None
        for lo, hi in zip(edges[::2], edges[1::2]):           # the gaps between label rows
            if hi - lo >= ink:
                centre = min(max(middle, lo + ink / 2), hi - ink / 2)
                if best is None or abs(centre - middle) < abs(best - middle):
                    best = centre
        centre = middle if best is None else best     # (no gap: centred, as pyqtgraph)
        return int(centre + length / 2)

    def _tick_strings(self, values, _scale, _spacing):
        labels = dict(self.shown)
        return [labels.get(v, "") for v in values]


LABEL_GAP_EMS = 0.5      # the least gap between two labels of a horizontal axis, in ems


def thin_to_fit(axis) -> None:
    """Fewer of pyqtgraph's major ticks where their labels would touch. A vertical axis
    keeps every k-th, k the least that puts its labels a line apart: pyqtgraph always
    draws at least three, and on the Neuron tab's short map at text 1.5 (30 px) w's
    0.2 … 0.8 were drawn on each other. A horizontal axis steps up to the next round
    spacing (1, 2, 5 × 10^k) until its widest label and half an em fit between two
    ticks: pyqtgraph spaces ticks by the axis's length alone, and presenting at 1280×720
    the Neuron tab's 210-px map drew b's "0.060.080.100.12" as one string."""
    choose = axis.tickValues

    def thinned(lo, hi, length_px):
        levels = choose(lo, hi, length_px)
        if not levels or hi <= lo:
            return levels
        font = axis.style.get("tickFont") or QApplication.font()
        if axis.orientation in ("top", "bottom"):
            return _spread_to_fit(axis, levels, lo, hi, length_px, QFontMetricsF(font))
        spacing, values = levels[0]
        line = QFontMetricsF(font).height() + 2
        k = math.ceil(line / max(spacing * length_px / (hi - lo), 1e-9))
        if k <= 1:
            return levels
        step = spacing * k
        values = np.asarray(values, dtype=float)
        kept = values[np.abs(values / step - np.round(values / step)) < 1e-6]
        if kept.size == 0:
            kept = values[:1]
        return [(step, list(kept))]

    axis.tickValues = thinned


def _next_round_step(step: float) -> float:
    """The least of 1, 2, 4, 5 × 10^k above `step` (> 0): 4 too, or a 250-px map's b
    axis went from 0.02 apart (touching) to 0.05 apart, a single label in its range."""
    power = 10.0 ** math.floor(math.log10(step))
    return next(m * power for m in (1, 2, 4, 5, 10, 20) if m * power > step * (1 + 1e-9))


def _spread_to_fit(axis, levels, lo, hi, length_px, metrics):
    """`levels` (pyqtgraph's), or one level of rounder, wider-spaced ticks whose labels
    (as `axis` writes them) keep LABEL_GAP_EMS apart along `length_px`."""
    px_per_unit = length_px / (hi - lo)
    gap = LABEL_GAP_EMS * metrics.height()
    step, values = levels[0]
    values = list(values)
    for _ in range(12):                     # (a few steps up reach a single label)
        strings = axis.tickStrings(values, axis.autoSIPrefixScale * axis.scale, step)
        widest = max((_text_width(metrics, text) for text in strings), default=0.0)
        if len(values) <= 1 or step * px_per_unit >= widest + gap:
            break
        wider = _next_round_step(step)
        first, last = math.ceil(lo / wider - 1e-9), math.floor(hi / wider + 1e-9)
        if last < first:                    # none inside: keep the one nearest the middle
            values = [min(values, key=lambda v: abs(v - (lo + hi) / 2))]
            break
        step, values = wider, [round(k * wider, 12) + 0.0 for k in range(first, last + 1)]
    if step == levels[0][0]:
        return levels
    return [(step, values)]
