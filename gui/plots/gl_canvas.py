"""The OpenGL canvas of the 3-D view: whether OpenGL is there at all, a soft
lighting shader, text labels pinned to 3-D points, and the on-screen stand-in the
scene is shown through.

Why a stand-in (`GLCanvas`): a QOpenGLWidget inside a window makes Qt compose that
whole window through OpenGL on every repaint — with software OpenGL (Mesa llvmpipe, what
a lecture-hall PC or a VM often has) a bare repaint of the explorer then ran 33–46 times a
second, whatever changed, against 450–750 without it. So the GLViewWidget lives in its
own never-shown top-level window; it renders into its framebuffer only when the scene
changed (its `update()` is redirected here) and the canvas, a plain QWidget in the
layout, paints that image and hands the mouse to the view (drag rotates, wheel zooms).

Labels are QLabels laid over the GL widget and moved after every frame, not GLTextItems:
a GLTextItem paints with a QPainter inside paintGL, which QWidget.grab (what screenshots
use) drops, and a QLabel gets the UI's own crisp font (growing with the text size).
The canvas follows gui.widgets.theme: its background, the labels' colour, and line widths
and point sizes (× scale) of every item added, now or later.
"""
from __future__ import annotations

from contextlib import contextmanager
from types import SimpleNamespace

import pyqtgraph as pg
import pyqtgraph.opengl as gl
from OpenGL import GL
from PySide6.QtCore import QPoint, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QMatrix4x4, QPainter, QPalette, QVector3D
from PySide6.QtOpenGL import QOpenGLFramebufferObject
from PySide6.QtWidgets import QLabel, QWidget

from gui.widgets import theme
from gui.compute.qt_guard import qt_override
from gui.plots.gl_region import render_region, render_scaled
from gui.plots.label_ink import axes_apart, ink_rect
from gui.plots.label_place import placed_rect, screen_matrix
from gui.plots.tick_thinning import shown_labels


