"""The names of critical points on a 2-D plot ("minimum", "saddle", …), placed so that
none covers another or a marker (gui.plots.label_layout), above the descent paths,
and switched off together by `set_shown(False)`.

Other labels on the same map (the quadratic model's "Newton's next point" and λ labels)
join the same placement as guests (`set_guests`): one pass over every label, the
critical points' names first, so that without guests they sit where they always did,
and no guest covers them, their markers, or another guest.

Public attributes: `items` (pg.TextItem per point, the visible ones placed), `shown`,
`placed_boxes` (the scene boxes of every label shown, guests too), `box_of` (id(label) ->
its scene box, for every label shown) and `on_placed` (called when those boxes change:
the runs' callouts keep off them, gui.plots.off_plot_marks; the pins' leader lines).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont, QTransform
from PySide6.QtWidgets import QGraphicsTextItem

from gui.plots.label_layout import (PLACES, LabelRequest, anchors_around, blocked_boxes,
                                   one_form, place_labels)
from gui.plots.theme import style_now
from gui.widgets import theme

Z_LABELS = 10              # above paths (7–8), current points (8) and the start (9)
PRIORITY = {"minimum": 0, "maximum": 1, "saddle": 2}
SHORT = {"minimum": "min", "maximum": "max", "saddle": "sad.", "degenerate": "deg."}
MARKER_PX = 8              # half-size of the markers labels keep off
SIDE_GAP_PX = 2            # between a marker and a name beside it
# farther gaps (px, marker's centre to the name) tried when the near places are taken:
# seven runs' current points (20 px each) round a minimum took every near one
FARTHER_PX = (18, 28, 40)
GUEST_PRIORITY = 10        # guests are placed after every critical point's name
# A crowded map (Himmelblau, 0.1(x² + y²) + sin 2x·sin 2y in a lecture at 1280×720) was a
# pile of names: together they may cover at most this share of the plot; the less
# important are left out beyond it (their markers stay). The ALWAYS_NAMED most important
# (Himmelblau's four minima, at larger text too) and an insisting guest always show.
LABEL_AREA_SHARE = 0.15
ALWAYS_NAMED = 4
# a map of more critical points than this (sin 2x·sin 2y: 37 in a lecture's window) is a
# field of markers: its names may cover only CROWDED_SHARE
CROWDED_POINTS, CROWDED_SHARE = 12, 0.06


@dataclass(frozen=True)
class GuestLabel:
    """A label of another layer on the map, placed with the critical points' names."""
    item: pg.TextItem      # shown, anchored and given its text by the placement
    point: tuple           # (x, y) in view coordinates: what it names
    text: str
    short: str             # shown when the full text finds no room
    sides: tuple           # ((dx, dy), …) where to try it around its point, in order
    gap: float             # pixels between its point and its box
    priority: int = GUEST_PRIORITY
    marker_px: float | None = None   # half-size of its marker, None: no marker to keep free
    # when no room is left for it, placed again earlier (the names then give way) if
    # that hides no more labels (_best_placements)
    insist: bool = False
    # gaps (px) the full text tries after `gap`, on every side, before its short text
    # near the point (a pin's label names its point: 40 px off it still reads)
    farther: tuple = ()
    # its owner's labels show one form: when one must show its short text, all do
    same_form: bool = False
    # px beyond which its owner ties it to its point by a line: a same-form group prefers
    # its short texts when they need fewer (label_layout.one_form)
    leader_px: float | None = None


def _best_placements(requests, bounds, markers, insisting, soft_from=None):
    """place_labels, and when an insisting label is hidden or shortened, the same with it
    placed earlier: after the minima's names, then first, then first by its short text.
    Kept: the one hiding fewest minima's names, then fewest labels, then not hiding the
    insisting ones, then shortening fewest, then the earliest tried (as they were: the names stay put rather
    than move with each frame)."""
    near = [replace(r, far_places=()) for r in requests]
    placements = place_labels(near, bounds, markers)
    placements = _names_kept(requests, bounds, markers, soft_from, placements)
    requests = near
    if not any(placements[i].anchor is None or placements[i].short for i in insisting):
        return placements

    def cost(ps):
        hidden = [p.anchor is None for p in ps]
        return (sum(h for h, r in zip(hidden, requests) if r.priority <= PRIORITY["minimum"]),
                sum(hidden), sum(hidden[i] for i in insisting), sum(p.short for p in ps))
    best, best_cost = placements, cost(placements)
    for priority, short_only in ((PRIORITY["minimum"] + 0.5, False), (-1, False), (-1, True)):
        tried = [r if i not in insisting else
                 replace(r, priority=priority) if not short_only else
                 replace(r, priority=priority, size=r.short_size,
                         places=r.short_places or r.places)
                 for i, r in enumerate(requests)]
        ps = place_labels(tried, bounds, markers)
        if short_only:
            ps = [replace(p, short=True) if i in insisting else p for i, p in enumerate(ps)]
        if cost(ps) < best_cost:
            best, best_cost = ps, cost(ps)
    return best


