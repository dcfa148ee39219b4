"""What a lecturer checks on a projected window, as functions the layout tests share:
the window on its screen, widgets inside it, no text cut off, no two texts on each other."""
from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (QAbstractButton, QAbstractScrollArea, QCheckBox, QLabel,
                               QPushButton, QWidget)

from PySide6.QtOpenGLWidgets import QOpenGLWidget
from PySide6.QtWidgets import QGraphicsView

from gui.widgets.elided_label import ElidedLabel

TEXT_TYPES = (QLabel, QPushButton, QCheckBox)


def window_rect(widget: QWidget, window: QWidget) -> QRect:
    """`widget`'s rectangle in `window`'s coordinates."""
    return QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())


def _in_scrolled_viewport(widget: QWidget, window: QWidget) -> bool:
    """Inside a scroll area's viewport (may lie outside it on purpose: scrolled away)."""
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        grand = parent.parentWidget()
        if isinstance(grand, QAbstractScrollArea) and parent is grand.viewport():
            return True
        parent = grand
    return False


def visible_widgets(window: QWidget) -> list[QWidget]:
    """Widgets drawn in the window: visible, not a window of their own, with an area, and
    not scrolled inside an inner scroll area (those are checked by their viewport)."""
    return [w for w in window.findChildren(QWidget)
            if w.isVisible() and not w.isWindow() and w.width() > 0 and w.height() > 0
            and not _in_scrolled_viewport(w, window)]


def outside_window(window: QWidget) -> list[str]:
    """Widgets that stick out of the window (by more than one pixel of rounding)."""
    bounds = window.rect().adjusted(-1, -1, 1, 1)
    return [f"{type(w).__name__} {_label(w)} at {window_rect(w, window).getRect()}"
            for w in visible_widgets(window) if not bounds.contains(window_rect(w, window))]


def _label(w: QWidget) -> str:
    text = w.text() if hasattr(w, "text") and callable(w.text) else ""
    return repr(text[:40]) if text else w.objectName()


def _text_width(label: QLabel) -> float:
    if label.textFormat() == label.textFormat().RichText or (
            label.textFormat() == label.textFormat().AutoText and "<" in label.text()):
        doc = QTextDocument()
        doc.setDefaultFont(label.font())
        doc.setDocumentMargin(0)
        doc.setHtml(label.text())
        return doc.idealWidth()
    lines = label.text().split("\n")
    return max(label.fontMetrics().horizontalAdvance(line) for line in lines)


def clipped_texts(window: QWidget) -> list[str]:
    """Visible labels, push buttons and check boxes whose text does not fit their size
    (an ElidedLabel cuts its text with "…" on purpose and is not counted)."""
    found = []
    for w in visible_widgets(window):
        if not isinstance(w, TEXT_TYPES) or isinstance(w, ElidedLabel) or not w.text():
            continue
        if isinstance(w, QLabel):
            if w.pixmap() is not None and not w.pixmap().isNull():
                continue
            room = w.contentsRect()
            room_w = room.width() - 2 * w.margin() - (w.indent() if w.indent() > 0 else 0)
            if w.wordWrap():
                need_h = w.heightForWidth(w.width())
                if need_h > w.height() + 2:
                    found.append(f"{_label(w)} wraps to {need_h} px in {w.height()} px")
            elif _text_width(w) > room_w + 2:
                found.append(f"{_label(w)} needs {_text_width(w):.0f} px, has {room_w}")
        elif isinstance(w, QAbstractButton):
            need = w.minimumSizeHint()
            if need.width() > w.width() + 1 or need.height() > w.height() + 1:
                found.append(f"{type(w).__name__} {_label(w)} needs {need.width()}×"
                             f"{need.height()}, has {w.width()}×{w.height()}")
    return found


def overlapping_texts(window: QWidget) -> list[str]:
    """Pairs of visible text widgets (labels, buttons, check boxes) that lie on each
    other or on a plot, neither inside the other (a label placed inside a plot on
    purpose, such as a 3-D axis name, is its child and not counted)."""
    shown = visible_widgets(window)
    texts = [w for w in shown if isinstance(w, TEXT_TYPES) and w.text()]
    plots = [w for w in shown if isinstance(w, (QGraphicsView, QOpenGLWidget))]
    items = texts + plots
    rects = [window_rect(w, window) for w in items]
    found = []
    for i, a in enumerate(texts):
        for j in range(i + 1, len(items)):
            b = items[j]
            if a.isAncestorOf(b) or b.isAncestorOf(a):
                continue
            common = rects[i].intersected(rects[j])
            if common.width() > 2 and common.height() > 2:
                found.append(f"{_label(a)} on {_label(b)}")
    return found


def cut_by_scroll_areas(window: QWidget) -> list[str]:
    """Scroll areas without a horizontal scroll bar whose contents are wider than they
    are: the right edge of their fields is cut off with no way to reach it."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QScrollArea
    found = []
    for area in window.findChildren(QScrollArea):
        inner = area.widget()
        if (area.isVisible() and inner is not None and area.horizontalScrollBarPolicy()
                == Qt.ScrollBarPolicy.ScrollBarAlwaysOff):
            need = inner.minimumSizeHint().expandedTo(inner.minimumSize()).width()
            if need > area.viewport().width() + 1:
                found.append(f"{area.parentWidget().__class__.__name__}'s scroll area: "
                             f"contents need {need} px, shows {area.viewport().width()}")
    return found


def lines_between(label: QLabel, opening: str, closing: str, width: int | None = None) -> int:
    """How many line breaks the rich-text `label`, laid out `width` px wide (default: as
    it is), puts between the first `opening` and the next `closing` of its text (0: the
    bracketed vector on one line)."""
    doc = QTextDocument()
    doc.setDefaultFont(label.font())
    doc.setDocumentMargin(0)
    doc.setHtml(label.text())
    doc.setTextWidth(label.contentsRect().width() if width is None else width)
    doc.documentLayout().documentSize()          # lays it out (else no lines yet)
    text = doc.toPlainText()
    first = text.index(opening)
    last = text.index(closing, first)

    def line(position: int) -> tuple[int, int]:
        block = doc.findBlock(position)
        at = block.layout().lineForTextPosition(position - block.position())
        assert at.isValid(), position
        return block.blockNumber(), at.lineNumber()
    (b0, l0), (b1, l1) = line(first), line(last)
    return l1 - l0 if b0 == b1 else l1 + 1        # (another block: at least one break)


def cut_headings(window: QWidget) -> list[str]:
    """Group boxes' titles (as the style draws them) that scroll areas' viewports cut:
    partly shown, partly not (a heading half shown above the Playback box)."""
    from PySide6.QtWidgets import QGroupBox, QStyle, QStyleOptionGroupBox
    found = []
    for group in window.findChildren(QGroupBox):
        if not group.isVisible() or not group.title():
            continue
        option = QStyleOptionGroupBox()
        group.initStyleOption(option)
        title = group.style().subControlRect(QStyle.ComplexControl.CC_GroupBox, option,
                                             QStyle.SubControl.SC_GroupBoxLabel, group)
        title = QRect(group.mapTo(window, title.topLeft()), title.size())
        shown, parent = title, group.parentWidget()
        while parent is not None and parent is not window:      # every viewport it is in
            area = parent.parentWidget()
            if isinstance(area, QAbstractScrollArea) and parent is area.viewport():
                shown = shown.intersected(window_rect(parent, window))
            parent = area
        if not shown.isEmpty() and shown != title:
            found.append(f"{group.title()!r}: {shown.height()} of its {title.height()} px "
                         f"shown at {title.getRect()}")
    return found
