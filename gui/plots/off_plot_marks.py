"""A run's current iterate outside the plot, shown at the plot's edge: an arrow in the
run's colour pointing towards it, and a callout inside the plot that names the run and
says where it went ("GD · step 1: x = −3.6, f = 12.96").

x² with η = 1.5 jumps from 1.8 to −3.6 at the first step, off the window [−2, 2]: all
the students saw was one thin line leaving the plot, and it took three zooms out to see
the zig-zag. The window is not widened to follow (it is the lecturer's, and a runaway
would shrink the curve to a line): the mark says where the iterate went and how far.

Crowded edges: the "delivery route" example with six methods at step 40 had four
callouts of ~235×22 px, each with its own coordinates and no run name, stacked over
half of a 345×220 px map. Now runs whose arrows meet at the edge (within CLUSTER_PX)
share one callout listing them, and the callouts together cover at most
OFF_PLOT_SHARE of the plot (less than the critical points' names may: these say where
runs went, and the descent in view must stay visible): where the full
readouts do not fit, each run says only its name and point ("Adam (11.18, −7.564)"),
then only its name, then the arrows stand alone. The full readout is the arrow's and
the callout's tooltip. A callout never covers the map's names ("minimum", `keep_off`):
it moves off them, else it gives way (hidden; its arrow and tooltip stay) — the
walkthrough's "GD (−7.697e−27, −7.5e5)" sat over the "minimum" at 480×260 px.

Items, built on first need and updated in place: `arrows[key]` (pg.ArrowItem per run,
its tip on the edge) and `callouts` (pg.TextItem, a pool: one per group of runs shown).
Placed again when the range changes; `place()` after a batch of `show(..., place=False)`.
"""
from __future__ import annotations

import math
from html import escape

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF
from PySide6.QtGui import QFontMetricsF

from gui.plots.path_cover import covered_each, least_covered, path_pixels
from gui.plots.theme import style_now
from gui.widgets.number_text import compact, without_noise

INSET_PX = 3           # the arrow's tip this far inside the edge
LABEL_GAP_PX = 34      # the callout's near corner this far inside, past the arrow
STACK_GAP_PX = 2       # between two stacked callouts
SHIFT_PX, SHIFT_STEP_PX = 120, 6   # how far a callout may move to keep a run in view free
CLUSTER_PX = 40        # arrows' tips this close share one callout
OFF_PLOT_SHARE = 0.10  # of the plot's area, the callouts together at most
SWATCH = "■"           # a run's colour before its name, in a callout of several runs
INK = "#222222"
GROUP_BORDER = "#777777"    # a callout of several runs: its rows carry their colours
FULL, POINT, NAME, NAMES_ROW, NONE = range(5)   # how much a callout says, most first


