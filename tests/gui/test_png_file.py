"""The tests' own PNG writer (tests/gui/png_file.py) gives back, read by Qt, the very
pixels it was given: opaque and with alpha, at a width whose rows Qt pads."""
import numpy as np
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap

from tests.gui.png_file import save_png


def _rgba(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGBA8888)
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), -1)
    return rows[:, :image.width() * 4].reshape(image.height(), image.width(), 4).copy()


def _picture(fmt) -> QImage:
    """37×23 (rows of 111 bytes in RGB888: padded): a gradient, a flat panel and a line."""
    image = QImage(37, 23, fmt)
    image.fill(QColor(250, 250, 248))
    alpha = image.hasAlphaChannel()
    painter = QPainter(image)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
    for x in range(37):
        painter.setPen(QColor(7 * x % 256, 255 - 5 * x, 90, 40 + 5 * x if alpha else 255))
        painter.drawLine(x, 0, x, 10)
    painter.setPen(QColor(0, 0, 0))
    painter.drawLine(0, 22, 36, 15)
    painter.end()
    return image


def test_an_opaque_window_picture_reads_back_pixel_for_pixel(qapp, tmp_path):
    image = _picture(QImage.Format.Format_RGB32)
    assert save_png(QPixmap.fromImage(image), tmp_path / "opaque.png")
    back = QImage(str(tmp_path / "opaque.png"))
    assert back.size() == image.size() and not back.hasAlphaChannel()
    assert np.array_equal(_rgba(back), _rgba(image))
    assert len(np.unique(_rgba(back).reshape(-1, 4), axis=0)) > 30     # not a flat picture


def test_a_picture_with_alpha_keeps_it(qapp, tmp_path):
    image = _picture(QImage.Format.Format_ARGB32)
    assert save_png(image, tmp_path / "alpha.png")
    back = QImage(str(tmp_path / "alpha.png"))
    assert back.hasAlphaChannel()
    assert np.array_equal(_rgba(back), _rgba(image))
    assert len(np.unique(_rgba(back)[..., 3])) > 10
