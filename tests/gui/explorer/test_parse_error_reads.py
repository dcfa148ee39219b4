"""The line that says why a formula does not parse reads as well as the rest of the page
on a projector: in the body text's size and at 4.5:1 or more between the letters the
screen shows and the strip behind them, light and dark, in a window and presenting."""
from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtGui import QColor, QFontInfo

from gui.widgets.theme import AA_TEXT, contrast
from tests.gui.plots.test_labels_take_the_look import _settle, projector  # noqa: F401


def _shown_contrast(label) -> float:
    """The strip's own colour (the commonest pixel past its left bar) against the letter
    pixel that differs from it most."""
    image = label.grab().toImage()
    pixels = [QColor(image.pixel(x, y)) for x in range(8, image.width())
              for y in range(image.height())]
    strip = Counter(c.rgb() for c in pixels).most_common(1)[0][0]
    behind = QColor.fromRgb(strip)
    return max(contrast(c, behind) for c in pixels)


@pytest.mark.parametrize("look", ["light", "dark"])
def test_the_parse_error_is_body_sized_and_reads_at_aa(projector, qtbot, look):  # noqa: F811
    window = projector()
    window.commands.set_theme(look)
    try:
        for presenting in (False, True):
            window.commands.set_presentation(presenting)
            window.model.set_text("x^2 +")
            qtbot.waitUntil(lambda: window.explorer.editor.error_text != "", timeout=5000)
            _settle(window, qtbot)
            error, body = window.explorer.editor.error_label, window.explorer.caption
            assert error.isVisible() and "too early" in error.text()
            assert QFontInfo(error.font()).pixelSize() >= QFontInfo(body.font()).pixelSize()
            assert _shown_contrast(error) >= AA_TEXT, (look, presenting)
            window.model.set_text("x^2 + y^2")
            _settle(window, qtbot)
    finally:
        window.commands.set_theme("light")
