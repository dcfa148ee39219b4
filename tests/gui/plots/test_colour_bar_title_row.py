"""The colour bar's "f" shares no row with a tick label.

The walkthrough at 1280×720: x² + 2y² with four runs, the bar labelled 2 … 30, and the
"f", centred on the bar, sat 2 px right of "15": read as one "15 f". Checked on the
screen's pixels: the rows of the title's ink and of the labels' ink, a pixel apart."""
import numpy as np
import pytest

from tests.gui.plots.test_colour_bar_ticks import (_blocks, _canvas_rect, _ink, _label_column,
                                                   _show_f)


def _title_rows(view):
    title = _canvas_rect(view, view.colour_bar.axis.label)
    ink = _ink(view)[title.top():title.bottom() + 1, title.left():title.right() + 1]
    return np.flatnonzero(ink.any(axis=1)) + title.top()


@pytest.mark.parametrize("height", [250, 270, 291, 330])
def test_the_f_is_at_the_height_of_no_label(shown, model, qtbot, height):
    view = _show_f(shown, model, qtbot, "x^2 + 2y^2", ((-4, 4), (-3, 3)), 490, height)
    rows, labels_right, title_left = _label_column(view)
    assert 0 < title_left - labels_right <= 10, (labels_right, title_left)   # still beside
    title = _title_rows(view)
    assert len(title), "no f drawn"
    top, bottom = title.min() - 1, title.max() + 1
    clash = [(a, b) for a, b in _blocks(rows) if a <= bottom and b >= top]
    assert not clash, (clash, (top, bottom), view.bar_ticks.shown)
