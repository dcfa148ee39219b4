"""Tab follows reading order, taken from the layout at the moment the key is pressed.

Qt's Tab order is the order the widgets were created in. Here that jumped about: the
deferred 3-D view's "Tangent plane" and "Reset view" came before the map, a ticked
method's settings (built when first ticked) came after Playback, and a 1-D ↔ 2-D change
or presenting rebuilt or moved panels again. One rule replaces hand-made lists: walk the
widget tree, at each level take the children in reading order (rows from top to bottom,
left to right in a row), so each panel's stops are one run, in the order the eye reads
them; the chain is set with `QWidget.setTabOrder` just before Tab or Shift+Tab moves
the focus, so it always matches what is on the screen (F11, Ctrl++, themes, rebuilds).
A window takes the rule by deriving from `ReadingOrderTabs`.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QPlainTextEdit, QTextEdit,
                               QWidget)

from gui.compute.qt_guard import qt_override


def is_tab_stop(widget: QWidget) -> bool:
    """Tab can stop at it: it takes Tab focus itself (a spin box's line edit hands its
    focus to the box, so only the box is a stop)."""
    return (bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
            and widget.focusProxy() is None and widget.isEnabled())


def in_reading_order(widgets: list[QWidget]) -> list[QWidget]:
    """Siblings sorted as one reads them: a widget whose top lies above the middle of the
    row so far joins that row (side by side: a panel and the column beside it, or check
    boxes a pixel apart), else it starts the next row; a row reads left to right."""
    rows: list[list[QWidget]] = []
    top = bottom = 0
    for widget in sorted(widgets, key=lambda w: (w.geometry().top(), w.geometry().left())):
        box = widget.geometry()
        if rows and box.top() < (top + bottom) / 2:
            rows[-1].append(widget)
            bottom = max(bottom, box.bottom())
        else:
            rows.append([widget])
            top, bottom = box.top(), box.bottom()
    return [w for row in rows for w in sorted(row, key=lambda w: w.geometry().left())]


def tab_stops(root: QWidget) -> list[QWidget]:
    """The shown Tab stops under `root` in reading order, panel by panel: a container's
    stops all come before those of the sibling read after it."""
    stops: list[QWidget] = []

    def visit(widget: QWidget) -> None:
        if widget is not root and is_tab_stop(widget):
            stops.append(widget)
        children = [child for child in widget.children()
                    if isinstance(child, QWidget) and not child.isWindow()
                    and not child.isHidden()]
        for child in in_reading_order(children):
            visit(child)

    visit(root)
    return stops


def chain_in_reading_order(window: QWidget) -> list[QWidget]:
    """Set `window`'s Tab chain to its shown stops in reading order; returns them. Hidden
    widgets keep their places outside this run, and Qt skips them."""
    stops = tab_stops(window)
    for before, after in zip(stops, stops[1:]):
        if before.nextInFocusChain() is not after:
            QWidget.setTabOrder(before, after)
    return stops


def keeps_tab(widget: QWidget) -> bool:
    """The widget uses Tab itself: a text field that types it (the scene's notes), a
    table that walks its cells with it. Qt's own handling, on the chain set in reading
    order, moves on from there."""
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        return not widget.tabChangesFocus()
    return isinstance(widget, QAbstractItemView) and widget.tabKeyNavigation()


def step_focus(window: QWidget, forward: bool) -> bool:
    """Move the focus of `window` to the next (previous) stop in reading order, round
    from the last to the first; False when the focused widget is no stop (Qt moves it).
    Moved here rather than left to Qt's walk of the chain: past the last stop that walk
    went on through the hidden widgets' old places and came out in the middle (the
    lab's tab bar, after Playback)."""
    stops = chain_in_reading_order(window)
    focused = QApplication.focusWidget()
    if focused not in stops or keeps_tab(focused):
        return False
    step = 1 if forward else -1
    reason = Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason
    stops[(stops.index(focused) + step) % len(stops)].setFocus(reason)
    return True


class ReadingOrderTabs:
    """Mixin for a top-level widget class (before its Qt base): Tab and Shift+Tab inside
    it go in reading order. Qt asks `focusNextPrevChild` up the focused widget's parents
    only for Tab and Shift+Tab (no Ctrl or Alt), and only where that widget does not use
    Tab itself; so the rule runs for those keys alone, not as a filter of every event."""

    @qt_override(fallback=False)
    def focusNextPrevChild(self, next: bool) -> bool:     # noqa: A002 (Qt's name)
        return step_focus(self, next) or super().focusNextPrevChild(next)
