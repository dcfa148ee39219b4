"""Pictures for slides: the plots of a view alone — no check boxes, hints or buttons —
at a scale, with lines as thick as on screen, and a small caption under them (step k,
f of each run, the runs' colours) that can be switched off.

A view's plots are its canvases: every pyqtgraph GraphicsView and the 3-D view's
GLCanvas inside it (not inside another canvas), drawn where they lie in the view; the
picture spans the rectangle that holds them all, so the tool bars above them are out.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QPoint, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPixmap
from PySide6.QtWidgets import QWidget

from gui.explorer.run_notices import critical_end_text
from gui.plots.picture_pens import thick_lines
from gui.widgets import theme
from gui.widgets.number_text import compact

PLOT_VIEWS = ("views", "contour", "surface", "curve", "loss")   # drawn as plots alone


@dataclass(frozen=True)
class Caption:
    """What the caption says: the step, and per run (colour, name, f there, and how it
    ended when the step is past its end: "converged at step 91", else None)."""
    step: int
    runs: tuple = field(default_factory=tuple)     # ((colour, label, f[, ended]), …)

    def text(self) -> str:
        return f"step {self.step}"

    def run_texts(self) -> list[str]:
        """Each run's words, as drawn after its colour swatch."""
        texts = []
        for colour, name, f, *ended in self.runs:
            words = f"{name}  f = {_fmt(f)}"
            if not (ended and ended[0]):
                texts.append(words)
            elif "(" in ended[0]:          # "… (∇f = 0, not a minimum)": no nested brackets
                texts.append(f"{words} — {ended[0]}")
            else:
                texts.append(f"{words} ({ended[0]})")
        return texts


def run_ending(path, frame: int, f=None, window=None) -> str | None:
    """How `path` ended, when `frame` is past its last step (its f is then the one it
    stopped at, not the one at `frame`, and the caption says so, as the live view
    does); None while it is still running at `frame`. With its function `f` (and the
    view `window`), a run that stopped at ∇f = 0 on a saddle or a maximum says so in
    the status line's words (critical_end_text), not "converged"."""
    last = len(path.values) - 1
    if frame <= last:
        return None
    if f is not None and len(f.variables) == path.points.shape[1]:
        critical = critical_end_text(f, path, window)
        if critical:
            return critical
    verb = path.status if path.status in ("converged", "diverged") else "stopped"
    return f"{verb} at step {last}"


def explorer_caption(model) -> Caption | None:
    """The explorer's descent at its current frame; None before there are paths."""
    if not model.paths:
        return None
    runs = []
    for key, path in model.paths.items():     # one per run, in its own colour and label
        k = min(model.frame, len(path.values) - 1)
        runs.append((model.lab.colour(key), model.lab.label(key), float(path.values[k]),
                     run_ending(path, model.frame, model.expression, model.window)))
    return Caption(model.frame, tuple(runs))


def canvases(widget: QWidget) -> list[QWidget]:
    """The visible plot canvases under `widget` (itself if it is one), outermost only."""
    from gui.plots.gl_canvas import GLCanvas   # here: OpenGL is not imported at start-up
    if isinstance(widget, (pg.GraphicsView, GLCanvas)):
        return [widget]
    found = [w for w in widget.findChildren(QWidget)
             if isinstance(w, (pg.GraphicsView, GLCanvas)) and w.isVisibleTo(widget)
             and w.width() > 1 and w.height() > 1]
    return [w for w in found
            if not any(o is not w and o.isAncestorOf(w) for o in found)]


def plot_area(widget: QWidget) -> QRect:
    """The rectangle, in `widget`'s coordinates, that holds all its canvases."""
    area = QRect()
    for canvas in canvases(widget):
        area = area.united(QRect(canvas.mapTo(widget, QPoint(0, 0)), canvas.size()))
    return area if area.isValid() else widget.rect()


def paint_plots(painter: QPainter, widget: QWidget, ratio: float) -> None:
    """Draw `widget`'s canvases (painter in logical pixels, origin at the plot area)."""
    QCoreApplication.processEvents()
    area = plot_area(widget)
    for canvas in canvases(widget) or [widget]:
        offset = canvas.mapTo(widget, QPoint(0, 0)) - area.topLeft()
        scene = canvas.scene() if isinstance(canvas, pg.GraphicsView) else None
        with thick_lines(scene, ratio):
            QWidget.render(canvas, painter, offset)   # not QGraphicsView.render (scene only)


