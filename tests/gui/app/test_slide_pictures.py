"""Pictures for slides: the plots alone (no check boxes, hints or buttons), a caption
that can be switched off, lines as thick as on screen at 2×, SVG, the clipboard, and
a GIF of the descent with a step counter."""
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import QPoint, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from gui.app.export import export_descent_gif, export_svg
from gui.app.slide_picture import canvases, caption_strip, explorer_caption, plot_area, plots_image
from gui.widgets.palette import METHOD_COLOURS

# One window for the module, put back by File ▸ New before each test (fixture `window`);
# own_window: the test recolours the iso-lines or switches the caption off, which File ▸
# New keeps.
pytestmark = [pytest.mark.shared_window, pytest.mark.xdist_group("slide_pictures_shared")]


def _array(image):
    """A QImage as an (h, w, 3) uint8 array."""
    from PySide6.QtGui import QImage
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    raw = np.frombuffer(bytes(image.constBits()), np.uint8)
    return raw.reshape(image.height(), image.bytesPerLine())[:, :image.width() * 3] \
        .reshape(image.height(), image.width(), 3)


def test_the_picture_of_the_views_is_the_plots_without_their_controls(window):
    views = window.view_widget("views")
    area = plot_area(views)
    image = plots_image(views, 1.0, caption=None)
    assert (image.width(), image.height()) == (area.width(), area.height())
    assert len(canvases(views)) == 2                    # the contour map and the 3-D canvas
    controls = [w for w in views.findChildren(QWidget)
                if isinstance(w, (QAbstractButton, QLabel)) and w.isVisibleTo(views)
                and not any(c.isAncestorOf(w) for c in canvases(views))]
    texts = {getattr(w, "text", lambda: "")() for w in controls}
    assert {"Gradient field ∇f", "Tangent plane", "Reset view"} <= texts
    background = _array(image)[0, -1]                   # the top right corner: no plot there
    pixels = _array(image)
    for control in controls:                            # every one of them is left out:
        rect = QRect(control.mapTo(views, QPoint(0, 0)), control.size()) & area
        for canvas in canvases(views):                  # no canvas under it …
            assert not rect.intersects(QRect(canvas.mapTo(views, QPoint(0, 0)), canvas.size()))
        if rect.isValid():                              # … and only background where it was
            rect.translate(-area.topLeft())
            patch = pixels[rect.top():rect.bottom() + 1, rect.left():rect.right() + 1]
            assert (patch == background).all(), control
    # and what is in the picture is the contour canvas itself, pixel for pixel
    contour = window.contour_view.canvas
    offset = contour.mapTo(views, QPoint(0, 0)) - area.topLeft()
    mine = _array(image)[offset.y():offset.y() + contour.height(),
                         offset.x():offset.x() + contour.width()]
    screen = _array(contour.grab().toImage())
    assert np.abs(mine.astype(int) - screen).mean() < 2.0


@pytest.mark.own_window
def test_the_caption_can_be_switched_off(window, tmp_path, qtbot):
    m = window.model
    m.set_settings(methods=("gd", "adam"))
    m.set_frame(5)
    views = window.view_widget("views")
    caption = explorer_caption(m)
    assert caption.step == 5 and [r[1] for r in caption.runs] == ["Gradient descent", "Adam"]
    assert caption.runs[0][2] == pytest.approx(m.paths["gd"].values[5])
    # the same layout for both pictures: the typeset formulas arriving late (a loaded
    # machine) change the views' height between two pictures taken moments apart
    qtbot.waitUntil(lambda: bool(m.formulas), timeout=30000)
    qtbot.wait(200)
    on, off = _array(plots_image(views, 1.0, caption)), _array(plots_image(views, 1.0, None))
    for _ in range(20):                  # a relayout between the two: take them again
        if on.shape[1] == off.shape[1] and on.shape[0] - off.shape[0] == caption_strip(caption, off.shape[1]):
            break
        qtbot.wait(100)
        on, off = _array(plots_image(views, 1.0, caption)), _array(plots_image(views, 1.0, None))
    h, w = off.shape[:2]
    # the caption goes in a strip under the plots and hides nothing of them (drawn over
    # their bottom edge, it hid the map's x axis title and the 3-D view's axes)
    assert on.shape == (h + caption_strip(caption, w), w, 3) and 20 < caption_strip(caption, w) < 45
    assert np.array_equal(on[:h], off)
    strip = on[h:]
    background = strip[0, 0]
    drawn = np.argwhere(np.any(strip != background, axis=2))
    assert len(drawn) > 500                             # a box with text was drawn …
    assert drawn[:, 1].max() < w * 0.8                  # … from the left
    # switched off from the menu, the written picture has no caption
    exports = window.commands.exports
    exports.set_caption(False)
    out = exports.export_picture(tmp_path / "off.png", "views", scale=1)
    assert np.array_equal(np.asarray(Image.open(out).convert("RGB")), off)


