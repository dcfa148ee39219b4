"""The theme applied to pyqtgraph plots: a walk over their scenes (used by gui.widgets.theme).

Every item keeps what it looked like at light@1 in an attribute (`_theme_base`), taken
the first time it is seen; restyling derives the current look from that, so it is
idempotent and reversible. Plots keep growing after a theme is applied (a curve per
optimizer, labels per critical point, a rebuilt legend): each scene's `changed`
signal styles the items it has not seen yet, so views need no theme code of their own.

Sizes at scale s: pen widths × s, marker sizes × s, fonts × s (fonts the plot did not
set follow the application's base font). Colours: near-black neutral pens and texts
become the theme's foreground, near-white text fills its background (Theme.ink/fill);
every text colour is then made readable on what is behind it (Theme.text, 4.5:1).
Items drawn on a colour map (`keep_colour_on_map`: the arrows' halo, the a = 0.5 line,
heat-map values) keep their colours, chosen against the map, which no theme changes.
"""
from __future__ import annotations

import re

import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen, QPicture
from PySide6.QtWidgets import QApplication

from gui.widgets.theme import add_restyler, base_point_size, current

_ATTR = "_theme_base"
# the scale an item's sizes were last set for: a theme toggle at the same text size sets
# only colours. Setting the same fonts and sizes again reset each axis's room for its
# ticks and re-sized markers and texts, so every view was laid out, re-ranged and its
# ticks measured again (Ctrl+D: ~4 view resizes and refits, about half the toggle)
_SIZED = "_theme_sized_for"
_SIZE = re.compile(r"([\d.]+)\s*(pt|px)")


def restyle_plots(root, t) -> None:
    """Restyle every pyqtgraph view under `root` (and root itself) for theme `t`."""
    views = root.findChildren(pg.GraphicsView)
    if isinstance(root, pg.GraphicsView):
        views.append(root)
    for view in views:
        view.setBackground(t.background)
        scene = view.scene()
        if scene is None:
            continue
        if not getattr(scene, "_theme_hooked", False):
            scene._theme_hooked = True
            scene.changed.connect(lambda _rects, s=scene: _style_new(s))
        for item in scene.items():
            style_item(item, t)


def _style_new(scene) -> None:
    t = current()
    if t.scale == 1.0 and not t.dark:
        # light@1 is every item's base look: new items are right as built (and
        # nothing need be recorded, which keeps animation frames cheap)
        return
    for item in scene.items():
        if not hasattr(item, _ATTR):
            style_item(item, t)


def style_now(item) -> None:
    """Give one new item (its light@1 look already set) the look in use now, before its
    owner measures or places it: the scene's `changed` styles new items only at the next
    event-loop turn, and names placed for the base font then grew into each other
    (presenting Himmelblau at 1280×720). At light@1 nothing is done, as `_style_new`."""
    t = current()
    if t.scale == 1.0 and not t.dark:
        return
    style_item(item, t)


def set_base_pen(item, pen) -> None:
    """Give a kept item a new light@1 pen (the sweep's dashed line reused for another
    run): recorded as its base and shown in the look in use now. Set over the recorded
    base, the next theme or text size change put back the pen it was first seen with
    (the line of η = 0.3 in Newton's black after F11)."""
    if hasattr(item, _ATTR):
        delattr(item, _ATTR)
    item.setPen(pen)
    style_now(item)


ON_MAP = "_theme_on_map"


def keep_colour_on_map(item):
    """Mark `item` as drawn on a colour map (a halo, a level line): its colour was chosen
    against the map, which is the same in both themes, so the theme scales its width but
    never inks it (a black a = 0.5 line turned white vanished on the map's white)."""
    setattr(item, ON_MAP, True)
    return item


