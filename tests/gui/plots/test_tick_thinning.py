"""An axis's tick labels thinned to a regular step where they crowd (pure rectangles)."""
from PySide6.QtCore import QRect

from gui.plots.tick_thinning import shown_labels


def _row(n: int, pitch: int, y: int = 0) -> list[QRect]:
    return [QRect(i * pitch, y, 10, 10) for i in range(n)]


def test_crowded_ticks_keep_a_regular_step_with_their_ends():
    """Seven ticks 8 px apart (each touches its neighbours): every 2nd, ends kept; the
    greedy rule that dropped each label touching the one before read the same here but
    "2, 0, −1, −2" where another axis's label took one of them."""
    texts = ["−3", "−2", "−1", "0", "1", "2", "3"]
    shown = shown_labels(_row(7, 8), ["y"] * 7, texts, [4] * 7)
    assert [t for t, s in zip(texts, shown) if s] == ["−3", "−1", "1", "3"]


def test_a_tick_taken_by_another_axis_thins_the_whole_axis():
    """y's −3 lies under x's −4 (placed first): y shows −2, 0, 2, not −2, −1, 0, 1, 2, 3."""
    texts = ["−4", "−3", "−2", "−1", "0", "1", "2", "3"]
    boxes = [QRect(0, 0, 10, 10)] + _row(7, 20, y=0)
    shown = shown_labels(boxes, ["x"] + ["y"] * 7, texts, [4] * 8)
    assert [t for t, s in zip(texts, shown) if s] == ["−4", "−2", "0", "2"]


def test_an_axis_name_is_never_thinned_with_its_ticks():
    texts = ["<b>f</b>", "10", "20", "30"]
    boxes = [QRect(0, 0, 10, 10), QRect(0, 40, 10, 10), QRect(0, 60, 10, 10),
             QRect(0, 80, 10, 10)]
    assert shown_labels(boxes, ["f"] * 4, texts, [4] * 4) == [True] * 4


def test_ends_crowded_by_other_axes_leave_three_numbers_between_them():
    """x's −4 and 4 at the box's corners, under y's −3 and f's 10 (placed first): x
    reads "−2, 0, 2", not "−2, 2" (nor "0" alone, at text size 2 in a 1280×720 window)."""
    texts = ["−3", "10", "−4", "−2", "0", "2", "4"]
    boxes = [QRect(0, 0, 10, 10), QRect(80, 0, 10, 10)] + _row(5, 20)
    shown = shown_labels(boxes, ["y", "f"] + ["x"] * 5, texts, [4] * 7)
    assert [t for t, s in zip(texts, shown) if s] == ["−3", "10", "−2", "0", "2"]