class OffPlotMarks:
    def __init__(self, plot):
        self.plot = plot
        self.arrows: dict[str, pg.ArrowItem] = {}
        self.callouts: list[pg.TextItem] = []
        self.detail = FULL                        # the level the callouts show now
        self._runs: dict[str, tuple] = {}         # key -> ((x, y) view, readout, name, short)
        self._colours: dict[str, object] = {}     # key -> the colour its mark wears
        self._rows: dict[str, str] = {}           # key -> what its callout says of it
        self._groups: list[list] = []             # keys per callout shown, in order
        self._placed_for = None                   # what the last placement was of
        # -> [((x, y) view, half-size px)] of what a callout should not cover (the runs'
        # current points in view)
        self.keep_clear = list
        # -> [(n, 2) view points] of the paths drawn: of the spots a callout may take,
        # the one over least of them (its first place sat on the monkey saddle's paths
        # next to their start, where a spot 40 px along was bare)
        self.paths_drawn = list
        # -> [(left, top, right, bottom) scene px] of labels a callout never covers
        self.keep_off = tuple
        plot.getViewBox().sigRangeChanged.connect(self.place)
        plot.getViewBox().sigResized.connect(self.place)

    def show(self, key, point, text: str, colour, name: str = "", short: str = "",
             place: bool = True) -> None:
        """Key's current iterate at `point` (x, y) in view coordinates (None: none);
        outside the view it is marked, its callout reading "`name` · `text`" (the
        readout), "`name` `short`" or "`name`" as room allows. `place`: False in a
        batch (the caller calls place() after it)."""
        if key not in self.arrows:
            self._add(key)
        if self._colours.get(key) != colour:      # (shown at every frame of a race)
            self._colours[key] = colour
            # a dark rim: the run's colour alone vanished on f's curve (both blue for GD)
            self.arrows[key].setStyle(brush=pg.mkBrush(colour), pen=pg.mkPen(INK, width=1.5))
        ok = point is not None and all(np.isfinite(point))
        self._runs[key] = (tuple(map(float, point)), text, name, short) if ok else None
        if place:
            self.place()

    def hide(self, key, place: bool = True) -> None:
        self._runs[key] = None
        if place and key in self.arrows:
            self.place()

    def shown(self) -> dict:
        """{key: what its callout says of it} of the runs marked ("" for an arrow alone)."""
        return {k: self._rows.get(k, "") for k, arrow in self.arrows.items()
                if arrow.isVisible()}

    def readouts(self) -> dict:
        """{key: its full readout} of the runs marked (the tooltips)."""
        return {k: self._readout(k) for k, arrow in self.arrows.items() if arrow.isVisible()}

    def _readout(self, key) -> str:
        _p, text, name, _s = self._runs[key]
        return f"{name} · {text}" if name else text

    def _add(self, key) -> None:
        arrow = pg.ArrowItem(headLen=20, headWidth=16, tailLen=12, tailWidth=6, pxMode=True)
        arrow.setZValue(9)
        arrow.setVisible(False)
        self.plot.addItem(arrow, ignoreBounds=True)   # the view never grows to hold it
        self.arrows[key] = arrow

    def _callout(self, i: int) -> pg.TextItem:
        while len(self.callouts) <= i:
            label = pg.TextItem(color=INK, fill=pg.mkBrush(255, 255, 255, 220))
            label.setZValue(9)
            label.setVisible(False)
            style_now(label)        # measured below in the look's font
            self.plot.addItem(label, ignoreBounds=True)
            self.callouts.append(label)
        return self.callouts[i]

    def place(self, *_) -> None:
        """Every mark placed for the view now: the arrows at the edges, the runs grouped
        by where their arrows are, the callouts as detailed as the share allows."""
        vb = self.plot.getViewBox()
        names = tuple(self.keep_off())
        # the view box's size in the key, not the pixel's size in view units: that asks
        # for the view's new transform at once, and a resize signals twice (its range
        # changed, and its size), ~10 times in a text-size step's layouts
        key = (tuple(self._runs.items()), tuple(map(tuple, vb.viewRange())),
               (vb.width(), vb.height()), tuple(self._colours.items()), names)
        if key == self._placed_for:
            return                         # a run that stayed in view, or ended
        self._placed_for = key
        px, py = vb.viewPixelSize()
        (x0, x1), (y0, y1) = vb.viewRange()
        edges = {}                          # key -> (edge x, y) view, (right, left, top, bottom)
        for k, arrow in self.arrows.items():
            run = self._runs.get(k)
            if run is None or px <= 0 or py <= 0 or (x0 <= run[0][0] <= x1 and y0 <= run[0][1] <= y1):
                arrow.setVisible(False)
                continue
            edges[k] = self._place_arrow(arrow, run[0], (x0, x1, y0, y1), px, py)
            arrow.setToolTip(self._readout(k))
            arrow.setVisible(True)
        self._groups = _clusters(edges, px, py)
        self._show_callouts(edges, px, py, vb.width() * vb.height(), names)

    def _place_arrow(self, arrow, point, box, px, py) -> tuple:
        (x, y), (x0, x1, y0, y1) = point, box
        inset_x, inset_y = INSET_PX * px, INSET_PX * py
        edge_x = min(max(x, x0 + inset_x), x1 - inset_x)
        edge_y = min(max(y, y0 + inset_y), y1 - inset_y)
        # pointing from the edge towards the iterate, on screen (y grows downwards);
        # an ArrowItem at angle 0 points left (its tip at pos), angles turn clockwise
        dx, dy = (x - edge_x) / px, -(y - edge_y) / py
        arrow.setStyle(angle=math.degrees(math.atan2(dy, dx)) - 180)
        arrow.setPos(edge_x, edge_y)
        return (edge_x, edge_y), (x > x1, x < x0, y > y1, y < y0)

    def _rows_at(self, level: int, group) -> list:
        """(colour, text) per row of a group's callout at `level`."""
        many = len(group) > 1
        if level == NAMES_ROW:
            return [(None, ", ".join(self._runs[k][2] or k for k in group))]
        rows = []
        for k in group:
            _p, _t, name, short = self._runs[k]
            text = (self._readout(k) if level == FULL or not name else
                    f"{name} {short}".strip() if level == POINT else name)
            rows.append((self._colours[k] if many else None, text))
        return rows

    def _size(self, label, rows) -> tuple:
        """(w, h) px of a callout of `rows`, as its TextItem lays them out."""
        metrics = QFontMetricsF(label.textItem.font())
        margin = 2 * label.textItem.document().documentMargin()
        width = max(metrics.horizontalAdvance((SWATCH + " " if c else "") + t) for c, t in rows)
        return width + margin + 2, len(rows) * metrics.lineSpacing() + margin

    def _show_callouts(self, edges, px, py, area, names=()) -> None:
        """The most detailed level whose callouts fit the share (and the plot's width)."""
        budget, room = OFF_PLOT_SHARE * area, self.plot.getViewBox().width() - 2 * LABEL_GAP_PX
        probe = self._callout(max(len(self._groups) - 1, 0))
        self.detail = NONE
        for level in (FULL, POINT, NAME, NAMES_ROW):
            sizes = [self._size(probe, self._rows_at(level, g)) for g in self._groups]
            if sum(w * h for w, h in sizes) <= budget and all(w <= room for w, _h in sizes):
                self.detail = level
                break
        self._rows = {}
        placed = []
        if self._groups and self.detail != NONE:
            clear = [(x / px - half, -y / py - half, 2 * half, 2 * half)
                     for (x, y), half in self.keep_clear()]
            names = [self._from_scene(box, px, py) for box in names]
            (x0, x1), (y0, y1) = self.plot.getViewBox().viewRange()
            # the paths sampled only for a callout to place: at every frame of a race
            # they were, run off the map or not (~n_paths × steps points every 3 px)
            ink = path_pixels(self.paths_drawn(), px, py,
                              (x0 / px, -y1 / py, x1 / px, -y0 / py))
        for i, label in enumerate(self.callouts):
            if i >= len(self._groups) or self.detail == NONE:
                label.setVisible(False)
                continue
            group = self._groups[i]
            rows = self._rows_at(self.detail, group)
            self._rows.update({k: t for k, (_c, t) in zip(group, rows)} if len(rows) == len(group)
                              else {k: rows[0][1] for k in group})
            html = "<br>".join((f'<span style="color:{pg.mkColor(c).name()}">{SWATCH}</span>&nbsp;'
                                if c else "") + escape(t) for c, t in rows)
            if getattr(label, "_html", None) != html:
                label.setHtml(html)
                label._html = html
            label.border = pg.mkPen(self._colours[group[0]] if len(group) == 1 else GROUP_BORDER,
                                    width=2 if len(group) == 1 else 1.5)
            label.setToolTip("\n".join(self._readout(k) for k in group))
            shown = self._place_callout(label, edges[group[0]], px, py, placed, clear, names,
                                        ink)
            label.setVisible(shown)
            if not shown:
                self._rows.update({k: "" for k in group})

    def _from_scene(self, box, px, py) -> tuple:
        """A scene box (left, top, right, bottom) as (left, top, w, h) in the callouts'
        pixels (view coordinates over the pixel size, y downwards)."""
        vb = self.plot.getViewBox()
        a = vb.mapSceneToView(QPointF(box[0], box[1]))
        b = vb.mapSceneToView(QPointF(box[2], box[3]))
        left, top = min(a.x(), b.x()) / px, -max(a.y(), b.y()) / py
        return left, top, abs(b.x() - a.x()) / px, abs(b.y() - a.y()) / py

    def _place_callout(self, label, edge, px, py, placed, clear, names=(), ink=None) -> bool:
        """Inward of the group's first arrow, on the side away from the edges it
        touches; moved inward, away from its edge, until it overlaps no callout placed
        before it (on screen pixels) — or, where a spot within SHIFT_PX of that keeps
        clear of the runs' current points in view too, there (`keep_clear`). It never
        covers one of `names` (the map's labels): a spot off them within SHIFT_PX,
        else False (the callout gives way). Of the spots free of those, the one over
        fewest of `ink` (the paths' pixels, path_cover.path_pixels), the nearest of
        equals; where every spot near covers some, the least covered on the map."""
        (edge_x, edge_y), (right, left, top, bottom) = edge
        lx = edge_x - LABEL_GAP_PX * px if right else edge_x + LABEL_GAP_PX * px if left else edge_x
        ly = edge_y - LABEL_GAP_PX * py if top else edge_y + LABEL_GAP_PX * py if bottom else edge_y
        ax, ay = (1.0 if right else 0.0 if left else 0.5, 0.0 if top else 1.0 if bottom else 0.5)
        label.setAnchor((ax, ay))
        size = label.textItem.boundingRect()
        w, h = size.width(), size.height()
        x_px, top_px = lx / px - ax * w, -ly / py - ay * h      # screen y grows downwards
        (x0, x1), (y0, y1) = self.plot.getViewBox().viewRange()
        bounds = (x0 / px, -y1 / py, x1 / px, -y0 / py)
        # on the map from the start: centred on an arrow near a corner, a wide callout
        # began past the side, and when stacked under another it stayed there (21 px
        # past the right edge presenting at 1280×720)
        x_px = max(min(x_px, bounds[2] - w), bounds[0])
        top_px = max(min(top_px, bounds[3] - h), bounds[1])
        inward = -1 if bottom else 1
        spot = _free_spot((x_px, top_px, w, h), placed + names + clear, bounds, inward, ink)
        if spot is None and names:        # over a run's point rather than over a name
            spot = _free_spot((x_px, top_px, w, h), placed + names, bounds, inward, ink)
        if spot is None:
            spot = _stacked((x_px, top_px, w, h), placed, inward)
            if _hits((*spot, w, h), names):
                return False
        x_px, top_px = spot
        placed.append((x_px, top_px, w, h))
        label.setPos(x_px * px + ax * w * px, -(top_px + ay * h) * py)
        return True