def _names_kept(requests, bounds, markers, soft_from, placements):
    """When a critical point's name finds no room (seven runs round a minimum), the
    placement again with the names allowed their farther places, over the soft markers
    (the runs' last steps, never their current points), or both: the first that names
    more of the most important points (minima first) and hides no more of the other
    labels (the quadratic model's, switched on to be read), else `placements`."""
    names = [i for i, r in enumerate(requests) if r.priority < GUEST_PRIORITY]
    if all(placements[i].anchor is not None for i in names):
        return placements

    def named(ps):      # minima, then maxima, … named: the more important counted first
        return sorted((requests[i].priority, ps[i].anchor is None) for i in names)

    def others_hidden(ps):
        return sum(p.anchor is None for i, p in enumerate(ps) if i not in names)
    soft = soft_from is not None and soft_from < len(markers)
    best = placements
    for far, over_soft in ((True, False), (False, True), (True, True)):
        if over_soft and not soft:
            continue
        tried = [r if i not in names else
                 replace(r, far_places=r.far_places if far else (), over_soft=over_soft)
                 for i, r in enumerate(requests)]
        again = place_labels(tried, bounds, markers, soft_from)
        if named(again) < named(best) and others_hidden(again) <= others_hidden(placements):
            best = again
    return best


def _within_budget(placements, requests, insisting, budget):
    """The placements, less those past `budget` px² of labels in order of importance
    (priority, then order): a crowded map keeps its most important names."""
    kept, used, named = list(placements), 0.0, 0
    for i in sorted(range(len(requests)), key=lambda i: (requests[i].priority, i)):
        box = kept[i].box
        if kept[i].anchor is None or box is None:
            continue
        area = (box[2] - box[0]) * (box[3] - box[1])
        named += 1
        if named > ALWAYS_NAMED and i not in insisting and used + area > budget:
            kept[i] = replace(kept[i], anchor=None, box=None)
            continue
        used += area
    return kept


def _mapped(transform: QTransform, xs: np.ndarray, ys: np.ndarray):
    """(xs, ys) mapped by `transform` with the operations QTransform.map does for its type
    (so the same floats as mapping point by point), or None for a rotating or projecting
    transform."""
    kind = transform.type()
    if kind == QTransform.TransformationType.TxNone:
        return xs, ys
    if kind == QTransform.TransformationType.TxTranslate:
        return xs + transform.dx(), ys + transform.dy()
    if kind == QTransform.TransformationType.TxScale:
        return (transform.m11() * xs + transform.dx(), transform.m22() * ys + transform.dy())
    return None


def _scene_boxes(vb, marks) -> np.ndarray:
    """(k, 4) scene-pixel boxes (left, top, right, bottom) of `marks` [((x, y) view,
    half-size px)], as vb.mapViewToScene places each centre (one numpy pass: point by
    point it was a third of the names' layout in a race frame)."""
    if not marks:
        return np.empty((0, 4))
    xy = np.array([point for point, _ in marks], dtype=float)
    half = np.array([h for _, h in marks], dtype=float)
    vb.updateMatrix()
    mapped = _mapped(vb.childTransform(), xy[:, 0], xy[:, 1])
    if mapped is not None:
        mapped = _mapped(vb.sceneTransform(), *mapped)
    if mapped is None:
        points = [vb.mapViewToScene(pg.Point(*p)) for p in xy]
        mapped = (np.array([p.x() for p in points]), np.array([p.y() for p in points]))
    x, y = mapped
    return np.column_stack([x - half, y - half, x + half, y + half])


