"""What a lecturer reads off the screen: each visible text's colour against the colour
the screen really shows behind it (the commonest pixel of its rectangle in a grab),
check-box frames against theirs, and the SI-prefix state of every visible axis.

`findings(window, image)` lists every text/background pair under 4.5:1, every check-box
frame under 3:1 and every axis that rescales its numbers, as readable strings.
"""
from __future__ import annotations

import re

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QLabel, QStyle,
                               QStyleOptionButton)

from gui.widgets.theme import AA_GRAPHICS, AA_TEXT, contrast

_SPAN_COLOUR = re.compile(r"color:\s*(#[0-9a-fA-F]{3,8})")
# a span of line glyphs only: a legend's swatch, in its curve's own colour (a graphic: 3:1)
_SWATCH = re.compile(r"color:\s*(#[0-9a-fA-F]{3,8})[^>]*>\s*[━─]+\s*<")


def pixels(image) -> np.ndarray:
    """(h, w, 3) uint8 RGB of a QImage."""
    img = image.convertToFormat(image.Format.Format_RGB888)
    arr = np.frombuffer(img.constBits(), np.uint8).reshape(img.height(), img.bytesPerLine())
    return arr[:, :img.width() * 3].reshape(img.height(), img.width(), 3).copy()


def mode_colour(rgb: np.ndarray, rect: QRect) -> QColor | None:
    """The commonest colour in `rect` of the grab (the background behind a text)."""
    h, w = rgb.shape[:2]
    x0, y0 = max(rect.left(), 0), max(rect.top(), 0)
    x1, y1 = min(rect.right() + 1, w), min(rect.bottom() + 1, h)
    if x1 - x0 < 2 or y1 - y0 < 2:
        return None
    flat = rgb[y0:y1, x0:x1].reshape(-1, 3).astype(np.int64)
    keys = (flat[:, 0] << 16) | (flat[:, 1] << 8) | flat[:, 2]
    values, counts = np.unique(keys, return_counts=True)
    k = int(values[np.argmax(counts)])
    return QColor(k >> 16, (k >> 8) & 255, k & 255)


def _rect_in(window, widget, rect=None) -> QRect:
    rect = rect if rect is not None else widget.rect()
    return QRect(widget.mapTo(window, rect.topLeft()), rect.size())


def _shown(window, widget) -> bool:
    return widget.isVisibleTo(window) and widget.isVisible() \
        and not widget.visibleRegion().isEmpty() and widget.isEnabled()


def _check(out, what, fg, bg, need=AA_TEXT):
    if bg is None:
        return
    ratio = contrast(fg, bg)
    if ratio < need - 0.01:
        out.append(f"{what}: {QColor(fg).name()} on {bg.name()} = {ratio:.2f}:1")


def findings(window, image) -> list[str]:
    rgb, out = pixels(image), []
    for label in window.findChildren(QLabel):
        if not _shown(window, label) or not label.text().strip():
            continue
        # what of it the page shows: a label scrolled out of its page but for a sliver
        # (less than half a line) shows no text, and its rectangle's colour there is
        # the page's frame, not its background
        seen = label.visibleRegion().boundingRect()
        if seen.height() < label.fontMetrics().height() / 2:
            continue
        bg = mode_colour(rgb, _rect_in(window, label, seen))
        name = f"QLabel {label.text()[:40]!r}"
        _check(out, name, label.palette().color(label.foregroundRole()), bg)
        swatches = _SWATCH.findall(label.text())
        for colour in _SPAN_COLOUR.findall(label.text()):
            if colour in swatches:
                swatches.remove(colour)
                _check(out, f"{name} swatch", colour, bg, AA_GRAPHICS)
            else:
                _check(out, f"{name} span", colour, bg)
    for box in window.findChildren(QCheckBox):
        if not _shown(window, box):
            continue
        # as a label's: what of it the page shows (the Neuron page at text size 1.5 ends
        # on the 3-D view's "Tangent plane" a few pixels in view, its box scrolled away)
        seen = box.visibleRegion().boundingRect()
        if seen.height() < box.fontMetrics().height() / 2:
            continue
        bg = mode_colour(rgb, _rect_in(window, box, seen))
        _check(out, f"QCheckBox {box.text()!r}", box.palette().color(box.foregroundRole()), bg)
        opt = QStyleOptionButton()
        box.initStyleOption(opt)
        indicator = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, opt, box)
        if seen.contains(indicator):
            frame = _rect_in(window, box, indicator)
            _check(out, f"QCheckBox {box.text()!r} frame", _most_distinct(rgb, frame, bg), bg,
                   AA_GRAPHICS)
    for view in window.findChildren(QAbstractItemView):
        if _shown(window, view) and view.model() is not None:
            _cells(window, view, rgb, out)
    for view in window.findChildren(pg.GraphicsView):
        if _shown(window, view):
            _plot_items(window, view, rgb, out)
    return out


