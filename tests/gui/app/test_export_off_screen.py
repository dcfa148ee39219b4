"""Animation exports record their frames without the projected window changing: the
audience never sees the descent scrub through its steps, and the GIF's frames are as
large and as smooth as the PNG of the same view."""
import numpy as np
import pytest
from PIL import Image

from gui.app import export
from tests.gui.app.test_look_round_trip import differing_places, pixels, settle

pytestmark = [pytest.mark.shared_window, pytest.mark.xdist_group("export_off_screen_shared")]


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
    seen, drawn = [], []
    to_pil = export._to_pil

    def recording(image):           # after each frame is drawn: what the screen shows
        seen.append(_on_screen(window))
        drawn.append(pixels(image))
        return to_pil(image)
    monkeypatch.setattr(export, "_to_pil", recording)
    window.commands.exports.export_animation(tmp_path / "d.gif")
    assert len(seen) >= 60
    for k, screen in enumerate(seen):
        assert screen.shape == shown.shape
        changed = (screen != shown).any(axis=-1).sum()
        assert changed == 0, (k, changed, differing_places(shown, screen))
    assert m.frame == 8
    # and the file's frames still move on the map too (the window's painting switched off
    # instead, the map was drawn as it was then, only the 3-D view and the caption moved)
    first, last = drawn[0], drawn[-1]
    height, width = first.shape[:2]
    map_half = (slice(0, height * 3 // 5), slice(0, width // 2))   # above the caption
    assert (first[map_half] != last[map_half]).any(axis=-1).sum() > 300


def test_the_training_gif_does_not_scrub_the_window_on_screen(window, qtbot, tmp_path,
                                                             monkeypatch):
    """The network trained on screen through the export's frames (and back after)."""
    window.show_tab("network")
    shown = pixels(settle(qtbot, window))
    seen = []
    to_pil = export._to_pil

    def recording(image):
        seen.append(_on_screen(window))
        return to_pil(image)
    monkeypatch.setattr(export, "_to_pil", recording)
    window.commands.exports.export_animation(tmp_path / "t.gif", frames=5)
    assert len(seen) == 5
    assert [(s != shown).any(axis=-1).sum() for s in seen] == [0] * 5



def _blurred(image: Image.Image) -> np.ndarray:
    """The picture as seen from the back of a lecture hall: flat bands stay, dither goes."""
    from PIL import ImageFilter
    return np.asarray(image.convert("RGB").filter(ImageFilter.GaussianBlur(2)), float)


def test_the_descent_gif_has_no_colour_bands(window, tmp_path, monkeypatch):
    """The 3-D surface's colour ramp showed in the GIF as flat bands (96 shared colours, not
    dithered: the blurred frame was up to 12 levels off the picture drawn); now, dithered
    on 256 colours, every frame seen blurred is within a few levels of its picture."""
    drawn = []
    to_pil = export._to_pil

    def recording(image):
        drawn.append(to_pil(image))
        return drawn[-1]
    monkeypatch.setattr(export, "_to_pil", recording)
    out = window.commands.exports.export_animation(tmp_path / "d.gif")
    with Image.open(out) as im:
        for k in (0, im.n_frames - 1):
            im.seek(k)
            frame, picture = im.convert("RGB"), drawn[k]
            w, h = picture.size
            surface = (w // 2, 0, w, h)          # the 3-D view: the smoothest ramp
            seen = np.asarray(picture.crop(surface))
            drawn_on = (seen != seen[0, 0]).any(axis=-1)     # not the background
            error = np.abs(_blurred(frame.crop(surface)) -
                           _blurred(picture.crop(surface))).max(axis=-1)[drawn_on]
            assert np.percentile(error, 99) <= 4, (k, np.percentile(error, 99))


def test_the_caption_says_a_run_that_stopped_stopped(window):
    """At the race's last step (Adam's), gradient descent had converged steps before: its
    caption showed that run's last f as if it were the f at the step shown."""
    from gui.app.slide_picture import explorer_caption
    m = window.model
    m.set_settings(methods=("gd", "adam"))
    gd = m.paths["gd"]
    assert gd.status == "converged" and gd.stop_step < m.last_frame
    m.set_frame(gd.stop_step)
    assert explorer_caption(m).run_texts()[0] == "Gradient descent  f = {:.4g}".format(
        gd.values[-1]).replace("-", "−")
    m.set_frame(m.last_frame)
    texts = explorer_caption(m).run_texts()
    assert texts[0].endswith(f" (converged at step {gd.stop_step})"), texts
    assert not texts[1].endswith(")"), texts        # Adam runs to the step shown
