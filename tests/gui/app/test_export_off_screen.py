"""Animation exports record their frames without the projected window changing: the
audience never sees the descent scrub through its steps, and the GIF's frames are as
large and as smooth as the PNG of the same view."""
import numpy as np
import pytest
from PIL import Image

from gui.app import export
from tests.gui.app.test_look_round_trip import differing_places, pixels, settle

pytestmark = pytest.mark.shared_window


def _on_screen(window) -> np.ndarray:
    """What the X server shows of the window now (not the window drawn again)."""
    return pixels(window.screen().grabWindow(window.winId()).toImage())


def test_the_descent_gif_does_not_scrub_the_window_on_screen(window, qtbot, tmp_path,
                                                            monkeypatch):
    """The window showed step 47 a second into a 100-step export (every frame was painted
    on screen) and step 8 again afterwards: now every frame the export draws leaves the
    screen as it was before."""
    m = window.model
    m.set_frame(8)
    before = settle(qtbot, window)
    shown = pixels(before)
    seen = []
    to_pil = export._to_pil

    def recording(image):           # after each frame is drawn: what the screen shows
        seen.append(_on_screen(window))
        return to_pil(image)
    monkeypatch.setattr(export, "_to_pil", recording)
    window.commands.exports.export_animation(tmp_path / "d.gif")
    assert len(seen) >= 60
    for k, screen in enumerate(seen):
        assert screen.shape == shown.shape
        changed = (screen != shown).any(axis=-1).sum()
        assert changed == 0, (k, changed, differing_places(shown, screen))
    assert m.frame == 8

