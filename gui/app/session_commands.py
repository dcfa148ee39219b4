"""The window's commands on session files: New, Open, Save, Save as (a part of
`WindowCommands`, which mixes it in: it uses the command object's window `w`).

What the user asks for from a menu or key (New, Open, a recent file, a sample lecture,
Quit) first asks "Save / Discard / Cancel" when unsaved work would be lost
(`when_discarded`); the commands themselves (`new_session`, `open`) do as told."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from gui.app.presets import default_preset
from gui.app.session import SUFFIX, SessionError


class SessionCommands:
    def report(self, message: str, title="Gradient Lab"):
        """Tell the user without blocking (a modal box would freeze a running lecture)."""
        self.last_message = message
        self.w.statusBar().showMessage(message, 15000)
        box = QMessageBox(QMessageBox.Icon.Warning, title, message, parent=self.w)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def when_discarded(self, proceed) -> None:
        """Run `proceed` (it replaces or closes the session) once nothing unsaved would be
        lost: at once if nothing would be, else after the answer Save (and it was saved)
        or Discard; Cancel or Esc: never. The question is window-modal but does not block
        the caller (`discard_question` holds it while it shows)."""
        question = self.w.lecture_commands.unsaved_work()
        if question is None:
            proceed()
            return
        buttons = QMessageBox.StandardButton
        box = QMessageBox(QMessageBox.Icon.Question, "Unsaved changes", question,
                          buttons.Save | buttons.Discard | buttons.Cancel, self.w)
        box.setInformativeText("Save keeps it in a file first, Discard throws it away, "
                               "Cancel (Esc) goes back to it.")
        box.setDefaultButton(buttons.Save)
        box.setEscapeButton(buttons.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered(button):
            self.discard_question = None
            answer = box.standardButton(button)
            if answer == buttons.Discard or (answer == buttons.Save and self.save()):
                proceed()
        box.buttonClicked.connect(answered)
        self.discard_question = box
        box.open()

    def ask_new(self):
        self.when_discarded(self.new_session)

    def quit(self):
        """Ctrl+Q: the window closes; unsaved work the last session will not bring back
        at the next start (reopening it is off) is asked about first."""
        if self.w.session.kept_at_close:
            self.w.close()
        else:
            self.when_discarded(self.w.close)

    def new_session(self):
        def reset():
            self.w.model.view_states.reset()      # before the example: it frames the camera
            self.w.model.load_preset(default_preset())
            self.w.neuron_model.set_state(self._initial["neuron"])
            self.w.network_model.set_state(self._initial["network"])
        self.w.session.new(reset)
        # a start over puts the views where a fresh window has them
        self.w.splitter_memory.restore(self.w)
        self.w.explorer.show_from_top()

    def open(self, path) -> bool:
        try:
            self.w.session.open(path)
        except SessionError as exc:
            self.report(str(exc), "Session not opened")
            return False
        self.w.statusBar().showMessage(f"Opened {Path(path).name}", 5000)
        return True

    def save(self) -> bool:
        if self.w.session.path is None:
            return self.ask_save_as()
        return self.save_as(self.w.session.path)

    def save_as(self, path) -> bool:
        path = Path(path)
        if not path.name.endswith(".json"):
            path = path.with_name(path.name + SUFFIX)
        try:
            self.w.session.save(path)
        except (OSError, ValueError) as exc:
            self.report(f"The session was not saved: {exc}", "Not saved")
            return False
        self.w.statusBar().showMessage(f"Saved {path.name}", 5000)
        return True

    def session_dir(self) -> str:
        return str(self.w.settings.value("session/dir", str(Path.home())))

    def ask_open(self):
        self.when_discarded(self._choose_and_open)

    def open_recent(self, path):
        self.when_discarded(lambda: self.open(path))

    def _choose_and_open(self):
        path, _ = QFileDialog.getOpenFileName(self.w, "Open session", self.session_dir(),
                                              f"Gradient Lab sessions (*{SUFFIX} *.json)")
        if path:
            self.w.settings.setValue("session/dir", str(Path(path).parent))
            self.open(path)

    def ask_save_as(self) -> bool:
        path, _ = QFileDialog.getSaveFileName(self.w, "Save session", self.session_dir(),
                                              f"Gradient Lab sessions (*{SUFFIX})")
        if not path:
            return False
        self.w.settings.setValue("session/dir", str(Path(path).parent))
        return self.save_as(path)

