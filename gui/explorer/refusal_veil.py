"""While the formula typed is refused, the views and the formula panel show another f:
the one the user had before this edit (`LandscapeModel.show_instead`). A lecturer and the
class must see at once that the picture is not of the text in the field: the views and
formulas are dimmed, and a banner over the views names the f they show, where the text
is wrong, and that Play and Step wait (`FrameSteps.held`).

It shows when the editor's error line does (after a pause in typing, or at once on
Enter): a text refused for one key on the way to a valid one (x^ before x^2) dims
nothing.

The veils take the mouse: a dimmed view is not live, and a click on the map went through
and moved the start of the f shown, not of the one typed (a drag moved the curve's
tangent point, a wheel zoomed the window). A click on the veil takes the user to the
error instead: the editor, its caret at the place blamed."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QWidget

from gui.compute.qt_guard import qt_override
from gui.explorer.formula_line_edit import ERROR_COLOUR
from gui.widgets import theme
from gui.widgets.theme import VEIL_ALPHA
BANNER_MARGIN = 10        # px between the views' top and the banner, and inside it


class Veil(QWidget):
    """A translucent cover over `target`, a child of `host` (an ancestor of the target;
    a splitter cannot be its parent: it would take it as one of its panes), following
    the target's place. It takes the mouse (no click, drag or wheel reaches the views
    under it); a press is `clicked`."""

    clicked = Signal()

    def __init__(self, target: QWidget, host: QWidget):
        super().__init__(host)
        self.target, self.host = target, host
        self.lines: tuple[str, str] = ("", "")      # the banner (none when empty)
        self.covering = False     # (not isVisible(): a hidden tab hides it, and shown
                                  # again it must come back with the tab)
        self.setVisible(False)
        widget = target
        while widget is not None and widget is not host:    # its place moves with these
            widget.installEventFilter(self)
            widget = widget.parentWidget()

    @qt_override
    def eventFilter(self, watched, event):
        if event.type() in (QEvent.Type.Move, QEvent.Type.Resize, QEvent.Type.Show,
                            QEvent.Type.Hide) and self.covering:
            self.place()
        return False

    @qt_override
    def mousePressEvent(self, event):
        event.accept()
        self.clicked.emit()

    @qt_override
    def mouseReleaseEvent(self, event):
        event.accept()

    @qt_override
    def mouseDoubleClickEvent(self, event):
        event.accept()

    @qt_override
    def mouseMoveEvent(self, event):
        event.accept()

    @qt_override
    def wheelEvent(self, event):
        event.accept()          # (ignored, it would reach the page, which scrolls)

    def place(self) -> None:
        top_left = self.target.mapTo(self.host, QPoint(0, 0))
        self.setGeometry(QRect(top_left, self.target.size()))
        self.setVisible(self.target.isVisible())
        self.raise_()

    def cover(self, on: bool) -> None:
        self.covering = on
        if on:
            self.place()
        else:
            self.setVisible(False)
        self.update()

    def banner_rect(self) -> QRectF | None:
        """Where the banner is drawn, in this widget's pixels; None without one."""
        lines = self.banner_lines()
        if not lines:
            return None
        box = lines[0][0].united(lines[1][0])
        return box.adjusted(-BANNER_MARGIN, -BANNER_MARGIN / 2, BANNER_MARGIN, BANNER_MARGIN)

    def banner_lines(self) -> list[tuple[QRectF, str, QFont]]:
        """[(rect, text, font)] the banner's two lines as drawn: the f shown (bold,
        elided in the middle where the veil is too narrow) and the problem, word-wrapped
        to as many lines as it needs (cut, at 1280 × 720 it lost the place named and
        "Play and Step wait …"). Empty without a banner."""
        if not self.lines[0]:
            return []
        bold, plain = self._font(True), self._font(False)
        fm_bold, fm = QFontMetrics(bold), QFontMetrics(plain)
        # (+ a margin's slack: the painter's metrics ran a few px wider than these)
        room = max(self.width() - 4 * BANNER_MARGIN, 1)
        first = fm_bold.elidedText(self.lines[0], Qt.TextElideMode.ElideMiddle,
                                   room - BANNER_MARGIN)
        wrap = int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignHCenter)
        second = fm.boundingRect(QRect(0, 0, room - BANNER_MARGIN, 1 << 16), wrap, self.lines[1])
        width = min(max(fm_bold.horizontalAdvance(first), second.width()) + BANNER_MARGIN, room)
        left, top = (self.width() - width) / 2, 1.5 * BANNER_MARGIN
        return [(QRectF(left, top, width, fm_bold.height()), first, bold),
                (QRectF(left, top + fm_bold.height(), width, second.height()),
                 self.lines[1], plain)]

    def _font(self, bold: bool) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * (1.35 if bold else 1.1))
        font.setBold(bold)
        return font

    @qt_override
    def paintEvent(self, _event):
        t = theme.current()
        painter = QPainter(self)
        veil = QColor(t.window)
        veil.setAlpha(VEIL_ALPHA)
        painter.fillRect(self.rect(), veil)
        rect = self.banner_rect()
        if rect is not None:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QPen(QColor(ERROR_COLOUR), t.pen_width(3)))
            painter.setBrush(QColor(t.background))
            painter.drawRoundedRect(rect, 6, 6)
            flags = int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
                        | Qt.TextFlag.TextWordWrap)
            colours = (t.text(t.foreground, on=t.background), t.text(ERROR_COLOUR, on=t.background))
            for (line_rect, text, font), colour in zip(self.banner_lines(), colours):
                painter.setFont(font)
                painter.setPen(colour)
                painter.drawText(line_rect, flags, text)
        painter.end()


