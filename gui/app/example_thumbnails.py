"""Small live pictures of the gallery's examples, computed by the engine.

Two variables: f on a 72×72 grid over the preset's window, quantile-normalised (so a
steep valley and a gentle bowl both show their structure) and coloured with the app's
colour map, dark = low; the start point is a ringed dot. One variable: the curve of f
with its start point. Pictures are cached by expression, window and theme, so the
gallery opens instantly the second time.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen, QPixmap

from engine.expression import parse
from gui.widgets import theme as themes
from gui.widgets.palette import COLORMAP, CURVE_COLOURS, OKABE_ITO

GRID = 72            # samples per side of a 2-D picture
CURVE_SAMPLES = 160  # samples of a 1-D curve
SIZE = 112           # the picture's side in pixels (at text scale 1)

_CACHE: dict[tuple, QPixmap] = {}


def cache_key(preset: dict, size: int = SIZE) -> tuple:
    window = tuple(tuple(float(v) for v in w) for w in preset["window"])
    return preset["expr"], window, int(size), themes.current().name


def cached(preset: dict, size: int = SIZE) -> QPixmap | None:
    return _CACHE.get(cache_key(preset, size))


def thumbnail(preset: dict, size: int = SIZE) -> QPixmap:
    """The preset's picture (from the cache when it was drawn before)."""
    key = cache_key(preset, size)
    if key not in _CACHE:
        try:
            _CACHE[key] = _draw(preset, size)
        except Exception:                      # noqa: BLE001 — a tile never breaks the gallery
            _CACHE[key] = _placeholder(preset, size)
    return _CACHE[key]


def grid_values(preset: dict, n: int = GRID) -> np.ndarray:
    """f on an n×n grid over the window; row 0 is the window's top (largest y)."""
    f = parse(preset["expr"])
    (x0, x1), (y0, y1) = preset["window"][:2]
    xs = np.linspace(float(x0), float(x1), n)
    ys = np.linspace(float(y1), float(y0), n)
    X, Y = np.meshgrid(xs, ys)
    with np.errstate(all="ignore"):
        Z = np.asarray(f(X, Y), dtype=float) * np.ones_like(X)
    return Z


def quantile_levels(Z: np.ndarray) -> np.ndarray:
    """Each finite value's rank in [0, 1] (0 = lowest); non-finite ones become 1."""
    flat = Z.ravel()
    finite = np.isfinite(flat)
    out = np.ones_like(flat)
    if finite.sum() > 1:
        order = np.argsort(flat[finite], kind="stable")
        ranks = np.empty(order.size)
        ranks[order] = np.arange(order.size) / (order.size - 1)
        out[finite] = ranks
    return out.reshape(Z.shape)


def _draw(preset: dict, size: int) -> QPixmap:
    dimension = parse(preset["expr"]).dimension
    if dimension == 2 and len(preset["window"]) >= 2:
        return _draw_map(preset, size)
    if dimension == 1:
        return _draw_curve(preset, size)
    return _placeholder(preset, size)


def _draw_map(preset: dict, size: int) -> QPixmap:
    import pyqtgraph as pg
    levels = quantile_levels(grid_values(preset))
    table = pg.colormap.get(COLORMAP).getLookupTable(nPts=256, alpha=False)
    rgb = np.ascontiguousarray(table[np.clip((levels * 255).astype(int), 0, 255)][..., :3],
                               dtype=np.uint8)
    n = rgb.shape[0]
    image = QImage(rgb.data, n, n, 3 * n, QImage.Format.Format_RGB888).copy()
    pixmap = QPixmap(size, size)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    painter.drawImage(QRectF(0, 0, size, size), image)
    (x0, x1), (y0, y1) = preset["window"][:2]
    sx, sy = preset["start"][:2]
    point = QPointF((sx - x0) / (x1 - x0) * size, (y1 - sy) / (y1 - y0) * size)
    _mark_start(painter, point, size)
    painter.end()
    return pixmap


def _draw_curve(preset: dict, size: int) -> QPixmap:
    t = themes.current()
    f = parse(preset["expr"])
    x0, x1 = map(float, preset["window"][0])
    xs = np.linspace(x0, x1, CURVE_SAMPLES)
    with np.errstate(all="ignore"):
        ys = np.asarray(f(xs), dtype=float) * np.ones_like(xs)
    finite = ys[np.isfinite(ys)]
    lo, hi = (np.percentile(finite, [1, 99]) if finite.size else (0.0, 1.0))
    if hi - lo < 1e-12:
        lo, hi = lo - 1, hi + 1
    pad = 0.08 * (hi - lo)
    lo, hi = lo - pad, hi + pad
    margin = size * 0.06

    def to_px(x, y):
        return QPointF((x - x0) / (x1 - x0) * size,
                       margin + (hi - y) / (hi - lo) * (size - 2 * margin))

    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(t.background))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setClipRect(QRectF(0, 0, size, size))
    axis = QColor(t.foreground)
    axis.setAlpha(70)
    painter.setPen(QPen(axis, 1))
    if lo < 0 < hi:
        painter.drawLine(to_px(x0, 0), to_px(x1, 0))
    if x0 < 0 < x1:
        painter.drawLine(to_px(0, lo), to_px(0, hi))
    path, drawing = QPainterPath(), False
    for x, y in zip(xs, ys):
        if not np.isfinite(y):
            drawing = False
            continue
        y = min(max(y, lo - (hi - lo)), hi + (hi - lo))     # keep Qt's numbers sane
        path.lineTo(to_px(x, y)) if drawing else path.moveTo(to_px(x, y))
        drawing = True
    painter.setPen(QPen(QColor(CURVE_COLOURS["f"]), max(2.0, size / 50)))
    painter.drawPath(path)
    sx = float(preset["start"][0])
    with np.errstate(all="ignore"):
        sy = float(f(sx))
    if np.isfinite(sy):
        _mark_start(painter, to_px(sx, min(max(sy, lo), hi)), size)
    painter.end()
    return pixmap


def _mark_start(painter: QPainter, point: QPointF, size: int) -> None:
    """The start point: a light dot ringed in dark, seen on any colour."""
    r = max(3.0, size / 28)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor(OKABE_ITO[-1]), max(1.5, size / 70)))
    painter.setBrush(QColor(CURVE_COLOURS["tangent"]))
    painter.drawEllipse(point, r, r)


def _placeholder(preset: dict, size: int) -> QPixmap:
    """Three or more variables, or a formula that cannot be drawn: the formula as text."""
    t = themes.current()
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(t.alternate))
    painter = QPainter(pixmap)
    painter.setPen(QColor(t.foreground))
    painter.drawRect(0, 0, size - 1, size - 1)
    painter.drawText(QRectF(4, 4, size - 8, size - 8),
                     int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
                     preset["expr"])
    painter.end()
    return pixmap
