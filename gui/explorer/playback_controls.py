"""Play, pause, step and reset the descent animation, and say how each path ends."""
from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QPushButton, QSlider, QStyle,
                               QVBoxLayout, QWidget)

from gui.explorer.formula_line_edit import ERROR_COLOUR
from gui.explorer.run_notices import (WARNING_SIGN, critical_end_text, diverging_text,
                                      gradient_undefined_text, no_minimum_text,
                                      start_beyond_limit, unbounded_text)
from gui.widgets import theme
from gui.widgets.button_rows import ButtonRows
from gui.widgets.field_keys import keep_slider_keys
from gui.widgets.steady_label import SteadyColumn, SteadyLabel

SPEED_MIN, SPEED_MAX = 1, 120       # steps per second


def path_status(path, frame: int, playing: bool = True, f=None) -> str:
    """Plain words for a path seen at `frame`: how it ended, once the animation got there;
    "running" only while it plays (paused, it says so: nothing is running)."""
    k = path.stop_step
    if frame < k:
        if playing:
            return f"running (step {frame})"
        return "ready to start" if frame == 0 else f"paused at step {frame}"
    if path.status == "converged":
        if k == 0:      # it never moved: say why, or "converged at step 0" reads as a fault
            gradient = "f′" if path.points.shape[1] == 1 else "∇f"
            return f"converged at step 0 ({gradient} = 0 at the start: no step moves it)"
        return f"converged at step {k}"
    if path.status == "diverged":
        if k == 0 and not math.isfinite(path.values[0]):
            # not a run that blew up: f has no value where it starts (log(x+y) at
            # (1.2, −3.5)), and "diverged at step 0" read as a fault of the method
            return "f is undefined at the start (outside its domain)"
        return (gradient_undefined_text(path, f) or start_beyond_limit(path)
                or f"diverged at step {k}")
    return "reached max steps"


