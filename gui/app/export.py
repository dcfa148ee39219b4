"""Pictures, animations and tables for slides: PNG at a chosen scale, SVG, GIF, CSV."""
from __future__ import annotations

import csv
import io
from contextlib import contextmanager
from pathlib import Path

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, QRect, QRectF, QSize
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap
from PySide6.QtSvg import QSvgGenerator

from gui.app.slide_picture import (caption_strip, draw_caption, explorer_caption, paint_plots,
                                  plot_area, plots_image)
from gui.compute.qt_guard import qt_override
from gui.explorer.iterate_columns import as_shown, path_columns
from gui.widgets import theme


def render_widget(widget, scale: float = 1.0) -> QImage:
    """The widget drawn at `scale` × its size (2 for crisp slides), as a QImage.

    Widgets render themselves again at the higher resolution (text and lines stay
    sharp); OpenGL children are taken from their framebuffer, which grab() handles.
    """
    QCoreApplication.processEvents()
    if scale == 1.0:
        return widget.grab().toImage()
    size = widget.size()
    pixmap = QPixmap(int(size.width() * scale), int(size.height() * scale))
    pixmap.setDevicePixelRatio(scale)
    pixmap.fill(widget.palette().window().color())
    painter = QPainter(pixmap)
    try:
        widget.render(painter, QPoint(0, 0))
    finally:
        painter.end()
    image = pixmap.toImage()
    image.setDevicePixelRatio(1.0)
    return image


# Qt maps PNG quality 80 to zlib's fastest level (1). Its default (6) took 103 ms of CPU
# for a 1920×1080 window picture, level 1 59 ms, for a file 5 % larger (449 -> 470 kB);
# a slide at scale 2 has four times the pixels.
PNG_QUALITY = 80


def save_png(image: QImage, path) -> Path:
    path = Path(path)
    if not image.save(str(path), "PNG", PNG_QUALITY):
        raise OSError(f"could not write {path}")
    return path


def export_png(widget, path, scale: float = 1.0) -> Path:
    """The whole widget, chrome included (a tab or the window)."""
    return save_png(render_widget(widget, scale), path)


def export_plots_png(widget, path, scale: float = 1.0, caption=None) -> Path:
    """`widget`'s plots alone (see slide_picture) with an optional caption."""
    return save_png(plots_image(widget, scale, caption), path)


def export_svg(widget, path, caption=None) -> Path:
    """`widget`'s plots as SVG: pyqtgraph's items as vector paths and text, a 3-D view
    (if there is one) as an embedded image."""
    path = Path(path)
    area = plot_area(widget)
    height = area.height() + caption_strip(caption, area.width())   # (under the plots)
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(QSize(area.width(), height))
    generator.setViewBox(QRect(0, 0, area.width(), height))
    generator.setTitle("Gradient Lab")
    generator.setResolution(widget.logicalDpiX())   # text as large, against the plots, as on screen
    painter = QPainter()
    if not painter.begin(generator):
        raise OSError(f"could not write {path}")
    try:
        # the theme's background under everything, as in the PNG (the gaps between the
        # plots and the caption's strip were left transparent: white on a dark slide)
        painter.fillRect(QRectF(0, 0, area.width(), height), QColor(theme.current().background))
        paint_plots(painter, widget, 1.0)
        if caption is not None:
            draw_caption(painter, caption, QRectF(0, 0, area.width(), height))
    finally:
        painter.end()
    if not path.is_file() or path.stat().st_size == 0:
        raise OSError(f"could not write {path}")
    return path


def _to_pil(image: QImage):
    from PIL import Image

    image = image.convertToFormat(QImage.Format.Format_RGB888)
    width, height, stride = image.width(), image.height(), image.bytesPerLine()
    data = bytes(image.constBits())
    return Image.frombuffer("RGB", (width, height), data, "raw", "RGB", stride, 1).copy()


