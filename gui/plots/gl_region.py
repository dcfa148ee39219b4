"""Render a part of the 3-D view's picture: the scene drawn anew inside one rectangle
only (GL scissor) and just those pixels read back into the canvas's kept picture.

A descent frame changes a few hundred pixels around the paths' new steps; rendering the
whole framebuffer and reading it all back (QOpenGLWidget.grabFramebuffer) cost most of
the 3-D view's time a frame with software OpenGL. Inside the rectangle the pixels are
those of a full render (the same draw calls, rasterised per pixel; the scissor only
drops the fragments outside).
"""
from __future__ import annotations

import numpy as np
from OpenGL import GL
from PySide6.QtCore import QRect
from PySide6.QtGui import QImage, QPainter


def render_region(view, image: QImage, rect: QRect) -> bool:
    """Draw `view`'s scene inside `rect` (canvas pixels) and copy it into `image` (the
    picture of the whole view, kept from an earlier render). False, having done
    nothing, where this cannot be done exactly (a scaled or multisampled framebuffer, a
    background to draw anew): the caller then renders the whole picture."""
    cache = view._cache          # the background must be kept whole: it is not redrawn here
    if view.devicePixelRatioF() != 1 or view.format().samples() > 1 or \
            image.size() != view.size() or not view._cache_valid or cache is None or \
            cache.size() != view.size():
        return False
    region = rect.intersected(QRect(0, 0, image.width(), image.height()))
    if region.isEmpty():
        return True
    height = image.height()
    bottom = height - region.y() - region.height()      # GL counts rows from the bottom
    view.makeCurrent()
    try:
        GL.glBindFramebuffer(GL.GL_FRAMEBUFFER, view.defaultFramebufferObject())
        GL.glEnable(GL.GL_SCISSOR_TEST)
        GL.glScissor(region.x(), bottom, region.width(), region.height())
        try:
            view.paintGL()
        finally:
            GL.glDisable(GL.GL_SCISSOR_TEST)
        GL.glBindFramebuffer(GL.GL_FRAMEBUFFER, view.defaultFramebufferObject())
        GL.glPixelStorei(GL.GL_PACK_ALIGNMENT, 1)
        data = GL.glReadPixels(region.x(), bottom, region.width(), region.height(),
                               GL.GL_RGBA, GL.GL_UNSIGNED_BYTE)
    finally:
        view.doneCurrent()
    rows = np.frombuffer(data, np.uint8).reshape(region.height(), region.width(), 4)
    rows = np.ascontiguousarray(rows[::-1])              # top row first, as QImage
    patch = QImage(rows.data, region.width(), region.height(), 4 * region.width(),
                   QImage.Format.Format_RGBA8888_Premultiplied)
    painter = QPainter(image)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
    painter.drawImage(region.topLeft(), patch)
    painter.end()
    return True


def render_scaled(view, size) -> np.ndarray:
    """`view`'s scene rendered at `size` (width, height) pixels, (h, w, 4) BGRA: in one
    piece when the GL allows a framebuffer that large. pyqtgraph's renderToArray draws
    the scene once per 512-px tile (1024² framebuffers, 256 px overlap) and reads each
    back whole: 4 renders and 4 Mpx read for a 2× export's 983×686 px, where one render
    and 1 Mpx give the same pixels (a 60-frame GIF's 3-D view took 7 of its 15 s)."""
    side = max(size) + 2               # a 1-px margin: pyqtgraph slices off its padding
    if side > GL.glGetIntegerv(GL.GL_MAX_TEXTURE_SIZE):
        return view.renderToArray(size)
    return view.renderToArray(size, textureSize=side, padding=1)
