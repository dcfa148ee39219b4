"""Where labels go so that none covers another: a greedy placement in screen pixels.

Labels are placed in order of priority (a minimum before a maximum before a saddle);
each tries its places in turn — below its point, above, right, left — and takes the
first that stays inside the plot and overlaps no label already placed; failing that,
its short text gets the same tries; failing that, its farther places (if it has any),
full then short; failing that, a label that may (a pin's, `anywhere`) takes the
nearest free spot of the plot, tied by its line; else it is hidden. The higher-priority
label therefore always keeps its place, and the picture never shows two texts on top
of each other (Himmelblau's "maximum" sat over a "saddle").
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np

from gui.plots.pin_leaders import nearest_on_box

# text anchors (fraction of the label's width, height at the point), in order of preference:
# below, above, right, left of the point (screen y grows downwards)
PLACES = ((0.5, -0.35), (0.5, 1.35), (-0.3, 0.5), (1.3, 0.5))
GAP = 2.0                  # pixels kept free around every label


@dataclass(frozen=True)
class LabelRequest:
    x: float               # the point, in screen pixels
    y: float
    size: tuple            # (width, height) of the full text, pixels
    short_size: tuple      # (width, height) of the short text
    priority: int          # smaller goes first
    places: tuple = PLACES  # anchors to try, in order
    short_places: tuple | None = None   # anchors for the short text (None: `places`)
    far_places: tuple = ()   # tried last (full text, then short) when all else is taken
    over_soft: bool = False  # may cover soft markers (place_labels' `soft_from`)
    # px beyond which a line ties the label to its point (a pin's): such a line passes
    # under no other label, and no label is put over one (None: never a line)
    leader_px: float | None = None
    # when no place of its own is free, the nearest free spot anywhere in the plot (its
    # line then leads to it) rather than hidden: seven ∇f pins at text size 2
    anywhere: bool = False


@dataclass(frozen=True)
class Placement:
    anchor: tuple | None   # the chosen anchor, None when hidden
    short: bool = False    # whether the short text is shown
    box: tuple | None = None   # (left, top, right, bottom) in pixels
    free_spot: bool = False    # placed by the `anywhere` search, not at one of its places


def _box(x, y, size, anchor):
    w, h = size
    # a TextItem's anchor (ax, ay) puts the point at (ax·w, ay·h) of the text box,
    # measured from its top left: the box starts at x − ax·w, y − ay·h
    left, top = x - anchor[0] * w, y - anchor[1] * h
    return left, top, left + w, top + h


def overlaps(a, b, gap: float = GAP) -> bool:
    return not (a[2] + gap <= b[0] or b[2] + gap <= a[0] or
                a[3] + gap <= b[1] or b[3] + gap <= a[1])


def inside(box, bounds) -> bool:
    return (box[0] >= bounds[0] and box[1] >= bounds[1] and
            box[2] <= bounds[2] and box[3] <= bounds[3])


def anchors_around(sides, size, gap: float) -> tuple:
    """TextItem anchors for a text of `size` (w, h) pixels put `gap` pixels off its point
    on each of `sides` ((dx, dy), each −1, 0 or 1: left/centre/right, above/middle/below
    on screen) — a gap in pixels, whatever the text's length."""
    w, h = max(size[0], 1.0), max(size[1], 1.0)

    def along(d, extent):
        return 0.5 if d == 0 else (-gap / extent if d > 0 else 1 + gap / extent)
    return tuple((along(dx, w), along(dy, h)) for dx, dy in sides)


SAME_SPOT_PX = 3.0         # a marker centred this near a label's point marks that point


def _on_point(box, x, y) -> bool:
    """Whether the marker `box` sits on the point (x, y): centred on it, not merely
    covering it (a run's current point 5 px off a minimum is not the minimum's marker,
    and a name beside that marker sat on the run's dot)."""
    return (abs((box[0] + box[2]) / 2 - x) <= SAME_SPOT_PX
            and abs((box[1] + box[3]) / 2 - y) <= SAME_SPOT_PX)


