"""The OpenGL canvas of the 3-D view: whether OpenGL is there at all, a soft
lighting shader, and text labels pinned to 3-D points.

Labels are QLabels laid over the GL widget and moved after every frame, not
GLTextItems: a GLTextItem paints with a QPainter inside paintGL, which QWidget.grab
(what screenshots use) drops, and a QLabel gets the UI's own crisp font (so the
labels grow with the application font of gui.theme's presentation scale).

The canvas follows gui.theme: its background, the labels' colour, and line widths
and point sizes (× scale) of every item added, now or later.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph.opengl as gl
from pyqtgraph.opengl import shaders
from PySide6.QtCore import QPoint, QRectF
from PySide6.QtGui import QGuiApplication, QMatrix4x4, QOffscreenSurface, QOpenGLContext, QVector3D
from PySide6.QtWidgets import QLabel

from . import theme


def opengl_available() -> bool:
    """Whether this display gives an OpenGL 2.1+ context (checked without a widget, since
    a GLViewWidget without a valid context segfaults when read back)."""
    if QGuiApplication.platformName() in ("offscreen", "minimal"):
        return False
    context = QOpenGLContext()
    if not context.create():
        return False
    surface = QOffscreenSurface()
    surface.create()
    ok = context.makeCurrent(surface)
    version = context.format().version()
    context.doneCurrent()
    return bool(ok) and tuple(version) >= (2, 1)


def fast_vertex_normals(item) -> np.ndarray:
    """Give `item` (a GLMeshItem, e.g. GLSurfacePlotItem, right after its setData) the
    smooth vertex normals pyqtgraph would compute, with numpy: (n_vertices, 3) float32,
    each the normalised sum of the area-weighted normals of the faces around it.

    pyqtgraph's MeshData.vertexNormals walks the vertices in a Python loop (~0.5 s for
    a 100×100 surface, on every change); the item picks up the cached result instead
    when it next paints. Vertices in no face get (0, 0, 0), as in pyqtgraph.
    """
    md = item.opts["meshdata"]
    verts = md.vertexes()
    faces = md.faces()
    if verts is None or faces is None:
        return None
    v = verts.astype(np.float64)
    tri = v[faces]                                              # (n_faces, 3, 3)
    face_normals = np.cross(tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0])
    index = faces.ravel()
    total = np.empty((len(v), 3))
    for k in range(3):   # each face's normal to each of its three corners
        total[:, k] = np.bincount(index, weights=np.repeat(face_normals[:, k], 3),
                                  minlength=len(v))
    length = np.sqrt((total ** 2).sum(axis=1, keepdims=True))
    with np.errstate(invalid="ignore", divide="ignore"):
        normals = np.where(length > 0, total / length, 0.0).astype(np.float32)
    md._vertexNormals = normals          # what md.vertexNormals() returns from now on
    return normals


# Two-sided soft lighting that keeps the colour map's colours (pyqtgraph's "shaded"
# darkens faces turned from its light to 20 %, and lights one side only).
LIT = shaders.ShaderProgram("gradient_lab_lit", [
    shaders.VertexShader("""
        uniform mat4 u_mvp;
        uniform mat3 u_normal;
        attribute vec4 a_position;
        attribute vec3 a_normal;
        attribute vec4 a_color;
        varying vec4 v_color;
        varying vec3 v_normal;
        void main() {
            v_normal = normalize(u_normal * a_normal);
            v_color = a_color;
            gl_Position = u_mvp * a_position;
        }"""),
    shaders.FragmentShader("""
        #ifdef GL_ES
        precision mediump float;
        #endif
        varying vec4 v_color;
        varying vec3 v_normal;
        void main() {
            float p = abs(dot(normalize(v_normal), normalize(vec3(0.3, 0.5, 1.0))));
            gl_FragColor = vec4(v_color.rgb * (0.5 + 0.5 * p), v_color.a);
        }"""),
])


class LabelledGLView(gl.GLViewWidget):
    """A GLViewWidget with `set_labels([(xyz, text), ...])`: each text centred on the
    screen projection of its 3-D point, kept there as the camera moves."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._labels: list[tuple[QVector3D, QLabel]] = []
        theme.notifier.changed.connect(self._on_theme)

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

    def _label_style(self) -> str:
        return f"color: {theme.current().foreground}; background: transparent;"

    def _on_theme(self, t):
        self.setBackgroundColor(t.background)
        for item in self.items:
            self._scale_item(item, t)
        for _, label in self._labels:
            label.setStyleSheet(self._label_style())
            label.adjustSize()
        self._place_labels()
        self.update()

    def changeEvent(self, event):
        super().changeEvent(event)
        if event.type() == event.Type.FontChange:     # a new presentation scale
            for _, label in self._labels:
                label.adjustSize()
            self._place_labels()

    # --- labels --------------------------------------------------------------------
    def set_labels(self, labels) -> None:
        while len(self._labels) < len(labels):
            label = QLabel(self)
            label.setProperty("themeManaged", True)
            label.setStyleSheet(self._label_style())
            self._labels.append((QVector3D(), label))
        for i, (_, label) in enumerate(self._labels):
            if i < len(labels):
                (x, y, z), text = labels[i]
                label.setText(text)
                label.adjustSize()
                self._labels[i] = (QVector3D(float(x), float(y), float(z)), label)
            label.setVisible(i < len(labels))
        self._place_labels()

    def label_texts(self) -> list[str]:
        return [label.text() for _, label in self._labels if not label.isHidden()]

    def paintGL(self):
        super().paintGL()
        self._place_labels()

    def _place_labels(self):
        w, h = max(self.width(), 1), max(self.height(), 1)
        to_screen = QMatrix4x4()
        rect = QRectF(0, 0, w, h)
        to_screen.viewport(rect.left(), rect.bottom(), rect.width(), -rect.height())
        mvp = to_screen * self.projectionMatrix((0, 0, w, h), (0, 0, w, h)) * self.viewMatrix()
        for point, label in self._labels:
            p = mvp.map(point).toPointF()
            target = QPoint(round(p.x() - label.width() / 2), round(p.y() - label.height() / 2))
            if label.pos() != target:          # no move, no repaint: no paint loop
                label.move(target)