@pytest.mark.own_window
def test_lines_are_twice_as_wide_in_a_2x_picture(window):
    """The iso-lines' pixels per row grow with the picture: no hairlines at 2×."""
    contour = window.contour_view
    contour.iso_lines.setPen((255, 0, 0))                      # pure red on a map without red
    one = _array(plots_image(contour, 1.0))
    two = _array(plots_image(contour, 2.0))

    def red(a):
        return ((a[..., 0] > 200) & (a[..., 1] < 80) & (a[..., 2] < 80)).sum()
    # area of lines ∝ length × width: 2× length and 2× width make ~4×, hairlines 2×
    assert red(two) > 3.2 * red(one) > 0


def test_svg_parses_and_holds_the_paths(window, tmp_path):
    window.model.set_settings(methods=("gd",))
    out = export_svg(window.view_widget("views"), tmp_path / "v.svg")
    root = ET.parse(out).getroot()
    assert root.tag.endswith("svg")
    paths = [e for e in root.iter() if e.tag.endswith("path") or e.tag.endswith("polyline")]
    assert len(paths) > 50                             # iso-lines, arrows, axes, the path
    text = out.read_text()
    assert METHOD_COLOURS["gd"].lower() in text.lower()  # the descent path's colour
    assert "image" in text                               # the map (and the 3-D view)


def test_ctrl_shift_c_copies_the_picture(window, qtbot):
    QApplication.clipboard().clear()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    window.contour_view.canvas.setFocus()
    qtbot.keyClick(window.contour_view.canvas, Qt.Key.Key_C,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    image = QApplication.clipboard().image()
    area = plot_area(window.view_widget("views"))
    scale = window.commands.picture_scale
    strip = caption_strip(explorer_caption(window.model), area.width())   # the caption, under
    assert strip > 0
    assert (image.width(), image.height()) == (area.width() * scale, (area.height() + strip) * scale)
    assert len(np.unique(_array(image).reshape(-1, 3), axis=0)) > 200


def test_gif_has_a_step_counter_and_skips_frames(window, tmp_path):
    m = window.model
    m.set_settings(max_steps=200, lr=0.01)          # a slow descent: every path runs long
    assert m.last_frame == 200
    out = export_descent_gif(m, window.view_widget("views"), tmp_path / "d.gif", max_frames=40)
    with Image.open(out) as im:
        assert im.n_frames == 40                      # 201 steps, every fifth shown
        frames = []
        for k in (0, 1, 39):
            im.seek(k)
            frames.append(np.asarray(im.convert("RGB")).astype(int))
    h = frames[0].shape[0]
    strip = [f[h - 40:, :260] for f in frames]         # where the caption says "step k"
    assert (np.abs(strip[0] - strip[1]).sum(axis=2) > 60).sum() > 20
    assert (np.abs(strip[1] - strip[2]).sum(axis=2) > 60).sum() > 20
    assert out.stat().st_size < 3_000_000


def test_a_caption_too_wide_for_the_picture_wraps(qapp):
    """Six runs in a narrow picture: the caption wraps into rows inside the picture
    (one long row ran off its right edge, the last run's f cut off)."""
    from gui.app.slide_picture import Caption, draw_caption
    runs = tuple((f"#{c}", f"Run number {k}", 0.001234 * k)
                 for k, c in enumerate(("0072B2", "D55E00", "009E73", "E69F00", "56B4E9", "CC79A7")))
    caption, width = Caption(25, runs), 420
    strip = caption_strip(caption, width)
    one_row = caption_strip(Caption(25, runs[:1]), width)
    line = one_row - 2 * 5 - 2 * 6                          # (the box's padding, its margin)
    assert strip >= one_row + 2 * line                      # three rows or more
    image = QImage(width, strip, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    box = draw_caption(painter, caption, QRectF(0, 0, width, strip))
    painter.end()
    assert box.right() <= width - 6 and box.top() >= 0
    pixels = _array(image)
    drawn = np.argwhere(np.any(pixels < 128, axis=2))     # dark text and the box's edge
    assert drawn[:, 1].max() <= width - 6
    # every run's swatch is inside the box, in its colour
    for colour, _, _ in runs:
        rgb = np.array(QColor(colour).getRgb()[:3])
        assert (np.abs(pixels - rgb).max(axis=2) <= 2).sum() >= 100, colour