def _hits(box, others) -> bool:
    x, y, w, h = box
    return any(x < x2 + w2 and x2 < x + w and y < y2 + h2 and y2 < y + h
               for x2, y2, w2, h2 in others)


def _stacked(box, placed, inward) -> tuple:
    """(left, top) of `box` moved inward (screen y: +1 down, −1 up) past every box of
    `placed` it overlaps."""
    x, y, w, h = box
    moved = True
    while moved:
        moved = False
        for _x2, y2, _w2, h2 in placed:
            if _hits((x, y, w, h), [(_x2, y2, _w2, h2)]):
                y = y2 - h - STACK_GAP_PX if inward < 0 else y2 + h2 + STACK_GAP_PX
                moved = True
    return x, y


def _free_spot(box, blockers, bounds, inward, ink=None):
    """(left, top) within SHIFT_PX of `box`'s (inward first, then along the edge, then
    aslant) where it stays inside `bounds`, overlaps none of `blockers` and covers the
    fewest of `ink` ((n, 2) pixels), the nearest of equals; where each covers some,
    the spot anywhere in `bounds` covering fewest (a group of runs' names need not be
    beside their arrow: theirs carry their colours); None. (Every spot weighed at once:
    one by one they were a tenth of a race's frame.)"""
    x, y, w, h = box
    shifts = np.arange(0, SHIFT_PX + 1, SHIFT_STEP_PX)
    sides = np.array([(0, inward), (-1, 0), (1, 0), (0, -inward),
                      (-1, inward), (1, inward), (-1, -inward), (1, -inward)])
    offsets = (shifts[:, None, None] * sides[None]).reshape(-1, 2)   # nearest shifts first
    lefts, tops = x + offsets[:, 0], y + offsets[:, 1]
    ok = ((bounds[0] <= lefts) & (lefts + w <= bounds[2]) & (bounds[1] <= tops)
          & (tops + h <= bounds[3]))
    if blockers:
        b = np.asarray(blockers, dtype=float)
        ok &= ~((lefts[:, None] < b[:, 0] + b[:, 2]) & (b[:, 0] < lefts[:, None] + w)
                & (tops[:, None] < b[:, 1] + b[:, 3]) & (b[:, 1] < tops[:, None] + h)).any(axis=1)
    spots = np.flatnonzero(ok)
    if not len(spots):
        return None
    costs = covered_each(lefts[spots], tops[spots], w, h, ink)
    first = int(np.argmin(costs))                # the first spot of the fewest covered
    best, least = (float(lefts[spots[first]]), float(tops[spots[first]])), int(costs[first])
    if least:
        far = least_covered(box, ink, bounds, lambda spot: not _hits(spot, blockers),
                            SHIFT_STEP_PX)
        if far is not None and far[2] < least:
            return far[:2]
    return best