def _most_distinct(rgb, rect, bg):
    """The pixel in `rect` that contrasts most with `bg` (a frame's darkest/lightest)."""
    if bg is None:
        return QColor("#000000")
    x0, y0 = max(rect.left(), 0), max(rect.top(), 0)
    patch = rgb[y0:rect.bottom() + 1, x0:rect.right() + 1].reshape(-1, 3)
    best, best_ratio = bg, 1.0
    for r, g, b in {tuple(p) for p in patch.tolist()}:
        ratio = contrast(QColor(r, g, b), bg)
        if ratio > best_ratio:
            best, best_ratio = QColor(r, g, b), ratio
    return best


def _cells(window, view, rgb, out):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QRegion
    from PySide6.QtWidgets import QListView
    model, port = view.model(), view.viewport()
    columns = 1 if isinstance(view, QListView) else model.columnCount()
    for row in range(min(model.rowCount(), 60)):
        for col in range(columns):
            index = model.index(row, col)
            rect = view.visualRect(index)
            text = index.data(Qt.ItemDataRole.DisplayRole)
            # wholly on screen: a list inside a scrolled side panel can have rows hidden
            # under the panel's edge, where the picture shows something else
            if not text or not rect.isValid() or not port.rect().contains(rect) or \
                    port.visibleRegion().intersected(QRegion(rect)) != QRegion(rect):
                continue
            selected = view.selectionModel() is not None and \
                view.selectionModel().isSelected(index)
            fg = index.data(Qt.ItemDataRole.ForegroundRole)
            fg = (fg.color() if hasattr(fg, "color") else QColor(fg)) if fg is not None else \
                view.palette().color(view.palette().ColorRole.HighlightedText if selected
                                     else view.palette().ColorRole.Text)
            bg = mode_colour(rgb, _rect_in(window, port, rect))
            _check(out, f"cell ({row}, {col}) {str(text)[:20]!r}", fg, bg)


def _plot_items(window, view, rgb, out):
    for item in view.scene().items():
        if not item.isVisible() or item.opacity() == 0:
            continue
        if isinstance(item, pg.AxisItem):
            if item.autoSIPrefixScale != 1.0 or item.labelUnitPrefix:
                out.append(f"axis {item.labelText!r} rescaled ×{1 / item.autoSIPrefixScale:g}")
            if item.style.get("showValues", True) and item.height() > 0 and item.width() > 0:
                colour = item.textPen().color()
                _check(out, f"axis {item.labelText!r} numbers", colour,
                       _item_background(window, view, item, rgb))
                if item.label.isVisible() and item.labelText:
                    css = _SPAN_COLOUR.search(item.labelString())
                    if css:
                        _check(out, f"axis label {item.labelText!r}", css[1],
                               _item_background(window, view, item, rgb))
        elif isinstance(item, pg.TextItem) and item.textItem.toPlainText().strip():
            _check(out, f"text {item.textItem.toPlainText()[:30]!r}", item.color,
                   _item_background(window, view, item, rgb))
        elif isinstance(item, pg.LabelItem) and item.text:
            colour = item.opts.get("color") or pg.getConfigOption("foreground")
            _check(out, f"label {item.text[:30]!r}", pg.mkColor(colour),
                   _item_background(window, view, item, rgb))


def _item_background(window, view, item, rgb):
    rect = view.mapFromScene(item.sceneBoundingRect()).boundingRect()
    rect = rect.intersected(view.rect())
    return mode_colour(rgb, QRect(view.mapTo(window, rect.topLeft()), rect.size()))


def line_seen(window, item, rgb, need=AA_GRAPHICS, every=5) -> list[str]:
    """Where a plotted line (a PlotDataItem of segment pairs) fails to stand out from
    what is around it: at every `every`-th segment's middle, a 7×7 patch must hold at
    least 3 pixels at `need`:1 against the commonest colour of a 21×21 patch."""
    from PySide6.QtCore import QPointF
    xs, ys = item.getData()
    if xs is None or not len(xs) or not item.isVisible():
        return [f"line {item} not shown"]
    vb = item.getViewBox()
    view = vb.scene().views()[0]
    h, w = rgb.shape[:2]
    out = []
    for k in range(0, len(xs) - 1, 2 * every):
        mid = QPointF((xs[k] + xs[k + 1]) / 2, (ys[k] + ys[k + 1]) / 2)
        in_view = view.mapFromScene(vb.mapViewToScene(mid))
        p = view.mapTo(window, in_view)
        if not vb.viewRect().contains(mid) or not view.visibleRegion().contains(in_view) \
                or not vb.sceneBoundingRect().contains(vb.mapViewToScene(mid)) \
                or not (10 <= p.x() < w - 10 and 10 <= p.y() < h - 10):
            continue        # a squeezed layout shows part of the map only
        around = mode_colour(rgb, QRect(p.x() - 10, p.y() - 10, 21, 21))
        patch = rgb[p.y() - 3:p.y() + 4, p.x() - 3:p.x() + 4].reshape(-1, 3)
        strong = sum(contrast(QColor(*map(int, px)), around) >= need for px in patch)
        if strong < 3:
            out.append(f"line at ({mid.x():.2f}, {mid.y():.2f}) on {around.name()}: "
                       f"{strong} px at {need}:1")
    return out
