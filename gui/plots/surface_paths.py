"""The descent paths on the 3-D surface, frame by frame: one line per run up to the
current step and a dot on each run's newest point, lifted by LIFT above the surface.

Each path is mapped into the box once (per path and box mapping) and a frame slices
that array: mapping and clipping the whole path every frame cost ~0.5 ms with six runs.
Slicing is exact: a polyline clipped to the box and then cut after n points is the
first n points cut and then clipped (the clip keeps a prefix and ends it on the wall).

The runs' lines are drawn as one GL item (`lines`, segment pairs in the runs' order and
colours): six items cost six draw set-ups a frame (~0.3 ms each in pyqtgraph's Python);
the per-run items keep each run's points and visibility (what tests and exports read).

A frame reports the screen rectangle it changed (`draw_frame`), so the canvas repaints
only there: the tick labels laid over the picture then do not repaint with every frame.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRect

from gui.plots.surface_axes import clip_to_box
from gui.plots.surface_box import HEIGHT
from gui.plots.surface_exits import exit_arrow, first_outside
from gui.widgets import theme

LIFT = 0.02            # paths float this far (box units) above the surface, not inside it
LINE_WIDTH = 3         # px (× the theme's scale, gui.plots.gl_canvas)
DOT_SIZE = 13          # px (× the theme's scale)


def rgba(colour: str, alpha: float = 1.0) -> tuple:
    from PySide6.QtGui import QColor
    c = QColor(colour)
    return (c.redF(), c.greenF(), c.blueF(), alpha)


def box_points(path, mapping, window) -> np.ndarray:
    """The whole path in the box, lifted by LIFT: (n, 3); a path that leaves the box
    (diverges) ends where it crosses the box's wall, an undefined value ends it there."""
    return _in_box(path, mapping, window)[0]


def _in_box(path, mapping, window):
    """(box_points, the whole path in box coordinates unclipped (n, 3), the index of
    its first point outside the box (n when none is), the walls (half_x, half_y,
    z_range))."""
    pts = path.points
    values = np.asarray(path.values, dtype=float)
    # heights lie on the surface's own scale (clipped to the lid like it)
    z = np.where(np.isfinite(values), mapping.bz(values) + LIFT, np.nan)
    with np.errstate(all="ignore"):
        box = np.stack([mapping.bx(pts[:, 0]), mapping.by(pts[:, 1]), z], axis=-1)
    (_, xhi), (_, yhi) = window
    walls = (float(mapping.bx(xhi)), float(mapping.by(yhi)), (0.0, HEIGHT + LIFT))
    return clip_to_box(box, *walls), box, first_outside(box, *walls), walls


