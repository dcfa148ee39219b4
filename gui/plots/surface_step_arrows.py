"""Inside a step, on the 3-D surface: the same three arrows as on the map (−η∇f, what
the method adds, the step taken; gui/plots/step_arrows.py), drawn from the selected
run's current point over the surface, each ending in a dot. Ends from the engine's
step_terms; their heights are f there, lifted like the paths. Like the paths, nothing
is drawn outside the box: an arrow leaving it ends on its wall, without its end dot (it
does not end there), and one starting outside it (a run that left the box) is not drawn.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QObject
from PySide6.QtGui import QColor

from engine.optimizer_lab import step_terms

from gui.plots.step_arrows import arrow_segments, predict_only
from gui.plots.surface_axes import clip_to_box
from gui.plots.surface_box import HEIGHT
from gui.plots.surface_paths import segments_screen_rect
from gui.widgets import theme
from gui.widgets.palette import STEP_ARROW_COLOURS

LIFT = 0.03       # box units above the surface: just over the paths (0.02)


def _rgba(colour) -> tuple:
    c = QColor(colour)
    return (c.redF(), c.greenF(), c.blueF(), 1.0)


class SurfaceStepArrows(QObject):
    def __init__(self, model, surface_view, parent=None):
        super().__init__(parent)
        self.model, self.view = model, surface_view
        self.enabled = True
        self.box_segments: dict = {}     # name -> (2, 3) box coordinates drawn
        self.head_points = np.empty((0, 3))   # the end dots drawn: arrows not cut at the wall
        self._terms_for = (None, None)
        self.lines = self.heads = None
        if surface_view.gl is None:      # no OpenGL: nothing to draw on
            return
        import pyqtgraph.opengl as gl    # here: the explorer imports this module at start-up
        self.lines = gl.GLLinePlotItem(mode="lines", width=4, antialias=True,
                                       glOptions="translucent")
        self.heads = gl.GLScatterPlotItem(size=11, pxMode=True)
        for z, item in ((6, self.lines), (7, self.heads)):
            item.setDepthValue(z)
            item.setVisible(False)
            surface_view.gl.addItem(item)
        model.pathsChanged.connect(self.refresh)
        surface_view.rebuilt.connect(self.refresh)
        model.frameChanged.connect(self.refresh)
        model.lab.selectedChanged.connect(self.refresh)
        model.lab.predictChanged.connect(self.refresh)
        theme.notifier.changed.connect(self.refresh)

    def set_enabled(self, on: bool) -> None:
        self.enabled = bool(on)
        self.refresh()

    def _walls(self) -> tuple:
        """clip_to_box's walls of the view's box, up to the arrows' lift over its lid."""
        (_, xhi), (_, yhi) = self.model.window
        m = self.view.mapping
        return float(m.bx(xhi)), float(m.by(yhi)), (0.0, HEIGHT + LIFT)

    def refresh(self, *_) -> None:
        if self.lines is None:
            return
        view, f = self.view, self.model.expression
        key = self.model.lab.selected
        path = self.model.paths.get(key)
        segments = {}
        if self.enabled and path is not None and view.mapping is not None and \
                f is not None and f.dimension == 2 and path.points.shape[1] == 2 and \
                len(self.model.window) == 2:       # (a new f's window may come after it)
            if self._terms_for[0] is not path:
                self._terms_for = (path, step_terms(path))
            segments = arrow_segments(path, min(self.model.frame, path.stop_step),
                                      self._terms_for[1])
            if self.model.lab.predict:     # as on the map: nothing that gives it away
                segments = predict_only(segments)
        before, self.box_segments = self.box_segments, {}
        ink = theme.current().ink
        colours = {"plain": STEP_ARROW_COLOURS["plain"],
                   "correction": STEP_ARROW_COLOURS["correction"],
                   "step": self.model.lab.colour(key)}
        pos, rgba, heads, head_rgba = [], [], [], []
        walls = self._walls() if segments else None
        for name, (tail, head) in segments.items():
            ends = np.array([tail, head])
            with np.errstate(all="ignore"):
                heights = np.array([f(*p.tolist()) for p in ends], dtype=float)
            if not np.isfinite(heights).all():
                continue
            box = view.mapping(ends[:, 0], ends[:, 1], heights)
            box[:, 2] += LIFT
            inside = clip_to_box(box, *walls)
            if len(inside) < 2:           # starts outside the box: the run left it
                continue
            self.box_segments[name] = inside
            colour = _rgba(ink(QColor(colours[name])))
            pos += list(inside)
            rgba += [colour] * 2
            if np.array_equal(inside[1], box[1]):
                heads.append(inside[1])
                head_rgba.append(colour)
        self.head_points = np.array(heads).reshape(-1, 3)
        with view.gl.foreground_change() as change:
            # repainted around the arrows taken away and drawn: not the labels, nor the
            # rest of the picture (gui.plots.surface_paths)
            ends = [*before.values(), *self.box_segments.values()]
            change.region = segments_screen_rect(view.gl, np.array(ends).reshape(-1, 2, 3))
            shown = bool(pos)
            self.lines.setVisible(shown)
            self.heads.setVisible(bool(heads))
            if shown:
                self.lines.setData(pos=np.array(pos), color=np.array(rgba))
            if heads:
                self.heads.setData(pos=self.head_points, color=np.array(head_rgba))
