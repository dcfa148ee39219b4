"""The side panel that sets up gradient descent: methods, step size, noise, start point,
and the playback of the animation with each path's outcome.

A view of LandscapeModel: every control pushes its edit through the model's setters,
and `_on_settings` / `_on_start` show the model's state back without re-emitting.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, QTimer
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QFormLayout, QGroupBox,
                               QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
                               QScrollArea, QSpinBox, QVBoxLayout, QWidget)

from engine.optimizers import METHODS

from gui.widgets import theme
from gui.explorer.hyperparameter_forms import HyperparameterForms
from gui.explorer.learning_rate_control import LearningRateControl
from gui.widgets.field_keys import hand_keys_back, set_applies
from gui.widgets.number_box import NumberBox
from gui.widgets.number_text import short_text
from gui.widgets.scroll_page import VerticalScrollArea
from gui.widgets.palette import METHOD_COLOURS, METHOD_LABELS
from gui.explorer.playback_controls import PlaybackControls
from gui.explorer.runs_panel import RunsPanel
from gui.compute.bounds import STEPS_MAX, STEPS_MIN     # also the command line's --steps
from gui.compute.qt_guard import qt_override

from gui.explorer.start_editor import StartEditor

METHOD_TIPS = {
    "gd": "θ ← θ − lr·∇f: a step straight downhill, proportional to the slope.",
    "momentum": "Heavy ball: velocity v ← μv + ∇f, θ ← θ − lr·v; speeds along valleys.",
    "nesterov": "Momentum that corrects with a look-ahead: θ ← θ − lr·(∇f + μv).",
    "adagrad": "Divides each coordinate's step by √(sum of its squared gradients): steps shrink.",
    "rmsprop": "Divides each coordinate's step by a running RMS of its recent gradients.",
    "adam": "Momentum plus RMSprop's per-coordinate scaling, with bias correction.",
    "newton": "θ ← θ − H⁻¹∇f: uses curvature, so a quadratic is solved in one step; "
              "it seeks any critical point, saddles too. Ignores the shared learning "
              "rate: η = 1 (the full step) unless its run sets its own η (a click on "
              "Newton's curve in the learning-rate sweep gives it one).",
}


def newton_note(runs) -> str:
    """The Methods list's note after "Newton": the η its runs step with, in run order.
    _recompute_paths passes lr=None for a Newton run without its own η (the engine's full
    step, η = 1); a run with its own η (from the learning-rate sweep) steps θ − η·H⁻¹∇f.
    "(always lr = 1)" was false once a run had its own."""
    etas = [1.0 if run.lr is None else run.lr for run in runs if run.method == "newton"]
    shown = list(dict.fromkeys(etas or [1.0]))
    more = ", …" if len(shown) > 2 else ""
    return "(η = " + ", ".join(short_text(eta, ".3g") for eta in shown[:2]) + more + ")"


def _quiet(widget, setter, value) -> None:
    """Set a value on a widget without its change signal (a model → view update)."""
    blocked = widget.blockSignals(True)
    setter(value)
    widget.blockSignals(blocked)


class DescentPanel(QWidget):
    def __init__(self, model, parent=None):
        super().__init__(parent)
        self.model = model
        # no fixed minimum width: the settings' scroll area asks for its fields' width (at
        # every text size), and the status lines wrap

        # --- methods: a checkable list, colour swatch = the colour on every view
        self.method_list = QListWidget()
        self.method_list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.method_list.setIconSize(QSize(14, 14))
        self.method_list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.method_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for m in METHODS:
            text = METHOD_LABELS[m] + (f"  {newton_note(())}" if m == "newton" else "")
            item = QListWidgetItem(theme.swatch(METHOD_COLOURS[m]), text)
            item.setData(Qt.ItemDataRole.UserRole, m)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setToolTip(METHOD_TIPS[m])
            self.method_list.addItem(item)
        self._fit_method_list()
        self.method_list.setToolTip("Tick the methods to race from the same start point")

        # --- learning rate
        self.lr_control = LearningRateControl()
        self.newton_note = QLabel("Newton ignores the shared learning rate: it takes the "
                                  "full step H⁻¹∇f (η = 1) unless its run sets its own η.")
        self.newton_note.setWordWrap(True)
        self.newton_note.setStyleSheet(f"color: {METHOD_COLOURS['newton']}; font-style: italic;")

        # --- the chosen methods' own settings
        self.hyper_forms = HyperparameterForms()

        # --- gradient and stopping
        self.noise_box = NumberBox(0.0, 100.0, step=0.1, tooltip=(
            "Standard deviation of random noise added to every gradient, as in stochastic "
            "gradient descent (0 = the exact gradient)."))
        self.seed_box = QSpinBox(minimum=0, maximum=2**31 - 1, keyboardTracking=False)
        self.seed_box.setToolTip("Random seed of the noise: the same seed repeats the same run")
        self.clip_check = QCheckBox("clip ‖g‖ to")
        self.clip_check.setToolTip("Rescale any gradient longer than the maximum norm "
                                   "down to that length (gradient clipping)")
        self.clip_box = NumberBox(1e-3, 1e4, step=0.5, tooltip="The maximum gradient norm")
        self.clip_box.setValue(1.0)
        self.max_steps_box = QSpinBox(minimum=STEPS_MIN, maximum=STEPS_MAX, singleStep=10,
                                      keyboardTracking=False)
        self.max_steps_box.setToolTip("Stop after this many steps if the path has "
                                      "neither converged nor diverged")
        # Enter applies and Escape cancels, and either gives Space, → and R back
        hand_keys_back(self.noise_box, self.seed_box, self.clip_box, self.max_steps_box)
        clip_row = QHBoxLayout()
        clip_row.addWidget(self.clip_check)
        clip_row.addWidget(self.clip_box, 1)
        gradient = QFormLayout()
        gradient.addRow(self._label("noise (SGD-style)", self.noise_box), self.noise_box)
        gradient.addRow(self._label("noise seed", self.seed_box), self.seed_box)
        gradient.addRow(clip_row)
        gradient.addRow(self._label("max steps", self.max_steps_box), self.max_steps_box)

        # --- start point: one box per variable, however many
        self.start_editor = StartEditor(model)
        start = QVBoxLayout()
        start.addWidget(self.start_editor)

        self.playback = PlaybackControls(model)

        settings = QWidget()
        column = QVBoxLayout(settings)
        column.setContentsMargins(0, 0, 4, 0)
        # the learning rate first, the most-used control: under Methods and Runs it was
        # below the 1280×720 panel's fold with three methods ticked (y 323 in 290 px),
        # and first it is first in the keys' focus order too
        self.lr_group = self._group("Learning rate (shared)", self.lr_control)
        column.addWidget(self.lr_group)
        methods_group = self._group("Methods", self.method_list)
        column.addWidget(methods_group)
        self.runs_panel = RunsPanel(model)    # the race: runs with their own settings
        # the Newton note under the runs (where a run's own η is set), past the part kept
        # whole: in the rate's group, kept whole at the top, its three lines folded the
        # 1280×720 Explorer's formulas with Newton ticked
        runs_group = self._group("Runs", self.runs_panel, self.newton_note)
        # kept whole at rest: its title and the panel's list, buttons and own-η row, and
        # no more: the group's bottom margin counted in too let the top 6 px of the
        # selected run's "Momentum settings" header show under them, cut by the edge
        runs_group.kept_height = lambda: (runs_group.contentsMargins().top()
                                          + runs_group.layout().contentsMargins().top()
                                          + self.runs_panel.kept_height())
        column.addWidget(runs_group)
        self.hyper_group = self._group("Method settings", self.hyper_forms)
        column.addWidget(self.hyper_group)
        column.addWidget(self._group("Gradient and stopping", gradient))
        self.start_group = self._group("Start point", start)
        column.addWidget(self.start_group)
        column.addStretch(1)
        # scrolls up and down; never narrower than its fields (none cut at the right)
        scroll = self.settings_area = VerticalScrollArea()
        scroll.setWidget(settings)
        self._kept_groups = (self.lr_group, methods_group, runs_group)
        # kept without the Runs (presenting, a page that would scroll): the rate and as
        # much of Methods as the area kept before the rate came first (Methods whole), so
        # the panel asks for no more height than it did and folds where it folded
        whole = lambda w: w.sizeHint().expandedTo(w.minimumSizeHint()).height()  # noqa: E731
        methods_group.kept_height = lambda: max(0, whole(methods_group) - whole(self.lr_group)
                                                - column.spacing())
        self._methods_kept = True
        self.keep_runs_whole(True)            # never cut through their buttons
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(scroll, 1)
        self.playback_group = self._group("Playback", self.playback)
        self._presenting, self._playback_titled = False, True
        layout.addWidget(self.playback_group)

        self._runs_group = runs_group
        # after the chosen run's form is shown or hidden and laid out
        self._show_run_settings = QTimer(self, singleShot=True, interval=0)
        self._show_run_settings.timeout.connect(self.show_run_settings)
        self.runs_panel.runChosen.connect(self._show_run_settings.start)

        # view → model
        self.method_list.itemChanged.connect(self._on_method_item)
        self.lr_control.changed.connect(lambda lr: model.set_settings(lr=lr))
        self.hyper_forms.changed.connect(model.set_hyper)
        self.noise_box.valueChanged.connect(self._on_noise)
        self.seed_box.valueChanged.connect(lambda s: model.set_settings(seed=int(s)))
        self.clip_check.toggled.connect(self._on_clip)
        self.clip_box.valueChanged.connect(self._on_clip)
        self.max_steps_box.valueChanged.connect(lambda n: model.set_settings(max_steps=int(n)))
        # model → view
        model.settingsChanged.connect(self._on_settings)
        model.presetChanged.connect(self._on_preset)

        self._on_settings(model.settings)
        theme.notifier.changed.connect(self._on_theme)
        # (a bound slot of this QObject: Qt drops the connection when the panel goes)

    def set_presenting(self, on: bool) -> None:
        """Presenting, the Playback box without its title (its buttons say what it is):
        the 22 px let a run's status line beside Gradient descent's (Newton ticked) keep
        all seven Methods' rows in view at 1280×720."""
        self._presenting = on
        self._title_playback()

    def keep_playback_title(self, on: bool) -> None:
        """Off: the Playback box without its title in the window too (the page's first
        give-way, gui.explorer.page_fit): x³'s status "⚠ Gradient descent: ready to
        start — no minimum: f → −∞ as x → −∞" takes two lines of the 263-px panel at
        1280×720, and the 14 px more pushed the Runs out of whole view."""
        self._playback_titled = on
        self._title_playback()

    def _title_playback(self) -> None:
        titled = self._playback_titled and not self._presenting
        self.playback_group.setTitle("Playback" if titled else "")

    def keep_runs_whole(self, on: bool) -> None:
        """The settings area as tall as the rate, Methods and the Runs' list and buttons
        (the page scrolls where they do not fit), or (off) as tall as Methods alone, the
        rate first; either way it shows whole groups at rest (`VerticalScrollArea`)."""
        self._runs_kept = on
        self._keep_groups()

    def keep_methods_whole(self, on: bool) -> None:
        """Off: the settings area asks for the rate's height alone, Methods (and the Runs)
        scroll under it. At text size 2 in a 1280×720 window the rate and Methods held
        the side panel at 540 px, the page scrolled 93 px and the map's x-axis lay below
        the window's edge."""
        self._methods_kept = on
        self._keep_groups()

    def _keep_groups(self) -> None:
        count = 1 if not self._methods_kept else 3 if self._runs_kept else 2
        # without Methods the area is still tall enough for a chosen run's own settings
        # to show whole once scrolled to (show_run_settings): else a 75-px slit at text
        # size 2 on 1280×720 cut "Momentum settings" through its fields
        self.settings_area.least_height = \
            (lambda: 0) if self._methods_kept else self._run_form_height
        self.settings_area.keep_whole(*self._kept_groups[:count])

    def _run_form_height(self) -> int:
        """px the chosen run's own settings form takes (0: none shown)."""
        forms = self.runs_panel.run_forms
        return max((f.sizeHint().height() for f in forms.forms.values()
                    if f.isVisibleTo(forms) and forms.isVisibleTo(self)), default=0)

    def show_run_settings(self) -> None:
        """Scroll the side panel (and the page around it) so the chosen run's own settings
        show whole: at rest they are scrolled away under its buttons, and a lecturer who
        selects the Momentum run expects to see its momentum μ. The Runs group whole when
        it fits, else its settings form whole (the list may scroll away above)."""
        forms = self.runs_panel.run_forms
        if not any(f.isVisible() for f in forms.forms.values()):
            return
        self.settings_area.widget().layout().activate()
        self.settings_area.setViewportMargins(0, 0, 0, 0)   # (its band at rest: snapped
        areas, widget = [], self.parentWidget()             # again once scrolled)
        while widget is not None:            # the explorer's page scrolls at text size 2
            if isinstance(widget, QScrollArea):
                areas.append(widget)
            widget = widget.parentWidget()
        for area in (self.settings_area, *areas):
            area.ensureWidgetVisible(self._runs_group, 0, 0)
            area.ensureWidgetVisible(forms, 0, 0)

    def _fit_method_list(self) -> None:
        """Every method's row shown without scrolling, at the current font (a presentation
        scale makes rows taller: the height is measured again on every font change)."""
        rows = sum(self.method_list.sizeHintForRow(i) for i in range(self.method_list.count()))
        self.method_list.setFixedHeight(rows + 2 * self.method_list.frameWidth() + 2)

    def _on_theme(self, _theme=None) -> None:
        for i in range(self.method_list.count()):
            item = self.method_list.item(i)
            # quietly: a new icon is an itemChanged, which re-sent the ticked methods in
            # the list's order, so a look change reordered the model's methods (Beale's
            # gd, adam, rmsprop became gd, rmsprop, adam, and its caption "no longer
            # applies" after dark → light)
            _quiet(self.method_list, item.setIcon,
                   theme.swatch(METHOD_COLOURS[item.data(Qt.ItemDataRole.UserRole)]))
        self._fit_method_list()

    @qt_override
    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_method_list()

    @qt_override
    def sizeHint(self) -> QSize:
        return QSize(310, super().sizeHint().height())

    @qt_override
    def minimumSizeHint(self) -> QSize:
        # the playback's status lines wrap: at the panel's width it is taller than its
        # minimum (measured wider), and the layout took the difference from the settings
        # area, cutting the Runs group it keeps whole (settings_area.keep_whole)
        hint = super().minimumSizeHint()
        layout, group = self.layout(), self.playback_group
        margins = layout.contentsMargins()
        width = max(self.width(), hint.width()) - margins.left() - margins.right()
        playback = group.heightForWidth(width) if group.hasHeightForWidth() else -1
        playback = max(playback, group.minimumSizeHint().height())
        hint.setHeight(max(hint.height(), margins.top() + margins.bottom() + layout.spacing()
                           + self.settings_area.minimumSizeHint().height() + playback))
        return hint

    @staticmethod
    def _label(text: str, buddy) -> QLabel:
        label = QLabel(text)
        label.setToolTip(buddy.toolTip())
        return label

    @staticmethod
    def _group(title: str, *contents) -> QGroupBox:
        group = QGroupBox(title)
        layout = QVBoxLayout(group)
        layout.setContentsMargins(6, 4, 6, 6)
        for c in contents:
            layout.addLayout(c) if not isinstance(c, QWidget) else layout.addWidget(c)
        return group

    # --- view → model ----------------------------------------------------------
    def checked_methods(self) -> tuple[str, ...]:
        items = (self.method_list.item(i) for i in range(self.method_list.count()))
        return tuple(it.data(Qt.ItemDataRole.UserRole) for it in items
                     if it.checkState() == Qt.CheckState.Checked)

    def set_method_checked(self, method: str, checked: bool) -> None:
        """Tick or untick a method as a click on its box would."""
        item = self.method_list.item(METHODS.index(method))
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def _on_method_item(self, item: QListWidgetItem) -> None:
        methods = self.checked_methods()
        if not methods:             # at least one path: undo unticking the last one
            _quiet(self.method_list, item.setCheckState, Qt.CheckState.Checked)
            return
        self.model.set_settings(methods=methods)

    def _on_noise(self, noise: float) -> None:
        set_applies(self.seed_box, noise > 0)
        self.model.set_settings(noise=float(noise))

    def _on_clip(self, *_) -> None:
        on = self.clip_check.isChecked()
        set_applies(self.clip_box, on)
        self.model.set_settings(clip=float(self.clip_box.value()) if on else None)

    # --- model → view ----------------------------------------------------------
    def _on_settings(self, s) -> None:
        for i, m in enumerate(METHODS):
            state = Qt.CheckState.Checked if m in s.methods else Qt.CheckState.Unchecked
            _quiet(self.method_list, self.method_list.item(i).setCheckState, state)
        self.lr_control.set_value(s.lr)
        self.newton_note.setVisible("newton" in s.methods)
        newton = self.method_list.item(METHODS.index("newton"))
        text = f"{METHOD_LABELS['newton']}  {newton_note(s.runs)}"
        if newton.text() != text:
            _quiet(self.method_list, newton.setText, text)
        self.hyper_forms.show_settings(s.methods, s.hyper)
        self.hyper_group.setVisible(self.hyper_forms.has_forms(s.methods))
        self.noise_box.set_quietly(s.noise)
        set_applies(self.seed_box, s.noise > 0)
        _quiet(self.seed_box, self.seed_box.setValue, s.seed)
        _quiet(self.clip_check, self.clip_check.setChecked, s.clip is not None)
        set_applies(self.clip_box, s.clip is not None)
        if s.clip is not None:
            self.clip_box.set_quietly(s.clip)
        _quiet(self.max_steps_box, self.max_steps_box.setValue, s.max_steps)

    def _on_preset(self, _preset) -> None:
        self._on_settings(self.model.settings)

    @property
    def start_boxes(self) -> list:
        """The start point's number boxes, one per variable (gui.explorer.start_editor)."""
        return self.start_editor.boxes

    @property
    def start_labels(self) -> list:
        return self.start_editor.labels