class GLCanvas(QWidget):
    """Shows `view`'s picture in the layout and passes the mouse to it (see the module
    docstring for why). The view keeps the canvas's size; the labels are the canvas's
    children, so screenshots and exports (QWidget.grab / render) include them."""

    def __init__(self, view):
        super().__init__()
        self.view = view
        self._image = None
        self._dirty = True
        self.held = False              # see hold()
        # while this says so, a resize shows the last picture scaled (SurfaceView: a new
        # f's surface is on its way; the old f rendered at the new size, ~18 ms, was lost)
        self.keep_on_resize = lambda: False
        self._changed_rect = None     # what changed since the last render; None: all
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.setMinimumSize(200, 200)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)   # the image covers it

    def scene_changed(self, rect=None):
        """The picture is to be rendered anew; repainted on screen in `rect` (a QRect
        holding every pixel that changed) or, by default, whole."""
        changed = self._changed_rect if self._dirty else QRect()    # None: all
        self._changed_rect = None if rect is None or changed is None else changed.united(rect)
        self._dirty = True
        self.update() if rect is None else self.update(rect)

    def hold(self, held: bool) -> None:
        """Held, it shows the plots' background and renders nothing (a plain start's view
        before its first surface: the empty grid was not worth a render)."""
        self.held = held
        self.scene_changed()

    def _ensure_view_shown(self):
        """The view gets its GL context when shown: shown off screen, never mapped."""
        if not self.view.isVisible():
            self.view.resize(self.size())
            self.view.show()

    @qt_override
    def showEvent(self, event):
        super().showEvent(event)
        self._ensure_view_shown()
        self.scene_changed()

    @qt_override
    def resizeEvent(self, event):
        super().resizeEvent(event)
        self.view.resize(self.size())
        self.update() if self.keep_on_resize() else self.scene_changed()

    @qt_override
    def changeEvent(self, event):
        super().changeEvent(event)
        if event.type() == event.Type.FontChange:     # a new presentation scale
            self.view.refit_labels()

    def has_gl(self) -> bool:
        """Whether the view has a valid GL context (reading one back without segfaults)."""
        return (context := self.view.context()) is not None and context.isValid()

    def picture(self):
        """The scene as a QImage of the canvas's size (rendered now if it changed), or
        None while there is no valid GL context."""
        if not self.has_gl():
            return None
        # The first picture after the background was drawn anew renders whole: in the edit
        # flow (a new f's surface, then its paths) its region took 3.0 ms an edit, the whole
        # picture 1.5 (Mesa llvmpipe); on screen only the changed rectangle repaints anyway
        sized = self._image is not None and \
            self._image.size() == self.size() * self.view.devicePixelRatioF()
        if self._dirty and self._changed_rect is not None and sized and \
                not self.view.background_fresh and \
                render_region(self.view, self._image, self._changed_rect):
            self._dirty = False           # a frame's few changed pixels rendered alone
        if self._dirty or self._image is None or not (sized or self.keep_on_resize()):
            self.view.resize(self.size())
            self._image = self.view.grabFramebuffer()
            self._image.setDevicePixelRatio(self.view.devicePixelRatioF())
            self._dirty = False
        return self._image

    def sharp_picture(self, ratio: float):
        """The scene rendered at `ratio` × the canvas's size (exports at 2× and 3×
        stay sharp rather than the screen's picture blown up), or None without GL."""
        if not self.has_gl():
            return None
        size = (round(self.width() * ratio), round(self.height() * ratio))
        view, scale = self.view, theme.current().scale
        for item in view.items:        # lines and markers as thick as on screen
            view._scale_item(item, SimpleNamespace(scale=scale * ratio))
        try:
            image = pg.makeQImage(render_scaled(view, size), transpose=False)
        finally:
            for item in view.items:
                view._scale_item(item, SimpleNamespace(scale=scale))
        image.setDevicePixelRatio(ratio)
        return image

    @qt_override
    def paintEvent(self, event):
        if self.isVisible():
            self._ensure_view_shown()
        painter = QPainter(self)
        ratio = abs(painter.deviceTransform().m11())   # 2 in render_widget(…, 2)
        if self.held:
            painter.fillRect(self.rect(), QColor(theme.current().background))
            painter.end()
            return
        if ratio > self.view.devicePixelRatioF() + 0.01:       # an export at 2× or 3×
            image = self.sharp_picture(ratio)
        else:
            image = self.picture()
        if image is None or image.isNull():
            painter.fillRect(self.rect(), self.palette().window())
        else:
            painter.drawImage(self.rect(), image)
        painter.end()

    # the mouse goes to pyqtgraph's handlers: drag rotates (Ctrl-drag pans), wheel zooms
    @qt_override
    def mousePressEvent(self, event):
        self.view.mousePressEvent(event)

    @qt_override
    def mouseMoveEvent(self, event):
        self.view.mouseMoveEvent(event)

    @qt_override
    def mouseReleaseEvent(self, event):
        self.view.mouseReleaseEvent(event)

    @qt_override
    def wheelEvent(self, event):
        self.view.wheelEvent(event)
        event.accept()


