"""Labels of different 3-D axes stay apart however the camera is turned: rotated by a
drag, f's "5 0 −5" came down 3 px from x's tick "4" and read as one crowded column
(the canvas hid only labels whose glyphs touched). Now a label nearer than
`axes_apart` to another axis's label is hidden; one axis's ticks may still sit 2 px apart."""
from __future__ import annotations

from PySide6.QtWidgets import QApplication

from gui.plots.label_ink import axes_apart, ink_rect
from gui.plots.surface_axes import label_axes
from tests.gui.plots.test_surface_labels_fit import settle

# elevations × azimuths a drag reaches (from below the floor to straight down)
ANGLES = [(elevation, azimuth) for elevation in (-10, 10, 30, 50, 70, 90)
          for azimuth in range(-180, 180, 30)]


def crowded_pairs(gl, axes) -> list[str]:
    """Shown labels of different axes whose glyphs are nearer than `axes_apart`."""
    shown = [(axis, label) for axis, (_, label) in zip(axes, gl._labels) if label.isVisible()]
    crowded = []
    for i, (axis, label) in enumerate(shown):
        apart = axes_apart(label)
        grown = ink_rect(label).adjusted(-apart, -apart, apart, apart)
        crowded += [f"{label.text()!r} ({axis}) near {other.text()!r} ({other_axis})"
                    for other_axis, other in shown[i + 1:]
                    if other_axis != axis and grown.intersects(ink_rect(other))]
    return crowded


def test_labels_of_different_axes_stay_apart_at_any_rotation(window, qtbot):
    window.resize(1280, 720)
    settle(qtbot, window, "x^2 - y^2")
    view = window.surface_view
    gl = view.gl
    axes = label_axes(view.tick_texts)
    assert len(axes) == len(gl.label_texts())
    crowded = {}
    for elevation, azimuth in ANGLES:
        gl.opts["elevation"], gl.opts["azimuth"] = elevation, azimuth     # as a drag sets them
        gl.update()
        gl.repaint()                     # paintGL places the labels for this camera
        QApplication.processEvents()
        assert any(label.isVisible() for _, label in gl._labels)
        if pairs := crowded_pairs(gl, axes):
            crowded[(elevation, azimuth)] = pairs
    assert crowded == {}
