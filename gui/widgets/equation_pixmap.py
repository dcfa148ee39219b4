"""One formula of the formula panel (`gui.widgets.math_view`) as a pixmap: its SVG
drawn at a size, or its plain text where ziamath failed or has not typeset it yet."""
from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from gui.compute.latex_renderer import BASE_SIZE, TEXT_COLOUR
from gui.widgets import theme

PLAIN_MAX_CHARS = 180  # the plain-text fallback is cut here ("…")
_VIEWBOX = re.compile(r'viewBox="([-\d.e]+) ([-\d.e]+) ([-\d.e]+) ([-\d.e]+)"')


@dataclass
class Equation:
    """One displayed formula: its pixmap (device pixels) and where its baseline is."""
    tex: str
    pixmap: QPixmap
    width: float        # logical pixels at the current scale
    height: float
    baseline: float     # from the top, logical pixels
    kind: str           # "typeset", "text" (ziamath failed) or "pending"
    svg: str | None = None          # to draw it again, sharp, at the size it is fitted to
    fitted: QPixmap | None = None   # that drawing (a shrunk pixmap would be blurred)


def draw_svg(tex: str, svg: str, scale: float, dpr: float) -> Equation | None:
    """ziamath's `svg` of `tex` in the theme's ink at `scale` (None: not drawable)."""
    match = _VIEWBOX.search(svg)
    renderer = QSvgRenderer(QByteArray(svg.encode()))
    if match is None or not renderer.isValid():
        return None
    _x, y0, w, h = (float(v) for v in match.groups())
    ink = theme.current().foreground
    if ink.lower() != TEXT_COLOUR:      # the theme's text colour, same glyphs
        renderer = QSvgRenderer(QByteArray(svg.replace(TEXT_COLOUR, ink).encode()))
    s = scale
    image = QImage(max(1, round(w * s * dpr)), max(1, round(h * s * dpr)),
                   QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    pixmap = QPixmap.fromImage(image)
    pixmap.setDevicePixelRatio(dpr)
    # ziamath puts the baseline at y = 0 of the viewBox
    return Equation(tex, pixmap, w * s, h * s, -y0 * s, "typeset", svg)


def text_equation(tex: str, text: str, kind: str, scale: float, dpr: float) -> Equation:
    """`text` (what stands for `tex`) in plain serif: grey while "pending"."""
    if len(text) > PLAIN_MAX_CHARS:
        text = text[:PLAIN_MAX_CHARS].rstrip() + " …"
    font = QFont("DejaVu Serif")
    font.setPixelSize(max(6, round(0.8 * BASE_SIZE * scale)))
    fm = QFontMetricsF(font)
    w, h = fm.horizontalAdvance(text) + 4, fm.height()
    image = QImage(max(1, round(w * dpr)), max(1, round(h * dpr)),
                   QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(dpr)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setFont(font)
    painter.setPen(QColor("#8a8a8a" if kind == "pending" else theme.current().foreground))
    painter.drawText(QRectF(2, 0, w, h), Qt.AlignmentFlag.AlignVCenter, text)
    painter.end()
    return Equation(tex, QPixmap.fromImage(image), w, h, fm.ascent(), kind)
