"""The pictures the tests save to page through (tests/screenshots/), written as PNG by
numpy and zlib rather than by Qt: a run saves ~150 window pictures, and Qt's writer (libpng
trying five filters on every row, even at zlib's fastest level) took ~65 ms of CPU for a
1920×1080 window; one filter for every row ("Up": each row less the row above, which
leaves a window's flat panels and vertical edges as runs of zeros) and zlib's fastest
level take ~35 ms, for files no larger (~340 kB against ~350 kB)."""
from __future__ import annotations

import struct
import zlib
from pathlib import Path

import numpy as np
from PySide6.QtGui import QImage, QPixmap

_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_UP = 2                      # PNG filter type 2: each byte less the byte above it
_RGB, _RGBA = 2, 6           # PNG colour types


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (struct.pack(">I", len(data)) + kind + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))


def save_png(picture: QImage | QPixmap, path: str | Path) -> bool:
    """Write `picture` to `path` as an 8-bit RGB PNG (RGBA if it has an alpha channel);
    True once written (an unwritable path raises, as Qt's save returned False)."""
    image = picture.toImage() if isinstance(picture, QPixmap) else picture
    alpha = image.hasAlphaChannel()
    image = image.convertToFormat(QImage.Format.Format_RGBA8888 if alpha
                                  else QImage.Format.Format_RGB888)
    width, height, channels = image.width(), image.height(), 4 if alpha else 3
    if width == 0 or height == 0:
        return False
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(height, image.bytesPerLine())
    pixels = rows[:, :width * channels]
    lines = np.empty((height, width * channels + 1), np.uint8)
    lines[:, 0] = _UP
    lines[0, 1:] = pixels[0]
    np.subtract(pixels[1:], pixels[:-1], out=lines[1:, 1:])    # modulo 256, as PNG asks
    header = struct.pack(">IIBBBBB", width, height, 8, _RGBA if alpha else _RGB, 0, 0, 0)
    Path(path).write_bytes(_SIGNATURE + _chunk(b"IHDR", header)
                           + _chunk(b"IDAT", zlib.compress(lines.tobytes(), 1))
                           + _chunk(b"IEND", b""))
    return True