def place_labels(requests, bounds, markers=(), soft_from=None) -> list[Placement]:
    """A Placement per request (same order). `bounds` (left, top, right, bottom) is the
    plot area in pixels; `markers[i]` is request i's marker box (None: it has none), which
    no other label may cover (its own label sits next to it); markers past the requests'
    count are markers without a label to place. A marker over a request's own point is
    passed over for that request (`_on_point`): two markers on one spot (Newton's next point on the
    minimum it finds) would otherwise leave neither label a place. Markers from index
    `soft_from` on are soft: a request with `over_soft` may cover them."""
    placements = [Placement(None)] * len(requests)
    taken = []                                    # (owner, box) of labels placed
    leaders = []                                  # the lines of labels placed away
    order = sorted(range(len(requests)), key=lambda i: (requests[i].priority, i))
    # the points of labels tied to them by a line (pins): a label read by the dot it sits
    # nearest must sit nearest its own
    tied = [(q.x, q.y) for q in requests if q.leader_px is not None]
    for i in order:
        r = requests[i]
        if not inside((r.x, r.y, r.x, r.y), bounds):
            continue                              # its point is off the plot
        blocked = [m for j, m in enumerate(markers)
                   if m is not None and j != i and not _on_point(m, r.x, r.y)
                   and not (r.over_soft and soft_from is not None and j >= soft_from)] + taken

        def free(box, blocked=blocked):
            if not inside(box, bounds) or any(overlaps(box, t) for t in blocked) \
                    or any(segment_hits(line, box) for line in leaders) \
                    or nearer_another(box, r, tied):
                return False
            line = leader_line(r, box)
            return line is None or not any(segment_hits(line, t) for t in taken)
        stages = [(False, r.size, r.places),
                  (True, r.short_size, r.places if r.short_places is None else r.short_places)]
        if r.far_places:
            stages += [(False, r.size, r.far_places), (True, r.short_size, r.far_places)]
        found = None
        for short, size, places in stages:
            choice = next((a for a in places if free(_box(r.x, r.y, size, a))), None)
            if choice is not None:
                found = Placement(choice, short, _box(r.x, r.y, size, choice))
                break
        if found is None and r.anywhere:
            # anywhere free; else over the marks without a label of their own (an
            # arrow's head, a run's trail), never over a label, a named point or a line
            marked = [m for j, m in enumerate(markers[:len(requests)])
                      if m is not None and j != i and not _on_point(m, r.x, r.y)] + taken
            found = (_free_spot(r, bounds, free)
                     or _free_spot(r, bounds, lambda box: free(box, marked)))
        if found is not None:
            placements[i] = found
            taken.append(found.box)
            line = leader_line(r, found.box)
            if line is not None:
                leaders.append(line)
    return placements


def _distance(point, box) -> float:
    end = nearest_on_box(point, box)
    return math.hypot(end[0] - point[0], end[1] - point[1])


def nearer_another(box, request: LabelRequest, tied) -> bool:
    """Whether `box`, a label tied to its point by a line, sits by another of the `tied`
    points (within its `leader_px`, where a label reads as that point's) and nearer it
    than its own: Himmelblau's pin at (−4, 0) sat beside the label "∇f = (32, −44)" of
    the pin at (−2, 1), whose line was all that told them apart."""
    if request.leader_px is None:
        return False
    own = _distance((request.x, request.y), box)
    return any(d < own and d <= request.leader_px
               for d in (_distance(point, box) for point in tied
                         if point != (request.x, request.y)))


def leader_line(request: LabelRequest, box):
    """The line from the request's point to the nearest point of `box`, when the box is
    farther than its `leader_px` (else None: no line is drawn)."""
    if request.leader_px is None:
        return None
    end = nearest_on_box((request.x, request.y), box)
    if math.hypot(end[0] - request.x, end[1] - request.y) <= request.leader_px:
        return None
    return (request.x, request.y), end


def segment_hits(line, box) -> bool:
    """Whether the segment `line` ((x0, y0), (x1, y1)) passes through the inside of `box`
    (touching its edge, where a line ends on its own label, does not count)."""
    (x0, y0), (x1, y1) = line
    lo, hi = 0.0, 1.0
    for start, delta, low, high in ((x0, x1 - x0, box[0], box[2]),
                                    (y0, y1 - y0, box[1], box[3])):
        if abs(delta) < 1e-12:
            if not low < start < high:
                return False
            continue
        t0, t1 = sorted(((low - start) / delta, (high - start) / delta))
        lo, hi = max(lo, t0), min(hi, t1)
    return hi - lo > 1e-9