def plots_image(widget: QWidget, scale: float = 1.0, caption: Caption | None = None) -> QImage:
    """The plots of `widget` at `scale` × their size, with `caption` in a strip under
    them (`caption_strip` logical pixels high)."""
    area = plot_area(widget)
    height = area.height() + caption_strip(caption, area.width())
    pixmap = QPixmap(round(area.width() * scale), round(height * scale))
    pixmap.setDevicePixelRatio(scale)
    pixmap.fill(QColor(theme.current().background))
    painter = QPainter(pixmap)
    try:
        paint_plots(painter, widget, scale)
        if caption is not None:
            draw_caption(painter, caption, QRectF(0, 0, area.width(), height))
    finally:
        painter.end()
    image = pixmap.toImage()
    image.setDevicePixelRatio(1.0)
    return image


def _fmt(v: float) -> str:
    """f as the iterate table writes it (number_text.compact, 6 digits): the caption
    read "f = 1.953" for x³ from 1.25 where the table, on the same slide, read 1.953125."""
    return compact(v) if np.isfinite(v) else "diverged"


CAPTION_MARGIN = 6      # logical pixels around the caption's box


def _caption_font() -> QFont:
    font = QFont()
    font.setPointSizeF(9.5 * theme.current().scale)
    font.setBold(False)
    return font


PAD, SWATCH, GAP = 5.0, 12.0, 10.0    # inside the box; a run's swatch; between pieces


def _caption_rows(caption: Caption, width: float) -> list[list[tuple]]:
    """The caption's pieces ((colour or None, text, width), "step k" first) in rows
    that fit a box `width` wide: a race of many runs wraps, rather than running off
    the picture's edge."""
    metrics = QFontMetricsF(_caption_font())
    pieces = [(None, caption.text())] + [(run[0], text) for run, text in
                                         zip(caption.runs, caption.run_texts())]
    rows: list[list[tuple]] = [[]]
    used = 2 * PAD
    for colour, text in pieces:
        w = metrics.horizontalAdvance(text) + (SWATCH + 4 if colour else 0)
        if rows[-1] and used + GAP + w > width:
            rows.append([])
            used = 2 * PAD
        used += (GAP if len(rows[-1]) else 0) + w
        rows[-1].append((colour, text, w))
    return rows


def caption_strip(caption: Caption | None, width: float) -> int:
    """The height (logical pixels) added under plots `width` wide for `caption` (0 for
    None). Under them, not over them: drawn over the plots' bottom edge, the box hid
    the map's x axis title and tick labels and the 3-D view's axes."""
    if caption is None:
        return 0
    line = QFontMetricsF(_caption_font()).height()
    rows = len(_caption_rows(caption, width - 2 * CAPTION_MARGIN))
    return int(np.ceil(rows * line + 2 * PAD + 2 * CAPTION_MARGIN))


def draw_caption(painter: QPainter, caption: Caption, area: QRectF) -> QRectF:
    """The caption in the bottom left corner of `area`: a small box on the plot's own
    background colour, "step k", then a coloured swatch, name and f per run, in as
    many rows as `area`'s width needs. Returns the box (logical pixels)."""
    t = theme.current()
    font = _caption_font()
    line = QFontMetricsF(font).height()
    m = CAPTION_MARGIN
    rows = _caption_rows(caption, area.width() - 2 * m)
    width = max(sum(w for _, _, w in row) + GAP * (len(row) - 1) for row in rows) + 2 * PAD
    height = len(rows) * line + 2 * PAD
    box = QRectF(area.left() + m, area.bottom() - height - m, min(width, area.width() - 2 * m), height)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    fill = QColor(t.background)
    fill.setAlpha(225)
    painter.setPen(QColor(t.foreground))
    painter.setBrush(fill)
    painter.drawRoundedRect(box, 4, 4)
    painter.setClipRect(box)
    painter.setFont(font)
    for r, row in enumerate(rows):
        x, top = box.left() + PAD, box.top() + PAD + r * line
        mid = top + line / 2
        for colour, text, w in row:
            if colour:
                painter.fillRect(QRectF(x, mid - SWATCH / 2, SWATCH, SWATCH), QColor(t.ink(colour)))
                x += SWATCH + 4
            painter.setPen(QColor(t.foreground))
            painter.drawText(QRectF(x, top, w, line),
                             int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), text)
            x += w - (SWATCH + 4 if colour else 0) + GAP
    painter.restore()
    return box