class LabelledGLView(gl.GLViewWidget):
    """A GLViewWidget with `set_labels([(xyz, text), ...])`: each text centred on the
    screen projection of its 3-D point, kept there as the camera moves.

    It is shown through `self.canvas` (put the canvas in layouts, not the view): the
    view itself is a hidden top-level window of its own, deleted with the canvas.

    Background items (`set_background_items`: the surface, grid, axes) are drawn into a
    cached framebuffer, colour and depth; a change made inside `with
    view.foreground_change():` (a descent frame moving the paths) copies that cache and
    draws only the other items over it, depth-tested against the surface as before.
    With software OpenGL the 100×100 surface is most of a frame's cost. Any other
    change (camera, data, theme, size) draws everything anew."""

    def __init__(self):
        super().__init__()
        self.canvas = GLCanvas(self)
        # Its own window, never on screen, not one the application waits for before
        # quitting, deleted with the canvas. Not the canvas's child: a GL widget anywhere
        # under a window (even a window of its own) marks that window for GL composition.
        self.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
        self.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)
        self.canvas.destroyed.connect(self._on_canvas_destroyed)
        self._labels: list[tuple[QVector3D, QLabel]] = []
        self._label_axes: list = []      # each label's axis (set_labels)
        self._label_anchors: list = []   # each label's tick on its axis, or None (set_labels)
        self._background: list = []
        self._cache = None               # QOpenGLFramebufferObject of the background
        self._cache_valid = False
        self.background_fresh = False    # the last render drew the background anew
        self._foreground_only = False    # inside foreground_change()
        self._layer = None               # "background" / "foreground" while drawing one
        theme.notifier.changed.connect(self._on_theme)

    def _on_canvas_destroyed(self):
        self._labels = []                # they were the canvas's children
        self.canvas = None
        self.deleteLater()

    @qt_override
    def paintEvent(self, event):
        """Nothing: never on screen, it renders when the canvas grabs it (grabFramebuffer
        renders); its own paints (on show, after a resize) were renders nobody saw."""

    def update(self):
        """Items and camera moves call this: the canvas renders the scene anew when it
        next paints (the hidden window itself never repaints)."""
        change = getattr(self, "_foreground_only", None)    # None while pyqtgraph sets up
        if change is False:
            self._cache_valid = False
        elif change is not None:       # the canvas is told once, on leaving the change
            change.touched = True
            return
        canvas = getattr(self, "canvas", None)
        if canvas is not None:
            canvas.scene_changed()

    # --- the cached background ---------------------------------------------------
    def set_background_items(self, items) -> None:
        self._background = list(items)
        self._cache_valid = False

    @contextmanager
    def foreground_change(self):
        """Changes made inside leave the background items and the camera alone. The
        object yielded takes `region`: a QRect of the canvas holding every pixel they
        changed (the rest of the canvas, and the labels on it, then do not repaint)."""
        change = self._foreground_only = SimpleNamespace(region=None, touched=False)
        try:
            yield change
        finally:
            self._foreground_only = False
            canvas = getattr(self, "canvas", None)
            if change.touched and canvas is not None:
                canvas.scene_changed(change.region)

    def drawItemTree(self, item=None, useItemNames=False):
        if item is not None or self._layer is None:
            return super().drawItemTree(item, useItemNames)
        everything = self.items
        wanted = self._layer == "background"
        self.items = [i for i in everything if (i in self._background) == wanted]
        try:
            super().drawItemTree(None, useItemNames)
        finally:
            self.items = everything

    @qt_override
    def paintGL(self):
        if not self._background:
            super().paintGL()
            self._place_labels()
        elif self._paint_layers():
            # a frame that only moved the paths left the camera and size alone: the
            # labels stay where they are (placing 19 of them costs ~1 ms a frame)
            self._place_labels()

    def _paint_layers(self) -> bool:
        """Draw the scene from the cached background; True when the background (and
        so possibly the camera or the size) was drawn anew."""
        region = self.getViewport()
        target = self.defaultFramebufferObject()
        w, h = region[2], region[3]
        if self._cache is None or (self._cache.width(), self._cache.height()) != (w, h):
            self._cache = QOpenGLFramebufferObject(
                w, h, QOpenGLFramebufferObject.Attachment.CombinedDepthStencil)
            self._cache_valid = False
        redrawn = not self._cache_valid
        self.background_fresh = redrawn
        if redrawn:
            GL.glBindFramebuffer(GL.GL_FRAMEBUFFER, self._cache.handle())
            GL.glViewport(*region)
            self._layer = "background"
            try:
                self.paint(region=region, viewport=region)
            finally:
                self._layer = None
            self._cache_valid = True
        GL.glBindFramebuffer(GL.GL_READ_FRAMEBUFFER, self._cache.handle())
        GL.glBindFramebuffer(GL.GL_DRAW_FRAMEBUFFER, target)
        GL.glBlitFramebuffer(0, 0, w, h, 0, 0, w, h,
                             GL.GL_COLOR_BUFFER_BIT | GL.GL_DEPTH_BUFFER_BIT, GL.GL_NEAREST)
        GL.glBindFramebuffer(GL.GL_FRAMEBUFFER, target)
        GL.glViewport(*region)
        self.setProjection(region, region)
        self.setModelview()
        self._layer = "foreground"
        try:
            self.drawItemTree()
        finally:
            self._layer = None
        return redrawn

    # --- theme -------------------------------------------------------------------
    def addItem(self, item):
        super().addItem(item)
        self._scale_item(item, theme.current())

    @staticmethod
    def _scale_item(item, t):
        """Line width (GLLinePlotItem) or pixel point size (GLScatterPlotItem) × scale,
        from the value the item had when it was added."""
        for attr in ("width", "size"):
            base = getattr(item, "_theme_" + attr, None)
            if base is None and isinstance(getattr(item, attr, None), (int, float)):
                base = getattr(item, attr)
                setattr(item, "_theme_" + attr, base)
            if base is not None and not (attr == "size" and not getattr(item, "pxMode", True)):
                item.setData(**{attr: base * t.scale})

    @staticmethod
    def _colour_label(label) -> None:
        """The theme's ink through the label's palette, not a style sheet: the labels
        repaint with every frame of the picture under them, and 19 style-sheeted
        labels cost ~10 ms a frame (QStyleSheetStyle), plain ones next to nothing."""
        palette = label.palette()
        palette.setColor(QPalette.ColorRole.WindowText, QColor(theme.current().foreground))
        label.setPalette(palette)

    def _on_theme(self, t):
        self.setBackgroundColor(t.background)
        for item in self.items:
            self._scale_item(item, t)
        for _, label in self._labels:
            self._colour_label(label)
        self.refit_labels()
        self.update()

    def refit_labels(self):
        for _, label in self._labels:
            label.adjustSize()
        self._place_labels()

    # --- labels --------------------------------------------------------------------
    def set_labels(self, labels, axes=None, anchors=None) -> None:
        """`axes`: each label's axis (other axes' labels keep `axes_apart` px apart)."""
        self._label_axes = list(axes) if axes is not None else [None] * len(labels)
        # each label's tick on its axis ((x, y, z) or None), which it is kept clear of
        self._label_anchors = [a and QVector3D(*a) for a in anchors or []]
        while len(self._labels) < len(labels):
            label = QLabel(self.canvas)
            label.setProperty("themeManaged", True)
            self._colour_label(label)
            self._labels.append((QVector3D(), label))
        for i, (_, label) in enumerate(self._labels):
            if i < len(labels):
                (x, y, z), text = labels[i]
                if label.text() != text:
                    label.setText(text)
                    label.adjustSize()
                self._labels[i] = (QVector3D(float(x), float(y), float(z)), label)
            elif not label.isHidden():
                label.hide()
        # the labels in use are shown (or hidden where they would overlap) by _place_labels:
        # showing them all first flickered every hidden one on and off with each new f
        self._n_labels = len(labels)
        self._place_labels()

    def pinned_labels(self) -> list:
        """(3-D point, QLabel) of each label set, shown or hidden."""
        return self._labels[:getattr(self, "_n_labels", 0)]

    def label_texts(self) -> list[str]:      # (shown or, overlapping another, hidden)
        return [label.text() for _, label in self.pinned_labels()]

    _to_screen = screen_matrix           # 3-D point → canvas pixel, for the camera as it is

    def label_rect(self, index: int, mvp: QMatrix4x4 | None = None) -> QRectF:
        """Label `index`'s rectangle (canvas px) before it is kept inside the canvas."""
        mvp, (point, label) = self._to_screen() if mvp is None else mvp, self._labels[index]
        anchor = (self._label_anchors + [None] * (index + 1))[index]
        at = (lambda v: None if v is None else mvp.map(v).toPointF())
        return placed_rect(at(point), label.width(), label.height(), at(anchor))

    def labels_overflow(self) -> float:
        """px the labels would reach past the canvas's edges, at most (0: all inside; the
        camera steps back until they are, surface_camera: placed, they're pushed in)."""
        mvp, w, h = self._to_screen(), self.width(), self.height()
        rects = [self.label_rect(i, mvp) for i in range(len(self.pinned_labels()))]
        return max([0.0] + [max(-r.left(), r.right() - w, -r.top(), r.bottom() - h)
                            for r in rects])

    def _place_labels(self):
        w, h = max(self.width(), 1), max(self.height(), 1)
        mvp = self._to_screen()
        # Labels that would overlap others are hidden, an axis's ticks thinned to a
        # regular step (tick_thinning): on a short pane or a flat camera ticks crowd.
        labels = [label for _point, label in self.pinned_labels()]
        for i, label in enumerate(labels):
            r = self.label_rect(i, mvp)
            # kept whole inside the canvas: a tick at the edge reads "1.5e3", not "5e3"
            target = QPoint(min(max(round(r.left()), 0), w - label.width()),
                            min(max(round(r.top()), 0), h - label.height()))
            if label.pos() != target:          # no move, no repaint: no paint loop
                label.move(target)
        # (each label's glyphs, not its line, 2 px apart; as many axes as labels, CI)
        axes = (self._label_axes + [None] * len(labels))[:len(labels)]
        shown = shown_labels([ink_rect(label) for label in labels], axes,
                             [label.text() for label in labels],
                             [axes_apart(label) for label in labels])
        for label, free in zip(labels, shown):
            if label.isHidden() == free:
                label.setVisible(free)