class SurfacePaths:
    """The path lines (`items`, run key -> GLLinePlotItem holding the run's points shown,
    drawn through `lines`) and the current points (`current_item`, one
    GLScatterPlotItem) of a LabelledGLView, for `model`'s paths."""

    def __init__(self, view, model, overlay_options):
        self.view, self.model = view, model
        import pyqtgraph.opengl as gl    # here: the lab panel imports this module at start,
        self._gl = gl                    # before the first paint, which OpenGL must not delay
        self.items: dict = {}            # run key -> its GLLinePlotItem
        self.current_item = gl.GLScatterPlotItem(size=DOT_SIZE, pxMode=True)
        self.current_item.setGLOptions(overlay_options)   # the current point is never hidden
        self.current_item.setDepthValue(5)
        view.addItem(self.current_item)
        self.lines = gl.GLLinePlotItem(mode="lines", width=LINE_WIDTH, antialias=True,
                                       glOptions="translucent")
        self.lines.setDepthValue(4)
        self.lines.setVisible(False)
        view.addItem(self.lines)
        # runs whose iterate is outside the box: an arrow on the wall pointing out
        # (surface_exits), drawn over the surface like the dots; `exits`: key -> its segments
        self.exit_item = gl.GLLinePlotItem(mode="lines", width=LINE_WIDTH, antialias=True,
                                           glOptions=overlay_options)
        self.exit_item.setDepthValue(5)
        self.exit_item.setVisible(False)
        view.addItem(self.exit_item)
        self.exits: dict = {}
        self._dots: dict = {}         # run key -> where its current dot was drawn
        self._box = {}                # run key -> (path, mapping, window, its box points)
        self._drawn, self._drawn_look = {}, None   # run key -> (path, count, points) shown
        self._blank = False      # nothing shown since clear(): all a frame draws is new

    def colour(self, key) -> tuple:
        return rgba(theme.current().ink(self.model.lab.colour(key)).name())

    def update_items(self, paths) -> np.ndarray:
        """A line for every run (built on first use), shown for the runs in `paths`, in
        the run's colour (by its place in the race). Returns the box points (k, 3) of
        the lines whose look changed (shown, hidden or recoloured): nothing else moved."""
        for key in paths:
            if key not in self.items:
                # not in the view: `lines` draws it
                self.items[key] = self._gl.GLLinePlotItem(mode="line_strip", width=LINE_WIDTH,
                                                          antialias=True, color=self.colour(key),
                                                          glOptions="translucent")
        touched = []
        for key, item in self.items.items():
            look = (item.visible(), tuple(np.ravel(item.color)))
            item.setVisible(key in paths)
            item.setData(color=self.colour(key))
            if look != (item.visible(), tuple(np.ravel(item.color))) and item.pos is not None:
                touched.append(np.asarray(item.pos, dtype=float).reshape(-1, 3))
        self.draw_lines()
        return np.concatenate(touched) if touched else np.empty((0, 3))

    def draw_lines(self) -> None:
        """`lines` anew from the visible runs' items: each run's polyline as segment
        pairs, in its colour, the runs in the order their items were made."""
        pairs, colours = [], []
        for item in self.items.values():
            if item.visible() and item.pos is not None and len(item.pos) > 1:
                pos = item.pos
                pairs.append(np.stack([pos[:-1], pos[1:]], axis=1).reshape(-1, 3))
                colours.append(np.broadcast_to(np.asarray(item.color, np.float32),
                                               (len(pairs[-1]), 4)))
        self.lines.setVisible(bool(pairs))
        if pairs:
            self.lines.setData(pos=np.concatenate(pairs), color=np.concatenate(colours))

    def box_points(self, key, mapping) -> np.ndarray:
        """The run's whole path in the box (computed once per path, mapping and window)."""
        return self._kept(key, mapping)[3]

    def _kept(self, key, mapping):
        """(path, mapping, window, box points, unclipped box coordinates, first outside,
        walls)."""
        path, window = self.model.paths[key], self.model.window
        kept = self._box.get(key)
        if kept is None or kept[0] is not path or kept[1] is not mapping or kept[2] != window:
            kept = self._box[key] = (path, mapping, window, *_in_box(path, mapping, window))
        return kept

    def current_point(self, key, mapping, count: int) -> np.ndarray:
        """Where the dot of a run at point `count - 1` goes: that point in the box when it
        is inside (Newton on Rosenbrock's banana leaves the box at step 2 and is back
        at (1, 1) by step 5: its dot stayed on the wall), else the shown path's end."""
        _, _, _, inside, box, out, walls = self._kept(key, mapping)
        here = box[count - 1]
        if count - 1 >= out and _inside(here, walls):
            return here
        return inside[:count][-1]

    def exit_segments(self, key, mapping, count: int):
        """The arrow (10, 3) of a run whose point `count - 1` (or, undefined, its last
        defined one since it left) is outside the box: on the wall towards it, pointing
        out. None when that point is inside, or the run blew up before leaving."""
        _, _, _, _, box, out, walls = self._kept(key, mapping)
        if count - 1 < out:
            return None
        defined = np.flatnonzero(np.all(np.isfinite(box[:count]), axis=1))
        if not len(defined) or defined[-1] < out or _inside(box[defined[-1]], walls):
            return None
        return exit_arrow(box[defined[-1]], *walls)

    def shown_points(self, key, mapping) -> np.ndarray:
        """The run's points up to the current frame, in the box: (n, 3)."""
        path = self.model.paths[key]
        count = min(self.model.frame, len(path.points) - 1) + 1
        return self.box_points(key, mapping)[:count]

    def clear(self) -> None:
        """Nothing shown (the old f's paths on a new surface)."""
        for item in self.items.values():
            item.setVisible(False)
        self.lines.setVisible(False)
        self.current_item.setData(pos=np.empty((0, 3)))
        self.exit_item.setVisible(False)
        self.exits, self._dots = {}, {}
        self._drawn = {}
        self._blank = True

    def draw_frame(self, paths, mapping):
        """Show `paths` up to the model's frame. Only items whose picture changes are
        touched: a frame past the end of a path (Newton stops early) changes nothing,
        and every setData costs a GL upload. Returns the box points whose neighbourhood
        on screen changed ((k, 3), with the lines and dots drawn through them: a frame's
        new steps, or a replaced or removed run's old points and a new run's), or None
        when more than that may have changed (a new box or theme). After clear() (a new
        f's surface, then its paths) only what is drawn now changed."""
        look = (mapping, theme.current())
        moved = []
        blank, self._blank = self._blank, False
        whole = False
        if self._drawn_look is None or any(a is not b for a, b in zip(look, self._drawn_look)):
            self._drawn, self._drawn_look = {}, look     # new box or colours: all anew
            self.exits = None                             # the arrows too
            whole = not blank
        # another set or order of runs (drawn in that order): the old runs' places change
        reordered = list(self._drawn) != list(paths)
        changed = reordered
        for key in list(self._drawn):
            if key not in paths or reordered:
                moved.append(self._drawn[key][2])
            if key not in paths:
                del self._drawn[key]
        tips, colours, exits = [], [], {}
        for key, path in paths.items():
            count = min(self.model.frame, len(path.points) - 1) + 1
            last = self._drawn.get(key)
            if last is None or last[0] is not path or last[1] != count:
                every = self.box_points(key, mapping)
                pts = every[:count]
                if len(pts):
                    self.items[key].setData(pos=pts)
                self.items[key].setVisible(len(pts) > 1)   # nothing inside the box
                if last is None or last[0] is not path or reordered:
                    moved += [pts] if last is None else [last[2], pts]
                else:        # the segments added or taken away, and the old and new dot
                    lo, hi = sorted((last[1], count))
                    moved.append(every[max(lo - 1, 0):hi])
                self._drawn[key] = (path, count, pts)
                changed = True
            elif reordered:
                moved.append(last[2])
            shown = self._drawn[key][2]
            arrow = self.exit_segments(key, mapping, count)
            if arrow is not None:             # outside: no dot on the wall as if it were there
                exits[key] = arrow
            elif len(shown):                  # where the run is (back in the box after it
                tips.append(self.current_point(key, mapping, count))    # left: not the wall)
                colours.append(self.colour(key))
                dot = self._dots.get(key)
                if dot is not None and not np.array_equal(dot, tips[-1]):
                    moved += [dot[None], tips[-1][None]]   # a dot off its line moved too
                self._dots[key] = tips[-1]
        if self.exits is None or exits.keys() != self.exits.keys() or any(
                not np.array_equal(a, self.exits[k]) for k, a in exits.items()):
            moved += list((self.exits or {}).values()) + list(exits.values())
            self._draw_exits(exits)
            changed = True
        if changed:
            self.draw_lines()
            self.current_item.setData(pos=np.array(tips).reshape(-1, 3),
                                      color=np.array(colours).reshape(-1, 4))
        if whole:
            return None
        return np.concatenate(moved) if moved else np.empty((0, 3))


    def _draw_exits(self, exits: dict) -> None:
        """The exit arrows of `exits` (key -> segments (10, 3)), each in its run's colour."""
        self.exits = exits
        self.exit_item.setVisible(bool(exits))
        if exits:
            self.exit_item.setData(
                pos=np.concatenate(list(exits.values())),
                color=np.concatenate([np.tile(self.colour(k), (len(a), 1))
                                      for k, a in exits.items()]))


