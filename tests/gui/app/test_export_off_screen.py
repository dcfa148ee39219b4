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


class _ScreenDuringRecording:
    """Wraps export._to_pil (called once per frame drawn): what the X server shows of the
    window then, the status box's message and its geometry, and the frame drawn."""

    def __init__(self, window, monkeypatch):
        self.window, self.to_pil = window, export._to_pil
        self.seen, self.drawn, self.messages, self.boxes, self.box_pictures = [], [], [], [], []
        monkeypatch.setattr(export, "_to_pil", self)

    def __call__(self, image):
        status = self.window.statusBar()
        self.seen.append(_on_screen(self.window))
        self.drawn.append(pixels(image))
        self.messages.append(status.currentMessage() if status.isVisible() else "")
        self.boxes.append(status.geometry())
        self.box_pictures.append(pixels(status))
        return self.to_pil(image)

    def check(self, shown: np.ndarray, frames: int) -> None:
        """The screen as `shown` but for the status box, which says how far the recording
        is, frame by frame, and is on screen (not under the frozen still)."""
        assert self.messages[:frames] == [f"Recording GIF: frame {k} of {frames}"
                                          for k in range(1, frames + 1)]
        for k, (screen, box) in enumerate(zip(self.seen, self.boxes)):
            assert screen.shape == shown.shape
            outside = np.ones(shown.shape[:2], bool)
            outside[box.top():box.bottom() + 1, box.left():box.right() + 1] = False
            changed = ((screen != shown).any(axis=-1) & outside).sum()
            assert changed == 0, (k, changed, differing_places(shown * outside[..., None],
                                                               screen * outside[..., None]))
            inner = (slice(box.top() + 4, box.bottom() - 3), slice(box.left() + 4, box.right() - 3))
            on_screen, box_drawn = screen[inner], self.box_pictures[k][4:-4, 4:-4]
            assert (on_screen != box_drawn).any(axis=-1).mean() < 0.02, k


