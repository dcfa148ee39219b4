"""The one playback clock the three tabs share: play, pause, toggle, and a tick at a set
interval. A model owns one, says what a tick does (`ticked`) and when playing may
start (`can_play`), and forwards `playingChanged` as its own signal."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal


class Playback(QObject):
    playingChanged = Signal(bool)
    ticked = Signal()

    def __init__(self, parent: QObject, interval_ms: int,
                 can_play: Callable[[], bool] = lambda: True):
        super().__init__(parent)
        self._can_play = can_play
        self._timer = QTimer(self)
        self._timer.setInterval(max(1, int(interval_ms)))
        self._timer.timeout.connect(self.ticked)

    @property
    def playing(self) -> bool:
        return self._timer.isActive()

    @property
    def interval_ms(self) -> int:
        return self._timer.interval()

    def set_interval(self, ms: int) -> None:
        """Milliseconds between ticks; takes effect at once, also while playing."""
        self._timer.setInterval(max(1, int(ms)))

    def play(self) -> None:
        if not self._timer.isActive() and self._can_play():
            self._timer.start()
            self.playingChanged.emit(True)

    def pause(self) -> None:
        if self._timer.isActive():
            self._timer.stop()
            self.playingChanged.emit(False)

    def toggle(self) -> None:
        self.pause() if self.playing else self.play()
