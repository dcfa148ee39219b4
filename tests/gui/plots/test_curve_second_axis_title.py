"""f″'s axis on the 1-D Explorer's f′ plot: its name stands next to its numbers, as the
other axes' names do, at every text size and presenting (at a fixed 64 px × the text
size "f″(x)" stood 50–80 px right of them), and f's and f′'s x-axes still line up."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QImage

from tests.gui.app.projector import projector_window, settle_at

pytestmark = pytest.mark.xdist_group("curve_second_axis_title")


@pytest.fixture(scope="module")
def projector(qapp, tmp_path_factory):
    yield from projector_window(tmp_path_factory)


def ink_columns(widget, x0: int, x1: int, y0: int, y1: int) -> list[int]:
    """The columns in [x0, x1) of `widget`'s own pixels with text in them (a pixel much
    darker than the background) between rows y0 and y1."""
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB888)
    array = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), -1)
    array = array[:, :image.width() * 3].reshape(image.height(), image.width(), 3)
    area = array[y0:y1, x0:x1].astype(int).sum(axis=2)
    background = np.median(area)
    return [x0 + i for i in np.flatnonzero((np.abs(area - background) > 240).any(axis=0))]


def clusters(columns: list[int]) -> list[tuple[int, int]]:
    """Runs of adjacent columns (gaps of up to 2 px inside a run: a glyph's counter)."""
    runs: list[tuple[int, int]] = []
    for x in columns:
        if runs and x - runs[-1][1] <= 3:
            runs[-1] = (runs[-1][0], x)
        else:
            runs.append((x, x))
    return runs


@pytest.mark.parametrize("scale, presenting", [(1.0, False), (1.5, True), (2.0, True)])
def test_the_f2_axis_name_sits_next_to_its_numbers(projector, qtbot, scale, presenting):
    window = projector
    model = window.explorer.model
    settle_at(window, qtbot, scale, presenting)
    if model.text != "x^3 - 3x":
        model.set_text("x^3 - 3x")                 # f″ = 6x: numbers "−10", "0", "10"
        assert model.wait_for_analysis()
    settle_at(window, qtbot, scale, presenting)
    curve = window.explorer.curve_view
    qtbot.waitUntil(lambda: curve.xs.size > 0, timeout=5000)
    qtbot.wait(200)
    axis = curve.plot_d.getAxis("right")
    box = curve.plot_d.vb.sceneBoundingRect().toRect()
    canvas = curve.canvas_d
    right = canvas.mapFromScene(axis.sceneBoundingRect().topRight()).x()
    runs = clusters(ink_columns(canvas, box.right() + 3, right + 2,
                                box.top(), box.bottom()))
    assert len(runs) >= 2, runs                   # the numbers, then the name
    numbers_end, name_start = runs[-2][1], runs[-1][0]
    name_px = runs[-1][1] - runs[-1][0] + 1        # the rotated name's height, about
    assert name_px >= 8 * scale
    gap = name_start - numbers_end
    # as the left axis's name of the map stands off its numbers: a few px, never 50
    assert 2 <= gap <= 10 * scale, (runs, gap)
    # the name is whole on the canvas, not cut at its right edge
    assert runs[-1][1] < canvas.width() - 1
    # f's plot above ends where f′'s does: the two x-axes line up
    top = curve.plot_f.vb.sceneBoundingRect()
    at_f = curve.canvas.mapTo(window, curve.canvas.mapFromScene(top.topRight()))
    at_d = canvas.mapTo(window, canvas.mapFromScene(box.topRight()))
    assert abs(at_f.x() - at_d.x()) <= 1
