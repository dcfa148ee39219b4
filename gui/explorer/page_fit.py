"""The Explorer's page about to scroll in the normal window (four runs' status lines, a
larger text size, the scenes panel's width taken): what gives way, and when it comes back.

Outside presentation mode the typeset formulas and the formula field are never folded
for room: they name the f every view shows, and a lecturer's notes send the class to
them. (They folded themselves at 1280×720 with the scenes panel open, for Newton's
status lines, "Inside a step" or Basins, and stayed folded once the cause was undone.)
The Playback box's title goes first (as presenting: its buttons say what it is; a
run's two-line "no minimum" status fits in its 22 px), then the side panel's Runs give
up being whole, then the example's one-line caption,
then the lower panel (loss curve and iterates: at text size 1.75 on 1280×720 it kept
292 px while the views got their least, 287, the map's plot 205×120 px, and the page
scrolled Playback's rows below the window's edge), then the side panel's Methods (the
rate stays whole above them, Methods scroll under it: at text size 2 on 1280×720 they
held the side panel at 540 px and the map's x-axis below the window's edge); where that
is still not enough the page scrolls. The lower panel shown again by the lecturer (Ctrl+3) stays. Presenting, the window folds panels
itself (MainWindow.make_room_for_views). What was given up comes back as soon as the
page has the room again: a larger or wider page, a smaller text size, or its contents
shrunk (Newton unticked, Basins off)."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from gui.compute.qt_guard import qt_override
from gui.widgets.scroll_page import page_overflow

# what gives way, in order: the Playback box's title, the side panel's Runs kept whole,
# the caption's row, the lower panel, the side panel's Methods kept whole
GIVE_WAY = ("playback title", "runs", "caption", "below", "methods")
# presenting (the window folds the caption and panels itself, MainWindow.make_room_for_
# views): a race's status lines find their room inside the side panel, Methods scrolling
# under the rate (`_can_give`). Two runs' "no minimum" lines on the delivery route at
# 1280×720 made the window fold the caption, the page still scrolled ~15 px and the
# map's "x" was cut. (Where a single run's panel does not fit, as at text size 2, the
# window still folds the side panel for the views.)
GIVE_WAY_PRESENTING = ("runs", "methods")


def _needed_height(tab: QWidget) -> int:
    inner = tab.scroll_area.widget()
    return inner.minimumSizeHint().expandedTo(inner.minimumSize()).height()


def _hints_renewed(widget: QWidget, top: QWidget) -> None:
    """The size hints from `widget` up to `top` (exclusive) asked anew: Qt renews a
    parent's cached hints only when the child's layout request is delivered, one level a
    turn, laying each level out on the way."""
    while widget is not None and widget is not top:
        widget.updateGeometry()
        widget = widget.parentWidget()


def _retain_size(widget: QWidget, on: bool) -> None:
    policy = widget.sizePolicy()
    if policy.retainSizeWhenHidden() != on:
        policy.setRetainSizeWhenHidden(on)
        widget.setSizePolicy(policy)


class PageFit(QObject):
    """Fits `tab`'s page (an ExplorerTab: `scroll_area`, `runs_kept_whole`,
    `_keep_runs_whole`, `set_panels_visible(caption=…)`, `presenting`) to its height."""

    panelsChanged = Signal()        # the lower panel folded for room or given back

    def __init__(self, tab: QWidget):
        super().__init__(tab)
        self.tab = tab
        self.given: list[str] = []      # what gave way, in GIVE_WAY's order
        self.below_kept = False         # the lower panel shown by the lecturer: it stays
        self._need_tried = -1           # the page's height at the last fit or return tried
        self._fitting = False
        self._restore_next = False
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self.fit)
        tab.scroll_area.verticalScrollBar().rangeChanged.connect(self._on_range)
        # the page's contents shrunk (no range change when it no longer scrolls)
        tab.scroll_area.widget().installEventFilter(self)

    def _short(self) -> bool:
        self._short_layouts()
        return page_overflow(self.tab)[1] > 0

    def _still_given(self) -> int:
        """How many of `given` (from the first) the page needs still, laid out as it is
        now, by the size hints alone: what was given up is counted back without being
        shown, nothing laid out. Given back to try, the page was laid out with all of it
        (the map 470×481 px, the 3-D view and the loss plot resized and re-ranged) and
        again as each gave way: ~40 ms of a text-size step's ~250, where it did not fit.
        (Laid out for real a scroll bar narrows the page, and its rows only grow: short
        by the hints, it is short laid out too; `fit` checks the rest laid out.)"""
        self._short_layouts()        # the layouts the change queued, applied first
        for kept in range(len(self.given)):
            back = self.given[kept:]
            self._count_back(back, True)
            short = page_overflow(self.tab)[1] > 0
            self._count_back(back, False)
            if not short:
                return kept
        return len(self.given)

    def _count_back(self, back: list[str], on: bool) -> None:
        """`back` (given-up parts) counted in the page's size hints as shown (`on`), or
        as given up again; none shown or laid out. Not the lower panel: a splitter counts
        no hidden part, so the page is measured for less than it would need (still short
        then, it is short with it; where it fits without, `fit` tries it laid out)."""
        tab, changed = self.tab, []
        if "playback title" in back:
            tab.descent_panel.keep_playback_title(on)
            changed.append(tab.descent_panel.playback_group)
        if "runs" in back:
            tab._keep_runs_whole(on)
            changed.append(tab.descent_panel.settings_area)
        if "methods" in back:
            tab.descent_panel.keep_methods_whole(on)
            changed.append(tab.descent_panel.settings_area)
        if "caption" in back:
            # hidden, counted as if shown: shown, it would lay the page out at once
            # (and its error row is kept with it, as set_panels_visible does)
            for widget in (tab.caption, tab.error_label):
                _retain_size(widget, on)
                changed.append(widget)
        for widget in changed:
            _hints_renewed(widget, tab.scroll_area.widget())

    def _short_layouts(self) -> None:
        for _ in range(3):        # a change reaches the page's layout through its parents'
            QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)

    def _give(self, what: str, shown: bool) -> None:
        if what == "playback title":
            self.tab.descent_panel.keep_playback_title(shown)
        elif what == "runs":
            self.tab._keep_runs_whole(shown)
        elif what == "caption":
            self.tab.set_panels_visible(caption=shown)
        elif what == "methods":
            self.tab.descent_panel.keep_methods_whole(shown)
        elif not (shown and self.tab.presenting):    # (presenting folds it its own way)
            self.tab.set_panels_visible(below=shown)
            self.panelsChanged.emit()

    def give_back(self) -> None:
        """Everything given up shown again (presentation on or off: its own folds)."""
        while self.given:
            self._give(self.given.pop(), True)

    def keep_below(self, shown: bool) -> None:
        """The lecturer showed (Ctrl+3) or folded the lower panel: it stays so, until
        presentation mode changes (`start_afresh`)."""
        self.below_kept = shown
        if "below" in self.given:
            self.given.remove("below")

    def start_afresh(self) -> None:
        """Presentation on or off: what was given up back, and the lecturer's Ctrl+3
        forgotten. Presenting folds the lower panel its own way, and leaving lays out a
        new page (often at presentation's larger text): a Ctrl+3 from before kept the
        lower panel there at 1280×720, text size 1.75 (the map's plot 204×116 px, Play
        below the window's edge)."""
        self.below_kept = False
        self.give_back()

    def fit(self) -> None:
        """Give back what was given up (where asked), then give way one at a time while
        the page would scroll. Presenting, only the side panel gives way (GIVE_WAY_
        PRESENTING: the window folds the rest), and takes its room back likewise."""
        tab = self.tab
        if not self._restore_next and not self._left_to_give():
            return       # (the page still scrolls after all gave way: ~3 layouts for nothing)
        self._fitting = True        # (the scroll bar's ranges while trying: no new round)
        try:
            if self._restore_next:                             # no paint in between
                kept = self._still_given() if self.given else 0
                while len(self.given) > kept:
                    self._give(self.given.pop(), True)
            for what in self._ways():
                if not self._short():
                    break
                if not self._can_give(what):
                    continue
                self._give(what, False)
                if what == "playback title" and self._short():
                    # alone not enough: the title stays, and what gives way next takes
                    # its room (seven runs' settings area, snapped to whole rows with
                    # the title, kept a 42-px blank band under its last row without it)
                    self._give(what, True)
                    continue
                self.given.append(what)
            self._short()
        finally:
            self._fitting = False
            self._restore_next = False
            self._need_tried = _needed_height(tab)
        # a text size's new layout still on its way (measured fitting, it did not): again
        if tab.scroll_area.verticalScrollBar().maximum() > 0 and tab.runs_kept_whole:
            self._timer.start()

    def _can_give(self, what: str) -> bool:
        tab = self.tab
        return not (what in self.given or (what == "runs" and not tab.runs_kept_whole)
                    or (what == "caption" and tab.caption_folded)
                    or (what == "below" and (self.below_kept or tab.below.isHidden()))
                    or (what == "methods" and tab.presenting and page_overflow(tab)[1]
                        > tab.descent_panel.playback.race_lines_height()))

    def _left_to_give(self) -> bool:
        return any(map(self._can_give, self._ways()))

    def _ways(self) -> tuple[str, ...]:
        return GIVE_WAY_PRESENTING if self.tab.presenting else GIVE_WAY

    def try_back(self) -> None:
        """The page grew, or its text size changed: what was given up, back where it fits."""
        if self.given:
            self._restore_next = True
            self._timer.start()

    def _on_range(self, _low: int, high: int) -> None:
        if high > 0 and not self._fitting:
            self._timer.start()        # measured once the layouts have settled

    @qt_override
    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.LayoutRequest and self.given and not self._fitting:
            # changed since the last fit (Newton unticked, Basins off, another scene's
            # views): all back, where it fits (a try that does not fit gives way again
            # at the same height: the page's own request after it asks nothing more)
            need = _needed_height(self.tab)
            if need != self._need_tried:
                self._need_tried = need
                self.try_back()
        return False