def style_item(item, t) -> None:
    """Bring one item to theme t (its light@1 look recorded on first sight)."""
    parent = item.parentItem()
    if isinstance(item, (pg.PlotCurveItem, pg.ScatterPlotItem)) and \
            isinstance(parent, pg.PlotDataItem):
        return                          # styled through their PlotDataItem
    if isinstance(item, pg.LabelItem) and isinstance(parent, pg.LegendItem):
        return                          # styled (and sized for new rows) by the legend
    for kind, styler in _STYLERS:
        if isinstance(item, kind):
            base = getattr(item, _ATTR, None)
            if base is None:
                base = _RECORDERS[kind](item)
                setattr(item, _ATTR, base)
            resize = getattr(item, _SIZED, None) != t.scale
            styler(item, base, t, resize)
            setattr(item, _SIZED, t.scale)
            return


# --- pens, fonts --------------------------------------------------------------------
def _pen(spec):
    return None if spec is None else QPen(pg.mkPen(spec))


def _scaled_pen(base: QPen | None, t, ink=True):
    if base is None:
        return None
    pen = QPen(base)
    width = base.widthF() if base.widthF() > 0 else 1.0    # 0 is a cosmetic 1 px
    pen.setWidthF(width * t.scale)
    if ink:
        pen.setColor(t.ink(base.color()))
    return pen


def _text_pen(base: QPen, t) -> QPen:
    """An axis's text pen: scaled, and its colour readable (4.5:1) on the plot."""
    pen = _scaled_pen(base, t)
    pen.setColor(t.text(base.color(), t.background))
    return pen


def _font_size(font: QFont):
    """('pt', size) or ('px', size) of a font that sets its size."""
    if font.pointSizeF() > 0:
        return ("pt", font.pointSizeF())
    return ("px", float(font.pixelSize()))


def _scaled_font(font: QFont, size, t) -> QFont:
    out = QFont(font)
    unit, value = size if size is not None else ("pt", _app_pt())
    if unit == "pt":
        out.setPointSizeF(value * t.scale)
    else:
        out.setPixelSize(max(1, round(value * t.scale)))
    return out


def _app_pt() -> float:
    return base_point_size()


def _css_size(text, t) -> str:
    """'10pt' at scale t.scale; None (a default size) as the application's base font."""
    if not text:
        return f"{_app_pt() * t.scale:.4g}pt"
    m = _SIZE.search(str(text))
    return f"{float(m[1]) * t.scale:.4g}{m[2]}" if m else text


def _default_font(font: QFont) -> bool:
    """A text item's font that nobody set: the application font it was created with."""
    return abs(font.pointSizeF() - QApplication.font().pointSizeF()) < 1e-6


# --- per kind: record the light@1 look, then apply a theme ------------------------------
def _rec_axis(a):
    tick = a.style.get("tickFont")
    return {"pen": _pen(a.pen()), "text": _pen(a.textPen()), "label": dict(a.labelStyle),
            "tick": (QFont(tick), _font_size(tick)) if tick is not None else None,
            "width": a.fixedWidth, "height": a.fixedHeight}


def _style_axis(a, b, t, resize=True):
    a.enableAutoSIPrefix(False)          # "(x0.001)" beside a variable only confuses
    a.setPen(_scaled_pen(b["pen"], t))
    a.setTextPen(_text_pen(b["text"], t))
    style = dict(b["label"])
    style["font-size"] = _css_size(style.get("font-size"), t)
    style["color"] = t.text(style.get("color", b["text"].color()), t.background).name()
    a.labelStyle = style
    if not resize:               # the colours only: its fonts and room are as they were
        a.label.setHtml(a.labelString())
        a.picture = None
        a.update()
        return
    font = b["tick"][0] if b["tick"] else QApplication.font()
    a.setTickFont(_scaled_font(font, b["tick"][1] if b["tick"] else None, t))
    a._updateLabel()
    reset_tick_room(a, 30 * t.scale, 18 * t.scale)
    if b["width"] is not None:
        a.setWidth(round(b["width"] * t.scale))
    if b["height"] is not None:
        a.setHeight(round(b["height"] * t.scale))
    a._updateWidth() if a.orientation in ("left", "right") else a._updateHeight()
    a.picture = None
    a.update()