def _shared_palette(frames, colours: int):
    """One palette for the whole animation, from the first, middle and last frames
    side by side: every frame then maps onto the same colours, so Pillow writes
    only the region that changed and no palette per frame."""
    from PIL import Image

    picks = [frames[0], frames[len(frames) // 2], frames[-1]]
    w, h = picks[0].size
    sheet = Image.new("RGB", (w * len(picks), h))
    for i, frame in enumerate(picks):
        sheet.paste(frame, (i * w, 0))
    # fast octree: ~0.5 s for a 60-frame race where median cut takes ~1 s, 5 % smaller
    return sheet.quantize(colors=colours, method=Image.Quantize.FASTOCTREE)


def dithered_frames(frames, palette) -> list:
    """`frames` (RGB) on `palette`, Floyd–Steinberg dithered: the surface's smooth
    colour ramps had 70 flat bands undithered on 96 colours. Only the pixels that changed
    since the previous frame take new indices; every other pixel keeps its very index (no
    dither shimmer where nothing moves), which the GIF then writes as "unchanged"
    (transparent). Before, the whole box around the changes was dithered anew: a race's
    caption, map and 3-D view moving at once made that box the whole frame, and its new
    dither noise everywhere made the README's race 9.8 MB (now 0.7 MB). Only that box is
    dithered (a sixth of the CPU of whole frames)."""
    from PIL import Image, ImageChops

    fs = Image.Dither.FLOYDSTEINBERG
    indexed = [frames[0].quantize(palette=palette, dither=fs)]
    for before, frame in zip(frames, frames[1:]):
        picture = indexed[-1].copy()
        box = ImageChops.difference(frame, before).getbbox()
        if box:
            red, green, blue = ImageChops.difference(frame.crop(box), before.crop(box)).split()
            moved = ImageChops.lighter(ImageChops.lighter(red, green), blue).point(
                lambda level: 255 if level else 0)          # any channel changed
            picture.paste(frame.crop(box).quantize(palette=palette, dither=fs), box, moved)
        indexed.append(picture)
    return indexed


def frame_indices(n_frames: int, max_frames: int) -> list[int]:
    """At most `max_frames` of 0 … n_frames−1, evenly spread, the first and last kept."""
    n = max(1, int(n_frames))
    if n <= max_frames:
        return list(range(n))
    picks = np.linspace(0, n - 1, max_frames).round().astype(int)
    return sorted(set(int(k) for k in picks))


# 255, not 256: the free index is the GIF's "unchanged" pixel (see export_gif's save)
GIF_COLOURS = 255


def export_gif(draw, path, advance, n_frames: int, fps: float = 10.0, colours: int = GIF_COLOURS,
               max_frames: int | None = None, progress=None) -> Path:
    """Call advance(k) for k in 0 … n_frames−1 (all, or at most max_frames of them),
    then draw() → QImage; save the pictures as a GIF playing at `fps`.

    `advance` moves whatever is animated (a descent's frame, a training step) on;
    `progress(i, n)`, if given, hears before the i-th of the n frames (1-based) is drawn.
    """
    from PIL import Image

    path = Path(path)
    frames = []
    picks = frame_indices(n_frames, max_frames or max(1, int(n_frames)))
    for i, k in enumerate(picks, 1):
        if progress is not None:
            progress(i, len(picks))
        advance(k)
        frames.append(_to_pil(draw()))
    # The layout can still move while the first frames are drawn (a delayed relayout of
    # the window around the views): those frames are drawn again at the settled size.
    settled = frames[-1].size
    for i, k in enumerate(picks):
        if frames[i].size != settled:
            advance(k)
            frame = _to_pil(draw())
            if frame.size != settled:       # still not: padded, never a torn GIF
                canvas = Image.new("RGB", settled, frame.getpixel((0, 0)))
                canvas.paste(frame, (0, 0))
                frame = canvas
            frames[i] = frame
    indexed = dithered_frames(frames, _shared_palette(frames, colours))
    # optimize: Pillow writes the pixels a frame shares with the one before as the
    # palette's free index (transparent), long runs that LZW packs small
    indexed[0].save(path, save_all=True, append_images=indexed[1:],
                    duration=int(round(1000 / fps)), loop=0, optimize=True, disposal=1)
    return path


FROZEN_SCREEN = "frozen_screen"     # the object name of screen_frozen's picture


class _RepaintsSkipped(QObject):
    """Eats a window's update requests: a window never on screen (the command line's)
    was painted anew after every frame, on top of the frame drawn for the file."""

    @qt_override
    def eventFilter(self, obj, event) -> bool:
        return event.type() == QEvent.Type.UpdateRequest


@contextmanager
def screen_frozen(widget):
    """The window holding `widget` shows the picture it shows now, meanwhile: a still of
    it covers the window, so a projected window does not scrub through an animation's
    frames while they are recorded; the window under it goes on changing and is drawn
    for the file as it is. (Its painting switched off instead, the map was drawn for the
    file as it was when switched off: only the 3-D view moved.) One repaint afterwards."""
    from PySide6.QtWidgets import QLabel

    from PySide6.QtCore import Qt

    window = widget.window()
    if window.findChild(QLabel, FROZEN_SCREEN) is not None:
        yield               # frozen by a caller
        return
    if window.testAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen):
        # never on screen (the command line): its own repaints are for no one
        skipper = _RepaintsSkipped(window)
        window.installEventFilter(skipper)
        try:
            yield
        finally:
            window.removeEventFilter(skipper)
            skipper.deleteLater()
            # Qt posts no new request while one it sent is unanswered: answer it
            QCoreApplication.sendEvent(window, QEvent(QEvent.Type.UpdateRequest))
        return
    still = QLabel(window)
    still.setObjectName(FROZEN_SCREEN)
    still.setPixmap(window.grab())
    # opaque: Qt leaves the window under it unpainted (it was repainted after every
    # frame, unseen: 2.0 of an in-app race GIF's 6.7 GUI-thread CPU-seconds)
    still.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
    still.setGeometry(window.rect())
    still.show()
    still.raise_()
    try:
        yield
    finally:
        still.hide()
        still.deleteLater()


# A descent's animation, from the menu as from the command line: a longer descent is
# shown every n-th step, first and last kept (300 frames of a 300-step race were 7 MB).
GIF_MAX_FRAMES = 60


def export_descent_gif(model, widget, path, fps: float = 10.0, scale: float = 1.0,
                       max_frames: int = GIF_MAX_FRAMES, caption: bool = True,
                       progress=None) -> Path:
    """The explorer's descent from step 0 to its end (at most max_frames frames,
    spread evenly), the plots alone with a step counter unless `caption` is False;
    `progress` as in export_gif.

    `model` needs `frame`, `last_frame`, `set_frame` and `paths`; its frame is restored.
    """
    def draw():
        return plots_image(widget, scale, explorer_caption(model) if caption else None)
    before = model.frame
    with screen_frozen(widget):
        model.set_frame(model.last_frame)     # the layout as it will be while the paths run
        QCoreApplication.processEvents()
        try:
            return export_gif(draw, path, model.set_frame, model.last_frame + 1, fps,
                              max_frames=max_frames, progress=progress)
        finally:
            model.set_frame(before)
            QCoreApplication.processEvents()   # the views back at `before`, then one repaint


def paths_csv(model) -> str:
    """Every iterate of every path: method (the run's key: "gd", "gd#2"), k, coordinates,
    f, gradient, |gradient|, status, and the run's label and learning rate. The numbers
    are the iterate table's, at full precision (iterate_columns.as_shown): a round-off of
    zero the table shows as 0 is 0.0 (Seed 1 wrote f = −3.55e−15 beside the table's 0),
    no gradient where f is undefined, |∇f| without overflow (6e300, not inf)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    names = list(model.expression.variables) if model.expression is not None else []
    d = len(names)
    writer.writerow(["method", "k", *names, "f", *[f"df/d{v}" for v in names],
                     "grad_norm", "status", "run", "lr"])
    for method, path in model.paths.items():
        if path.points.shape[1] != d:      # a path of the f before (not under these headers)
            continue
        numbers = as_shown([c for _, _, c in path_columns(path, names)])
        point, value, gradient = numbers[1:1 + d], numbers[1 + d], numbers[2 + d:2 + 2 * d]
        norm = numbers[2 + 2 * d] if d > 1 else np.abs(gradient[0])
        for k in range(len(value)):
            writer.writerow([method, k, *(repr(float(c[k])) for c in point),
                             repr(float(value[k])), *(repr(float(c[k])) for c in gradient),
                             repr(float(norm[k])), path.status, model.lab.label(method),
                             repr(float(path.lr))])
    return out.getvalue()


def _write_text(path, text: str) -> Path:
    path = Path(path)
    path.write_text(text, encoding="utf-8")
    return path


def export_csv(model, path) -> Path:
    return _write_text(path, paths_csv(model))


def cost_csv(costs) -> str:
    """A training's cost per step (network or neuron tab): step, cost."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["step", "cost"])
    for k, c in enumerate(costs):
        writer.writerow([k, repr(float(c))])
    return out.getvalue()


def export_cost_csv(costs, path) -> Path:
    return _write_text(path, cost_csv(costs))
