"""The race as a list of runs: add, duplicate, remove and reorder them, give the
selected one its own learning rate or start. The selected run is the one the step
inspector, the arrows and the overlays follow.

A view of LandscapeModel (its `settings.runs`) and of `model.lab` (the selection);
every edit goes through `model.set_settings(runs=…)`.
"""
from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, QSize, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from engine.optimizers import METHODS
from gui.explorer.hyperparameter_forms import HyperparameterForms
from gui.plots import runs as race
from gui.compute.qt_guard import qt_override
from gui.widgets import theme
from gui.widgets.field_keys import hand_keys_back, set_applies
from gui.widgets.number_box import NumberBox
from gui.widgets.number_text import short_text
from gui.widgets.palette import METHOD_LABELS


KEPT_ROWS = 3      # of the runs list, shown at rest with the buttons (kept_height)


def _button(text: str, tip: str) -> QToolButton:
    button = QToolButton(text=text)
    button.setToolTip(tip)
    button.setAutoRaise(False)
    return button


class RunsPanel(QWidget):
    # the lecturer chose a run (clicked it in the list, added or duplicated one): the
    # side panel brings its settings into view (DescentPanel.show_run_settings)
    runChosen = Signal()

    def __init__(self, model, parent=None):
        super().__init__(parent)
        self.model = model
        self.run_list = QListWidget()
        self.run_list.installEventFilter(self)
        self.run_list.setIconSize(QSize(14, 14))
        self.run_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.run_list.setToolTip("The runs racing from the start. The selected run is the "
                                 "one shown inside a step (arrows, numbers, the update).")

        self.add_button = _button("Add", "Add a run of a method (with the shared settings)")
        menu = QMenu(self.add_button)
        for method in METHODS:
            menu.addAction(METHOD_LABELS[method]).setData(method)
        menu.triggered.connect(lambda action: self.add_run(action.data()))
        self.add_button.setMenu(menu)
        self.add_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.duplicate_button = _button("Duplicate", "A copy of the selected run: change "
                                        "one setting to compare (e.g. its learning rate)")
        self.remove_button = _button("Remove", "Remove the selected run")
        self.up_button = _button("↑", "Move the selected run up")
        self.down_button = _button("↓", "Move the selected run down")
        buttons = QHBoxLayout()
        buttons.setSpacing(3)
        for b in (self.add_button, self.duplicate_button, self.remove_button,
                  self.up_button, self.down_button):
            buttons.addWidget(b)
        buttons.addStretch(1)

        self.own_lr_check = QCheckBox("own η")
        self.own_lr_check.setToolTip("Give the selected run its own learning rate "
                                     "(otherwise it uses the shared one below)")
        self.lr_box = NumberBox(1e-6, 100.0, step=0.01, adaptive=True, digits=6,
                                tooltip="The selected run's own learning rate η")
        hand_keys_back(self.lr_box)       # Enter / Escape: Space plays again
        self.own_start_check = QCheckBox("own start here")
        self.own_start_check.setToolTip("Pin the selected run's start to the current start "
                                        "point; move the shared start to race from two places")
        own = QHBoxLayout()
        own.addWidget(self.own_lr_check)
        own.addWidget(self.lr_box, 1)
        own.addWidget(self.own_start_check)

        # the selected run's own hyperparameters (over the shared ones below): change
        # one and the run's label says so ("Adam β=0.8/0.999")
        self.run_forms = HyperparameterForms()
        self.run_forms.setToolTip("The selected run's own settings; the other runs of "
                                  "its method keep theirs")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addWidget(self.run_list)
        layout.addLayout(buttons)
        layout.addLayout(own)
        self._rows = (buttons, own)
        layout.addWidget(self.run_forms)

        # view → model
        self.run_list.currentRowChanged.connect(self._on_row)
        self.duplicate_button.clicked.connect(lambda: self._edit(race.duplicate))
        self.remove_button.clicked.connect(lambda: self._edit(race.remove))
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self.own_lr_check.toggled.connect(self._on_own_lr)
        self.lr_box.valueChanged.connect(self._on_own_lr)
        self.own_start_check.toggled.connect(self._on_own_start)
        self.run_forms.changed.connect(self._on_run_hyper)
        # model → view
        model.settingsChanged.connect(self._on_settings)
        model.lab.selectedChanged.connect(self._on_selected)
        theme.notifier.changed.connect(self._on_theme)
        self._on_settings(model.settings)

    def kept_height(self) -> int:
        """How much of the panel a scrolling side panel shows at rest (from its top): the
        list (its first KEPT_ROWS rows), the buttons and the own-η row, never cut through
        (the selected run's settings under them may scroll)."""
        rows = min(self.run_list.count(), KEPT_ROWS)
        listed = sum(self.run_list.sizeHintForRow(i) for i in range(rows))
        spacing = self.layout().spacing()
        return (listed + 2 * self.run_list.frameWidth() + 2
                + sum(spacing + row.sizeHint().height() for row in self._rows))

    # --- reading -------------------------------------------------------------------
    def labels(self) -> list[str]:
        return [self.run_list.item(i).text() for i in range(self.run_list.count())]

    def _index(self) -> int:
        key = self.model.lab.selected
        return next((i for i, r in enumerate(self.model.settings.runs) if r.key == key), 0)

    # --- view → model -------------------------------------------------------------
    def add_run(self, method: str) -> None:
        runs = race.add(self.model.settings.runs, method)
        self.model.set_settings(runs=runs)
        self.model.lab.select(runs[-1].key)
        self.runChosen.emit()

    def _edit(self, operation) -> None:
        index = self._index()
        before = {r.key for r in self.model.settings.runs}
        runs = operation(self.model.settings.runs, index)
        self.model.set_settings(runs=runs)
        new = [r.key for r in self.model.settings.runs if r.key not in before]
        if new:                       # a duplicate: select it, ready to be changed
            self.model.lab.select(new[0])
            self.runChosen.emit()

    def _move(self, delta: int) -> None:
        self.model.set_settings(runs=race.move(self.model.settings.runs, self._index(), delta))

    def _on_row(self, row: int) -> None:
        runs = self.model.settings.runs
        if 0 <= row < len(runs):
            self.model.lab.select(runs[row].key)
            self.runChosen.emit()

    def _replace_selected(self, **changes) -> None:
        runs = list(self.model.settings.runs)
        index = self._index()
        runs[index] = replace(runs[index], **changes)
        self.model.set_settings(runs=tuple(runs))

    def _on_own_lr(self, *_) -> None:
        own = self.own_lr_check.isChecked()
        set_applies(self.lr_box, own)
        self._replace_selected(lr=float(self.lr_box.value()) if own else None)

    def _on_run_hyper(self, method: str, name: str, value) -> None:
        run = self.model.lab.selected_run()
        if run is not None and run.method == method:
            self._replace_selected(hyper={**run.hyper, name: value})

    def _on_own_start(self, on: bool) -> None:
        self._replace_selected(start=tuple(self.model.start) if on else None)

    # --- model → view --------------------------------------------------------------
    def _on_settings(self, settings) -> None:
        lab = self.model.lab
        blocked = self.run_list.blockSignals(True)
        self.run_list.clear()
        for run in settings.runs:
            text = lab.label(run.key)
            if run.start is not None:
                text += "  (own start)"
            item = QListWidgetItem(theme.swatch(lab.colour(run.key)), text)
            item.setToolTip(f"{METHOD_LABELS[run.method]}, η = "
                            f"{short_text(race.effective_lr(run, settings.lr) or 1)}")
            self.run_list.addItem(item)
        self.run_list.setCurrentRow(self._index())
        self.run_list.blockSignals(blocked)
        self._fit_list_height()
        self.remove_button.setEnabled(len(settings.runs) > 1)
        self.duplicate_button.setEnabled(len(settings.runs) < race.MAX_RUNS)
        self.add_button.setEnabled(len(settings.runs) < race.MAX_RUNS)
        self._show_selected()

    def _fit_list_height(self) -> None:
        """The list as tall as its rows (at most 8), in the font it has now."""
        rows = sum(self.run_list.sizeHintForRow(i) for i in range(self.run_list.count()))
        self.run_list.setFixedHeight(min(rows, 8 * self.run_list.sizeHintForRow(0))
                                     + 2 * self.run_list.frameWidth() + 2)

    @qt_override
    def eventFilter(self, watched, event):
        # The theme's signal comes before the new text size reaches the list's font: the
        # rows were measured in the old font, and after presentation mode (text size 2)
        # the list kept rows of 24 px for 17 (the side panel then scrolled differently).
        if watched is self.run_list and event.type() == QEvent.Type.FontChange:
            self._fit_list_height()
        return super().eventFilter(watched, event)

    def _on_selected(self, _key) -> None:
        blocked = self.run_list.blockSignals(True)
        self.run_list.setCurrentRow(self._index())
        self.run_list.blockSignals(blocked)
        self._show_selected()

    def _show_selected(self) -> None:
        run = self.model.lab.selected_run()
        if run is None:
            return
        for widget, value in ((self.own_lr_check, run.lr is not None),
                              (self.own_start_check, run.start is not None)):
            blocked = widget.blockSignals(True)
            widget.setChecked(value)
            widget.blockSignals(blocked)
        set_applies(self.lr_box, run.lr is not None)
        settings = self.model.settings
        self.run_forms.show_settings((run.method,), {
            run.method: race.effective_hyper(run, settings.hyper)})
        shown = race.effective_lr(run, self.model.settings.lr)
        self.lr_box.set_quietly(1.0 if shown is None else shown)

    def _on_theme(self, _theme=None) -> None:
        self._on_settings(self.model.settings)