def test_the_descent_gif_does_not_scrub_the_window_on_screen(window, qtbot, tmp_path,
                                                            monkeypatch):
    """The window showed step 47 a second into a 100-step export (every frame was painted
    on screen) and step 8 again afterwards: now every frame the export draws leaves the
    screen as it was before. Only the status box changes: it says "Recording GIF: frame k
    of n" (a recording took 12 s with the screen frozen and nothing saying why)."""
    m = window.model
    m.set_frame(8)
    before = settle(qtbot, window)
    shown = pixels(before)
    screen = _ScreenDuringRecording(window, monkeypatch)
    window.commands.exports.export_animation(tmp_path / "d.gif")
    frames = len(export.frame_indices(m.last_frame + 1, export.GIF_MAX_FRAMES))
    assert len(screen.seen) >= frames == 60
    screen.check(shown, frames)
    assert m.frame == 8
    # and the file's frames still move on the map too (the window's painting switched off
    # instead, the map was drawn as it was then, only the 3-D view and the caption moved)
    first, last = screen.drawn[0], screen.drawn[-1]
    height, width = first.shape[:2]
    map_half = (slice(0, height * 3 // 5), slice(0, width // 2))   # above the caption
    assert (first[map_half] != last[map_half]).any(axis=-1).sum() > 300


def test_the_training_gif_does_not_scrub_the_window_on_screen(window, qtbot, tmp_path,
                                                             monkeypatch):
    """The network trained on screen through the export's frames (and back after)."""
    window.show_tab("network")
    shown = pixels(settle(qtbot, window))
    screen = _ScreenDuringRecording(window, monkeypatch)
    window.commands.exports.export_animation(tmp_path / "t.gif", frames=5)
    assert len(screen.seen) == 5
    screen.check(shown, 5)


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
    from gui.widgets.number_text import compact
    m = window.model
    m.set_settings(methods=("gd", "adam"))
    gd = m.paths["gd"]
    assert gd.status == "converged" and gd.stop_step < m.last_frame
    m.set_frame(gd.stop_step)
    # f as the iterate table writes it (number_text.compact)
    assert explorer_caption(m).run_texts()[0] == f"Gradient descent  f = {compact(gd.values[-1])}"
    m.set_frame(m.last_frame)
    texts = explorer_caption(m).run_texts()
    assert texts[0].endswith(f" (converged at step {gd.stop_step})"), texts
    assert not texts[1].endswith(")"), texts        # Adam runs to the step shown


def test_the_caption_names_the_saddle_a_run_stopped_at(window, qtbot):
    """Newton on x² − y² from (1.5, 0) stops at the saddle (0, 0) after one step: the
    status line said so, the exported picture's caption still said "converged"."""
    from gui.app.slide_picture import explorer_caption
    from gui.widgets.number_text import compact
    m = window.model
    m.set_text("x^2 - y^2")
    assert m.wait_for_analysis()
    qtbot.waitUntil(lambda: m.expression.dimension == 2)
    m.set_settings(methods=("gd", "newton"))
    m.set_start((1.5, 0.0))
    newton = m.paths["newton"]
    assert newton.status == "converged" and newton.stop_step == 1
    m.set_frame(m.last_frame)
    caption = explorer_caption(m)
    keys = list(m.paths)
    text = caption.run_texts()[keys.index("newton")]
    words = "reached a saddle point at step 1 (∇f = 0, not a minimum)"
    assert text == f"{m.lab.label('newton')}  f = 0 — {words}", text
    status = window.explorer.descent_panel.playback.status_text("newton")
    assert status.endswith(words), status        # the same words as the status line


def test_the_descent_gif_writes_again_only_what_moved(window, tmp_path, monkeypatch):
    """A pixel drawn the same in two frames is the same in the GIF: the whole box around
    the changes was dithered anew (the caption, the map and the 3-D view move at once, so
    the box was the frame), its new noise everywhere made the README's race 9.8 MB.
    Now the 60 frames together weigh less than three pictures of the first alone."""
    screen = _ScreenDuringRecording(window, monkeypatch)
    out = window.commands.exports.export_animation(tmp_path / "d.gif")
    with Image.open(out) as im:
        frames = im.n_frames
        assert frames == len(screen.drawn) == 60
        im.seek(0)
        im.save(tmp_path / "first.gif")
        shown = [np.asarray(im.convert("RGB"))]
        for k in range(1, frames):
            im.seek(k)
            shown.append(np.asarray(im.convert("RGB")))
    for k in range(1, frames):
        unmoved = (screen.drawn[k] == screen.drawn[k - 1]).all(axis=-1)
        shimmer = (shown[k] != shown[k - 1]).any(axis=-1) & unmoved
        assert shimmer.sum() == 0, (k, shimmer.sum(), unmoved.sum())
    assert out.stat().st_size < 3 * (tmp_path / "first.gif").stat().st_size


def test_a_window_never_on_screen_is_not_repainted_while_recording(qtbot):
    """The command line's window (never on screen) repainted itself after every frame
    on top of the frame drawn for the file (~2.5 of a race GIF's 9 CPU-seconds): while
    recording, its update requests are dropped; drawing it for the file still paints."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QWidget

    class Counted(QWidget):
        paints = 0

        def paintEvent(self, event):        # noqa: N802 (Qt's name)
            Counted.paints += 1
    window = QWidget()
    window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    view = Counted(window)
    window.resize(200, 100)
    view.resize(200, 100)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: Counted.paints > 0)
    with export.screen_frozen(view):
        before = Counted.paints
        for _ in range(3):
            view.update()
            qtbot.wait(20)
        assert Counted.paints == before
        export.render_widget(view, 2.0)
        assert Counted.paints == before + 1
    view.update()
    qtbot.waitUntil(lambda: Counted.paints > before + 1)     # and afterwards it paints


def test_the_window_under_the_still_is_not_painted_for_nothing(window, qtbot, tmp_path,
                                                               monkeypatch):
    """Under the frozen still the views were painted on screen after every frame as well
    as for the file (unseen: 2.0 of an in-app race GIF's 6.7 GUI-thread CPU-seconds). The
    still is opaque now: each plot is painted once a frame, for the file."""
    import pyqtgraph as pg
    from PySide6.QtCore import QEvent, QObject

    class PaintsCounted(QObject):
        def eventFilter(self, obj, event):        # noqa: N802 (Qt's name)
            if event.type() == QEvent.Type.Paint:
                paints[id(obj)] = paints.get(id(obj), 0) + 1
            return False
    settle(qtbot, window)
    screen = _ScreenDuringRecording(window, monkeypatch)
    paints, counter = {}, PaintsCounted()
    views = [v.viewport() for v in window.findChildren(pg.GraphicsView) if v.isVisible()]
    for view in views:
        view.installEventFilter(counter)
    try:
        window.commands.exports.export_animation(tmp_path / "d.gif")
    finally:
        for view in views:
            view.removeEventFilter(counter)
    # (+2: the repaints as the still goes; it was 2 a frame: 125 for 60 frames)
    assert paints and max(paints.values()) <= len(screen.drawn) + 2, (paints, len(screen.drawn))
