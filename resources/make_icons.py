"""Render resources/icon.svg to the PNGs the app loads: icon-16.png … icon-256.png.

Run after editing the SVG (the PNGs are committed, so installing needs no renderer):
    python3 resources/make_icons.py
"""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

HERE = Path(__file__).resolve().parent
SIZES = (16, 32, 64, 256)


def render(svg: Path, size: int) -> QImage:
    """The SVG drawn into a size × size ARGB image with a transparent background."""
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])   # fonts, painting
    svg = HERE / "icon.svg"
    for size in SIZES:
        out = HERE / f"icon-{size}.png"
        if not render(svg, size).save(str(out)):
            raise OSError(f"could not write {out}")
        print(out.relative_to(HERE.parent))
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
