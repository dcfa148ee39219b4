"""The 3-D view's axis labels sit on their ticks, whole inside the canvas: with three
variables at 1920×1080 (the slice picker above the views makes the canvas wider than
tall) the front corner's labels lay 50 px below the canvas and were pushed up onto its
bottom edge, on each other and away from their ticks."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QImage, QMatrix4x4
from PySide6.QtWidgets import QApplication

from gui.plots.label_ink import ink_rect

# one window for the module, put back by File ▸ New before each test and checked to be a
# fresh start (the tests' window sizes, which File ▸ New keeps, are put back after each)
pytestmark = [pytest.mark.shared_window, pytest.mark.xdist_group("surface_labels_fit_shared")]


@pytest.fixture(autouse=True)
def _size_put_back(window):
    geometry = window.geometry()
    yield
    window.setGeometry(geometry)


def ink(widget, rect: QRect) -> int:
    """Dark pixels of `widget`'s picture inside `rect` (its coordinates)."""
    image = widget.grab(rect).toImage().convertToFormat(QImage.Format.Format_RGB888)
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), -1)
    rgb = rows[:, :image.width() * 3].reshape(image.height(), image.width(), 3).astype(int)
    return int((rgb.sum(axis=-1) < 300).sum())


def settle(qtbot, window, text):
    window.model.set_text(text)
    assert window.model.wait_for_analysis(60000)
    for _ in range(6):
        QApplication.processEvents()
        qtbot.wait(30)


def labels_on_ticks(gl) -> list[str]:
    """Visible labels not centred on their point (pushed in from outside) or not whole
    inside the canvas."""
    w, h, canvas = gl.width(), gl.height(), gl.canvas.rect()
    mvp = QMatrix4x4()
    mvp.viewport(0, h, w, -h)           # GL's y up → the canvas's y down
    mvp = mvp * gl.projectionMatrix((0, 0, w, h), (0, 0, w, h)) * gl.viewMatrix()
    wrong = []
    for point, label in gl._labels[:gl._n_labels]:
        if not label.isVisible():
            continue
        p = mvp.map(point).toPointF()
        centre = label.geometry().center()
        if abs(centre.x() - p.x()) > 2 or abs(centre.y() - p.y()) > 2:
            wrong.append(f"{label.text()!r} at {centre.toTuple()}, its tick at "
                         f"({p.x():.0f}, {p.y():.0f})")
        elif not canvas.contains(label.geometry()):
            wrong.append(f"{label.text()!r} cut at {label.geometry().getRect()}")
    return wrong


@pytest.mark.parametrize("text", ["x^2 + y^2 + z^2", "(w_1-1)^2 + (w_2+2)^2 + b^2",
                                  "x^2 + 2y^2"])
def test_axis_labels_sit_on_their_ticks_inside_the_canvas(window, qtbot, screenshot, text):
    window.setGeometry(0, 0, 1920, 1080)
    settle(qtbot, window, text)
    gl = window.surface_view.gl
    assert gl.canvas.width() > gl.canvas.height()           # a wide canvas, as at 1080p
    assert labels_on_ticks(gl) == []
    shown = [label for _, label in gl._labels[:gl._n_labels] if label.isVisible()]
    assert len(shown) >= 12                                  # x, y and f ticks and names
    # what the screen shows: every shown label's text is drawn, inside the canvas
    for label in shown:
        assert ink(gl.canvas, label.geometry()) >= 6, label.text()
    screenshot(window.surface_view, f"surface_labels_{len(window.model.expression.variables)}")


def test_a_framed_camera_is_framed_again_when_the_canvas_shrinks(window, qtbot):
    """Typing a third variable shows the slice picker (the canvas loses its height)
    without a new example's framing: the framing follows the canvas while the lecturer
    has not turned the camera, and a turned camera is left alone."""
    window.setGeometry(0, 0, 1920, 1080)
    settle(qtbot, window, "x^2 + y^2")
    gl = window.surface_view.gl
    before = gl.opts["distance"]
    window.resize(1920, 860)                 # a shorter canvas
    settle(qtbot, window, "x^2 + y^2 + z^2")
    assert labels_on_ticks(gl) == []
    assert gl.opts["distance"] > before
    gl.setCameraPosition(azimuth=gl.opts["azimuth"] + 20)    # the lecturer turns it
    turned = dict(gl.opts)
    window.resize(1920, 1000)
    settle(qtbot, window, "x^2 + y^2 + z^2 + 1")
    assert (gl.opts["distance"], gl.opts["azimuth"]) == (turned["distance"],
                                                          turned["azimuth"])


@pytest.mark.parametrize("text, size", [("x^2 + 2y^2", (1280, 720)),
                                        ("x^2 + 2y^2", (1920, 1080)),
                                        ("(1-x)^2 + 100(y-x^2)^2", (1280, 720)),
                                        ("(x-5)^2 + (y-3)^2 + 2xy", (1280, 720))])
def test_every_tick_label_with_room_is_shown(window, qtbot, text, size):
    """The walkthrough's 3-D view hid y's "2" (between "3" and "1", 14 px apart: their
    QLabels, a line of 17 px high, overlapped, their digits did not), f's "40" and "1e4".
    A tick label is hidden only when its digits would touch another shown label's."""
    window.setGeometry(0, 0, *size)
    settle(qtbot, window, text)
    gl = window.surface_view.gl
    pairs = [label for _, label in gl._labels[:gl._n_labels]]
    shown = [label for label in pairs if label.isVisible()]
    for label in pairs:
        if label.isVisible() or "<" in label.text():
            continue
        mine = ink_rect(label).adjusted(-2, -2, 2, 2)      # digits closer than 2 px
        touched = [other.text() for other in shown if mine.intersects(ink_rect(other))]
        assert touched, f"{label.text()!r} hidden with room at {label.geometry().getRect()}"
    for label in shown:
        assert ink(gl.canvas, label.geometry()) >= 6, label.text()