def reset_tick_room(a, width: float, height: float) -> None:
    """pyqtgraph's AxisItem widens the room for its tick texts at once but narrows it
    only by more than 10 px (no jitter while panning): start afresh from `width` ×
    `height` px; the next paint fits the ticks shown (0 × 0: exactly)."""
    least = getattr(a, "least_text_width", None)     # an axis that keeps a least room
    a.textWidth, a.textHeight = max(width, least()) if least else width, height
    a._updateWidth() if a.orientation in ("left", "right") else a._updateHeight()


# the f axis's labels get at least this one's room: f of up to four digits keep one
# width (nothing jumps on the projected plot), and a new f's axis, drawn before its
# paint (loss_plot's _draw_f_axis_now), is not drawn again for a new width (with "-0.05",
# the benchmark's f of 4-5 digits moved it in 8 edits of 10)
STEADY_ROOM_FOR = "-2000.0"


def steady_width(axis) -> None:
    """A vertical axis as wide as its labels, but never narrower than STEADY_ROOM_FOR, in its
    tick font as it is now. pyqtgraph's own rule kept up to 10 px of an earlier range's
    labels, so the settled picture depended on the f's shown before."""
    def room() -> float:
        metrics = QFontMetricsF(axis.style["tickFont"] or axis.font())
        # measured as pyqtgraph measures a tick label (AxisItem.generateDrawSpecs)
        return metrics.boundingRect(QRectF(0, 0, 100, 100), Qt.AlignmentFlag.AlignCenter,
                                    STEADY_ROOM_FOR).width()

    def fit(labels_px: float) -> None:
        axis.textWidth = max(labels_px, room())
        axis._updateWidth()
    axis._updateMaxTextSize = fit
    # a new look starts the axis from this room, not from a plain axis's
    # (reset_tick_room): shown after one (leaving F11), it was painted 56 px wide, then
    # 76 px a layout later
    axis.least_text_width = room


def fit_tick_room(*axes) -> None:
    """The room for each axis's tick texts from 0, fitted to the ticks it shows now,
    measured at once as its next paint would (pyqtgraph's AxisItem.paint: the draw specs
    on a QPicture). Left to that paint, an axis not painted (a hidden tab's map, or one
    scrolled out of the page) kept 0 px, and its view was laid out and sampled without
    the room: shown, the Neuron tab's map was 12 px taller and its colour bar labelled
    for that range, another picture than a fresh start's. Measured for the ticks of a
    range about to change, the room is pyqtgraph's to narrow, and it narrows only by
    more than 10 px: measure again once the new range is set."""
    for a in axes:
        reset_tick_room(a, 0, 0)
        picture = QPicture()
        painter = QPainter(picture)
        try:
            if a.style["tickFont"]:
                painter.setFont(a.style["tickFont"])
            a.generateDrawSpecs(painter)       # sets textWidth / textHeight, and the size
        finally:
            painter.end()


def _rec_label(item):
    return {"size": item.opts.get("size"), "color": item.opts.get("color")}


def _style_label(item, b, t, resize=True):
    colour = b["color"] if b["color"] is not None else "#000000"
    item.setText(item.text, size=_css_size(b["size"], t),
                 color=t.text(pg.mkColor(colour), t.background).name())


def _rec_legend(item):
    return {"size": item.opts.get("labelTextSize"), "color": item.opts.get("labelTextColor"),
            "pen": _pen(item.opts.get("pen")), "brush": item.opts.get("brush")}


def _style_legend(item, b, t, resize=True):
    item.opts["labelTextSize"] = _css_size(b["size"], t)
    if b["color"] is not None:
        item.opts["labelTextColor"] = t.text(pg.mkColor(b["color"]), t.background)
    if b["pen"] is not None:
        item.setPen(_scaled_pen(b["pen"], t))
    if b["brush"] is not None:
        item.setBrush(t.fill(pg.mkBrush(b["brush"]).color()))
    for _sample, label in item.items:       # the labels restyle as LabelItems too
        label.setAttr("size", item.opts["labelTextSize"])
        if b["color"] is not None:
            label.setAttr("color", item.opts["labelTextColor"])
        label.setText(label.text)
    item.updateSize()


