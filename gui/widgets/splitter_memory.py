"""Where a window's splitters were when it was first shown, to put them back (File ▸ New:
a user who starts over expects the views where a fresh window has them, not where a
dragged handle or an earlier text size left them).

A splitter's first layout cannot be asked for again: Qt sizes a new splitter's parts
from their size hints and stretch factors, and once laid out only from its own sizes
(restoring a state saved before the first show collapsed parts). So each splitter's
sizes are read right after it is first shown whole (none of its parts folded away, as
in presentation), and put back with `setSizes` (which, at another window size, keeps
their proportions). A splitter that places itself (a
`reset_split()` method, e.g. gui/plots/curve_split.CurveSplit) is asked to instead.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QSplitter, QWidget

from gui.compute.qt_guard import qt_override


FIRST_SIZES = "first_sizes"      # the splitter's property: its sizes as first shown


class SplitterMemory(QObject):
    def watch(self, root: QWidget) -> None:
        """Remember the first sizes of `root`'s splitters (those built so far): call it
        again for parts built later, before they are first shown."""
        for splitter in root.findChildren(QSplitter):
            if splitter.property(FIRST_SIZES) is not None or hasattr(splitter, "reset_split"):
                continue
            splitter.setProperty(FIRST_SIZES, [])      # watched, not yet shown whole
            splitter.installEventFilter(self)
            if _whole(splitter):            # already laid out: as it is now
                self._record(splitter)

    @staticmethod
    def restore(root: QWidget) -> None:
        """Every splitter under `root` back to its first sizes (those not yet shown whole
        stay as they are)."""
        # the parts' smallest sizes as they are now: a text size set back just before
        # reaches the layouts an event later, and the larger text's would clamp the sizes
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        for splitter in root.findChildren(QSplitter):
            if hasattr(splitter, "reset_split"):
                splitter.reset_split()
            elif sizes := splitter.property(FIRST_SIZES):
                splitter.setSizes(sizes)

    def _record(self, splitter: QSplitter) -> None:
        if not _whole(splitter) or splitter.property(FIRST_SIZES):
            return
        splitter.removeEventFilter(self)
        splitter.setProperty(FIRST_SIZES, splitter.sizes())

    @qt_override(fallback=False)
    def eventFilter(self, obj, event) -> bool:
        # shown, or a part shown again (a tab first shown while presenting, its panels
        # folded: their sizes of 0 would fold them again): QSplitter lays its parts out
        # when it handles the event, after this filter, so the sizes are read a turn
        # later (the splitter as context: no call if it is gone by then)
        if event.type() in (QEvent.Type.Show, QEvent.Type.LayoutRequest) and _whole(obj):
            QTimer.singleShot(0, obj, lambda: self._record(obj))
        return False


def _whole(splitter: QSplitter) -> bool:
    """On screen with none of its parts hidden (as a fresh window shows it)."""
    return splitter.isVisible() and all(not splitter.widget(i).isHidden()
                                        for i in range(splitter.count()))