class RefusalVeil(QObject):
    """The veils over the views (with the banner), the formula panel and the playback
    buttons (held: they would run the f shown, not the one typed), shown while the
    editor shows a refused text's error; `veiled` tells when they come and go."""

    veiled = Signal(bool)

    def __init__(self, model, editor, host: QWidget, views: QWidget, formulas: QWidget,
                 playback: QWidget):
        super().__init__(host)
        self.model, self.editor = model, editor
        self.views, self.formulas = Veil(views, host), Veil(formulas, host)
        self.playback = Veil(playback, host)
        self.shown = False
        self.on = False                 # the veils cover (the last `veiled`)
        for veil in (self.views, self.formulas, self.playback):
            veil.clicked.connect(self.go_to_error)
        editor.errorShown.connect(self._on_error_shown)
        model.errorChanged.connect(self._refresh)
        model.expressionChanged.connect(self._refresh)

    def banner(self) -> tuple[str, str]:
        """The banner's two lines: the f on screen, and why it is not the text typed."""
        error = self.model.error
        position = getattr(error, "position", None)
        where = f" at character {position + 1}" if position is not None else ""
        # the problem itself too: presenting folds the editor and its error line away
        problem = str(error).splitlines()[0] if error is not None else ""
        if where and where.strip() not in problem:
            problem += where
        return (f"Showing f = {self.model.shown_text.strip()}, not the text typed",
                f"error: {problem} · Play and Step wait until it is fixed")

    def _on_error_shown(self, shown: bool) -> None:
        self.shown = shown and self.model.error is not None
        self._refresh()

    def _refresh(self, *_):
        on = self.shown and self.model.error is not None
        self.views.lines = self.banner() if on else ("", "")
        self.views.cover(on)
        self.formulas.cover(on)
        self.playback.cover(on)
        if on != self.on:
            self.on = on
            self.veiled.emit(on)

    def go_to_error(self) -> None:
        """The keyboard to the editor, its caret at the character blamed (at the end of
        the text when the error names no place), where the user fixes the text."""
        if not self.on:
            return
        field = self.editor.line_edit
        position = getattr(self.model.error, "position", None)
        field.setFocus(Qt.FocusReason.OtherFocusReason)
        field.deselect()
        field.setCursorPosition(len(field.text()) if position is None else position)
