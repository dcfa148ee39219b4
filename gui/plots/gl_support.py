"""What the 3-D view needs from OpenGL before any widget: whether this display gives an
OpenGL 2.1+ context at all, and the soft two-sided lighting shader of the surface
(moved out of gl_canvas.py, which holds the canvas and its labels)."""
from __future__ import annotations

from pyqtgraph.opengl import shaders
from PySide6.QtGui import QGuiApplication, QOffscreenSurface, QOpenGLContext


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