def _rec_text(item):
    font = item.textItem.font()
    return {"font": QFont(font), "size": None if _default_font(font) else _font_size(font),
            "color": QColor(item.color), "fill": QColor(item.fill.color()),
            "fill_style": item.fill.style()}


def _style_text(item, b, t, resize=True):
    if resize:
        item.setFont(_scaled_font(b["font"], b["size"], t))
    filled = b["fill_style"] != Qt.BrushStyle.NoBrush   # (a Python enum: never equal to 0)
    on = t.fill(b["fill"]) if filled else QColor(t.background)
    if filled:
        item.fill = pg.mkBrush(on)
        on = _over(on, t.background)
    if not getattr(item, ON_MAP, False):   # on a map its owner chooses it per cell
        item.setColor(t.text(b["color"], on))
    if resize:
        item.updateTextPos()
    item.update()


def _over(colour: QColor, background) -> QColor:
    """A translucent fill as seen over `background` (what the text is read against)."""
    back, a = QColor(background), colour.alphaF()
    return QColor.fromRgbF(*(getattr(colour, c)() * a + getattr(back, c)() * (1 - a)
                             for c in ("redF", "greenF", "blueF")))


def _rec_data(item):
    o = item.opts
    return {"pen": _pen(o.get("pen")), "spen": _pen(o.get("symbolPen")),
            "ssize": o.get("symbolSize")}


def _style_data(item, b, t, resize=True):
    if b["pen"] is not None:
        item.setPen(_scaled_pen(b["pen"], t, ink=not getattr(item, ON_MAP, False)))
    if item.opts.get("symbol") is not None:
        if b["spen"] is not None:
            item.setSymbolPen(_scaled_pen(b["spen"], t))
        if b["ssize"] is not None and resize:
            item.setSymbolSize(b["ssize"] * t.scale)


def _rec_scatter(item):
    return {"pen": _pen(item.opts.get("pen")), "size": item.opts.get("size")}


def _style_scatter(item, b, t, resize=True):
    if b["pen"] is not None:
        item.setPen(_scaled_pen(b["pen"], t, ink=not getattr(item, ON_MAP, False)))
    if resize:
        item.setSize(b["size"] * t.scale)


def _rec_pen_item(item):
    return {"pen": _pen(item.pen)}


def _style_pen_item(item, b, t, resize=True):
    item.setPen(_scaled_pen(b["pen"], t))


def _rec_curve(item):
    return {"pen": _pen(item.opts.get("pen"))}


def _rec_target(item):
    return {"pen": _pen(item.pen), "size": item.scale}


def _style_target(item, b, t, resize=True):
    item.setPen(_scaled_pen(b["pen"], t))
    if resize:
        item.prepareGeometryChange()
        item.scale = b["size"] * t.scale
    item.update()


# Order matters: the first matching kind styles the item.
_STYLERS = [
    (pg.AxisItem, _style_axis), (pg.LegendItem, _style_legend), (pg.LabelItem, _style_label),
    (pg.TextItem, _style_text), (pg.PlotDataItem, _style_data),
    (pg.ScatterPlotItem, _style_scatter), (pg.TargetItem, _style_target),
    (pg.PlotCurveItem, _style_pen_item), (pg.IsocurveItem, _style_pen_item),
    (pg.InfiniteLine, _style_pen_item),
]
_RECORDERS = {
    pg.AxisItem: _rec_axis, pg.LegendItem: _rec_legend, pg.LabelItem: _rec_label,
    pg.TextItem: _rec_text, pg.PlotDataItem: _rec_data, pg.ScatterPlotItem: _rec_scatter,
    pg.TargetItem: _rec_target, pg.PlotCurveItem: _rec_curve,
    pg.IsocurveItem: _rec_pen_item, pg.InfiniteLine: _rec_pen_item,
}


add_restyler(restyle_plots)
