"""The scenes of the lecture in a panel that folds away (F9): the list (click to jump,
drag to reorder, double-click to rename), add / update / duplicate / delete, the
speaker notes and the scene's steps of the current scene.

A view of LectureController: it redraws on the controller's signals and pushes every
edit back through it (so each edit is one undo entry and marks the file modified).
"""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (QAbstractItemView, QDockWidget, QGridLayout, QLabel, QLineEdit,
                               QListView, QListWidget, QListWidgetItem, QPlainTextEdit,
                               QPushButton, QVBoxLayout, QWidget)

from gui.app.lecture import STEP_KINDS, LectureError, check_step, describe_step

NOTES_DEBOUNCE_MS = 400


def parse_steps(text: str) -> list[dict]:
    """'reveal 1; play_to 20; tab neuron' -> [{"reveal": 1}, {"play_to": 20}, {"tab": "neuron"}].

    Plain splitting, never eval: a kind is one of STEP_KINDS, a number is digits.
    """
    steps = []
    for part in (p.strip() for p in text.replace(",", ";").split(";")):
        if not part:
            continue
        words = part.split()
        if len(words) != 2 or words[0] not in STEP_KINDS:
            raise LectureError(f"write a step as 'kind value' ({', '.join(STEP_KINDS)}), "
                               f"not {part!r}")
        kind, value = words
        steps.append(check_step({kind: value if kind in ("tab", "focus") else
                                 int(value) if value.isdigit() else value}))
    return steps


def format_steps(steps: list[dict]) -> str:
    return "; ".join(f"{k} {v}" for step in steps for k, v in step.items())