class PlaybackControls(QWidget):
    def __init__(self, model, parent=None):
        super().__init__(parent)
        self.model = model
        icon = self.style().standardIcon
        px = QStyle.StandardPixmap
        self._icons = {True: icon(px.SP_MediaPause), False: icon(px.SP_MediaPlay)}

        self.reset_button = QPushButton(icon(px.SP_MediaSkipBackward), "Reset")
        self.reset_button.setToolTip("Reset: stop and go back to the start point θ₀, step 0 (R)")
        self.step_back_button = QPushButton("◀ Step")
        self.step_back_button.setToolTip("Step back: undo one update, θₖ → θₖ₋₁ (←)")
        self.play_button = QPushButton(self._icons[False], "Play")
        self.play_button.setCheckable(True)
        self.play_button.setToolTip("Play / pause the descent: one update θₖ₊₁ = θₖ − lr·d(θₖ) "
                                    "after another, d the method's direction (Space)")
        self.step_button = QPushButton("Step ▶")
        self.step_button.setToolTip("Step: take one more update θₖ → θₖ₊₁ (→)")
        # one row where the panel is wide enough (presenting at 1280×720: the 33 px the
        # Methods list lacked for Newton's row), else two rows of two
        buttons = self.button_rows = ButtonRows(columns=2, spacing=4)
        for button in (self.reset_button, self.play_button, self.step_back_button,
                       self.step_button):
            buttons.addWidget(button)

        self.speed_slider = QSlider(Qt.Orientation.Horizontal)
        self.speed_slider.setRange(SPEED_MIN, SPEED_MAX)
        keep_slider_keys(self.speed_slider)     # → moves it, not the descent
        self.speed_slider.setToolTip("Animation speed: updates shown per second "
                                     f"({SPEED_MIN}–{SPEED_MAX}); the path itself does not change")
        self.speed_label = QLabel()
        self.speed_label.setMinimumWidth(72)
        self.speed_label.setToolTip(self.speed_slider.toolTip())
        speed = QHBoxLayout()
        speed.addWidget(QLabel("speed"))
        speed.addWidget(self.speed_slider, 1)
        speed.addWidget(self.speed_label)

        # changed on every frame: SteadyLabels, which do not re-lay out the window
        self.frame_label = SteadyLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.frame_label.setProperty("themeManaged", True)   # _on_theme styles it
        self.frame_label.setToolTip("The step shown on the map, out of the longest path's steps")

        # One status line per run, built on first use, shown for the paths that exist.
        self.status_labels = {}
        self.warned: dict[str, bool] = {}   # run key -> its status line is a warning now
        # (paths, f's falling direction, {key: its "no minimum" words})
        self._no_minimum = (None, None, {})
        self._styled_for = None
        # the paths (and f's falling direction) the statuses' room was measured for
        self._reserved_for = (None, None)
        statuses = self._statuses = SteadyColumn(spacing=2)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addLayout(speed)
        layout.addWidget(self.frame_label)
        layout.addWidget(statuses)

        self.play_button.clicked.connect(self._on_play_clicked)
        self.step_button.clicked.connect(model.step)
        self.step_back_button.clicked.connect(model.step_back)
        self.reset_button.clicked.connect(model.reset)
        self.speed_slider.valueChanged.connect(self._on_speed)
        model.playingChanged.connect(self._on_playing)
        model.pathsChanged.connect(self._on_progress)
        model.frameChanged.connect(self._on_progress)
        model.playingChanged.connect(self._on_progress)
        model.lab.predictChanged.connect(self._on_progress)
        model.falling.changed.connect(self._on_progress)    # found after f, by the helper
        model.criticalPointsChanged.connect(self._on_progress)  # "no global minimum"

        self.speed_slider.setValue(int(round(min(max(model.speed, SPEED_MIN), SPEED_MAX))))
        self._on_speed(self.speed_slider.value())
        self._on_playing(model.playing)
        self._on_progress()
        self._on_theme()
        theme.notifier.changed.connect(self._on_theme)

    def _on_theme(self, _theme=None) -> None:
        """Colours from the current theme, never hard-coded: the step count in the
        foreground, each status in its method's colour made readable (4.5:1) on the
        theme's window (Newton's black turns light, blue lightens on the dark theme); sizes follow the presentation scale."""
        t = theme.current()
        self.frame_label.setStyleSheet(f"color: {t.foreground}; font-size: {t.size(13):g}pt; "
                                       "font-weight: 600;")
        for m, label in self.status_labels.items():
            self._style_status(m, label, t)

    def _style_status(self, key: str, label, t) -> None:
        """A run's line in its colour; a warning (diverging, no minimum) after a ⚠ in
        the theme's warning ink (4.5:1 on either theme), bold: it read like "ready"
        when it said "diverged at step 2"."""
        if self.warned.get(key):
            label.setStyleSheet(f"color: {t.text(ERROR_COLOUR).name()}; font-weight: 700;")
        else:
            label.setStyleSheet(f"color: {t.text(self.model.lab.colour(key)).name()}; "
                                "font-weight: 600;")

    def status_line(self, key: str, path, frame: int, playing: bool) -> tuple[str, bool]:
        """(the run's status line at `frame`, whether it is a warning): diverging (as
        soon as f rose RISES steps in a row to a new high) or diverged, with its rate;
        reached max steps where f has no minimum."""
        model = self.model
        label = model.lab.label(key)
        f = model.expression
        if f is None or len(f.variables) != path.points.shape[1]:
            # the paths of the f before: no claims about this one
            return f"{label}: {path_status(path, frame, playing)}", False
        status = f"{label}: {path_status(path, frame, playing, f)}"
        warning = diverging_text(label, f, path, frame)
        if warning:
            return warning, True
        words, end, early = self._end_words(f).get(key, ("", "", ""))
        if frame >= path.stop_step:
            if words:
                return f"{WARNING_SIGN} {status} — {words}", True
            if end:
                return f"{label}: {end}", False
        elif early:        # known from f: said before Play, not only at max steps
            return f"{WARNING_SIGN} {status} — {early}", True
        return status, False

    def _end_words(self, f) -> dict:
        """{run key: (its "no minimum" words at its end, where it converged if no
        minimum, what f alone proves before its end)}, worked out once per set of paths
        (and again when f's falling direction comes from the points helper)."""
        paths, falling = self.model.paths, self.model.falling.direction(f)
        local = any(cp.kind == "minimum" for cp in self.model.critical_points or ())
        if self._no_minimum[0] is not paths or self._no_minimum[1] != (falling, local):
            window = self.model.window
            words = {key: (no_minimum_text(f, path, window, falling, local),
                           critical_end_text(f, path, window),
                           unbounded_text(f, path, window, falling, local))
                     for key, path in paths.items()}
            self._no_minimum = (paths, (falling, local), words)
        return self._no_minimum[2]

    def _status_label(self, key: str):
        if key not in self.status_labels:
            label = SteadyLabel(word_wrap=True, reserve_in_holder=True)
            label.setProperty("themeManaged", True)
            label.setToolTip("How this run's path ends: converged (gradient ≈ 0), "
                             "diverged (values blew up) or still going at max steps")
            self._statuses.add(label)
            self.status_labels[key] = label
        return self.status_labels[key]

    def race_lines_height(self) -> int:
        """px the status lines after the first take (their room kept): what a race adds
        to the panel over a single run."""
        width = self._statuses.width()
        lines = [label for label in self.status_labels.values() if not label.isHidden()]
        return max(0, self._statuses.heightForWidth(width)
                   - (lines[0].reserved_height(width) if lines else 0))

    def status_text(self, method: str) -> str:
        """The status line shown for a run (`method`: its key; '' when it has no path)."""
        label = self.status_labels.get(method)
        return label.text() if label is not None and method in self.model.paths else ""

    def _on_play_clicked(self) -> None:
        self.model.toggle_play()
        self._on_playing(self.model.playing)    # e.g. nothing to play: the button springs back

    def _on_playing(self, playing: bool) -> None:
        blocked = self.play_button.blockSignals(True)
        self.play_button.setChecked(playing)
        self.play_button.blockSignals(blocked)
        self.play_button.setText("Pause" if playing else "Play")
        self.play_button.setIcon(self._icons[playing])

    def _on_speed(self, steps_per_second: int) -> None:
        self.speed_label.setText(f"{steps_per_second} steps/s")
        self.model.set_speed(steps_per_second)

    def _on_progress(self, *_) -> None:
        model = self.model
        frame, paths = model.frame, model.paths
        # predict, then reveal: no step total that tells how long the runs go on
        total = "" if model.lab.predict else f" / {model.last_frame}"
        self.frame_label.setText(f"step {frame}{total}")
        # new runs or colours: their lines in their colours (a style sheet set again,
        # even the same, makes the whole panel lay out and repaint: not for every new f)
        styled_for = tuple((key, model.lab.colour(key)) for key in paths)
        if styled_for != self._styled_for:
            self._styled_for = styled_for
            for key in paths:
                self._status_label(key)
            self._on_theme()
        # new paths: each status keeps the room of its longest, so Play never re-lays the
        # panel (again when the helper's "no minimum" comes: a longer line from then on)
        falling = model.falling.direction(model.expression)
        if paths is not self._reserved_for[0] or falling != self._reserved_for[1]:
            self._reserved_for = (paths, falling)
            for key, path in paths.items():
                self._status_label(key).set_reserve(
                    self.status_line(key, path, frame, playing)[0]
                    for frame in (0, path.stop_step - 1, path.stop_step)
                    for playing in (True, False))
            self._statuses.refresh()      # (the column keeps the room, all of it)
        t = None
        for method, label in self.status_labels.items():
            path = paths.get(method)
            label.setVisible(path is not None)
            if path is not None:
                text, warn = self.status_line(method, path, frame, model.playing)
                label.setText(text)
                if warn != self.warned.get(method, False):   # restyled only on a change
                    self.warned[method] = warn
                    self._style_status(method, label, t or (t := theme.current()))
        self.step_back_button.setEnabled(frame > 0)
        self.step_button.setEnabled(frame < model.last_frame)
