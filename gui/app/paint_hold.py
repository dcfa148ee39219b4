"""A window's paints held while a change of look applies (presentation mode, a theme, a
text size): each is several layouts (the text's new size, the page's fit to its height,
the map's refits), each laid out and painted on its own otherwise, so the class saw the
map jump (a text-size step: 478×252 px, then 478×264). Held, the window paints once,
when all of them applied: one change on screen."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from gui.compute.qt_guard import qt_override

LAYOUT_TURNS = 8          # event-loop turns a change's layouts may take


class PaintsHeld(QObject):
    """Installed on a window: its paint passes (UpdateRequest) wait, while what changes
    stays marked to paint in the next pass that is let through."""

    @qt_override
    def eventFilter(self, _obj, event) -> bool:
        return event.type() == QEvent.Type.UpdateRequest


class PaintHold(QObject):
    """Holds `window`'s paints from `hold()` until its layouts have settled."""

    def __init__(self, window: QWidget):
        super().__init__(window)
        self.w = window
        self._filter = PaintsHeld(self)
        self.holding = False
        self._turns_left = 0
        # a timer of the window's (not a static single shot): "a one-shot timer pending"
        # is how a caller knows the window is still settling
        self._next_turn = QTimer(self, singleShot=True, interval=0)
        self._next_turn.timeout.connect(self._show_when_laid_out)

    def start(self) -> None:
        """Paints held from now (the release not yet queued: see `release_when_laid_out`)."""
        self.holding = True
        self.w.installEventFilter(self._filter)

    def hold(self) -> None:
        """Paints held until the layouts queued so far, and those they queue, applied."""
        self.start()
        self._turns_left = LAYOUT_TURNS
        self._next_turn.start()

    def _show_when_laid_out(self) -> None:
        """After the change's queued fits (`settle_presentation`: queued before this,
        they run first): the layouts they asked for applied, and the follow-ups
        those queued for the next turn (zero-interval timers: the page's fit to its
        height, which moved the map's window once more) run, then one repaint."""
        for _ in range(3):     # a fold reaches the page's layout through its parents'
            QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        pending = any(t.isActive() and t.isSingleShot() and t.interval() == 0
                      for t in self.w.findChildren(QTimer))
        self._turns_left -= 1
        if pending and self._turns_left > 0:
            self._next_turn.start()
            return
        self.w.removeEventFilter(self._filter)
        self.holding = False
        # one pass, of the whole window (the layouts moved nearly everything; a tool bar's
        # » button marked only where it went stayed drawn where it was too), started by
        # hand: the pass held was the one Qt had asked for
        self.w.update()
        QCoreApplication.postEvent(self.w, QEvent(QEvent.Type.UpdateRequest))
