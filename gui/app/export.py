"""Pictures, animations and tables for slides: PNG at a chosen scale, GIF, CSV."""
from __future__ import annotations

import csv
import io
from pathlib import Path

from PySide6.QtCore import QBuffer, QCoreApplication, QIODevice, QPoint
from PySide6.QtGui import QImage, QPainter, QPixmap


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


def export_png(widget, path, scale: float = 1.0) -> Path:
    path = Path(path)
    if not render_widget(widget, scale).save(str(path), "PNG"):
        raise OSError(f"could not write {path}")
    return path


def _to_pil(image: QImage):
    from PIL import Image

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(buffer.data()))).convert("RGB")


def export_gif(widget, path, advance, n_frames: int, fps: float = 10.0,
               scale: float = 1.0) -> Path:
    """Call advance(k) for k = 0 … n_frames-1, draw `widget` after each, save as a GIF.

    `advance` moves whatever is animated (a descent's frame, a training step) on.
    """
    path = Path(path)
    frames = []
    for k in range(max(1, int(n_frames))):
        advance(k)
        frames.append(_to_pil(render_widget(widget, scale)).quantize(colors=255))
    frames[0].save(path, save_all=True, append_images=frames[1:],
                   duration=int(round(1000 / fps)), loop=0, optimize=False)
    return path


def export_descent_gif(model, widget, path, fps: float = 10.0, scale: float = 1.0,
                       max_frames: int = 300) -> Path:
    """The explorer's descent from step 0 to its end (at most max_frames frames).

    `model` needs `frame`, `last_frame` and `set_frame`; its frame is restored afterwards.
    """
    before = model.frame
    try:
        return export_gif(widget, path, model.set_frame,
                          min(model.last_frame, max_frames - 1) + 1, fps, scale)
    finally:
        model.set_frame(before)


def paths_csv(model) -> str:
    """Every iterate of every path: method (the run's key: "gd", "gd#2"), k, coordinates,
    f, gradient, status, and the run's label and learning rate."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    names = list(model.expression.variables) if model.expression is not None else []
    writer.writerow(["method", "k", *names, "f", *[f"df/d{v}" for v in names],
                     "grad_norm", "status", "run", "lr"])
    for method, path in model.paths.items():
        for k, (p, v, g) in enumerate(zip(path.points, path.values, path.gradients)):
            norm = float((g ** 2).sum() ** 0.5)
            writer.writerow([method, k, *(repr(float(c)) for c in p), repr(float(v)),
                             *(repr(float(c)) for c in g), repr(norm), path.status,
                             model.lab.label(method), repr(float(path.lr))])
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