def _free_spot(r: LabelRequest, bounds, free) -> Placement | None:
    """The free box nearest the point anywhere in `bounds`, full text before short, on a
    grid of half the text's height."""
    for short, (w, h) in ((False, r.size), (True, r.short_size)):
        step = max(h / 2, 4.0)
        lefts = np.arange(bounds[0], bounds[2] - w + 1e-9, step)
        tops = np.arange(bounds[1], bounds[3] - h + 1e-9, step)
        if not len(lefts) or not len(tops):
            continue
        left, top = (a.ravel() for a in np.meshgrid(lefts, tops, indexing="ij"))
        dx = np.maximum(np.maximum(left - r.x, 0.0), r.x - (left + w))
        dy = np.maximum(np.maximum(top - r.y, 0.0), r.y - (top + h))
        for k in np.argsort(dx * dx + dy * dy, kind="stable"):
            box = (float(left[k]), float(top[k]), float(left[k]) + w, float(top[k]) + h)
            if free(box):
                anchor = ((r.x - box[0]) / max(w, 1.0), (r.y - box[1]) / max(h, 1.0))
                return Placement(anchor, short, box, free_spot=True)
    return None


def candidate_boxes(request: LabelRequest) -> list:
    """Every box `place_labels` may try for `request`: any of its places, full or short,
    near or far (as `critical_labels._best_placements` also tries them)."""
    anchors = request.places + (request.short_places or ()) + request.far_places
    return [_box(request.x, request.y, size, a)
            for size in (request.size, request.short_size) for a in anchors]


def blocked_boxes(requests, markers) -> tuple:
    """For each of the requests' candidate boxes (in order), whether one of `markers`
    ((k, 4) numpy boxes, none of them a request's own) blocks it, as `place_labels`
    decides it: overlapping, and not on the request's own point. The placement reads
    such markers through these answers only."""
    boxes, points = [], []
    for r in requests:
        tried = candidate_boxes(r)
        boxes += tried
        points += [(r.x, r.y)] * len(tried)
    if not boxes or not len(markers):
        return (False,) * len(boxes)
    b, m = np.array(boxes)[:, None, :], np.asarray(markers)[None, :, :]
    p = np.array(points)[:, None, :]
    # overlaps() and _on_point(), the same float operations over every pair
    overlap = ~((b[..., 2] + GAP <= m[..., 0]) | (m[..., 2] + GAP <= b[..., 0])
                | (b[..., 3] + GAP <= m[..., 1]) | (m[..., 3] + GAP <= b[..., 1]))
    on_point = ((np.abs((m[..., 0] + m[..., 2]) / 2 - p[..., 0]) <= SAME_SPOT_PX)
                & (np.abs((m[..., 1] + m[..., 3]) / 2 - p[..., 1]) <= SAME_SPOT_PX))
    return tuple((overlap & ~on_point).any(axis=1).tolist())


def _far(placement, request, far_px) -> bool:
    """Whether the placed box's nearest edge is more than `far_px` from its point."""
    if placement.anchor is None or far_px is None:
        return False
    box = placement.box
    dx = max(box[0] - request.x, 0.0, request.x - box[2])
    dy = max(box[1] - request.y, 0.0, request.y - box[3])
    return dx * dx + dy * dy > far_px * far_px


def one_form(placements, requests, groups, place, far_px) -> list[Placement]:
    """The placements, or `place` (requests → placements) run again with every label of a
    group (`groups[i]`: request i's group, None for none) given its short text only: where
    a group's labels show both forms ("∇f(1, 0) = (2, 0)" beside "∇f = (0, 4)", read as
    two kinds of label), and where the short texts hide fewer labels or leave fewer farther
    than `far_px[i]` from their points (the full ones then need lines to them)."""
    grouped = set(groups) - {None}
    mixed = {g for g in grouped if len({p.short for p, h in zip(placements, groups)
                                        if h == g and p.anchor is not None}) > 1}
    far = {g for g in grouped if any(h == g and _far(p, r, d) for p, r, h, d in
                                     zip(placements, requests, groups, far_px))}
    if not mixed and not far:
        return placements
    shorten = mixed | far
    shortened = [replace(r, size=r.short_size, places=r.short_places or r.places)
                 if g in shorten else r for r, g in zip(requests, groups)]
    again = [replace(p, short=True) if g in shorten and p.anchor is not None else p
             for p, g in zip(place(shortened), groups)]

    def cost(ps):
        return (sum(p.anchor is None for p in ps),
                sum(_far(p, r, d) for p, r, d in zip(ps, requests, far_px)))
    return again if mixed or cost(again) < cost(placements) else placements