def _clusters(edges, px, py) -> list:
    """The marked runs' keys in groups whose arrows' tips lie within CLUSTER_PX of one
    another (chained), in the order the runs came."""
    groups: list[list] = []
    for key, ((x, y), _sides) in edges.items():
        near = [g for g in groups if any(
            math.hypot((x - edges[k][0][0]) / px, (y - edges[k][0][1]) / py) <= CLUSTER_PX
            for k in g)]
        merged = [key]
        for g in near:
            groups.remove(g)
            merged = g + merged
        groups.append(sorted(merged, key=list(edges).index))
    return sorted(groups, key=lambda g: list(edges).index(g[0]))


def iterate_text(step: int, names, point, value=None, scale: float = 0.0) -> str:
    """"step 1: x = −3.6, f = 12.96" (one variable; f(x_k) = `value`) or
    "step 4: (x, y) = (12.5, −3.1)", the numbers in the iterate table's form (at 3
    digits "f = 4.1e+03" stood over the table's 4096). A coordinate that is rounding
    noise against the point or the view's range `scale` reads 0 (number_text.noise_of):
    the callout is the point as drawn, at 0 there; the table gives the number computed."""
    values = [compact(v) for v in without_noise(point, scale)]
    if len(values) == 1:
        return f"step {step}: {names[0]} = {values[0]}, f = {compact(value)}"
    return f"step {step}: ({', '.join(names)}) = ({', '.join(values)})"


def point_text(names, point, scale: float = 0.0) -> str:
    """"x = −3.6" or "(11.18, −7.564)": where the iterate is, in 4 digits (a callout
    with little room; rounding noise as 0, as iterate_text)."""
    values = [compact(v, 4) for v in without_noise(point, scale)]
    if len(values) == 1:
        return f"{names[0]} = {values[0]}"
    return f"({', '.join(values)})"
