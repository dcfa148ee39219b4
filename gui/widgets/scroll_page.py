"""A page that scrolls instead of widening its window.

A tab whose controls need more room than the screen has (a 1024×768 projector at text
size 2) would otherwise raise the window's minimum size past the screen: Qt grows a
top-level window to its layout's minimum, and a QTabWidget's minimum is the largest of
all its pages, the hidden ones too. Inside a scroll area the page asks for almost no
minimum; when it truly cannot fit, scroll bars appear and nothing is cut off.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget
from gui.compute.qt_guard import qt_override
from gui.widgets.wheel_guard import WheelGuard
from gui.widgets.whole_rows import whole_rows_end


class _PageContent(QWidget):
    """Reports no height-for-width: QScrollArea would otherwise size a page with wrapped
    labels to its *preferred* height for the width, taller than the screen, and scroll
    a page that fits at its minimum."""

    @qt_override
    def hasHeightForWidth(self) -> bool:
        return False


def scroll_page(page: QWidget) -> QWidget:
    """Give `page` a layout holding one frameless scroll area, and return the widget
    inside it: lay the page's contents out in that widget (not in `page`).

    The inner widget fills the page whenever the page is at least as large as the
    inner widget's minimum (no scroll bars then, the page looks as it did)."""
    content = _PageContent()
    content.setObjectName("scrollPageContent")
    holder = QWidget()          # the area asks its widget's *layout* about height-for-width
    holding = QVBoxLayout(holder)
    holding.setContentsMargins(0, 0, 0, 0)
    holding.addWidget(content)
    area = QScrollArea()
    area.setObjectName("scrollPage")
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    # not a Tab stop: a frameless page cannot show the focus (Tab seemed to do nothing),
    # and a control Tab reaches inside it is scrolled into view by the area anyway
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    area.setWidget(holder)
    outer = QVBoxLayout(page)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(area)
    page.scroll_area = area
    return content


def page_overflow(page: QWidget) -> tuple[int, int]:
    """How many pixels (width, height) `page`'s contents lack to fit without scrolling;
    (0, 0) when it fits (or when the page does not scroll)."""
    area = getattr(page, "scroll_area", None)
    if area is None:
        return 0, 0
    need = area.widget().minimumSizeHint().expandedTo(area.widget().minimumSize())
    have = area.viewport().size()
    return max(0, need.width() - have.width()), max(0, need.height() - have.height())


def view_short(view: QWidget, share_px: float) -> bool:
    """Whether `view` has less than `share_px` of height or, for a view drawn at the text
    size rather than stretched to its room (one with `drawing_height()`: the Neuron's
    graph), less than its drawing needs: more is blank room, and presenting folded the
    x, w, b row above the graph for it (1280×720, text size 1.75)."""
    drawing_height = getattr(view, "drawing_height", None)
    return view.height() < (min(share_px, drawing_height()) if drawing_height else share_px)


def room_in_splitter(page: QWidget, splitter, index: int) -> int:
    """The most width (px) `splitter`'s widget at `index` may ask for without `page`
    (a scroll_page) scrolling sideways: the page's width, less what it spends beside the
    splitter, the least widths of the splitter's other shown widgets and its handles."""
    area = page.scroll_area
    others = [splitter.widget(i) for i in range(splitter.count())
              if i != index and not splitter.widget(i).isHidden()]
    least = sum(max(w.minimumSizeHint().width(), w.minimumWidth()) for w in others)
    beside = area.widget().width() - splitter.width()       # the page's margins
    # room for an up-and-down scroll bar even where none shows yet: one that came with a
    # larger text size made the page 14 px too narrow (text size 3 at 1280×720)
    bar = area.verticalScrollBar()
    width = area.viewport().width() - (0 if bar.isVisible() else bar.sizeHint().width())
    return width - beside - least - splitter.handleWidth() * len(others)


