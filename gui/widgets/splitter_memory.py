"""Where a window's splitters are when fresh, to put them back (File ▸ New: a user who
starts over expects the views where a fresh window has them, not where a dragged handle
or an earlier text size left them).

A splitter's fresh layout cannot be asked for again: Qt sizes a new splitter's parts
from their size hints and stretch factors, and once a handle is dragged only from its
own sizes (restoring a state saved before the first show collapsed parts). A splitter
never dragged is where a fresh window has it (Qt lays it out from the same hints), so
New leaves it to Qt; a dragged one gets its sizes back with `setSizes`. Those are read
whenever Qt lays the splitter out by itself (shown whole: none of its parts folded away,
as in presentation; a part's minimum size or its length changed) until a handle is
dragged. Not once at the first show: a page settles a turn or two later (the window's
size from the screen, an enclosing splitter laid out after those inside it, a wrapped
caption's height), and those first sizes put back were off by a rounding pixel or by
what had settled. Readings are kept by text size and length, as Qt's layout at one
length is not another's scaled (stretch, minimum sizes): New puts back the one of the
length the splitter has then (an enclosing splitter put back first), else the nearest
in proportion. A splitter so put back stays in the memory's hands until a handle is
dragged: Qt no longer lays it out from the hints (setSizes fixed its parts' shares), so
when the text size or its length changes the memory puts back the reading of the new
size (a New at a larger text, then Ctrl+− back: the side panel stayed 18 px wider than a
fresh window's, as the larger text's sizes scaled). A splitter that places itself (a `reset_split()` method, e.g.
gui/plots/curve_split.CurveSplit) is asked to instead.
"""
from __future__ import annotations

import weakref

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QSplitter, QWidget

from gui.compute.qt_guard import qt_override
from gui.widgets import theme


FIRST_SIZES = "first_sizes"      # the splitter's property: its latest fresh sizes
_MOVED = "moved_by_user"         # the splitter's property: a handle dragged since fresh
_PLACED = "placed_by_memory"     # the splitter's property: put back, not dragged since
_PENDING = "sizes_read_pending"  # the splitter's property: a reading is scheduled
_READINGS_KEPT = 64              # per splitter: a window resized by dragging gives many
_LAID_OUT = (QEvent.Type.Show, QEvent.Type.LayoutRequest, QEvent.Type.Resize)


class SplitterMemory(QObject):
    def __init__(self, parent=None):
        super().__init__(parent)
        # splitter -> {(text scale, length): sizes}; weak: a closed page's go with it
        self._readings = weakref.WeakKeyDictionary()

    def watch(self, root: QWidget) -> None:
        """Remember the fresh sizes of `root`'s splitters (those built so far): call it
        again for parts built later, before they are first shown."""
        for splitter in root.findChildren(QSplitter):
            if splitter.property(FIRST_SIZES) is not None or hasattr(splitter, "reset_split"):
                continue
            splitter.setProperty(FIRST_SIZES, [])      # watched, not yet shown whole
            self._readings[splitter] = {}
            splitter.splitterMoved.connect(self._moved)
            splitter.installEventFilter(self)
            if _whole(splitter):            # already laid out: as it is now
                self._read(splitter)

    def restore(self, root: QWidget) -> None:
        """Every splitter under `root` whose handle was dragged back to its fresh sizes.
        One never dragged is left to Qt: it lays it out as a fresh window does."""
        for splitter in root.findChildren(QSplitter):   # an enclosing one before its parts
            # the parts' smallest sizes and the splitter's length as they are now: a text
            # size set back, or the enclosing splitter just put back, reach the layouts
            # an event later (the larger text's minimum sizes would clamp the sizes)
            QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
            if hasattr(splitter, "reset_split"):
                splitter.reset_split()
            elif splitter.property(_MOVED) or splitter.property(_PLACED):
                splitter.setProperty(_MOVED, False)
                splitter.setProperty(_PLACED, True)
                self._place(splitter)

    def _place(self, splitter: QSplitter) -> None:
        """The splitter at the fresh sizes of its text size and length. Not read again:
        Qt now shares a new length out by these sizes, where a fresh window shares it by
        the parts' size hints (so they are put back at every change, `eventFilter`)."""
        splitter.setProperty(_PENDING, False)
        if (splitter.property(_PLACED) and _whole(splitter)
                and (sizes := self._fresh_sizes(splitter)) and sizes != splitter.sizes()):
            splitter.setSizes(sizes)

    def _fresh_sizes(self, splitter: QSplitter) -> list[int]:
        readings = self._readings.get(splitter) or {}
        scale, length = theme.current().scale, _length(splitter)
        if exact := readings.get((scale, length)):
            return exact
        same_text = [key for key in readings if key[0] == scale]
        if same_text:           # in proportion: the nearest length's
            return readings[min(same_text, key=lambda key: abs(key[1] - length))]
        return splitter.property(FIRST_SIZES) or []

    def _read(self, splitter: QSplitter) -> None:
        splitter.setProperty(_PENDING, False)
        if not _whole(splitter) or splitter.property(_MOVED) or splitter.property(_PLACED):
            return
        sizes = splitter.sizes()
        readings = self._readings.setdefault(splitter, {})
        readings.pop(key := (theme.current().scale, _length(splitter)), None)
        readings[key] = sizes               # the newest last
        while len(readings) > _READINGS_KEPT:
            del readings[next(iter(readings))]
        splitter.setProperty(FIRST_SIZES, sizes)

    @qt_override()
    def _moved(self, _position: int, _index: int) -> None:
        # a handle dragged (setSizes does not emit it): its layout is the user's now
        if isinstance(splitter := self.sender(), QSplitter):
            splitter.setProperty(_MOVED, True)
            splitter.setProperty(_PLACED, False)

    @qt_override(fallback=False)
    def eventFilter(self, obj, event) -> bool:
        # shown, a part shown again (a tab first shown while presenting, its panels
        # folded: their sizes of 0 would fold them again), a part's minimum size or the
        # splitter's length changed: QSplitter lays its parts out when it handles the
        # event, after this filter, so the sizes are read a turn later (the splitter as
        # context: no call if it is gone by then; one call for a burst of events); one
        # put back by `restore` is put back again at the new text size or length
        if (event.type() in _LAID_OUT and not obj.property(_PENDING)
                and not obj.property(_MOVED) and _whole(obj)):
            obj.setProperty(_PENDING, True)
            act = self._place if obj.property(_PLACED) else self._read
            QTimer.singleShot(0, obj, lambda: act(obj))
        return False


def _length(splitter: QSplitter) -> int:
    return sum(splitter.sizes())


def _whole(splitter: QSplitter) -> bool:
    """On screen with none of its parts hidden (as a fresh window shows it)."""
    return splitter.isVisible() and all(not splitter.widget(i).isHidden()
                                        for i in range(splitter.count()))
