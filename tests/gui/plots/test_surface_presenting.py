"""The 3-D view in presentation mode (F11) at 1280×720 and 1920×1080, as a lecturer
projects it: the box and its labels fill the canvas, centred, in a tall canvas (the
3-D view beside the map) and a wide one (the view alone), and a zoom round trip
(+ + − −) gives back the same tick labels."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont

from gui.plots.label_ink import ink_rect
from gui.plots.surface_view import SurfaceView
from tests.gui.app.test_keyboard import _key
from tests.gui.app.test_presentation import back_to_normal  # noqa: F401 (autouse: puts the look back)
from tests.gui.explorer.test_large_text_panels import pixels
from tests.gui.plots.test_surface_alone_fit import drawn_box, settle
from tests.gui.plots.test_surface_labels_fit import labels_on_ticks
from tests.gui.plots.test_surface_view import load

# One window for the module: its 21 window cases built 21 windows (~1 s of CPU and ~2 s
# of a loaded run each). File ▸ New puts back the session, back_to_normal what it keeps
# (presentation, the emulated screen and its cap, the size, the look), and
# `reused_window` checks the window is a fresh start's before each case.
pytestmark = [pytest.mark.shared_window, pytest.mark.xdist_group("surface_presenting_shared")]

SCREENS = [(1280, 720), (1920, 1080)]
FILLED = 0.95          # of the canvas's binding side
OFF_CENTRE_PX = 6      # the picture's centre off the canvas's, at most


def shown_labels(gl) -> list[tuple[str, tuple]]:
    """(text, (x, y, w, h)) of every label the 3-D view shows."""
    return [(label.text(), label.geometry().getRect())
            for _, label in gl._labels[:gl._n_labels] if label.isVisible()]


def present(window, qtbot, screen) -> None:
    window.screen_limit = QRect(0, 0, *screen)
    window.setGeometry(0, 0, *screen)
    window.commands.set_presentation(True)
    settle(qtbot, 10)


def overlapping_labels(gl) -> list[str]:
    """Pairs of shown labels whose glyphs lie on each other."""
    shown = [label for _, label in gl.pinned_labels() if label.isVisible()]
    return [f"{a.text()!r} on {b.text()!r}" for i, a in enumerate(shown)
            for b in shown[i + 1:] if ink_rect(a).intersects(ink_rect(b))]


def irregular_ticks(gl) -> dict:
    """{axis: its shown tick values} for each axis whose shown ticks are not evenly
    spaced (a tick dropped between two others)."""
    values: dict = {}
    for (_, label), axis in zip(gl.pinned_labels(), gl._label_axes):
        if label.isVisible() and "<" not in label.text():
            values.setdefault(axis, []).append(float(label.text().replace("−", "-")))
    return {axis: v for axis, v in values.items()
            if len(v) > 2 and not np.allclose(np.diff(v), v[1] - v[0])}


@pytest.mark.parametrize("alone", [False, True], ids=["beside_the_map", "alone"])
@pytest.mark.parametrize("text", ["x^2 + 2y^2", "x^2 + y^2", "(x-5)^2 + (y-3)^2 + 2xy"])
@pytest.mark.parametrize("screen", SCREENS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_presenting_the_box_fills_its_canvas(window, qtbot, screenshot, screen, text, alone):
    """Presenting at 1280×720 (the lecture's scenes 6–9, plain F11 on x² + 2y²) the box
    and its labels were 284×198 px in a 337×448 canvas, 40 px off its left edge and 13 off
    its right; at 1920×1080 they filled 43 % of its height. Beside the map the canvas is
    tall and its width binds; alone (key 4 twice) it is wide and its height binds. An
    axis's ticks show at a regular step or not at all: y's read "2, 0, −1, −2" (each
    label that crowded one placed before it was dropped)."""
    window.model.set_text(text)
    assert window.model.wait_for_analysis(60000)
    present(window, qtbot, screen)
    if alone:
        while window.explorer.focus_mode != "surface":
            window.explorer.cycle_focus_mode()
        settle(qtbot, 10)
    gl = window.surface_view.gl
    w, h = gl.canvas.width(), gl.canvas.height()
    assert (w < h) != alone, (w, h)
    left, top, right, bottom = drawn_box(gl.canvas)
    filled = max((right - left + 1) / w, (bottom - top + 1) / h)
    assert filled >= FILLED, ((left, top, right, bottom), (w, h))
    assert abs(left - (w - 1 - right)) <= OFF_CENTRE_PX, (left, right, w)
    assert abs(top - (h - 1 - bottom)) <= OFF_CENTRE_PX, (top, bottom, h)
    assert min(left, top, w - 1 - right, h - 1 - bottom) >= 2      # nothing at an edge
    assert labels_on_ticks(gl) == []       # on their ticks, whole inside the canvas
    assert overlapping_labels(gl) == []
    assert irregular_ticks(gl) == {}
    screenshot(window.surface_view, f"surface_presenting_{screen[0]}_{alone:d}")


@pytest.mark.parametrize("presenting", [True, False], ids=["presenting", "window"])
@pytest.mark.parametrize("screen", SCREENS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_surface_fills_its_pane_in_either_shape(window, qtbot, screen, presenting):
    """x² + 2y², the 3-D view beside the map: the drawn picture (non-background pixels
    of the canvas's grab) against its pane. Presenting, the pane is taller than wide
    (337×427 at 1280×720, 580×784 at 1920×1080) and the box, ~1.5× wider than tall from
    32°, filled 97 % of the width but 50 % (48 %) of the height: an empty band ~105 px
    high above and below it. Looked at from higher in a tall pane it fills more of
    both; a wide pane (the window) keeps its view."""
    if presenting:
        present(window, qtbot, screen)
    else:
        window.screen_limit = QRect(0, 0, *screen)
        window.setGeometry(0, 0, *screen)
        settle(qtbot, 10)
    gl = window.surface_view.gl
    w, h = gl.canvas.width(), gl.canvas.height()
    assert (h > w) == presenting, (w, h)
    left, top, right, bottom = drawn_box(gl.canvas)
    across, up = (right - left + 1) / w, (bottom - top + 1) / h
    assert min(left, top, w - 1 - right, h - 1 - bottom) >= 2      # nothing at an edge
    assert labels_on_ticks(gl) == [] and overlapping_labels(gl) == []
    if presenting:
        assert across >= FILLED and up >= 0.54, ((w, h), (left, top, right, bottom))
    else:
        assert across * up >= 0.8, ((w, h), (left, top, right, bottom))


@pytest.mark.parametrize("screen", SCREENS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_zoom_round_trip_gives_back_the_same_ticks(window, qtbot, screen):
    """x² + 2y² on ±4 × ±3: zoomed in twice and out twice, y's window came back as
    ±3.0000000000000004 and its ticks "3 … −3" as "2, 0, −2" (the map's were the same)."""
    present(window, qtbot, screen)
    gl = window.surface_view.gl
    window_before, ticks_before = window.model.window, window.surface_view.tick_texts
    labels_before = shown_labels(gl)
    assert ticks_before["y"] == ["−3", "−2", "−1", "0", "1", "2", "3"]
    for key in (Qt.Key.Key_Plus, Qt.Key.Key_Plus, Qt.Key.Key_Minus, Qt.Key.Key_Minus):
        _key(qtbot, window, key)
        assert window.model.wait_for_analysis(60000)
        settle(qtbot, 4)
    np.testing.assert_allclose(window.model.window, window_before, rtol=1e-12)
    assert window.surface_view.tick_texts == ticks_before
    assert shown_labels(gl) == labels_before



@pytest.mark.parametrize("presenting", [True, False], ids=["presenting", "window"])
@pytest.mark.parametrize("screen", SCREENS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_axis_reads_three_numbers(window, qtbot, screen, presenting):
    """x² + 2y² at text sizes 1, 1.5 and 2, presenting or in a window filling the
    screen: each axis of the 3-D view shows at least three of its tick numbers.
    Presenting at 1280×720, text size 1.5, x read only "−4" and "4": its name "x" sat
    over the middle tick "0", so every regular subset keeping the 0 was dropped; in the
    window at text size 2, x read "0" alone (its ends crowded at the box's corners, the
    "2" under the name's empty line) (tick_thinning, label_ink)."""
    if presenting:
        present(window, qtbot, screen)
    else:
        window.screen_limit = QRect(0, 0, *screen)
    gl = window.surface_view.gl
    try:
        for scale in (1.0, 1.5, 2.0):
            window.commands.set_scale(scale)
            if not presenting:
                window.setMaximumSize(*screen)
                window.setGeometry(0, 0, *screen)
            settle(qtbot, 10)
            window.fit_to_screen()
            settle(qtbot, 4)
            shown: dict = {}
            for (_, label), axis in zip(gl.pinned_labels(), gl._label_axes):
                if label.isVisible() and "<" not in label.text():
                    shown.setdefault(axis, []).append(label.text())
            assert all(len(shown.get(axis, [])) >= 3 for axis in "xyf"), (scale, shown)
            assert overlapping_labels(gl) == [], scale
    finally:
        window.commands.set_scale(1.0)


# its own window: the picture before the round trip must be a fresh window's (the floor
# grid's colour differed from a fresh start's only after a theme was applied, as every
# earlier case's back_to_normal does)
@pytest.mark.own_window
def test_the_rehearsals_round_trip_gives_back_the_same_3d_picture(window, qtbot):
    """F11, Ctrl+D, Ctrl++ twice, Ctrl+− twice, Ctrl+D, F11 on a 1280×720 projector, the
    start moved to the minimum (the rehearsal's steps): the 3-D canvas shows what it
    showed before, pixel for pixel: the camera framed anew for the same canvas, the
    floor grid in the light theme's colour, the labels at their places."""
    window.screen_limit = QRect(0, 0, *SCREENS[0])
    window.setGeometry(0, 0, *SCREENS[0])
    window.model.set_start((0.0, 0.0))
    settle(qtbot, 10)
    canvas = window.surface_view.gl.canvas
    before = pixels(canvas.grab())
    ctrl = Qt.KeyboardModifier.ControlModifier
    for key, modifier in [(Qt.Key.Key_F11, Qt.KeyboardModifier.NoModifier),
                          (Qt.Key.Key_D, ctrl), (Qt.Key.Key_Equal, ctrl),
                          (Qt.Key.Key_Equal, ctrl), (Qt.Key.Key_Minus, ctrl),
                          (Qt.Key.Key_Minus, ctrl), (Qt.Key.Key_D, ctrl),
                          (Qt.Key.Key_F11, Qt.KeyboardModifier.NoModifier)]:
        _key(qtbot, window, key, modifier)
        settle(qtbot, 4)
    settle(qtbot, 10)
    assert not window.commands.presenting
    after = pixels(canvas.grab())
    assert before.shape == after.shape
    differing = (before != after).any(axis=-1)
    assert differing.sum() == 0, (differing.sum(), np.argwhere(differing)[:5])


def test_a_new_font_frames_the_box_again(qtbot, shown, model):
    """Larger text makes every label larger though the canvas keeps its size (the view
    in a fixed place, its bar's height fixed): the framing follows the labels. Framed
    for the old size, the f ticks ran past the canvas's right edge, pushed in off their
    ticks."""
    view = shown(SurfaceView(model), 337, 481)
    load(model, qtbot)
    gl = view.gl
    size = gl.canvas.size()
    font = QFont(gl.canvas.font())
    font.setPointSizeF(font.pointSizeF() * 1.75)
    gl.canvas.setFont(font)              # what a new text size sends every widget
    settle(qtbot, 10)
    assert gl.canvas.size() == size
    w, h = size.width(), size.height()
    left, top, right, bottom = drawn_box(gl.canvas)
    assert abs(left - (w - 1 - right)) <= OFF_CENTRE_PX, (left, right, w)
    assert min(left, top, w - 1 - right, h - 1 - bottom) >= 2, (left, top, right, bottom)
    assert labels_on_ticks(gl) == []