class VerticalScrollArea(QScrollArea):
    """Scrolls up and down only, and is never narrower than its contents: a side panel
    of controls whose fields must not be cut at the right edge (a plain QScrollArea
    without a horizontal scroll bar lets a splitter squeeze it below its contents)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)     # as scroll_page's: no blind Tab stop
        # widgets at the top of the contents shown whole, unscrolled, at every text size
        # (`keep_whole`): the area asks for their height as its minimum
        self.kept_whole: tuple[QWidget, ...] = ()
        # px the area asks for at least, whatever it keeps whole (a form shown in it)
        self.least_height = lambda: 0
        self._snap = QTimer(self, singleShot=True, interval=0)
        self._snap.timeout.connect(self._snap_to_whole_items)
        self.verticalScrollBar().valueChanged.connect(self._snap.start)

    def keep_whole(self, *widgets: QWidget) -> None:
        """The area is never shorter than what it takes to show `widgets` (items of its
        contents' layout, from the top) whole, the last one down to its
        `kept_height()` if it has one: the descent panel's Runs group was cut through
        its buttons at text size 1.3 on a 720p screen. Where even that does not fit,
        the page around it scrolls instead."""
        self.kept_whole = widgets
        self.updateGeometry()

    def _kept_height(self) -> int:
        inner = self.widget()
        layout = inner.layout() if inner is not None else None
        if layout is None or not self.kept_whole:
            return 0
        left = set(map(id, self.kept_whole))
        height = layout.contentsMargins().top()
        for i in range(layout.count()):
            widget = layout.itemAt(i).widget()
            if widget is None or widget.isHidden():
                continue
            whole = widget.sizeHint().expandedTo(widget.minimumSizeHint()).height()
            left.discard(id(widget))
            if not left:
                # the last may keep only its top part whole (its `kept_height()`)
                part = getattr(widget, "kept_height", None)
                return height + (whole if part is None else min(whole, part())) \
                    + 2 * self.frameWidth()
            height += whole
            height += layout.spacing()
        return 0

    def _snap_to_whole_items(self) -> None:
        """Scrolling, the area shows whole controls of its contents at rest: its view
        ends under the last row of them that fits (`whole_rows_end`), not through the
        middle of a row of buttons (a blank strip, the scroll bar says there is more).
        Scrolled, under the last row that fits from where it is scrolled to: the band
        worked out at rest cut a chosen run's settings, scrolled into a short area,
        through their fields."""
        inner = self.widget()
        room = self.height() - 2 * self.frameWidth()
        bottom = room
        if inner is not None and inner.height() > room + 1:
            scrolled = self.verticalScrollBar().value()
            bottom = whole_rows_end(inner, scrolled + room) - scrolled
        margins = self.viewportMargins()
        if margins.bottom() != room - bottom:
            self.setViewportMargins(0, 0, 0, room - bottom)

    @qt_override
    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._snap.start()

    def setWidget(self, widget: QWidget) -> None:
        super().setWidget(widget)
        widget.installEventFilter(self)
        self.wheel_guard = WheelGuard(self)     # the wheel scrolls, not the field under it
        self.wheel_guard.cover()

    @qt_override
    def minimumSizeHint(self):
        hint = super().minimumSizeHint()
        inner = self.widget()
        if inner is None:
            return hint
        need = inner.minimumSizeHint().expandedTo(inner.minimumSize()).width()
        hint.setWidth(need + self.verticalScrollBar().sizeHint().width()
                      + 2 * self.frameWidth())
        hint.setHeight(max(hint.height(), self._kept_height(), self.least_height()))
        return hint

    @qt_override
    def eventFilter(self, obj, event):
        # the contents' minimum changed (larger text): ask the layout again
        if obj is self.widget() and event.type() == event.Type.LayoutRequest:
            self.updateGeometry()
            self.wheel_guard.cover()         # e.g. a method's settings form, built later
            self._snap.start()               # once the contents are laid out anew
        return super().eventFilter(obj, event)