class ScenePanel(QDockWidget):
    def __init__(self, commands, parent=None):
        super().__init__("Scenes", parent or commands.w)
        self.setObjectName("scenePanel")
        self.commands, self.lecture = commands, commands.lecture
        body = QWidget()
        layout = QVBoxLayout(body)
        self.list = QListWidget()
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        # a long title wraps in the narrow panel rather than hide its end past a scroll bar
        self.list.setWordWrap(True)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.list.itemClicked.connect(self._on_clicked)
        self.list.itemChanged.connect(self._on_renamed)
        # a drop may reach the model as a move or as remove + insert: read the order back
        self.list.model().rowsMoved.connect(self._on_rows_changed)
        self.list.model().rowsInserted.connect(self._on_rows_changed)
        layout.addWidget(self.list, 2)
        # two rows of two: in one row the four set the panel's width (356 px, not
        # the width lecture_commands.panel_width gives), and at 1280×720 the Explorer,
        # 914 px wide, folded its formulas
        buttons = QGridLayout()
        self.buttons = {}
        for i, (key, text, slot) in enumerate((("add", "Add", commands.add_scene),
                                               ("update", "Update", self.lecture.update_current),
                                               ("duplicate", "Duplicate", self._duplicate),
                                               ("delete", "Delete", self._delete))):
            b = QPushButton(text)
            b.clicked.connect(slot)
            buttons.addWidget(b, i // 2, i % 2)
            self.buttons[key] = b
        self.buttons["add"].setToolTip(commands.actions["add_scene"].toolTip())
        self.buttons["update"].setToolTip(commands.actions["update_scene"].toolTip())
        layout.addLayout(buttons)
        self.progress = QLabel()
        self.progress.setWordWrap(True)
        layout.addWidget(self.progress)
        # wraps: on one line it alone held the panel 266 px wide (PANEL_SHARE)
        steps_label = QLabel("Steps (PageDown plays them in turn):")
        steps_label.setWordWrap(True)
        layout.addWidget(steps_label)
        self.steps_edit = QLineEdit()
        self.steps_edit.setPlaceholderText("e.g. reveal 1; play_to 20; stage 3; train 200")
        self.steps_edit.editingFinished.connect(self._on_steps_edited)
        layout.addWidget(self.steps_edit)
        layout.addWidget(QLabel("Notes:"))
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText("What to say over this scene")
        self._notes_timer = QTimer(self)
        self._notes_timer.setSingleShot(True)
        self._notes_timer.setInterval(NOTES_DEBOUNCE_MS)
        self._notes_timer.timeout.connect(self._on_notes_edited)
        self.notes.textChanged.connect(self._notes_timer.start)
        layout.addWidget(self.notes, 1)
        self.setWidget(body)
        self._filling = False
        self.lecture.lectureChanged.connect(self.refresh)
        self.lecture.sceneChanged.connect(self.refresh)
        self.lecture.stepChanged.connect(self._show_progress)
        self.lecture.departedChanged.connect(self.refresh)
        self.refresh()

    # --- model -> view ------------------------------------------------------------------
    def refresh(self, *_):
        lec = self.lecture
        self._filling = True
        try:
            self.list.clear()
            if not lec.live:
                for i, scene in enumerate(lec.scenes):
                    item = QListWidgetItem(scene.title)
                    item.setData(Qt.ItemDataRole.UserRole, i)     # the scene it shows
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
                    item.setToolTip(scene.notes or scene.title)
                    self.list.addItem(item)
                # left the scene: no highlight says "you are here" (a click brings it back)
                self.list.setCurrentRow(-1 if lec.departed else lec.index)
                if lec.departed:
                    self._mark_left(self.list.item(lec.index))
            if self.notes.toPlainText() != lec.scene.notes:
                self.notes.setPlainText(lec.scene.notes)
            self.steps_edit.setText(format_steps(lec.scene.steps))
        finally:
            self._filling = False
        # Update overwrites the scene with what is shown: once that is no longer the
        # scene, the button says so (it turned scene 1 into the Network page unasked)
        update = self.buttons["update"]
        update.setText(f"Overwrite {lec.index + 1}" if lec.departed and not lec.live else "Update")
        update.setToolTip(f"Scene {lec.index + 1} becomes what the app shows now"
                          if lec.departed else self.commands.actions["update_scene"].toolTip())
        for key in ("duplicate", "delete"):
            self.buttons[key].setEnabled(not lec.live and (key != "delete" or len(lec.scenes) > 1))
        self.notes.setEnabled(not lec.live)
        self.steps_edit.setEnabled(not lec.live)
        self._show_progress()

    @staticmethod
    def _mark_left(item) -> None:
        font = item.font()
        font.setItalic(True)
        item.setFont(font)
        item.setToolTip("Changed since it was shown: click it to show the scene again, "
                        "Overwrite to make it what is shown now")

    def _show_progress(self, *_):
        lec = self.lecture
        if lec.live:
            self.progress.setText("No scenes yet: set up the app and press “Add” "
                                  "(Ctrl+Shift+N) for each scene of the lecture.")
            return
        steps = lec.scene.steps
        text = f"Scene {lec.index + 1} of {len(lec.scenes)}"
        if lec.departed:
            self.progress.setText(f"{text} (changed): click it to show it again, or "
                                  f"Overwrite {lec.index + 1} to keep what is shown")
            return
        if steps:
            done = lec.steps_done
            upcoming = (f"next: {describe_step(steps[done])}" if done < len(steps)
                        else "next: the next scene")
            text += f" · step {done} of {len(steps)} · {upcoming}"
        self.progress.setText(text)

    # --- view -> model ------------------------------------------------------------------
    def _on_clicked(self, item):
        row = self.list.row(item)
        # the current scene too once the app was changed away from it: it shows again
        if row != self.lecture.index or self.lecture.check_departed():
            self.commands.go_to(row)

    def _on_renamed(self, item):
        if not self._filling:
            self.lecture.rename(self.list.row(item), item.text().strip() or "Untitled scene")

    def _on_rows_changed(self, *_):
        if not self._filling:
            QTimer.singleShot(0, self._read_order)       # after Qt has finished the drop

    def _read_order(self):
        order = [self.list.item(i).data(Qt.ItemDataRole.UserRole)
                 for i in range(self.list.count())]
        if sorted(o for o in order if o is not None) == list(range(len(self.lecture.scenes))) \
                and len(order) == len(self.lecture.scenes):
            self.lecture.reorder(order)
        else:
            self.refresh()

    def _on_notes_edited(self):
        if not self._filling and not self.lecture.live:
            self.lecture.set_notes(self.lecture.index, self.notes.toPlainText())

    def _on_steps_edited(self):
        if self._filling or self.lecture.live:
            return
        try:
            self.lecture.set_steps(self.lecture.index, parse_steps(self.steps_edit.text()))
        except LectureError as exc:
            self.commands.w.statusBar().showMessage(str(exc), 10000)
            self.steps_edit.setText(format_steps(self.lecture.scene.steps))

    def _duplicate(self):
        self.lecture.duplicate(self.lecture.index)

    def _delete(self):
        self.lecture.delete(self.lecture.index)
        self.commands.go_to(self.lecture.index)