class CriticalLabels:
    def __init__(self, plot: pg.PlotItem, font: QFont, ink, fill):
        self.plot = plot
        self.items: list[pg.TextItem] = []
        self.shown = True
        self._points = []
        self._font, self._ink, self._fill = font, ink, fill
        self._guests: dict[str, list[GuestLabel]] = {}   # owner -> its labels
        self._marks: dict[str, list] = {}   # owner -> [((x, y) view, half-size px)], unlabelled
        self._soft_owners: set[str] = set()  # whose markers are soft (set_markers)
        self._sizes: dict = {}           # (text, font) -> (w, h) in pixels
        self._font_names: dict = {}      # id(label) -> (its last QFont, that font's string)
        self._measure = QGraphicsTextItem()   # off-scene: as a TextItem lays out its text
        # what the last placement was made from (layout): a race frame whose runs moved
        # nowhere near a label's places keeps that placement
        self._placed_for = None
        self._free_spots = False       # the last layout put a label at a free spot
        self.placed_boxes: tuple = ()     # (left, top, right, bottom) scene px per label shown
        self.box_of: dict = {}
        self.on_placed: list = []         # callables, called when placed_boxes change
        # merge bursts (a zoom, a resize) into one layout after the view settles
        # owned by the view box: it goes with the plot, never firing on a deleted one
        self._relayout = QTimer(plot.vb, singleShot=True, interval=0)
        self._relayout.timeout.connect(self.layout)
        plot.vb.sigResized.connect(self._relayout.start)
        plot.vb.sigRangeChanged.connect(self._relayout.start)
        # a new look restyles the labels' fonts (gui.plots.theme) after they were placed:
        # placed again for the new sizes, once per change
        theme.notifier.changed.connect(self._relayout.start)

    def set_points(self, points) -> None:
        """The critical points to name (each with .point and .kind)."""
        self._points = list(points)
        while len(self.items) < len(self._points):
            label = pg.TextItem(anchor=(0.5, -0.35), color=self._ink, fill=self._fill)
            label.setFont(self._font)
            label.setZValue(Z_LABELS)
            style_now(label)      # measured and placed below in the look's font
            self.plot.addItem(label)
            self.items.append(label)
        for i, label in enumerate(self.items):
            if i < len(self._points):
                label.setText(self._points[i].kind)
                label.setPos(*self._points[i].point)
        self.layout()

    def set_shown(self, shown: bool) -> None:
        self.shown = bool(shown)
        self.layout()

    def set_guests(self, owner: str, labels) -> None:
        """`owner`'s labels (GuestLabel) from now on, and all placed again; [] removes
        them (their owner hides them)."""
        self._guests[owner] = list(labels)
        self.layout()

    def set_markers(self, owner: str, markers, soft: bool = False,
                    relayout: bool = True) -> None:
        """`owner`'s markers without a label ((x, y) in view coordinates, half-size in
        pixels), which no label may cover (the start's star); all placed again. Soft
        markers (the runs' last steps) a critical point's name covers rather than be
        left out (`_best_placements`): seven runs round a minimum left it unnamed."""
        self._marks[owner] = list(markers)
        self._soft_owners.discard(owner)
        if soft:
            self._soft_owners.add(owner)
        if relayout:             # (False: another call follows at once, one layout)
            self.layout()

    def show_runs(self, marks) -> None:
        """The runs' marks (a RaceMarks) as markers, in one layout: their current points,
        which no label covers, and their last steps, soft. The names are placed again
        only when a mark comes within reach of a place a name may take (a frame of a
        race mostly moves runs far from every name)."""
        currents, heads = marks.head_marks()
        self.set_markers("runs", currents, relayout=False)
        self.set_markers("run heads", heads, soft=True, relayout=False)
        self.layout(keep_if_same=True)

    def _pixel_size(self, label, text):
        font = label.textItem.font()
        # QFont.toString for each text measured was a fifth of a race frame's layout;
        # comparing fonts is cheap, so a label's last font keeps its string
        known = self._font_names.get(id(label))
        if known is None or known[0] != font:
            if len(self._font_names) > 256:
                self._font_names.clear()
            known = self._font_names[id(label)] = (font, font.toString())
        key = (text, known[1])
        size = self._sizes.get(key)
        if size is None:
            # measured off the label: its own setText lays out the text anew (costly, and
            # a guest's owner counts on its text staying as it set it)
            if len(self._sizes) > 256:
                self._sizes.clear()
            self._measure.setFont(font)
            self._measure.setPlainText(text)
            rect = self._measure.boundingRect()
            size = self._sizes[key] = (rect.width(), rect.height())
        return size

    def _critical_places(self, label, text):
        """Below and above as always; beside the marker a few pixels off it (a fraction
        of the width put a long name 20 px away, as if it named something else); then,
        (a minimum's farther places: `_farther_places`)."""
        size = self._pixel_size(label, text)
        return PLACES[:2] + anchors_around(((1, 0), (-1, 0)), size, MARKER_PX + SIDE_GAP_PX)

    def _farther_places(self, label, text):
        """Below, above, right and left of the point FARTHER_PX off, nearest first: for
        a minimum's name when runs crowd round it (tried after its short name)."""
        size = self._pixel_size(label, text)
        sides = ((0, 1), (0, -1), (1, 0), (-1, 0))
        return tuple(a for gap in FARTHER_PX for a in anchors_around(sides, size, gap))

    def _entries(self):
        """(item, view point, text, short, places (full, short, farther), priority,
        marker half-size, labelled, insist, same-form group or None, leader px or None)"""
        for cp, label in zip(self._points, self.items):
            text, short = cp.kind, SHORT.get(cp.kind, cp.kind)
            farther = self._farther_places(label, text) if cp.kind == "minimum" else ()
            yield (label, tuple(cp.point), text, short,
                   tuple(self._critical_places(label, t) for t in (text, short)) + (farther,),
                   PRIORITY.get(cp.kind, 3), MARKER_PX, self.shown, False, None, None)
        for owner, guests in self._guests.items():
            for g in guests:
                # nearest first: a corner `gap` off on both axes is √2 · gap away
                places = tuple(tuple(a for _, a in sorted(
                    (gap * math.hypot(*side), a) for gap in gaps for side, a in zip(
                        g.sides, anchors_around(g.sides, self._pixel_size(g.item, text), gap)))
                    ) for text, gaps in ((g.text, (g.gap, *g.farther)),
                                         (g.short, (g.gap, *g.farther)))) + ((),)
                yield (g.item, g.point, g.text, g.short, places, g.priority, g.marker_px,
                       True, g.insist, owner if g.same_form else None, g.leader_px)

    def layout(self, keep_if_same: bool = False) -> None:
        """Place every label (or hide it) for the plot as it is now on screen.
        `keep_if_same`: nothing done when what the placement reads (the labels' requests,
        the plot's bounds, the markers within reach of a label) is as at the last layout;
        only for callers that changed nothing but markers (the labels' texts, anchors and
        visibility are then those that layout set)."""
        vb = self.plot.vb
        entries = list(self._entries())
        if vb.width() < 2 or vb.height() < 2:
            entries = []
        area = vb.sceneBoundingRect()
        bounds = (area.left(), area.top(), area.right(), area.bottom())
        requests, markers, labelled, obstacles, insisting, groups, far_px = ([] for _ in range(7))
        for label, point, text, short, places, priority, half, shown, insist, group, far in entries:
            p = vb.mapViewToScene(pg.Point(*point))
            box = None if half is None else (p.x() - half, p.y() - half,
                                             p.x() + half, p.y() + half)
            if not shown:                 # its name is off, its marker still on the map
                if box is not None:
                    obstacles.append(box)
                continue
            requests.append(LabelRequest(p.x(), p.y(), self._pixel_size(label, text),
                                         self._pixel_size(label, short), priority, *places,
                                         leader_px=far, anywhere=far is not None))
            if insist:
                insisting.append(len(requests) - 1)
            markers.append(box)
            labelled.append((label, text, short))
            groups.append(group)
            far_px.append(far)
        hard = _scene_boxes(vb, [m for owner, marks in self._marks.items()
                                 if owner not in self._soft_owners for m in marks])
        soft = _scene_boxes(vb, [m for owner, marks in self._marks.items()
                                 if owner in self._soft_owners for m in marks])
        share = LABEL_AREA_SHARE if len(self._points) <= CROWDED_POINTS else CROWDED_SHARE
        budget = share * area.width() * area.height()
        # place_labels reads these markers only as "does one block this tried box": the
        # same requests and bounds, and the same boxes blocked, place every label as before
        # (a run crawling near a name moves a fraction of a pixel a frame)
        placed_for = (tuple(requests), bounds, tuple(markers), tuple(obstacles),
                      blocked_boxes(requests, hard), blocked_boxes(requests, soft),
                      len(soft) > 0, tuple(insisting), budget,
                      tuple(id(label) for label, _, _ in labelled))
        # (a label at a free spot found anywhere: the markers were read beyond its places)
        if keep_if_same and placed_for == self._placed_for and not self._free_spots:
            return
        self._placed_for = placed_for
        obstacles += map(tuple, hard.tolist())
        every_marker = markers + obstacles + list(map(tuple, soft.tolist()))

        def place(tried):
            return _within_budget(_best_placements(tried, bounds, every_marker, insisting,
                                                   len(markers) + len(obstacles)),
                                  tried, insisting, budget)
        placements = one_form(place(requests), requests, groups, place, far_px)
        self._free_spots = any(p.free_spot for p in placements)
        placed_items, box_of = set(), {}
        boxes = tuple(p.box for p in placements if p.anchor is not None and p.box is not None)
        for (label, text, short), placed in zip(labelled, placements):
            if placed.anchor is None:
                continue
            shows = short if placed.short else text
            if label.toPlainText() != shows:
                label.setText(shows)
            if tuple(label.anchor) != placed.anchor:     # (each frame with the model on)
                label.setAnchor(placed.anchor)
            label.setVisible(True)
            placed_items.add(id(label))
            box_of[id(label)] = placed.box
        for label in self._all_items():
            if id(label) not in placed_items:
                label.setVisible(False)
        self.box_of = box_of
        if boxes != self.placed_boxes:
            self.placed_boxes = boxes
            for hook in self.on_placed:
                hook()

    def _all_items(self):
        yield from self.items
        for guests in self._guests.values():
            for g in guests:
                yield g.item

    def visible_boxes(self):
        """(label, scene rect) of every visible label (tests, exports)."""
        return [(label, label.mapRectToScene(label.boundingRect()))
                for label in self.items if label.isVisible()]
