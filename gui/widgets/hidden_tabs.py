"""A tab not shown takes a new look when it is next shown, not at the change.

A change of look (Ctrl+D, Ctrl++, F11) restyled every widget and plot item of every tab,
the hidden ones too: on the Network tab, the Explorer's plots and sheets were most of
the toggle's work. The pages of a QTabWidget that are not current are left as they are
and marked; the first Show event of a marked page restyles it, before it is laid out
and painted (Show comes before the tab widget's `currentChanged` and before any paint),
so the page looks exactly as if it had been restyled at once.
"""
from __future__ import annotations

import weakref

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QTabWidget, QWidget

from gui.compute.qt_guard import qt_override


class _RestyleWhenShown(QObject):
    """On a marked page: its first Show restyles it (`restyle(page)`) and unmarks it."""

    def __init__(self, restyle):
        super().__init__()
        self._restyle = restyle
        self.marked: weakref.WeakSet = weakref.WeakSet()

    @qt_override
    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Show and obj in self.marked:
            self.marked.discard(obj)
            obj.removeEventFilter(self)
            self._restyle(obj)
        return False


_when_shown: _RestyleWhenShown | None = None


def hidden_tab_pages(root: QWidget) -> set:
    """The pages of the tab widgets under `root` (root included) that are not current."""
    tab_widgets = root.findChildren(QTabWidget)
    if isinstance(root, QTabWidget):
        tab_widgets.append(root)
    return {tabs.widget(i) for tabs in tab_widgets for i in range(tabs.count())
            if tabs.widget(i) is not tabs.currentWidget()}


def defer_until_shown(pages, restyle) -> None:
    """Restyle each of `pages` (with `restyle(page)`) when it is next shown."""
    global _when_shown
    if _when_shown is None:
        _when_shown = _RestyleWhenShown(restyle)
    for page in pages:
        if page not in _when_shown.marked:
            _when_shown.marked.add(page)
            page.installEventFilter(_when_shown)


def shown_now(page: QWidget) -> None:
    """`page` is restyled at once: no restyle is owed to it when shown."""
    if _when_shown is not None and page in _when_shown.marked:
        _when_shown.marked.discard(page)
        page.removeEventFilter(_when_shown)


def inside(widget: QWidget, pages: set, root: QWidget) -> bool:
    """Whether `widget` is one of `pages` or lies in one, looking up no further than root."""
    while widget is not None and widget is not root:
        if widget in pages:
            return True
        widget = widget.parentWidget()
    return False