def _inside(point, walls) -> bool:
    """Whether the box point (3,) is inside the box of `walls` (half_x, half_y, z_range)."""
    return first_outside(np.asarray(point, dtype=float)[None], *walls) == 1


def screen_rect(view, points: np.ndarray) -> QRect | None:
    """The canvas rectangle around `points` (box coordinates, (k, 3)) wide enough for
    the path lines and current dots drawn through them; None when a point is not on
    screen (behind the camera or undefined): the caller repaints everything then."""
    if not len(points):
        return QRect()
    on_screen = to_screen(view, points)
    if on_screen is None:
        return None
    scale = theme.current().scale
    pad = int(np.ceil(max(DOT_SIZE, LINE_WIDTH) * scale / 2)) + 3    # + antialiasing
    (x0, y0), (x1, y1) = on_screen.min(axis=0), on_screen.max(axis=0)
    return QRect(int(np.floor(x0)) - pad, int(np.floor(y0)) - pad,
                 int(np.ceil(x1 - x0)) + 2 * pad + 1, int(np.ceil(y1 - y0)) + 2 * pad + 1)


def segments_screen_rect(view, segments: np.ndarray) -> QRect | None:
    """As screen_rect, for straight segments (k, 2, 3) of box coordinates, kept inside
    the canvas: a segment running behind the camera (an arrow of a diverging step)
    counts up to just in front of it, where its picture leaves the canvas. None when a
    point is undefined."""
    segments = np.asarray(segments, dtype=float).reshape(-1, 2, 3)
    if not len(segments):
        return QRect()
    w, h = max(view.width(), 1), max(view.height(), 1)
    clip = np.concatenate([segments, np.ones(segments.shape[:2] + (1,))], axis=-1) @ \
        _clip_matrix(view, w, h).T
    if not np.all(np.isfinite(clip)):
        return None
    a, b = clip[:, 0], clip[:, 1]
    near = 1e-6            # in front of the camera (w > 0): a segment projects to a segment
    front = (a[:, 3] > near) | (b[:, 3] > near)
    a, b = a[front], b[front]
    if not len(a):
        return QRect()
    with np.errstate(divide="ignore", invalid="ignore"):
        to_a = np.where(a[:, 3] > near, 0.0, (near - a[:, 3]) / (b[:, 3] - a[:, 3]))
        to_b = np.where(b[:, 3] > near, 0.0, (near - b[:, 3]) / (a[:, 3] - b[:, 3]))
    ends = np.concatenate([a + to_a[:, None] * (b - a), b + to_b[:, None] * (a - b)])
    ndc = ends[:, :2] / ends[:, 3:4]
    pad = int(np.ceil(max(DOT_SIZE, LINE_WIDTH) * theme.current().scale / 2)) + 3
    xs = np.clip((ndc[:, 0] + 1) * w / 2, -pad, w + pad)
    ys = np.clip((1 - ndc[:, 1]) * h / 2, -pad, h + pad)
    x0, y0 = int(np.floor(xs.min())) - pad, int(np.floor(ys.min())) - pad
    return QRect(x0, y0, int(np.ceil(xs.max())) + pad + 1 - x0,
                 int(np.ceil(ys.max())) + pad + 1 - y0)


def _clip_matrix(view, w: int, h: int) -> np.ndarray:
    """Box coordinates → clip coordinates (4, 4), as the view draws at w × h."""
    mvp = view.projectionMatrix((0, 0, w, h), (0, 0, w, h)) * view.viewMatrix()
    return np.array(mvp.data(), dtype=float).reshape(4, 4).T     # data(): column-major


def to_screen(view, points: np.ndarray):
    """Canvas pixel coordinates (k, 2) of box points, as the labels are placed
    (gui.plots.gl_canvas); None when one is undefined or behind the camera."""
    w, h = max(view.width(), 1), max(view.height(), 1)
    mvp = view.projectionMatrix((0, 0, w, h), (0, 0, w, h)) * view.viewMatrix()
    matrix = np.array(mvp.data(), dtype=float).reshape(4, 4).T     # data(): column-major
    clip = np.column_stack([points, np.ones(len(points))]) @ matrix.T
    if not np.all(np.isfinite(clip)) or np.any(clip[:, 3] <= 1e-9):
        return None
    ndc = clip[:, :2] / clip[:, 3:4]
    return np.column_stack([(ndc[:, 0] + 1) * w / 2, (1 - ndc[:, 1]) * h / 2])
