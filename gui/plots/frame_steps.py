"""The model's clock hands: the frame shown, play, step and speed (`LandscapeModel`'s,
kept apart so the model stays one screen of state and analysis).

While the formula's text is refused the views show another f (gui.explorer.refusal_veil
names it); Play and Step hold then instead of running that f in front of the class."""
from __future__ import annotations

import numpy as np


class FrameSteps:
    """Mixed into LandscapeModel: needs `_frame`, `_paths`, `_speed`, `_error`, `playback`
    and the `frameChanged` signal."""

    # the text in the field is refused: the f on screen is not the one typed
    held = property(lambda self: self._error is not None)

    @property
    def last_frame(self) -> int:
        """The frame at which every path has ended."""
        return max((len(p.points) - 1 for p in self._paths.values()), default=0)

    def _set_frame(self, frame: int) -> None:
        frame = int(np.clip(frame, 0, self.last_frame))
        if frame != self._frame:
            self._frame = frame
            self.frameChanged.emit(frame)

    def set_frame(self, frame: int) -> None:
        self._set_frame(frame)

    def play(self) -> None:
        if self.held:
            return
        if self._frame >= self.last_frame:
            self._set_frame(0)
        self.playback.play()

    def pause(self) -> None:
        self.playback.pause()

    def toggle_play(self) -> None:
        self.pause() if self.playing else self.play()

    def step(self) -> None:
        if not self.held:
            self._set_frame(self._frame + 1)

    def step_back(self) -> None:
        if not self.held:
            self._set_frame(self._frame - 1)

    def reset(self) -> None:
        self.pause()
        self._set_frame(0)

    def set_speed(self, steps_per_second: float) -> None:
        self._speed = float(np.clip(steps_per_second, 0.5, 240.0))
        self.playback.set_interval(self._interval())

    def _interval(self) -> int:
        return max(1, int(round(1000.0 / self._speed)))

    def _on_tick(self) -> None:
        if self._frame >= self.last_frame:
            self.pause()
        else:
            self._set_frame(self._frame + 1)
