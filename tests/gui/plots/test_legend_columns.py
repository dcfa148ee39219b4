"""The map's legend: as many columns as fit, so no run label loses letters."""
import pytest

from gui.plots import runs as race
from gui.plots.contour_view import ContourView
from gui.plots.legend_columns import columns_that_fit

SIX = "gd:lr=0.1, gd:lr=0.3, momentum:lr=0.01, nesterov:lr=0.01, adam:lr=0.3, rmsprop:lr=0.05"


def test_columns_that_fit_counts_the_widest_entry_of_each_column():
    widths = [(20, 80), (20, 100), (20, 60), (20, 90)]
    # two columns: (20 + 80|60 max 80) + (20 + 100|90 max 100) + 3 gaps of 5 = 235
    assert columns_that_fit(widths, 235, 5) == 2
    assert columns_that_fit(widths, 234, 5) == 1
    # four columns: 80 + 100 + 60 + 90 + 4·20 + 7·5 = 445
    assert columns_that_fit(widths, 445, 5) == 4
    assert columns_that_fit(widths, 444, 5) == 3
    assert columns_that_fit([], 100, 5) == 1


@pytest.mark.parametrize("width", [420, 490, 700, 1000])
def test_every_run_label_is_whole_inside_the_view(shown, model, qtbot, width):
    view = shown(ContourView(model), width, 420)
    model.set_text("(1-x)^2 + 5(y-x^2)^2")
    model.set_settings(runs=race.parse_runs(SIX))
    assert model.wait_for_analysis(60000)
    qtbot.waitUntil(lambda: len(view.legend.items) == 7, timeout=20000)
    qtbot.wait(100)
    right = view.canvas.width()
    for sample, label in view.legend.items:
        box = label.mapRectToScene(label.boundingRect())
        text = label.item.mapRectToScene(label.item.boundingRect())
        assert box.right() <= right and text.right() <= right, label.text
        assert text.width() <= box.width() + 1, label.text      # the label shows its whole text
    if width >= 1000:
        assert view.legend.columnCount == 5                     # room: one row of five
