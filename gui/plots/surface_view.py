"""The graph of a two-variable f as a 3-D surface, with the descent paths on it and
the tangent plane at the current point. A view of `LandscapeModel`.

Public attributes (for tests and exports; built once, then updated with setData):
  gl              gui.plots.gl_canvas.LabelledGLView (shown through gl.canvas), or None when
                  OpenGL is unavailable
  message         QLabel shown instead of the view when OpenGL is unavailable
  mapping         gui.plots.surface_box.BoxMapping from (x, y, f) to the box; None before data
  landscape       gui.plots.landscape.Landscape sampled on model.window (Z[i, j] = f(xs[i], ys[j]))
  surface         GLSurfacePlotItem of mapping(landscape), coloured like the contour map
  path_items      dict method -> GLLinePlotItem of the path up to model.frame (lifted by LIFT)
  current_item    GLScatterPlotItem of each path's current point (lifted by LIFT)
                  (both drawn frame by frame by gui.plots.surface_paths.SurfacePaths)
  plane_toggle    QCheckBox; plane_item GLSurfacePlotItem of the tangent plane
  reset_button    QPushButton "Reset view" (after plane_toggle in the bar and in Tab order)
  hint            ElidedLabel "drag: rotate · wheel: zoom", between them or on a row under them
  plane_point     (x, y) where the tangent plane touches; plane_xs, plane_ys, plane_f: the
                  plane's corners in f's units, plane_f = f(p) + ∇f(p)·(q − p)
  tick_texts      {"x", "y", "f"} -> the tick labels set on each axis (crowded ones hidden)
  render_image()  a QImage of the 3-D view
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import pyqtgraph.opengl as gl
from OpenGL import GL
from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QCheckBox, QLabel, QPushButton, QStackedLayout, QVBoxLayout, QWidget)

from gui.plots import landscape

from gui.widgets import theme
from gui.widgets.elided_label import ElidedLabel
from gui.plots.readout_row import ReadoutRow
from gui.plots.gl_canvas import LabelledGLView
from gui.plots.gl_support import LIT, opengl_available
from gui.plots.surface_normals import fast_vertex_normals
from gui.widgets.none_refcount_guard import guard_none_refcount
from gui.widgets.palette import COLORMAP, CURVE_COLOURS
from gui.plots.surface_axes import axes_layout, label_anchors, label_axes
from gui.plots.surface_box import BoxMapping
from gui.plots.surface_cuts import surface_heights
from gui.plots.surface_paths import SurfacePaths, rgba as _rgba, screen_rect
from gui.plots.surface_paths import LIFT  # noqa: F401  (read from here by tests and exports)
from gui.compute.qt_guard import qt_override
from gui.widgets.variable_names import display_name
from gui.plots.surface_camera import camera_state_access, frame_camera, reframe_if_deferred

# Animation repaints many items per frame: without this, PySide6 6.12.0 on Python 3.11
# aborts after a few thousand Qt calls (see none_refcount_guard).
guard_none_refcount()

GRID = 100             # vertices per side: smooth enough, cheap to rebuild on every zoom
PLANE_HALF = 0.25      # half-side of the tangent-plane patch, as a fraction of the window
PLANE_RISE = 0.55      # at most this rise (box units) from the touching point to a side
INK = (0.13, 0.13, 0.13, 1.0)
# A new f's sketch (f alone compiled) waits this long for its analysis before its
# surface is drawn: ∇f usually comes sooner (10–30 ms), and the surface is then built
# once, with its paths, in one render. Drawn at once, the sketch's surface took the GIL
# from the worker compiling ∇f (the analysis came ~20 ms later) and rendered twice.
SKETCH_SURFACE_WAIT_MS = 60
NO_GL_TEXT = "The 3-D view needs OpenGL 2.1 or newer, which this display does not provide."

# Drawn over everything, blended normally ("additive" would vanish on a white background).
OVERLAY = {GL.GL_DEPTH_TEST: False, GL.GL_BLEND: True, GL.GL_CULL_FACE: False,
           "glBlendFunc": (GL.GL_SRC_ALPHA, GL.GL_ONE_MINUS_SRC_ALPHA)}


HINT_FORMS = ("drag: rotate · wheel: zoom", "drag: rotate")


class SurfaceView(QWidget):
    # a new grid and box mapping: what is placed with the mapping outside this view (the
    # lab's step arrows) is placed again (drawn before it, they stood where the old
    # mapping put them, or were missing when the paths came before the first surface)
    rebuilt = Signal()

    def __init__(self, model, parent=None):
        super().__init__(parent)
        self.model = model
        self.mapping = self.landscape = None
        self.plane_point = None
        self._frame_camera = True     # the user's rotation is kept until a preset loads
        self._side = -1               # the camera looks from the front left (−1) or right (+1)
        self.plane_xs = self.plane_ys = self.plane_f = None
        self._plane_drawn = None      # (mapping, expression, anchor) of the plane shown
        self._plane_ring = np.empty((0, 3))   # its corners in the box (none: not shown)
        self._stale = False           # the surface waits for the view to be shown
        self._sketch = self.surface_of = None   # a newer f (f alone compiled) / f shown
        self.message = QLabel(NO_GL_TEXT)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.gl = None
        stack = QStackedLayout(self)
        if opengl_available():
            stack.addWidget(self._build())
        stack.addWidget(self.message)
        if self.gl is None:
            return

        model.expressionChanged.connect(self._on_expression)
        # a sketch: the map's picture first; the surface's if ∇f is slow to come
        self._sketch_timer = QTimer(self, singleShot=True, interval=SKETCH_SURFACE_WAIT_MS)
        self._sketch_timer.timeout.connect(self._rebuild_when_shown)
        if hasattr(model, "sketchChanged"):
            model.sketchChanged.connect(self._on_sketch)
        model.windowChanged.connect(self._on_window)
        model.pathsChanged.connect(self._on_paths)
        model.frameChanged.connect(self._on_frame)
        model.startChanged.connect(self._on_start)
        model.presetChanged.connect(self._on_preset)
        if hasattr(model, "view_states"):      # a session keeps the camera and the plane
            model.view_states.register("surface", *camera_state_access(self))
        if self._two_d():
            self._on_expression(model.expression)
        # a resize while a new f's surface is on its way keeps the old picture (GLCanvas)
        self.gl.canvas.keep_on_resize = lambda: self.surface_of is not None and \
            getattr(model, "pending_sketch", None) not in (None, self.surface_of)
        # no render before the first analysed surface with its paths (a plain start)
        self.gl.canvas.hold(self.mapping is None or self._sketch is not None)

    # --- construction ---------------------------------------------------------
    def _build(self) -> QWidget:
        self.plane_toggle = QCheckBox("Tangent plane")
        self.plane_toggle.setToolTip("The plane z = f(p) + ∇f(p)·(q − p) at the current point: "
                                     "the derivative as a linear map")
        self.plane_toggle.toggled.connect(self._on_plane_toggled)
        self.reset_button = reset = QPushButton("Reset view")
        reset.setToolTip("Turn the camera back to its starting view")
        reset.clicked.connect(self.reset_camera)
        self.hint = hint = ElidedLabel()
        hint.set_texts(*HINT_FORMS, cut=False)   # a whole phrase, or none: not "drag: ro…"
        # its size in its own sheet: under the Neuron tab's (QLabel 16px) it was 16px in a
        # fresh window and the base size once a text size had restyled it
        hint.setStyleSheet(f"color: #555555; font-size: {theme.base_point_size():.4g}pt")
        hint.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        # the whole hint under the switch and the button where it does not fit between
        # them (presenting at 1280×720 it read "drag: rotate", or nothing at 1.5)
        bar = ReadoutRow((self.plane_toggle,), hint, sample=HINT_FORMS[0], after=(reset,))
        bar.setContentsMargins(6, 2, 6, 2)

        self.gl = LabelledGLView()
        self.gl.setBackgroundColor(theme.current().background)
        self.surface = gl.GLSurfacePlotItem(shader=LIT, computeNormals=True, smooth=True,
                                            glOptions="opaque")
        self.surface.setVisible(False)           # an empty mesh cannot compute its normals
        self.gl.addItem(self.surface)
        self.base_grid = gl.GLGridItem()
        self.gl.addItem(self.base_grid)
        # lines default to "additive" (no depth test): they would show through the surface
        self.axes = gl.GLLinePlotItem(mode="lines", color=INK, width=1.5, antialias=True,
                                      glOptions="translucent")
        self.gl.addItem(self.axes)
        self._on_theme(theme.current())
        theme.notifier.changed.connect(self._on_theme)

        self.paths = SurfacePaths(self.gl, self.model, OVERLAY)
        self.path_items, self.current_item = self.paths.items, self.paths.current_item
        # The plane touches the surface at one point and, on a bowl, lies below it
        # everywhere else: drawn depth-tested it would vanish. A faint copy without depth
        # test shows it through the surface; the depth-tested copy shows where it is in front.
        tangent = CURVE_COLOURS["tangent"]
        self.plane_ghost = gl.GLSurfacePlotItem(color=_rgba(tangent, 0.35), glOptions=OVERLAY,
                                                computeNormals=False)   # flat colour: no normals
        self.plane_item = gl.GLSurfacePlotItem(color=_rgba(tangent, 0.75),
                                               glOptions="translucent", computeNormals=False)
        self.plane_ghost_edge = gl.GLLinePlotItem(mode="line_strip", width=1.5,
                                                  color=_rgba(tangent, 0.8), glOptions=OVERLAY)
        self.plane_edge = gl.GLLinePlotItem(mode="line_strip", width=2.5,
                                            color=_rgba(tangent), glOptions="translucent")
        self._plane_items = (self.plane_ghost, self.plane_item, self.plane_ghost_edge,
                             self.plane_edge)
        for depth, item in enumerate(self._plane_items):
            item.setDepthValue(10 + depth)         # blended after the opaque surface
            item.setVisible(False)
            self.gl.addItem(item)
        # drawn once per camera or data change, not per descent frame
        self.gl.set_background_items([self.surface, self.base_grid, self.axes])
        self.reset_camera()

        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addLayout(bar)
        column.addWidget(self.gl.canvas, 1)
        return page

    def _on_theme(self, t):
        """Axes in the theme's ink; the floor grid faint in it (the canvas does the rest)."""
        self.axes.setData(color=_rgba(t.foreground))
        grid = QColor(t.foreground)
        self.base_grid.setColor((grid.red(), grid.green(), grid.blue(), 45 if not t.dark else 70))
        for method, item in getattr(self, "path_items", {}).items():   # black (Newton) → ink
            item.setData(color=self.paths.colour(method))
        if self.mapping is not None and self._two_d():
            self._on_frame()

    def reset_camera(self):
        """Frame the box from the front (gui.plots.surface_camera.frame_camera)."""
        frame_camera(self)

    @qt_override
    def sizeHint(self):
        return QSize(620, 520)          # as ContourView: side by side they start equal

    def _two_d(self) -> bool:
        f = self.model.expression
        return (self.gl is not None and f is not None and f.dimension == 2
                and len(self.model.window) == 2)

    # --- the surface ------------------------------------------------------------
    def _on_expression(self, expr=None):
        self._sketch = None
        self._sketch_timer.stop()
        if self._two_d() and self.surface_of is expr and self.landscape is not None \
                and self.landscape.window == self.model.window:
            self._on_paths()             # built from its sketch: its paths and plane now
        elif self._two_d():
            self._rebuild_when_shown()
        reframe_if_deferred(self)           # (a sketch's f that failed: framed for the old)

    def _on_sketch(self, expr):
        if self.gl is not None and len(self.model.window) == 2:
            self._sketch = expr
            self._sketch_timer.start()

    def _on_preset(self, _preset):
        self._frame_camera = True

    def _on_window(self, _window):
        if self._two_d():
            self._rebuild_when_shown()

    def _rebuild_when_shown(self):
        """Rebuild now, or when first shown: a hidden view (the neuron tab at start-up,
        ~0.2 s for its loss on the grid) costs nothing until someone looks at it."""
        self._stale = not self.isVisible()
        if not self._stale:
            self._rebuild()

    @qt_override
    def showEvent(self, event):
        super().showEvent(event)
        if self._stale and self._two_d():
            self._stale = False
            self._rebuild()

    def _rebuild(self):
        """New grid and box mapping: the surface and everything placed with the mapping."""
        window, f = self.model.window, self._sketch or self.model.expression
        self.surface_of = f
        flat = landscape.flat_share(self.model)
        self.landscape = scape = landscape.sample(f, window, GRID, flat_share=flat)
        self.mapping = m = BoxMapping.fit(window, scape.Z, flat)
        # (where f is undefined the mesh has a hole: surface_heights)
        colours = pg.colormap.get(COLORMAP).map(
            np.nan_to_num(scape.colour_position(scape.Z), nan=0.0).ravel(), mode="float")
        self.surface.setData(x=m.bx(scape.xs), y=m.by(scape.ys), z=surface_heights(m, scape.Z),
                             colors=colours)
        fast_vertex_normals(self.surface)     # pyqtgraph's own loop takes ~0.5 s
        self.surface.setVisible(True)
        if self._frame_camera:                 # first data or a new example: frame the box
            self._frame_camera = False
            self.reset_camera()
        else:
            self._draw_axes(window)
            reframe_if_deferred(self)
        self._on_paths()
        self.rebuilt.emit()

    def _draw_axes(self, window):
        """Floor grid, axes, ticks and their labels (gui.plots.surface_axes)."""
        m = self.mapping
        ax, ay = float(m.bx(window[0][1])), float(m.by(window[1][1]))
        self.base_grid.setSize(2 * ax, 2 * ay)
        self.base_grid.setSpacing(2 * ax / 10, 2 * ay / 10)
        lines, labels, self.tick_texts = axes_layout(
            m, window, self._side,
            tuple(map(display_name, (self._sketch or self.model.expression).variables)),
            self.model.VALUE_NAME)
        self.axes.setData(pos=lines)
        self.gl.set_labels(labels, label_axes(self.tick_texts),
                           label_anchors(m, window, self._side, self.tick_texts))

    # --- paths, current point, tangent plane ---------------------------------------
    def _paths(self) -> dict:
        """The model's paths that are paths in the plane. Right after f changes from one
        variable to two, the 1-D paths are still there until the new ones are computed;
        drawing them raised inside showEvent, and an exception escaping a Qt virtual
        left shiboken's references inconsistent (a crash at the next full collection)."""
        return {m: p for m, p in self.model.paths.items()
                if p.points.ndim == 2 and p.points.shape[1] == 2}

    def _on_paths(self, _paths=None):
        if not self._two_d() or self.mapping is None:
            return
        # not the old f's paths on a new f's surface (drawn, then redrawn at once with
        # the new f's, which follow by pathsChanged); a start's first surface, read
        # without sympy, has no paths until its exact f: it shows without them meanwhile
        if not getattr(self.model, "paths_current", True):
            if self.gl.canvas.held and self._sketch is None:
                self.gl.canvas.hold(False)
            return
        with self.gl.foreground_change() as change:    # paths only: the surface's picture is kept
            # only around the lines shown, hidden or recoloured: the tick labels stay
            change.region = screen_rect(self.gl, self.paths.update_items(self._paths()))
        self._on_frame(self.model.frame)

    def shown_points(self, method) -> np.ndarray:
        """The path's points up to the current frame, in the box, lifted by LIFT: (n, 3);
        a path that leaves the box (diverges) ends where it crosses the box's wall."""
        return self.paths.shown_points(method, self.mapping)

    def _on_frame(self, _frame=None):
        if not self._two_d() or self.mapping is None:
            return
        if self._sketch is not None:     # the old f's paths and plane: not on the new surface
            self.paths.clear()
            for item in self._plane_items:
                item.setVisible(False)
            self._plane_drawn, self._plane_ring = None, np.empty((0, 3))
            return
        with self.gl.foreground_change() as change:     # the surface's picture is reused
            moved = self.paths.draw_frame(self._paths(), self.mapping)
            plane_before = self._plane_ring
            if self._draw_plane() and moved is not None:
                # the plane's old and new place (a new f's plane: only the new one)
                moved = np.concatenate([moved, plane_before, self._plane_ring])
            if moved is not None:
                # None: off screen, all; the tick labels elsewhere then do not repaint
                change.region = screen_rect(self.gl, moved)
        if self.gl.canvas.held:
            self.gl.canvas.hold(False)

    def _on_start(self, _start):
        if not self.model.paths:        # otherwise pathsChanged follows and redraws
            self._on_frame()

    def _on_plane_toggled(self, shown: bool):
        self._draw_plane()

    def _plane_anchor(self):
        """The last shown point of the first path, or the start point."""
        for path in self._paths().values():
            point = path.points[min(self.model.frame, len(path.points) - 1)]
            if np.all(np.isfinite(point)):
                return float(point[0]), float(point[1])
        return tuple(map(float, self.model.start))

    def _draw_plane(self) -> bool:
        """Show the tangent plane at its anchor (or hide it); whether anything changed."""
        shown = self.plane_toggle.isChecked() and self.mapping is not None and \
            self._two_d() and self._sketch is None
        anchor = self._plane_anchor() if shown else None
        key = (self.mapping, self.model.expression, anchor) if shown else None
        last = self._plane_drawn
        if key is not None and last is not None and key[0] is last[0] and \
                key[1] is last[1] and key[2] == last[2]:
            return False                    # the same plane at the same point: no redraw
        if key is None and self._plane_drawn is None:
            return False                    # hidden, and already hidden
        self._plane_drawn, self._plane_ring = None, np.empty((0, 3))
        for item in self._plane_items:
            item.setVisible(False)
        if not shown:
            return True
        f, m = self.model.expression, self.mapping
        (xlo, xhi), (ylo, yhi) = self.model.window
        px, py = self.plane_point = anchor
        value, (gx, gy) = f.value_and_gradient(px, py)
        if not np.all(np.isfinite([value, gx, gy])):      # no tangent plane where f is undefined
            return True
        # on a steep wall a fixed patch would shoot out of the box: keep its rise ≤ PLANE_RISE
        slope = np.hypot(gx, gy) * m.f_scale / m.xy_scale
        h = PLANE_HALF * max(xhi - xlo, yhi - ylo) * min(1.0, PLANE_RISE / max(slope, 1e-12))
        self.plane_xs, self.plane_ys = np.array([px - h, px + h]), np.array([py - h, py + h])
        X, Y = np.meshgrid(self.plane_xs, self.plane_ys, indexing="ij")
        self.plane_f = value + gx * (X - px) + gy * (Y - py)
        for item in (self.plane_item, self.plane_ghost):
            item.setData(x=m.bx(self.plane_xs), y=m.by(self.plane_ys), z=m.bz(self.plane_f))
        ring = np.array([m(X[i, j], Y[i, j], self.plane_f[i, j])
                         for i, j in [(0, 0), (1, 0), (1, 1), (0, 1), (0, 0)]])
        self.plane_edge.setData(pos=ring)
        self.plane_ghost_edge.setData(pos=ring)
        for item in self._plane_items:          # only now: an empty mesh cannot be drawn
            item.setVisible(True)
        self._plane_drawn, self._plane_ring = key, ring
        return True

    # --- export -------------------------------------------------------------------
    def render_image(self):
        """The 3-D view with its labels as a QImage; the message instead when there is
        no valid GL context (reading back a GL widget without one segfaults)."""
        if self.gl is None or not self.gl.canvas.has_gl():
            return self.grab().toImage()
        return self.gl.canvas.grab().toImage()      # the canvas: picture and labels
