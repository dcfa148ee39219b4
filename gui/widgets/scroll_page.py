"""A page that scrolls instead of widening its window.

A tab whose controls need more room than the screen has (a 1024×768 projector at text
size 2) would otherwise raise the window's minimum size past the screen: Qt grows a
top-level window to its layout's minimum, and a QTabWidget's minimum is the largest of
all its pages, the hidden ones too. Inside a scroll area the page asks for almost no
minimum; when it truly cannot fit, scroll bars appear and nothing is cut off.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget


def scroll_page(page: QWidget) -> QWidget:
    """Give `page` a layout holding one frameless scroll area, and return the widget
    inside it: lay the page's contents out in that widget (not in `page`).

    The inner widget fills the page whenever the page is at least as large as the
    inner widget's minimum (no scroll bars then, the page looks as it did)."""
    content = QWidget()
    content.setObjectName("scrollPageContent")
    area = QScrollArea()
    area.setObjectName("scrollPage")
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(content)
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
