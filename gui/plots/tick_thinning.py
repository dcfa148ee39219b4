"""Which of the 3-D view's labels show where they crowd: an axis's tick labels are
thinned to a regular step (every 2nd, 3rd, … tick), all of that step or none, never
one here and there. Dropping each label that overlapped one placed before it read
y's ticks "2, 0, −1, −2" (1 and 3 gone, −3 under x's "−4") on a foreshortened axis.
Plain Qt rectangles, no widgets."""
from __future__ import annotations

from PySide6.QtCore import QRect


def _groups(axes, texts) -> list[list[int]]:
    """Runs of consecutive tick labels on one axis, in order; an axis's name (rich
    text, "<b>f</b>") stands alone (f's name comes just before f's ticks)."""
    out: list[list[int]] = []
    for i, axis in enumerate(axes):
        name = "<" in texts[i]
        if out and not name and axes[out[-1][-1]] == axis and "<" not in texts[out[-1][-1]]:
            out[-1].append(i)
        else:
            out.append([i])
    return out


def _regular_subsets(group: list[int], texts) -> list[list[int]]:
    """The group itself, then every 2nd, 3rd, … label of it: first those that keep both
    ends (the box's extent, what the camera is framed around), the smallest step first,
    then the others, those with 0 among them before the rest of the same step, then
    the same of the group without its two ends (at the box's corners, where another
    axis's labels crowd them); any of three labels or more before any of fewer (a
    lecturer reads an axis's scale from three numbers: at text size 2 in a 1280×720
    window x read "0" alone, its ends crowded by y's "−3" and f's "10", not "−2, 0, 2")."""
    out: list[list[int]] = []
    for labels in (group, group[1:-1]):
        zero = next((k for k, i in enumerate(labels) if texts[i] == "0"), None)
        last = len(labels) - 1
        steps = range(1, len(labels) + 1)
        out += [labels[::step] for step in steps if step <= max(last, 1)
                and last % step == 0 and labels[::step] not in out]
        for step in steps:
            offsets = sorted(range(step), key=lambda o: zero is None or o != zero % step)
            out += [labels[o::step] for o in offsets if labels[o::step] not in out]
    return sorted(out, key=lambda subset: len(subset) < 3)      # (a stable sort)


def shown_labels(boxes: list[QRect], axes, texts, apart: list[int]) -> list[bool]:
    """Which labels show: in order, each axis's ticks as the first regular subset
    (`_regular_subsets`) whose glyph boxes (`boxes`, each 1 px out) touch no label shown
    before them nor each other, keeping `apart[i]` px from another axis's labels; none
    of them where no subset does."""
    shown = [False] * len(boxes)
    placed: list[tuple[QRect, object]] = []

    def free(i: int, others) -> bool:
        box = boxes[i].adjusted(-1, -1, 1, 1)
        a = apart[i]
        return not any(box.intersects(other if on == axes[i] else other.adjusted(-a, -a, a, a))
                       for other, on in others)

    for group in _groups(axes, texts):
        for subset in _regular_subsets(group, texts):
            chosen: list[tuple[QRect, object]] = []
            for i in subset:
                if not free(i, placed + chosen):
                    break
                chosen.append((boxes[i].adjusted(-1, -1, 1, 1), axes[i]))
            else:
                placed += chosen
                for i in subset:
                    shown[i] = True
                break
    return shown
